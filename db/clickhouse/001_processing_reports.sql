-- One row per indexing attempt of a height (lily's visor processing report). The newest
-- attempt wins: ReplacingMergeTree keeps the row with the latest finished_at per height.
CREATE TABLE IF NOT EXISTS processing_reports
(
    height         UInt64,
    tipset_key     String,
    status         LowCardinality(String),
    mode           LowCardinality(String),
    attempt        UInt32,
    started_at     DateTime64(3),
    finished_at    DateTime64(3),
    duration_ms    UInt32,
    block_count    UInt32,
    message_count  UInt32,
    subcall_count  UInt32,
    event_count    UInt32,
    creation_count UInt32,
    error          String
)
ENGINE = ReplacingMergeTree(finished_at)
ORDER BY height;
