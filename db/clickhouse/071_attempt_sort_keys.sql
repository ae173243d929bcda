-- Every indexing attempt of a height keeps its own rows (issue 14, docs/STORAGE.md "Idempotency"):
-- the attempt (indexed_at) joins the sort key of every table whose reads take the canonical
-- attempt. Before, a re-index wrote the same sort keys with a newer indexed_at, so from its first
-- insert to its tipsets row the height's rows belonged to no canonical attempt (a message answered
-- 404 while its height was indexed again), and a re-index that failed halfway left the good
-- attempt's rows replaced. Now the last committed attempt stays visible until the tipsets row of
-- the next one is written, and a failed attempt hides nothing.
-- ClickHouse cannot add an existing column to a sort key, so each table is copied into one with the
-- new key and the two are exchanged atomically (the old layout is dropped). Columns, skip indexes
-- and settings come from the table as it is (CREATE TABLE ... AS). Re-runnable after a crash at any
-- statement: a leftover copy is dropped first, and the copy is made from the table as it is then.

DROP TABLE IF EXISTS blocks_by_attempt;
CREATE TABLE blocks_by_attempt AS blocks
ENGINE = ReplacingMergeTree(indexed_at) ORDER BY (height, cid, indexed_at);
INSERT INTO blocks_by_attempt SELECT * FROM blocks;
EXCHANGE TABLES blocks AND blocks_by_attempt;
DROP TABLE blocks_by_attempt;

DROP TABLE IF EXISTS block_messages_by_attempt;
CREATE TABLE block_messages_by_attempt AS block_messages
ENGINE = ReplacingMergeTree(indexed_at) PARTITION BY intDiv(height, 1000000) ORDER BY (height, block_cid, message_cid, indexed_at);
INSERT INTO block_messages_by_attempt SELECT * FROM block_messages;
EXCHANGE TABLES block_messages AND block_messages_by_attempt;
DROP TABLE block_messages_by_attempt;

DROP TABLE IF EXISTS messages_by_attempt;
CREATE TABLE messages_by_attempt AS messages
ENGINE = ReplacingMergeTree(indexed_at) PARTITION BY intDiv(height, 1000000) ORDER BY (height, cid, indexed_at);
INSERT INTO messages_by_attempt SELECT * FROM messages;
EXCHANGE TABLES messages AND messages_by_attempt;
DROP TABLE messages_by_attempt;

DROP TABLE IF EXISTS subcalls_by_attempt;
CREATE TABLE subcalls_by_attempt AS subcalls
ENGINE = ReplacingMergeTree(indexed_at) PARTITION BY intDiv(height, 1000000) ORDER BY (height, message_cid, idx, indexed_at);
INSERT INTO subcalls_by_attempt SELECT * FROM subcalls;
EXCHANGE TABLES subcalls AND subcalls_by_attempt;
DROP TABLE subcalls_by_attempt;

DROP TABLE IF EXISTS events_by_attempt;
CREATE TABLE events_by_attempt AS events
ENGINE = ReplacingMergeTree(indexed_at) PARTITION BY intDiv(height, 1000000) ORDER BY (height, message_cid, idx, indexed_at);
INSERT INTO events_by_attempt SELECT * FROM events;
EXCHANGE TABLES events AND events_by_attempt;
DROP TABLE events_by_attempt;

DROP TABLE IF EXISTS creations_by_attempt;
CREATE TABLE creations_by_attempt AS creations
ENGINE = ReplacingMergeTree(indexed_at) ORDER BY (height, message_cid, call_path, indexed_at);
INSERT INTO creations_by_attempt SELECT * FROM creations;
EXCHANGE TABLES creations AND creations_by_attempt;
DROP TABLE creations_by_attempt;

DROP TABLE IF EXISTS cid_lookup_by_attempt;
CREATE TABLE cid_lookup_by_attempt AS cid_lookup
ENGINE = ReplacingMergeTree(indexed_at) ORDER BY (key, height, tipset_key, indexed_at);
INSERT INTO cid_lookup_by_attempt SELECT * FROM cid_lookup;
EXCHANGE TABLES cid_lookup AND cid_lookup_by_attempt;
DROP TABLE cid_lookup_by_attempt;

DROP TABLE IF EXISTS address_messages_by_attempt;
CREATE TABLE address_messages_by_attempt AS address_messages
ENGINE = ReplacingMergeTree(indexed_at) ORDER BY (actor_id, height, message_cid, role, via_subcall, indexed_at);
INSERT INTO address_messages_by_attempt SELECT * FROM address_messages;
EXCHANGE TABLES address_messages AND address_messages_by_attempt;
DROP TABLE address_messages_by_attempt;
