-- What each indexed tipset shows of an actor (issue 14, item 5): one row per fact (an address form,
-- the code CID, the actor type) with the attempt that saw it (height, tipset_key, indexed_at).
-- `actors` aggregated every sighting with max()/anyLast() and no tipset, so after a fork that gave
-- an actor ID to another address the actor could be rendered with the orphaned fork's form. Here a
-- fact counts under the canonical rule (docs/STORAGE.md), and each kind of fact takes the newest
-- canonical one. 'seen' (value '') records an actor a tipset names by its ID only.
-- `actors` is no longer written; readers use it only for actors and kinds indexed before 073.
CREATE TABLE IF NOT EXISTS actor_facts
(
    actor_id    UInt64,
    kind        LowCardinality(String),   -- robust | delegated | eth | code_cid | actor_type | seen
    value       String,
    height      UInt64,
    tipset_key  String,
    indexed_at  DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree(indexed_at)
ORDER BY (actor_id, kind, height, value, tipset_key, indexed_at);
