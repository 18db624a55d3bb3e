#!/usr/bin/env bash
# Row versions left by unchanged checks on a copy of the schema (docs/benchmarks.md, "Cheaper unchanged checks"):
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres bash scripts/check-storage/run.sh MODE SYNC_CHECK_FF SYNC_RUN_FF VIEW_FF
# MODE: current (the first four updates per check), cu (the claim as claimed_until), rvhot (repository_view's update
# touching only unindexed columns), new (no update of the check's time at all), moved (the check's time in the narrow
# repository_sync_time, V41: what the gateway does now). Creates the database "checkstorage" with every
# PostgreSQL migration, 1,000 rows of the benchmark's sizes, then 10 cycles back to back in batches of 32, and prints
# each relation's growth and the bytes per check. FF: the fillfactors to set (100 = PostgreSQL's default).
set -euo pipefail
cd "$(dirname "$0")"
MIG=../../graphql/src/main/resources/db/migration/postgresql
dropdb --if-exists checkstorage; createdb checkstorage
for f in $(ls "$MIG"/V*.sql | sort -V); do psql -q -v ON_ERROR_STOP=1 -d checkstorage -f "$f" >/dev/null; done
psql -q -d checkstorage -f setup.sql >/dev/null
psql -q -d checkstorage -c "alter table sync_check set (fillfactor=$2)" -c "alter table sync_run set (fillfactor=$3)" \
  -c "alter table repository_view set (fillfactor=$4)" -c 'vacuum full sync_check' -c 'vacuum full sync_run' \
  -c 'vacuum full repository_view' -c 'vacuum analyze' >/dev/null
psql -At -F' ' -d checkstorage -f sizes.sql > /tmp/checkstorage-before.txt
python3 gen.py "$1" 10 | psql -q -d checkstorage >/dev/null
psql -At -F' ' -d checkstorage -f sizes.sql > /tmp/checkstorage-after.txt
join /tmp/checkstorage-before.txt /tmp/checkstorage-after.txt | awk '{d=$3-$2; t+=d; if (d!=0) printf "%-45s %+9d\n",$1,d}
  END {printf "total %+d B = %.1f B per check\n", t, t/10000}'
