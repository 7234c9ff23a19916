#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (headless Chromium for the GraphiQL browser test).
# Idempotent: does nothing when they are already there. Needs root (CI and dev machines run as root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "chromium is missing and this is not root: install Debian's 'chromium' package, then re-run." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
