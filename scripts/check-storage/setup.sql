truncate repository_view, repository_sync_time, sync_check, sync_run;
insert into repository_view (repository_id, namespace, name, registry_namespace, registry_name, repository, tag, sync_interval, sync_timeout, retry_count, sync_status, created_at, updated_at, version, search_text, event_seq, digest, manifest, remote_tags, signed)
select 'r-' || md5(i::text), 'bench', 'app-' || lpad(i::text, 5, '0'), 'bench', 'local', 'bench/app', 't' || lpad(i::text,5,'0'), '1h', '10m', 3, 'SUCCESS', now(), now(), 3,
  'app-' || lpad(i::text, 5, '0') || E'\n\nbench/app:t' || lpad(i::text,5,'0'), 5, 'sha256:' || md5(i::text) || md5(i::text),
  repeat('{"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}', 8),
  (select string_agg('t' || lpad(j::text,5,'0'), ',') from generate_series(1,1000) j), false
from generate_series(1,1000) i;
insert into repository_sync_time (repository_id, namespace, name, last_synced, next_sync_at)
select repository_id, namespace, name, now(), now() + interval '1h' from repository_view;
insert into sync_check (repository_id, namespace, name, registry_namespace, registry_name, repository, tag, sync_interval, sync_timeout, retry_count, digest, failed, next_check_at, checked_at, streak_id, event_seq)
select repository_id, namespace, name, registry_namespace, registry_name, repository, tag, sync_interval, sync_timeout, retry_count, digest, false, now() + interval '1h', null, 's-' || repository_id, 5 from repository_view;
insert into sync_run (run_id, repository_id, trigger_kind, status, requested_by, requested_at, started_at, finished_at, attempts, changed, digest, unchanged_checks)
select 's-' || repository_id, repository_id, 'SCHEDULED', 'SUCCESS', 'system:scheduler', now(), now(), now(), 1, false, digest, 1 from repository_view;
-- some history rows to be realistic
insert into sync_run (run_id, repository_id, trigger_kind, status, requested_by, requested_at, started_at, finished_at, attempts, changed, digest, unchanged_checks)
select 'h-' || repository_id, repository_id, 'CREATED', 'SUCCESS', 'u', now(), now(), now(), 1, true, digest, null from repository_view;
vacuum analyze;
