#!/usr/bin/env bash
# Builds the gateway (with its web console) and runs it on the embedded default: an H2 file database under ./data,
# no server to install. The console at http://localhost:8080/, GraphQL at /graphql. Arguments go to the gateway,
# e.g. --server.port=9090 or --spring.profiles.active=postgres. It starts the extracted jar with a class
# data sharing archive (scripts/prepare-app.sh): about half the start time of `java -jar` on the fat jar.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
mvn -B -q -DskipTests clean install
source scripts/prepare-app.sh
exec java $APP_JVM_OPTS -jar "$APP_JAR" "$@"
