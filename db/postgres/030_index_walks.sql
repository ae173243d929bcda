-- Walks (backfills) requested by configuration or POST /api/v1/admin/index {from,to}.
-- next_height is the first height not yet enqueued; a walk is finished when it passes to_height.
-- Together with indexer_cursor these rows are the ranges the gaps job checks.
CREATE TABLE IF NOT EXISTS index_walks
(
    id           BIGSERIAL PRIMARY KEY,
    from_height  BIGINT      NOT NULL CHECK (from_height >= 0),
    to_height    BIGINT      NOT NULL CHECK (to_height >= from_height),
    next_height  BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS index_walks_active ON index_walks (id) WHERE finished_at IS NULL;

-- The follow job's first height (its cursor row's `height` is the last height it enqueued):
-- the follow range start..height is what the gaps job checks for completeness.
ALTER TABLE indexer_cursor ADD COLUMN IF NOT EXISTS start_height BIGINT;
