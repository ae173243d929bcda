-- Lookup tables for the API: by CID / eth hash, by address (any form), messages by address.

CREATE TABLE IF NOT EXISTS actors
(
    id          UInt64,
    robust      SimpleAggregateFunction(max, String),
    delegated   SimpleAggregateFunction(max, String),
    eth         SimpleAggregateFunction(max, String),
    code_cid    SimpleAggregateFunction(anyLast, String),
    actor_type  SimpleAggregateFunction(anyLast, String),
    first_seen  SimpleAggregateFunction(min, UInt64),
    last_seen   SimpleAggregateFunction(max, UInt64)
)
ENGINE = AggregatingMergeTree
ORDER BY id;

CREATE TABLE IF NOT EXISTS address_index
(
    address     String,                   -- 'f0…', 'f1…'/'f2…'/'f3…', 'f410f…' (f prefix) or '0x…' lowercase
    actor_id    UInt64,
    kind        LowCardinality(String),   -- id | robust | delegated | eth
    indexed_at  DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree(indexed_at)
ORDER BY address;

CREATE TABLE IF NOT EXISTS cid_lookup
(
    key          String,                  -- message CID, 0x eth tx hash, or block CID
    kind         LowCardinality(String),  -- message | eth_tx | block
    height       UInt64,
    tipset_key   String,
    message_cid  String,                  -- the message for message/eth_tx, '' for block
    indexed_at   DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree(indexed_at)
ORDER BY (key, height, tipset_key);

CREATE TABLE IF NOT EXISTS address_messages
(
    actor_id     UInt64,
    height       UInt64,
    tipset_key   String,
    message_cid  String,
    role         LowCardinality(String),  -- from | to
    via_subcall  UInt8,                   -- 1: the actor appears only in a sub-call
    implicit     UInt8,
    method       UInt64,
    indexed_at   DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree(indexed_at)
ORDER BY (actor_id, height, message_cid, role, via_subcall);

-- Canonical views: rows whose (height, tipset_key) is the current tipset of their height.
-- Readers should add a height range to the subquery for large scans.
CREATE VIEW IF NOT EXISTS canonical_tipsets AS
SELECT * FROM tipsets FINAL;

CREATE VIEW IF NOT EXISTS canonical_messages AS
SELECT * FROM messages FINAL
WHERE (height, tipset_key) IN (SELECT height, tipset_key FROM tipsets FINAL);

CREATE VIEW IF NOT EXISTS canonical_subcalls AS
SELECT * FROM subcalls FINAL
WHERE (height, tipset_key) IN (SELECT height, tipset_key FROM tipsets FINAL);

CREATE VIEW IF NOT EXISTS canonical_events AS
SELECT * FROM events FINAL
WHERE (height, tipset_key) IN (SELECT height, tipset_key FROM tipsets FINAL);

CREATE VIEW IF NOT EXISTS canonical_blocks AS
SELECT * FROM blocks FINAL
WHERE (height, tipset_key) IN (SELECT height, tipset_key FROM tipsets FINAL);

CREATE VIEW IF NOT EXISTS canonical_creations AS
SELECT * FROM creations FINAL
WHERE (height, tipset_key) IN (SELECT height, tipset_key FROM tipsets FINAL);
