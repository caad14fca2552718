#!/usr/bin/env bash
# `make bench`: the shared perf-anchors harness against this working tree, in one run,
# then this project's ratios to PostGraphile v4 (the peer) and to floor-rows (the
# hand-written Python floor). The harness is copied to a temporary folder first (it
# installs its venvs and node_modules beside itself); BENCH_WORKDIR=dir keeps that
# folder between runs instead, so the installs are reused.
#
#   PERF_ANCHORS  the harness (default: ../shared/tools/perf-anchors beside this checkout)
#   PA_ONLY       servers (default: floor-rows,postgraphile-v4,project,project-2w)
#   PA_*          anything else the harness reads (PA_ROUNDS, PA_DURATION, ...; its README)
#
# It runs as root: the harness installs wrk with apt-get, restarts PostgreSQL once to
# preload pg_stat_statements, and recreates the databases perf_anchor and perf_project.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HARNESS="${PERF_ANCHORS:-$ROOT/../shared/tools/perf-anchors}"
[ -x "$HARNESS/run-all.sh" ] || { echo "no perf-anchors harness at $HARNESS (set PERF_ANCHORS)" >&2; exit 2; }
HARNESS="$(cd "$HARNESS" && pwd)"
if [ -n "${BENCH_WORKDIR:-}" ]; then WORK="$BENCH_WORKDIR"; mkdir -p "$WORK"
else WORK="$(mktemp -d -t perf-anchors.XXXXXX)"; fi
mkdir -p "$WORK/perf-anchors"
cp -r "$HARNESS/." "$WORK/perf-anchors/"
chmod -R u+w "$WORK/perf-anchors"
echo "[bench] harness $HARNESS copied to $WORK/perf-anchors; project: $ROOT (working tree)"
export PA_PROJECT="$ROOT"
export PA_ONLY="${PA_ONLY:-floor-rows,postgraphile-v4,project,project-2w}"
"$WORK/perf-anchors/run-all.sh"
"$ROOT/.venv/bin/python" "$ROOT/bench/ratios.py" "$WORK/perf-anchors/results/results.json"
echo "[bench] tables: $WORK/perf-anchors/results/results.md (remove $WORK when done)"
