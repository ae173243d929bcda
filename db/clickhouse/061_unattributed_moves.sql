-- What a tipset's balance changes leave out (docs/HISTORY.md "Actors without an ID"): the net value
-- moved to parties its trace names only by a robust address (actors the tipset itself created, in
-- traces before Lotus 1.26). sum(balance_changes.delta) + unattributed = 0 for every complete tipset,
-- which is what the state verification's conservation check tests. Rows written before this
-- migration read 0 (no DEFAULT expression, so rows stay insertable as RowBinary).
ALTER TABLE tipsets ADD COLUMN IF NOT EXISTS unattributed Int256 AFTER mode;
