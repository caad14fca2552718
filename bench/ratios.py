"""The project's ratios from one perf-anchors run (its results/results.json).

    .venv/bin/python bench/ratios.py path/to/results/results.json

For each page size: req/s of `project` and `project-2w` against `postgraphile-v4` (the
peer) and `floor-rows` (hand-written Starlette + asyncpg, the Python floor), each the mean
of the run's rounds, with the project's SQL statements and pool-reset round trips per
request and its CPU per request. Only ratios from one run mean anything on a shared VM.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

PEER, FLOOR = "postgraphile-v4", "floor-rows"
PROJECTS = ("project", "project-2w")


def _mean(runs: list[dict], server: str, first: int, key: str) -> float | None:
    values = [r[key] for r in runs if r["server"] == server and r["first"] == first]
    return statistics.mean(values) if values else None


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a is not None and b else "-"


def _num(x: float | None, digits: int = 0) -> str:
    return "-" if x is None else f"{x:,.{digits}f}"


def report(results: dict) -> list[str]:
    runs, stmts = results["runs"], results["statements"]
    firsts = sorted({r["first"] for r in runs}, reverse=True)
    lines = [
        f"perf-anchors run {results['started']} .. {results['finished']}, "
        f"{results['machine']['nproc']} CPUs; data check: "
        + ("identical" if results["verify_ok"] else "MISMATCH (see results.md)"),
        "",
        "| server | first | req/s | vs PostGraphile v4 | vs floor-rows | p99 ms "
        "| app CPU ms/req | SQL data stmts/req | pool-reset RTs/req |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for first in firsts:
        peer = _mean(runs, PEER, first, "rps")
        floor = _mean(runs, FLOOR, first, "rps")
        for server in (FLOOR, PEER, *PROJECTS):
            rps = _mean(runs, server, first, "rps")
            if rps is None:
                continue
            st = stmts.get(f"{server}|{first}", {})
            lines.append(
                f"| {server} | {first} | {_num(rps)} | {_ratio(rps, peer)} | "
                f"{_ratio(rps, floor)} | {_num(_mean(runs, server, first, 'p99_ms'), 1)} | "
                f"{_num(_mean(runs, server, first, 'app_cpu_ms_per_req'), 1)} | "
                f"{_num(st.get('data_per_req'), 1)} | "
                f"{_num(st.get('reset_roundtrips_per_req'), 1)} |"
            )
    return lines


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print("\n".join(report(json.loads(Path(sys.argv[1]).read_text()))))


if __name__ == "__main__":
    main()
