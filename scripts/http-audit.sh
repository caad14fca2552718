#!/usr/bin/env bash
# Runs the graphql-http audit suite (the GraphQL-over-HTTP spec's MUST and SHOULD
# requirements) against a live server on a throw-away SQLite database. Fails on any
# MUST error or SHOULD warning (--strict).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
port="${AUDIT_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
cleanup() {
    if [[ -n "${server:-}" ]]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

(cd "$root/scripts/http-audit" && npm ci --silent --no-audit --no-fund >/dev/null)
# exec: the background job is the server itself, so the trap's kill stops it (killing
# a subshell would leave the server running).
(cd "$work" && DATABASE_URL="sqlite://$work/audit.sqlite3" PORTAL_LOG_LEVEL=warning \
    exec "$root/.venv/bin/portal" serve --port "$port" >"$work/server.log" 2>&1) &
server=$!
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
node "$root/scripts/http-audit/audit.mjs" "http://127.0.0.1:$port/graphql" --strict
