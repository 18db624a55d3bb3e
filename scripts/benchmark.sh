#!/usr/bin/env bash
# The catalogue benchmark: starts the gateway jar on a fresh embedded database, loads 100,000 repositories
# over 100 namespaces through addRepositories, measures list queries over HTTP with 16 clients beside the
# same SQL through JDBC (the floor), heap after load and startup time. Prints a Markdown report; the figures
# go to docs/benchmarks.md. Options: --repositories=N --namespaces=N --clients=N --calls=N --loaders=N.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
mvn -B -q -DskipTests clean install
mvn -B -q -pl graphql test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "graphql/target/test-classes:graphql/target/classes:$(cat graphql/target/bench-classpath.txt)" \
  io.theriseunion.imagegateway.bench.CatalogueBenchmark "$@"
