-- State history (docs/HISTORY.md): what each tipset's execution did to each actor's balance.
-- Same canonical rule as the chain tables: a row counts when its (height, tipset_key) is the
-- tipsets FINAL row of its height; re-indexing rewrites the same sort keys (ReplacingMergeTree).

-- One row per (actor, height): the net change that executing the tipset's messages made.
CREATE TABLE IF NOT EXISTS balance_changes
(
    actor_id      UInt64,
    height        UInt64,
    tipset_key    String,
    delta         Int256,                 -- attoFIL, signed
    nonce         Nullable(UInt64),       -- the actor's nonce after the tipset, when it sent a message
    message_cids  Array(String),          -- the messages that moved its balance, execution order
    complete      UInt8,                  -- 0 in degraded mode: sub-call value moves unknown
    indexed_at    DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree(indexed_at)
ORDER BY (actor_id, height);

-- Starting points: an actor's state read from the node (StateGetActor) at the tipset where filflow
-- first saw it, i.e. before that tipset's messages ran. Balance after height H = the latest
-- snapshot at or below H + the deltas from the snapshot's height to H.
CREATE TABLE IF NOT EXISTS balance_snapshots
(
    actor_id    UInt64,
    height      UInt64,
    tipset_key  String,
    balance     UInt256,
    nonce       UInt64,
    indexed_at  DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree(indexed_at)
ORDER BY (actor_id, height);

-- What the state verification found (POST /api/v1/admin/verify, docs/HISTORY.md).
CREATE TABLE IF NOT EXISTS state_mismatches
(
    run_id          String,
    actor_id        UInt64,
    height          UInt64,
    kind            LowCardinality(String),   -- balance | nonce | conservation | negative
    indexed_value   String,
    node_value      String,
    checked_at      DateTime64(6, 'UTC')
)
ENGINE = MergeTree
ORDER BY (run_id, height, actor_id);
