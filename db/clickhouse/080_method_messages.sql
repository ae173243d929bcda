-- Messages by method, newest first (issue 14 item 3, issue 15): GET /messages?method= read every
-- canonical message and sorted them. This narrow table is sorted for that list, so a page reads
-- its limit + 1 keys in reverse sort order and stops; api.MessageLists then reads only those
-- messages, under the canonical rule (docs/STORAGE.md) applied to the messages rows themselves
-- (a message CID has one method, so no attempt columns are needed here). Re-indexing writes the
-- same keys again; the reader drops duplicates, merges remove them.
-- A materialized view fills it from every insert into messages (the pipeline is unchanged); the
-- INSERT below fills it once from the messages already indexed, so existing installs upgrade in
-- place. Re-runnable: a second copy of a key is a duplicate like any other.
CREATE TABLE IF NOT EXISTS method_messages
(
    method       UInt64,
    height       UInt64,
    message_cid  String,
    implicit     UInt8
)
ENGINE = ReplacingMergeTree
ORDER BY (method, height, message_cid)
SETTINGS index_granularity = 1024;

CREATE MATERIALIZED VIEW IF NOT EXISTS method_messages_writer TO method_messages AS
SELECT method, height, cid AS message_cid, implicit FROM messages;

INSERT INTO method_messages SELECT method, height, cid AS message_cid, implicit FROM messages;
