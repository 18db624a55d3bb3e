-- The repository list sorts by name, last sync, sync status and creation (repositories(orderBy:)), keyset-paged:
-- one index per order with and without a namespace filter, each ending in the tie-breakers, so that every page
-- is a range scan starting at the cursor (read backwards for DESC). (namespace, name) and
-- (sync_status, namespace, name) exist already; (name, namespace) replaces the index on name alone.
CREATE INDEX repository_view_name_namespace ON repository_view (name, namespace);
DROP INDEX repository_view_name;
CREATE INDEX repository_view_created ON repository_view (created_at, namespace, name);
CREATE INDEX repository_view_namespace_created ON repository_view (namespace, created_at, name);
CREATE INDEX repository_view_last_synced ON repository_view (last_synced, namespace, name);
CREATE INDEX repository_view_namespace_last_synced ON repository_view (namespace, last_synced, name);
CREATE INDEX repository_view_namespace_status ON repository_view (namespace, sync_status, name);
