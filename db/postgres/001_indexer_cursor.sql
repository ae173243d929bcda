-- Where each indexing job stands: the last height it finished, durable across restarts.
CREATE TABLE IF NOT EXISTS indexer_cursor
(
    job        text PRIMARY KEY,
    height     bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
