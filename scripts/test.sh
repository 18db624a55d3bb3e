#!/usr/bin/env bash
# Runs every test. Installs what the tests need when it is missing (JDK 17, Maven, Node.js with npm, and Debian's
# postgresql, docker-registry, apache2-utils, chromium and fonts-noto-cjk), starts a private PostgreSQL on a free
# loopback port for the PostgreSQL tests (the registry tests start their own docker-registry processes), runs
# `mvn verify` (which also builds the console), stops the server again, then runs the console's unit tests
# (Vitest) and its browser tests (Playwright on Debian's chromium, against the jar just built and a docker-registry
# of their own). Extra arguments go to Maven (e.g. -Dtest=RepositoryCatalogueH2Tests); CONSOLE_TESTS=0 skips the
# console's tests.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
EXTRA_PACKAGES=""
[ -x "$(pg_bin)/initdb" ] || EXTRA_PACKAGES="postgresql"
[ -x /usr/bin/docker-registry ] || EXTRA_PACKAGES="$EXTRA_PACKAGES docker-registry"
command -v htpasswd >/dev/null 2>&1 || EXTRA_PACKAGES="$EXTRA_PACKAGES apache2-utils"
if [ "${CONSOLE_TESTS:-1}" != 0 ]; then
  [ -x /usr/bin/chromium ] || EXTRA_PACKAGES="$EXTRA_PACKAGES chromium"
  # Chinese text in the browser tests' screenshots
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || EXTRA_PACKAGES="$EXTRA_PACKAGES fonts-noto-cjk"
fi
source scripts/prerequisites.sh
PG_BIN="$(pg_bin)"

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

PG_DIR="$(mktemp -d /tmp/gateway-pg.XXXXXX)"
PG_PORT="$(free_port)"
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
stop_pg() {
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT

as_pg_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$PG_PORT"

export GATEWAY_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
export GATEWAY_TEST_POSTGRES_USER=postgres
export GATEWAY_TEST_POSTGRES_PASSWORD=""

mvn -B -ntp verify "$@"
stop_pg
trap - EXIT

if [ "${CONSOLE_TESTS:-1}" != 0 ]; then
  # the browser tests start the gateway as scripts/run.sh does: extracted, with its class data sharing archive
  # (made once by the ITs above; this only checks that it is there)
  source scripts/prepare-app.sh
  export E2E_GATEWAY_JAR="$PWD/$APP_JAR"
  export E2E_GATEWAY_JVM_OPTS="${APP_JVM_OPTS:+-XX:SharedArchiveFile=$PWD/$APP_CDS}"
  cd console
  # Maven's build ran npm ci; this covers a build that skipped it (-Dconsole.skip)
  [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
  # Vitest takes one worker fewer than the machine has cores; on two cores that is one worker while its main
  # process mostly waits (two workers: 39 s instead of 48 s for the 102 tests, 2 cores, 2026-12-02)
  npm test -- --maxWorkers=2
  # `npm run e2e` without its codegen, which `npm test` has just run
  npx playwright test
fi
