-- Scheduled checks (issue 14): a check's claim is its own column, not indexed, so that claiming a row no longer
-- moves the indexed next_check_at. A row is due when next_check_at has passed and it is not claimed (claimed_until
-- null or passed); a check lost with its node (a crash) is due again once its claim ends, as before.
ALTER TABLE sync_check ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
