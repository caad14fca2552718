"""Where a customers page's CPU goes, by layer: the app in this process (no network for
HTTP, PostgreSQL over TCP), one request at a time under cProfile, every function's own
time added to the layer its file belongs to.

    .venv/bin/python bench/profile_page.py [requests] [first]

It reads the perf-anchor database a `make bench` run leaves (perf_project, and the
tokens in its load.json: PA_STATE, default /tmp/pa-bench/perf-anchors/.project).
Profiling slows pure-Python code more than C code: read the shares, not the totals.
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

import httpx
from perf_anchor_data import PROJECT_QUERY  # this file's folder

from gql import db
from gql.settings import Settings
from gql.web.app import create_app

DSN = os.environ.get(
    "PA_PROJECT_DSN", "postgres://perf_anchor:perf_anchor@127.0.0.1:5432/perf_project"
)
STATE = Path(os.environ.get("PA_STATE", "/tmp/pa-bench/perf-anchors/.project"))  # noqa: S108
# First match wins: (layer, fragments of a file path).
LAYERS = [
    ("serialisation (JSON)", ("/json/", "orjson")),
    ("parse + validate", ("/graphql/language/", "/graphql/validation/", "/extensions/")),
    ("data access (Tortoise, pypika, asyncpg, scoping)", ("/tortoise/", "/pypika", "asyncpg")),
    ("data access (Tortoise, pypika, asyncpg, scoping)", ("/gql/domain/", "/models/")),
    ("execution (graphql-core, strawberry, resolvers)", ("/graphql/", "/strawberry/")),
    ("execution (graphql-core, strawberry, resolvers)", ("/gql/schema/",)),
    ("HTTP (starlette, httpx, middleware, view)", ("starlette", "httpx", "/gql/web/", "h11")),
    ("HTTP (starlette, httpx, middleware, view)", ("anyio", "cross_web", "multipart")),
    ("event loop (asyncio)", ("asyncio", "contextvars", "selectors")),
]


def layer(filename: str) -> str:
    for name, fragments in LAYERS:
        if any(f in filename for f in fragments):
            return name
    return "other (builtins, logging, prometheus, …)"


async def run(requests: int, first: int) -> None:
    tokens = json.loads((STATE / "load.json").read_text())["tokens"]
    settings = Settings.from_env(
        {"DATABASE_URL": DSN, "PORTAL_DB_POOL_MIN": "2", "PORTAL_LOG_LEVEL": "warning"}
    )
    await db.init_db(settings)
    app = create_app(settings, manage_database=False)
    body = {"query": PROJECT_QUERY, "variables": {"first": first}}
    headers = {"Authorization": f"Bearer {tokens['7']}"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

        async def one() -> None:
            response = await client.post("/graphql", json=body, headers=headers)
            if response.status_code != 200 or "errors" in response.json():
                raise RuntimeError(response.text[:300])

        for _ in range(20):  # warm caches, prepared statements, the token's last use
            await one()
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(requests):
            await one()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(requests):
            await one()
        profile.disable()
    await db.close_db()

    totals: dict[str, float] = {}
    for (filename, _, _), (_, _, tottime, _, callers) in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        if filename != "~" or not callers:
            totals[layer(filename)] = totals.get(layer(filename), 0.0) + tottime
            continue
        # A builtin (len, isinstance, a C method): its time goes to its callers' layers.
        calls = sum(c[1] for c in callers.values()) or 1
        for (caller_file, _, _), edge in callers.items():
            share = tottime * edge[1] / calls
            totals[layer(caller_file)] = totals.get(layer(caller_file), 0.0) + share
    whole = sum(totals.values())
    print(
        f"first: {first}, {requests} requests in process: {cpu / requests * 1000:.1f} ms CPU, "
        f"{wall / requests * 1000:.1f} ms wall per request without the profiler"
    )
    for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds / whole * 100:5.1f} %  {name}")


if __name__ == "__main__":
    asyncio.run(
        run(
            int(sys.argv[1]) if len(sys.argv) > 1 else 200,
            int(sys.argv[2]) if len(sys.argv) > 2 else 50,
        )
    )
