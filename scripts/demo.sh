#!/usr/bin/env bash
# `npm run demo`: builds the reference frontend (examples/stream-browser, installing its own
# dependencies first when needed) and the gateway, then starts the gateway with the embedded
# simulator (no cluster configured) serving the app at http://localhost:${PORT:-4000}/browser/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d examples/stream-browser/node_modules ]; then
  npm --prefix examples/stream-browser ci --no-audit --no-fund
fi
npm --prefix examples/stream-browser run build
npm run build
echo "stream browser: http://localhost:${PORT:-4000}/browser/ (embedded simulator, demo data)"
export STREAM_BROWSER_DIR="$PWD/examples/stream-browser/dist"
exec node dist/main.js
