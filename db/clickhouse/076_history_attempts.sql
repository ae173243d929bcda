-- The state history under the attempt rule (issue 14, item 6; docs/STORAGE.md): balance_changes and
-- balance_snapshots kept ORDER BY (actor_id, height) and the (height, tipset_key) rule, so a
-- re-index that yields fewer changes (a switch to degraded mode, a fix) left the former attempt's
-- changes of other actors canonical, and a failed attempt's rows replaced the committed one's.
-- Now the attempt (tipset_key, indexed_at) joins the sort key and readers take the rows of the
-- attempt tipsets FINAL names: a re-index replaces the height's history rows wholesale when it
-- commits, and a failed attempt's rows never count.
-- Reshaped like 071 (a column cannot join a sort key): copy into a table with the new key, exchange
-- atomically, drop the old layout. Re-runnable after a crash at any statement.

DROP TABLE IF EXISTS balance_changes_by_attempt;
CREATE TABLE balance_changes_by_attempt AS balance_changes
ENGINE = ReplacingMergeTree(indexed_at) ORDER BY (actor_id, height, tipset_key, indexed_at);
INSERT INTO balance_changes_by_attempt SELECT * FROM balance_changes;
EXCHANGE TABLES balance_changes AND balance_changes_by_attempt;
DROP TABLE balance_changes_by_attempt;

DROP TABLE IF EXISTS balance_snapshots_by_attempt;
CREATE TABLE balance_snapshots_by_attempt AS balance_snapshots
ENGINE = ReplacingMergeTree(indexed_at) ORDER BY (actor_id, height, tipset_key, indexed_at);
INSERT INTO balance_snapshots_by_attempt SELECT * FROM balance_snapshots;
EXCHANGE TABLES balance_snapshots AND balance_snapshots_by_attempt;
DROP TABLE balance_snapshots_by_attempt;
