#!/bin/sh
# Builds the web app into a private directory and (re)starts a private copy of the real server on it, so
# e2e runs are not disturbed by others rebuilding packages/web/dist or by the shared ./data database.
# Usage: sh e2e/serve-own.sh [port]   then   BASE_URL=http://127.0.0.1:<port> node e2e/smoke.mjs
set -e
PORT=${1:-3200}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=/tmp/kfq-e2e-$PORT
(cd "$ROOT/packages/web" && npx vite build --outDir "$OUT/dist" --emptyOutDir >/dev/null)
[ -f "$OUT/pid" ] && kill "$(cat "$OUT/pid")" 2>/dev/null && sleep 1 || true
# Fresh demo data each time: migrations still change while the server is being built.
rm -rf "$OUT/data" && mkdir -p "$OUT/data"
cd "$ROOT"
PORT=$PORT DATA_DIR="$OUT/data" WEB_DIST="$OUT/dist" LOG_LEVEL=warn nohup node --import tsx packages/server/src/main.ts >"$OUT/server.log" 2>&1 &
echo $! >"$OUT/pid"
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && exit 0; sleep 1; done
echo "server did not start; see $OUT/server.log" >&2
exit 1
