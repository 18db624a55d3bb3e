import sys
mode = sys.argv[1]; cycles = int(sys.argv[2]); batch = 32
ids = [f"r-{__import__('hashlib').md5(str(i).encode()).hexdigest()}" for i in range(1,1001)]
out = []
for c in range(cycles):
    for b in range(0, 1000, batch):
        part = ids[b:b+batch]
        lst = ",".join(f"'{i}'" for i in part)
        if mode == 'current':
            out.append(f"update sync_check set next_check_at = now() + interval '10 min' where repository_id in ({lst});")
            out.append("begin;")
            out.append(f"update sync_check set checked_at = now(), next_check_at = now() + interval '1h' + random() * interval '1 min', streak_id = 's-'||repository_id where repository_id in ({lst});")
            out.append(f"update repository_view set last_synced = now(), next_sync_at = now() + interval '1h' where repository_id in ({lst});")
            out.append(f"update sync_run set finished_at = now(), unchanged_checks = unchanged_checks + 1 where run_id in ({','.join(repr('s-'+i) for i in part)});")
            out.append("commit;")
        elif mode == 'new':
            out.append(f"update sync_check set claimed_until = now() + interval '10 min' where repository_id in ({lst});")
            out.append("begin;")
            out.append(f"update sync_check set checked_at = now(), next_check_at = now() + interval '1h' + random() * interval '1 min', claimed_until = null where repository_id in ({lst});")
            out.append(f"update sync_run set finished_at = now(), unchanged_checks = unchanged_checks + 1 where run_id in ({','.join(repr('s-'+i) for i in part)});")
            out.append("commit;")
        elif mode == 'moved':
            # the check's time in repository_sync_time (V41): no repository_view update
            out.append(f"update sync_check set claimed_until = now() + interval '10 min' where repository_id in ({lst});")
            out.append("begin;")
            out.append(f"update sync_check set checked_at = now(), next_check_at = now() + interval '1h' + random() * interval '1 min', claimed_until = null where repository_id in ({lst});")
            out.append(f"update repository_sync_time set last_synced = now(), next_sync_at = now() + interval '1h' where repository_id in ({lst});")
            out.append(f"update sync_run set finished_at = now(), unchanged_checks = unchanged_checks + 1 where run_id in ({','.join(repr('s-'+i) for i in part)});")
            out.append("commit;")
        elif mode == 'cu':
            out.append(f"update sync_check set claimed_until = now() + interval '10 min' where repository_id in ({lst});")
            out.append("begin;")
            out.append(f"update sync_check set checked_at = now(), next_check_at = now() + interval '1h' + random() * interval '1 min', claimed_until = null where repository_id in ({lst});")
            out.append(f"update repository_view set last_synced = now(), next_sync_at = now() + interval '1h' where repository_id in ({lst});")
            out.append(f"update sync_run set finished_at = now(), unchanged_checks = unchanged_checks + 1 where run_id in ({','.join(repr('s-'+i) for i in part)});")
            out.append("commit;")
        elif mode == 'rvhot':
            # repository_view still updated but not the indexed last_synced (what if only unindexed columns change)
            out.append(f"update sync_check set claimed_until = now() + interval '10 min' where repository_id in ({lst});")
            out.append("begin;")
            out.append(f"update sync_check set checked_at = now(), next_check_at = now() + interval '1h' + random() * interval '1 min', claimed_until = null where repository_id in ({lst});")
            out.append(f"update repository_view set next_sync_at = now() + interval '1h' where repository_id in ({lst});")
            out.append(f"update sync_run set finished_at = now(), unchanged_checks = unchanged_checks + 1 where run_id in ({','.join(repr('s-'+i) for i in part)});")
            out.append("commit;")
    # the due query's scan, as the gateway's claim would run each batch (marks dead index entries)
    out.append("select count(*) from (select repository_id from sync_check where next_check_at <= now() order by next_check_at limit 32) x;")
print("\n".join(out))
