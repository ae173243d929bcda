-- The canonical rule names the indexing attempt (docs/STORAGE.md): a row counts when its
-- (height, tipset_key, indexed_at) is the tipsets FINAL row of its height. Every row of one
-- attempt carries the attempt's indexed_at, so rows of an earlier attempt of the same tipset that a
-- re-index no longer yields (fewer events, a switch to degraded mode) stop counting.
CREATE OR REPLACE VIEW canonical_messages AS
SELECT * FROM messages FINAL
WHERE (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL);

CREATE OR REPLACE VIEW canonical_subcalls AS
SELECT * FROM subcalls FINAL
WHERE (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL);

CREATE OR REPLACE VIEW canonical_events AS
SELECT * FROM events FINAL
WHERE (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL);

CREATE OR REPLACE VIEW canonical_blocks AS
SELECT * FROM blocks FINAL
WHERE (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL);

CREATE OR REPLACE VIEW canonical_creations AS
SELECT * FROM creations FINAL
WHERE (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL);

CREATE OR REPLACE VIEW canonical_block_messages AS
SELECT * FROM block_messages FINAL
WHERE (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL);
