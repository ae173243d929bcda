-- Which actor an address names, as each indexed tipset shows it (issue 14, item 5). A fork can give
-- an actor ID to another address than the canonical chain does; address_index (one row per
-- address, the last written wins) kept such a mapping until the same address was written again.
-- Here every sighting carries its attempt (height, tipset_key, indexed_at), a row counts under the
-- canonical rule (docs/STORAGE.md), and an address names the actor of its newest canonical
-- sighting. ID forms are not stored: an ID address names its actor by itself.
CREATE TABLE IF NOT EXISTS address_sightings
(
    address     String,                   -- robust 'f1…'/'f2…'/'f3…', delegated 'f410f…' (f prefix) or '0x…' lowercase
    actor_id    UInt64,
    kind        LowCardinality(String),   -- robust | delegated | eth
    height      UInt64,
    tipset_key  String,
    indexed_at  DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree(indexed_at)
ORDER BY (address, height, tipset_key, indexed_at, actor_id);
