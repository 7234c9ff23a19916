#!/usr/bin/env bash
# Installs the Debian packages the test suite needs: headless Chromium for the GraphiQL browser
# test, redis-server for the shared cache tests (started by the tests themselves on a free port,
# never as a service). Idempotent: does nothing when they are already there. Needs root (CI and dev
# machines run as root).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "missing and this is not root: install Debian's ${missing[*]}, then re-run." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
