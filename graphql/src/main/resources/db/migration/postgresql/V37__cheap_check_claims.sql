-- Scheduled checks (issue 14): a check's claim is its own column, not indexed, so that claiming a row no longer
-- moves the indexed next_check_at. A row is due when next_check_at has passed and it is not claimed (claimed_until
-- null or passed); a check lost with its node (a crash) is due again once its claim ends, as before.
ALTER TABLE sync_check ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;

-- Every unchanged check updates rows in place. PostgreSQL keeps an updated row's old version until it is pruned
-- (on a later visit of its page, no vacuum needed) or vacuumed; the new version goes on the same page only if the
-- page has room, else to a new page at the end of the table, which only a vacuum makes reusable. Room on each page
-- keeps the new versions on their page, where pruning reclaims the old ones between two cycles: the claim (only the
-- unindexed claimed_until) and the series' sync_run row (finished_at, unchanged_checks) are then HOT updates (no new
-- index entry at all). Applies to pages written from now on; existing full pages gain room as their rows move.
ALTER TABLE sync_check SET (fillfactor = 50);
ALTER TABLE sync_run SET (fillfactor = 90);
ALTER TABLE repository_view SET (fillfactor = 70);
