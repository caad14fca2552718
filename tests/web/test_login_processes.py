"""Two real server processes sharing PostgreSQL: a burst of guesses at one username,
spread over both, gets no more password checks than one process would allow."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from gql.domain.login_throttle import USERNAME_LIMIT
from gql.settings import Settings
from models.enums import Role
from models.identity import LoginThrottle
from tests.factories import STRONG_PASSWORD, make_user
from tests.schema.login_kit import LOGIN

ROOT = Path(__file__).resolve().parents[2]
_CHECKS = re.compile(r"^portal_password_verifications_total (\S+)$", re.MULTILINE)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def _until_up(http: httpx.AsyncClient, base: str) -> None:
    for _ in range(300):  # until the process answers (≤ 30 s)
        try:
            if (await http.get(f"{base}/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)  # waiting on another process, not on time
    raise AssertionError(f"{base} did not start")


async def test_a_burst_over_two_processes_gets_at_most_ten_checks(
    settings: Settings, tmp_path: Path
) -> None:
    if not settings.is_postgres:
        pytest.skip("several processes need PostgreSQL; the PostgreSQL run covers it")
    account = await make_user(Role.OPERATOR_SUPERUSER, "operator@vendor.example")
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "PORTAL_WEBHOOK_WORKER": "false",
        "PORTAL_LOG_LEVEL": "warning",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(  # noqa: ASYNC220 - server processes for the whole test
            [sys.executable, "-c", "from gql.cli import main; main()", "serve", "--port", str(p)],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for p in ports
    ]
    bases = [f"http://127.0.0.1:{p}" for p in ports]
    try:
        limits = httpx.Limits(max_connections=100)
        async with httpx.AsyncClient(timeout=60, limits=limits) as http:
            for base in bases:
                await _until_up(http, base)
            guesses = [f"wrong-guess-{n}-lantern" for n in range(49)] + [STRONG_PASSWORD]
            responses = await asyncio.gather(
                *(
                    http.post(
                        f"{bases[n % 2]}/graphql",
                        json={
                            "query": LOGIN,
                            "variables": {
                                "input": {"username": account.username, "password": guess}
                            },
                        },
                    )
                    for n, guess in enumerate(guesses)
                )
            )
            checks = 0.0
            for base in bases:
                match = _CHECKS.search((await http.get(f"{base}/metrics")).text)
                checks += float(match.group(1)) if match else 0.0
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
    payloads = [r.json()["data"]["login"] for r in responses]
    assert [p["token"] for p in payloads] == [None] * 50
    assert {p["errors"][0]["code"] for p in payloads} <= {"INVALID_CREDENTIALS", "RATE_LIMITED"}
    assert 1 <= checks <= USERNAME_LIMIT
    assert (await LoginThrottle.get(key=f"user:{account.username}")).sequence == 50
