-- H2 keeps every LOB value it returns referenced by the session for minutes (LOB_TIMEOUT), so reading many
-- rows with CLOB columns fills the heap. The JSON columns are small enough to live inline in the row.
ALTER TABLE repository_view ALTER COLUMN manifest VARCHAR(1000000);
ALTER TABLE repository_view ALTER COLUMN remote_tags VARCHAR(1000000);
ALTER TABLE sync_run ALTER COLUMN layers_added VARCHAR(1000000);
ALTER TABLE sync_run ALTER COLUMN layers_removed VARCHAR(1000000);
