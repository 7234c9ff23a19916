#!/usr/bin/env bash
# Installs the Debian packages the test suite needs: headless Chromium (the GraphiQL browser test)
# and kubectl from Debian's kubernetes-client (the simulator's kubectl discovery test).
# Idempotent: installs only what is missing, does nothing when everything is there. Needs root
# (CI and dev machines run as root).
set -euo pipefail
missing=()
if ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
if ! command -v kubectl >/dev/null 2>&1; then
  missing+=(kubernetes-client)
fi
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "missing Debian packages: ${missing[*]}; this is not root: install them, then re-run." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
