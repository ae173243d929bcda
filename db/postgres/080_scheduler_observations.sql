-- What the scheduler (the instance holding the scheduler lease) last saw, for every instance's
-- /api/v1/status: the node's head and confidence at follow's last poll, and the heights the gaps
-- job's last sweep found missing. One row; the other instances poll nothing themselves.
CREATE TABLE IF NOT EXISTS scheduler_observations
(
    id              SMALLINT PRIMARY KEY CHECK (id = 1),
    head_height     BIGINT,
    confidence      INTEGER     NOT NULL DEFAULT 0,
    missing_heights BIGINT      NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
