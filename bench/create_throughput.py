"""createPartnerCustomer throughput against its bound, and the customers page's p99 while
creates run, on a real `portal serve` over PostgreSQL.

    .venv/bin/python bench/create_throughput.py [--seconds 20] [--clients 8] [--workers 1]

1. Times argon2 with the project's own hasher in this process (one thread, median of 15):
   a create hashes its first admin's password once, so the machine creates at most
   cores x 1000 / argon2-ms customers a second. Bound: at least 0.8 x that.
2. Makes a throw-away database on PG_ADMIN_URL's server (default the local one as
   postgres), migrates it, seeds the demo and adds 60 customers to Acme so that the page
   (the perf-anchor query, first: 50) is full; serves it with production settings.
3. The page alone: one client, back to back, for --seconds: p50 / p99.
4. Creates: --clients clients post createPartnerCustomer back to back for --seconds while
   the same page client measures again. Bound: page p99 at most 1.5 x its p99 alone.
The database is dropped at the end. Client and server share the machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
from perf_anchor_data import PROJECT_QUERY  # this file's folder

from gql.demo import DEMO_PASSWORD
from gql.domain.security import hash_password

ROOT = Path(__file__).resolve().parents[1]
PORTAL = str(ROOT / ".venv" / "bin" / "portal")
ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PARTNER_ADMIN = "admin@acme-msp.example"  # the demo's Acme superuser
PASSWORD = "quarterly-stapler-basement-51"
CREATE = """mutation($i: CreatePartnerCustomerInput!) {
  createPartnerCustomer(input: $i) { customer { id } errors { code message } } }"""
BULK = """mutation($i: CreatePartnerCustomersInput!) {
  createPartnerCustomers(input: $i) { createdCount } }"""
LOGIN = "mutation($i: LoginInput!) { login(input: $i) { token } }"


def customer(tag: str) -> dict:
    return {
        "companyName": f"Bench {tag}",
        "domain": f"b{tag}.example",
        "accountNumber": f"BENCH-{tag}",
        "admin": {
            "username": f"admin@b{tag}.example",
            "password": PASSWORD,
            "confirmPassword": PASSWORD,
        },
    }


async def argon2_ms(rounds: int = 15) -> float:
    await hash_password("warm-up-" + secrets.token_hex(4))
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        await hash_password(secrets.token_urlsafe(16))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


async def page_latencies(http: httpx.AsyncClient, stop: asyncio.Event) -> list[float]:
    body = {"query": PROJECT_QUERY, "variables": {"first": 50}}
    times = []
    while not stop.is_set():
        started = time.perf_counter()
        response = await http.post("/graphql", json=body)
        if response.status_code != 200 or "errors" in response.json():
            raise RuntimeError(f"the page failed: {response.text[:300]}")
        times.append((time.perf_counter() - started) * 1000)
    return times


async def creator(http: httpx.AsyncClient, n: int, stop: asyncio.Event, tally: dict) -> None:
    run = secrets.token_hex(3)
    i = 0
    while not stop.is_set():
        i += 1
        response = await http.post(
            "/graphql", json={"query": CREATE, "variables": {"i": customer(f"{run}-{n}-{i}")}}
        )
        payload = (response.json().get("data") or {}).get("createPartnerCustomer") or {}
        if response.status_code == 200 and payload.get("customer") and not payload["errors"]:
            tally["created"] += 1
        else:
            tally["failed"] += 1
            tally.setdefault("first_failure", response.text[:300])


async def timed(seconds: float, *jobs) -> float:
    stop = asyncio.Event()
    started = time.perf_counter()
    tasks = [asyncio.create_task(job(stop)) for job in jobs]
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.gather(*tasks)
    return time.perf_counter() - started


async def measure(base: str, args: argparse.Namespace) -> dict:
    limits = httpx.Limits(max_connections=args.clients + 4)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        for _ in range(200):
            try:
                if (await http.get("/readyz")).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
        login = {"i": {"username": PARTNER_ADMIN, "password": DEMO_PASSWORD}}
        body = (await http.post("/graphql", json={"query": LOGIN, "variables": login})).json()
        http.headers["Authorization"] = f"Bearer {body['data']['login']['token']}"
        rows = [customer(f"fill-{n}") for n in range(60)]
        body = (
            await http.post(
                "/graphql", json={"query": BULK, "variables": {"i": {"customers": rows}}}
            )
        ).json()
        assert body["data"]["createPartnerCustomers"]["createdCount"] == 60, body
        out: dict = {}
        await timed(3, lambda stop: page_latencies(http, stop))  # warm-up
        alone: list[float] = []

        async def page_alone(stop: asyncio.Event) -> None:
            alone.extend(await page_latencies(http, stop))

        await timed(args.seconds, page_alone)
        out["alone"] = alone
        tally = {"created": 0, "failed": 0}
        during: list[float] = []

        async def page_during(stop: asyncio.Event) -> None:
            during.extend(await page_latencies(http, stop))

        creators = [(lambda stop, n=n: creator(http, n, stop, tally)) for n in range(args.clients)]
        out["elapsed"] = await timed(args.seconds, page_during, *creators)
        out["during"], out["tally"] = during, tally
        return out


async def main(args: argparse.Namespace) -> int:
    cores = len(os.sched_getaffinity(0))
    hash_ms = await argon2_ms()
    bound = 0.8 * cores * 1000 / hash_ms
    print(f"argon2 (the project's hasher, one thread): {hash_ms:.1f} ms; {cores} cores")
    name = f"portal_bench_create_{os.getpid()}"
    url = urlunsplit(urlsplit(ADMIN_URL)._replace(path=f"/{name}"))
    admin = await asyncpg.connect(ADMIN_URL)
    await admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PORTAL_DB_POOL_MIN": "10",
        "PORTAL_DB_POOL_MAX": "10",
        "PORTAL_GRAPHIQL": "false",
        "PORTAL_INTROSPECTION": "false",
        "PORTAL_LOG_LEVEL": "warning",
    }
    server = None
    try:
        for step in ("migrate", "seed-demo"):
            await asyncio.to_thread(
                subprocess.run, [PORTAL, step], env=env, check=True, capture_output=True
            )
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        command = [PORTAL, "serve", "--port", str(port), "--workers", str(args.workers)]
        server = await asyncio.create_subprocess_exec(*command, env=env, stdout=subprocess.DEVNULL)
        out = await measure(f"http://127.0.0.1:{port}", args)
    finally:
        if server is not None:
            server.terminate()
            await server.wait()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    tally, alone, during = out["tally"], out["alone"], out["during"]
    rate = tally["created"] / out["elapsed"]
    p99_alone, p99_during = p(alone, 0.99), p(during, 0.99)
    print(
        f"server: portal serve --workers {args.workers}, pool 10; {args.clients} create "
        f"clients for {out['elapsed']:.1f} s"
    )
    print(
        f"creates: {tally['created']} created, {tally['failed']} failed: {rate:.1f}/s; "
        f"bound >= 0.8 x {cores} x 1000 / {hash_ms:.1f} ms = {bound:.1f}/s: "
        + ("PASS" if rate >= bound else "FAIL")
    )
    if tally["failed"]:
        print(f"  first failure: {tally.get('first_failure')}")
    print(
        f"page (first: 50): alone {len(alone)} requests, p50 {p(alone, 0.5):.1f} ms, p99 "
        f"{p99_alone:.1f} ms; during creates {len(during)} requests, p50 {p(during, 0.5):.1f}"
        f" ms, p99 {p99_during:.1f} ms: {p99_during / p99_alone:.2f}x, bound <= 1.5x: "
        + ("PASS" if p99_during <= 1.5 * p99_alone else "FAIL")
    )
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    sys.exit(asyncio.run(main(parser.parse_args())))
