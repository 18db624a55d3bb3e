#!/usr/bin/env bash
# Turns the built fat jar into what starts fastest: the jar extracted (graphql/target/app) and a class
# data sharing archive made by a training start that stops once the context is ready (Spring Boot's CDS
# support). Sourced by run.sh and benchmark.sh after the build; sets APP_JAR and APP_JVM_OPTS.
set -euo pipefail

APP_DIR=graphql/target/app
APP_JAR=$APP_DIR/image-gateway.jar
APP_CDS=$APP_DIR/image-gateway.jsa
if [ ! -f "$APP_JAR" ] || [ graphql/target/image-gateway.jar -nt "$APP_JAR" ]; then
  rm -rf "$APP_DIR"
  java -Djarmode=tools -jar graphql/target/image-gateway.jar extract --destination "$APP_DIR" >/dev/null
  rm -f "$APP_CDS"
fi
if [ ! -f "$APP_CDS" ]; then
  training_data="$(mktemp -d)"
  java -XX:ArchiveClassesAtExit="$APP_CDS" -Dspring.context.exit=onRefresh -jar "$APP_JAR" \
    --gateway.data-dir="$training_data" --server.port=0 --logging.level.root=WARN >/dev/null 2>&1 \
    || echo "Class data sharing archive not made; the gateway starts without it." >&2
  rm -rf "$training_data"
fi
APP_JVM_OPTS=""
[ -f "$APP_CDS" ] && APP_JVM_OPTS="-XX:SharedArchiveFile=$APP_CDS"
