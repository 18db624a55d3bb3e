#!/usr/bin/env bash
# Installs, from Debian's packages, what building and running the gateway needs when it is missing:
# a JDK 17, Maven, and Node.js with npm for the web console (console/, built by Maven with the system's npm).
# Sourced by run.sh and test.sh; extra package names may be passed in EXTRA_PACKAGES.
set -euo pipefail

missing=()
if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -Eq 'javac (1[7-9]|[2-9][0-9])'; then
  missing+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null 2>&1 || missing+=(maven)
# the console's build (Vite 7, Vitest 4) needs Node.js 20.19 or newer; the project's machines ship Node 20 with npm
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
for p in ${EXTRA_PACKAGES:-}; do missing+=("$p"); done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian's packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

node_ok() { node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; }
if ! node_ok; then
  echo "The console needs Node.js 20.19 or newer with npm; this machine has $(node --version) (Debian 12's own" \
       "package is 18). Install a newer Node.js, or build the Java modules alone with -Dconsole.skip." >&2
  exit 1
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
