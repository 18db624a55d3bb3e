#!/usr/bin/env bash
# Benchmarks; the figures go to docs/benchmarks.md.
#   bash scripts/benchmark.sh [options]       the catalogue: 100,000 repositories over 100 namespaces through
#       addRepositories, list queries over HTTP with 16 clients beside the same SQL through JDBC (the floor),
#       heap after load, startup time. Options: --repositories=N --namespaces=N --clients=N --calls=N --loaders=N
#   bash scripts/benchmark.sh sync [options]  syncs: 1,000 repositories on a local docker-registry, first sync
#       and an unchanged cycle of scheduled checks (time, gateway CPU per check) beside a bare OkHttp keep-alive HEAD
#       loop, table growth, events and audit entries over 10 unchanged cycles (and per day, projected), skopeo. On the
#       PostgreSQL that GATEWAY_TEST_POSTGRES_URL/_USER/_PASSWORD name (as scripts/test.sh sets them), else on H2.
#       Options: --repositories=N --concurrency=N --warmup-cycles=N (20: unchanged cycles before the three
#       measured ones, each printed with its CPU per check)
#   bash scripts/benchmark.sh live [options]  1,000 WebSocket subscribers while 100 sync results/s are recorded
#       (latency, heap per subscriber, CPU), then auditLog queries over 1,000,000 entries beside their SQL.
#       Options: --subscribers=N --rate=N --seconds=N --audit-entries=N (0: no audit queries)
#   bash scripts/benchmark.sh fanout [options]  live fan-out: syncStatusChanged subscribers, (A) 10,000 over 100
#       namespaces and (B) 1,000 on one, while ~100 status events/s are recorded: event-to-client p50/p99, heap per idle
#       subscriber, gateway CPU, beside a bare Tomcat WebSocket broadcast of the same bytes to the same clients (the
#       floor, at the rate of status events the gateway reached in the same run). Clients run as separate processes
#       on this machine. Options: --spread=N --crowd=N --rate=N (events/s) --seconds=N --spread-processes=N (4)
#       --crowd-processes=N (2) --only=gateway|floor --warmup=N (60 s of triggers, nobody subscribed, before measuring)
#       --crowd=0 (A only) --events=checks (the events from the scheduled checks of --checks=N (3,600) repositories on
#       docker-registry at a 1m interval, unchanged: ~N/30 status events/s; A with --crowd=0, or B with --spread=0,
#       the repositories then all in the crowd's namespace) --check-poll=D (100ms: how often
#       the gateway looks for due checks; each starts when due) --floor-bursts (the floor sends a look's messages at
#       once, as the checks started before session 45) --client-callbacks=selector|pool (where the client processes
#       run their sockets' callbacks: each HTTP client's selector thread, or Java's default pool as before session 47)
#       --slow=MS (each client process prints, per second of the window, its deliveries slower than MS)
#   bash scripts/benchmark.sh manual [options]  what one manual sync costs: triggerSync at a steady rate against a
#       stand-in registry that answers 404 (each run the whole manual path, ending FAILED), gateway CPU per run ended
#       (from /proc) and the trigger's p50/p99, beside the same number of bare GraphQL POSTs (the floor) and the idle
#       gateway; CPU per run by thread name; each run's request to its start (from its history). Options: --rate=N
#       (30 triggers/s) --seconds=N (20) --warmup=N (10) --repositories=N (200) --rounds=N (1) --jar=PATH (another
#       build's jar, e.g. main's, for before/after)
#   bash scripts/benchmark.sh webhook [--pushes=N]  a real docker-registry notifies the gateway of each re-push of a
#       tag: time until the API shows the new digest, beside a bare HEAD on the registry.
#   bash scripts/benchmark.sh outage [options]  registry outages: 100,000 repositories over 100 sources whose registry
#       is down (refused loopback ports), then one on a local docker-registry: time to its first sync, the gateway's
#       CPU during the outage beside an idle gateway's, and the drain once relays to the registry answer on the
#       refused ports, beside a bare HEAD loop. Options: --repositories=N --sources=N --concurrency=N --cpu-window=S
#   bash scripts/benchmark.sh disk [options]  disk used by the embedded store: N repositories over sources on a closed
#       port, the data directory's size after the load, after their first syncs, 60 s later and after a stop.
#       Options: --repositories=N (8,000) --sources=N (20) --url-options=';WRITE_DELAY=500' (compare H2 settings)
#   bash scripts/benchmark.sh writes [options]  writes: addRepository, editRepositoryMetadata and triggerSync from one
#       client (p50/p99, read-your-writes included) beside a point query and a raw JDBC insert+commit of the same
#       bytes, then addRepositories in batches of 500 (repositories/s) beside a JDBC batch insert. Options: --calls=N
#       --warmup=N --warm-all=N (N unmeasured adds, edits and triggers before any is measured) --repositories=N;
#       --postgres-url=jdbc:postgresql://... --postgres-user=U --postgres-password=P runs the gateway on that (empty)
#       PostgreSQL database instead of the embedded H2
#   bash scripts/benchmark.sh cluster [options]  sync work across gateway nodes (issue 15): N nodes of the jar on the
#       PostgreSQL that GATEWAY_TEST_POSTGRES_URL/_USER/_PASSWORD name, R repositories on a docker-registry behind a
#       relay that holds every request: first sync and a cycle of checks (time, HEADs per node, beside a bare HEAD
#       loop), then with 2+ nodes a rolling restart during a first sync and a cycle (FAILED / TIMEOUT runs) and a
#       kill -9 (takeover time). Options: --nodes=N (3) --repositories=N (1000) --delay-ms=N (200) --concurrency=N (8)
#       Without GATEWAY_TEST_POSTGRES_URL it starts a private PostgreSQL (Debian's package) for the run, as test.sh does.
#   GATEWAY_BENCH_JVM_OPTS adds JVM options to the gateway (e.g. -XX:StartFlightRecording=filename=/tmp/gw.jfr)
#   BENCH_REUSE_BUILD=1 skips the build and reuses the last one (several runs in a row of one build)
#   MAVEN_ARGS adds options to Maven's build (e.g. "-o -Dconsole.skip": offline, without the web console)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=io.theriseunion.imagegateway.bench.CatalogueBenchmark
if [ "${1:-}" = "sync" ]; then
  BENCH=io.theriseunion.imagegateway.bench.SyncBenchmark
  shift
  EXTRA_PACKAGES="docker-registry apache2-utils skopeo"
  for p in $EXTRA_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 && EXTRA_PACKAGES="${EXTRA_PACKAGES/$p/}"; done
