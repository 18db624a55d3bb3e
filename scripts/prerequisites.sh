#!/usr/bin/env bash
# Installs, from Debian's packages, what building and running the gateway needs when it is missing:
# a JDK 17 and Maven. Sourced by run.sh and test.sh; extra package names may be passed in EXTRA_PACKAGES.
set -euo pipefail

missing=()
if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -Eq 'javac (1[7-9]|[2-9][0-9])'; then
  missing+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null 2>&1 || missing+=(maven)
for p in ${EXTRA_PACKAGES:-}; do missing+=("$p"); done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian's packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
