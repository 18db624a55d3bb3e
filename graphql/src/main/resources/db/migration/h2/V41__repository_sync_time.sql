-- Scheduled checks (issue 14): a repository's lastSynced and nextSyncAt move on every check, and nothing else of its
-- catalogue row does. They now live in a narrow table of their own, beside repository_view (one row per live
-- repository, written by the catalogue's handlers in the same transaction as its row, and by the checks), so that an
-- unchanged check no longer writes a new version of the wide catalogue row: on PostgreSQL that update could never be
-- HOT (the list's two last_synced indexes and the search index got new entries each time); on H2 it rewrote the page
-- of a row holding the manifest and the tag list. The list's LAST_SYNCED order is served by this table's indexes (with
-- and without a namespace filter, each ending in the tie-breakers), joined to the catalogue by id.
CREATE TABLE repository_sync_time (
    repository_id VARCHAR(64) NOT NULL PRIMARY KEY,
    namespace     VARCHAR(63) NOT NULL,
    -- as repository_view.name: a DNS-1123 subdomain (V10)
    name          VARCHAR(253) NOT NULL,
    -- the later of the last run's result and the last unchanged scheduled check; null: never synced
    last_synced   TIMESTAMP WITH TIME ZONE,
    -- when the next sync or check is planned; null before the first run's result
    next_sync_at  TIMESTAMP WITH TIME ZONE
);
INSERT INTO repository_sync_time (repository_id, namespace, name, last_synced, next_sync_at)
SELECT repository_id, namespace, name, last_synced, next_sync_at FROM repository_view;
CREATE INDEX repository_sync_time_last_synced ON repository_sync_time (last_synced, namespace, name);
CREATE INDEX repository_sync_time_namespace_last_synced ON repository_sync_time (namespace, last_synced, name);
DROP INDEX repository_view_last_synced;
DROP INDEX repository_view_namespace_last_synced;
ALTER TABLE repository_view DROP COLUMN last_synced;
ALTER TABLE repository_view DROP COLUMN next_sync_at;