elif [ "${1:-}" = "webhook" ]; then
  BENCH=io.theriseunion.imagegateway.bench.WebhookBenchmark
  shift
  EXTRA_PACKAGES="docker-registry"
  dpkg -s docker-registry >/dev/null 2>&1 && EXTRA_PACKAGES=""
elif [ "${1:-}" = "outage" ]; then
  BENCH=io.theriseunion.imagegateway.bench.OutageBenchmark
  shift
  EXTRA_PACKAGES="docker-registry"
  dpkg -s docker-registry >/dev/null 2>&1 && EXTRA_PACKAGES=""
elif [ "${1:-}" = "disk" ]; then
  BENCH=io.theriseunion.imagegateway.bench.DiskBenchmark
  shift
elif [ "${1:-}" = "writes" ]; then
  BENCH=io.theriseunion.imagegateway.bench.WritesBenchmark
  shift
elif [ "${1:-}" = "manual" ]; then
  BENCH=io.theriseunion.imagegateway.bench.ManualSyncBenchmark
  shift
elif [ "${1:-}" = "fanout" ]; then
  BENCH=io.theriseunion.imagegateway.bench.FanOutBenchmark
  shift
  # --events=checks: the scheduled checks of repositories on Debian's docker-registry make the status events
  case " $* " in
    *" --events=checks "*) dpkg -s docker-registry >/dev/null 2>&1 || EXTRA_PACKAGES="docker-registry" ;;
  esac
elif [ "${1:-}" = "cluster" ]; then
  BENCH=io.theriseunion.imagegateway.bench.ClusterBenchmark
  shift
  EXTRA_PACKAGES=""
  dpkg -s docker-registry >/dev/null 2>&1 || EXTRA_PACKAGES="docker-registry"
  [ -n "${GATEWAY_TEST_POSTGRES_URL:-}" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
    || EXTRA_PACKAGES="$EXTRA_PACKAGES postgresql"
  PRIVATE_POSTGRES=1
elif [ "${1:-}" = "live" ]; then
  BENCH=io.theriseunion.imagegateway.bench.LiveBenchmark
  shift
fi
source scripts/prerequisites.sh
# one reactor build (nothing installed into the local repository): the jar, the test classes and their classpath
if [ "${BENCH_REUSE_BUILD:-0}" != 1 ] || [ ! -f graphql/target/bench-classpath.txt ]; then
  # shellcheck disable=SC2086
  mvn -B -q ${MAVEN_ARGS:-} -pl graphql -am -DskipTests clean package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
source scripts/prepare-app.sh
if [ "${PRIVATE_POSTGRES:-0}" = 1 ] && [ -z "${GATEWAY_TEST_POSTGRES_URL:-}" ]; then
  # a private PostgreSQL on a free loopback port, as scripts/test.sh starts it, stopped when the benchmark ends
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  as_pg_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  PG_DIR="$(mktemp -d /tmp/bench-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  as_pg_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  trap 'as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"' EXIT
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') for the benchmark on 127.0.0.1:$PG_PORT"
  export GATEWAY_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
  export GATEWAY_TEST_POSTGRES_USER=postgres
  export GATEWAY_TEST_POSTGRES_PASSWORD=""
  java -cp "graphql/target/test-classes:graphql/target/classes:$(cat graphql/target/bench-classpath.txt)" \
    "$BENCH" --jar="$APP_JAR" --jvm-opts="$APP_JVM_OPTS ${GATEWAY_BENCH_JVM_OPTS:-}" "$@"
  exit
fi
exec java -cp "graphql/target/test-classes:graphql/target/classes:$(cat graphql/target/bench-classpath.txt)" \
  "$BENCH" --jar="$APP_JAR" --jvm-opts="$APP_JVM_OPTS ${GATEWAY_BENCH_JVM_OPTS:-}" "$@"
