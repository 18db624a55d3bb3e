-- A repository's name may be a DNS-1123 subdomain of up to 253 characters (V10), but the schedule's copy of it
-- (sync_check, V26) held 63: the sync-checks processor could not insert the row of a longer name (the error was
-- logged), so such a repository had no scheduled check. The column is widened, and the rows that were left out are
-- written from the catalogue: the image, its source and policy, the last digest, whether the last run failed, and
-- the next check (none while a run is open, as the processor keeps it), at the catalogue's last applied event.
ALTER TABLE sync_check ALTER COLUMN name SET DATA TYPE VARCHAR(253);
INSERT INTO sync_check (repository_id, namespace, name, registry_namespace, registry_name, repository, tag,
                        sync_interval, sync_timeout, retry_count, digest, failed, next_check_at, event_seq)
SELECT v.repository_id, v.namespace, v.name, v.registry_namespace, v.registry_name, v.repository, v.tag,
       v.sync_interval, v.sync_timeout, v.retry_count, v.digest, v.sync_status = 'FAILED',
       CASE WHEN v.sync_status IN ('SUCCESS', 'FAILED') THEN t.next_sync_at END, v.event_seq
FROM repository_view v LEFT JOIN repository_sync_time t ON t.repository_id = v.repository_id
WHERE NOT EXISTS (SELECT 1 FROM sync_check c WHERE c.repository_id = v.repository_id);

-- The same 63 in the layers' copy (repository_image, V23): there the add of a longer name went to the dead-letter
-- queue of repository-layers, with every later event of that repository. Widened; once upgraded,
-- POST /actuator/deadletters/repository-layers applies them (docs/operations.md).
ALTER TABLE repository_image ALTER COLUMN name SET DATA TYPE VARCHAR(253);
