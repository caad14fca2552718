"""One partner's burst of heavy pages exhausts a real server's PostgreSQL pool: every
answer is a 200 or a 503 with Retry-After (never another 5xx, never a traceback), and
another partner's small query is still served.

The server is a real `portal serve` process with a pool of two connections and a
0.1 s wait for one, so the burst cannot help but exhaust it.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from gql.domain.security import hash_password
from gql.settings import Settings
from models.customer import Customer, Edge
from models.enums import Role
from models.identity import User

ROOT = Path(__file__).resolve().parents[2]
HEAVY = """{ customers(first: 40) { nodes { companyName users { username }
  softwareImages { image { version } } edges(first: 10) { nodes { name softwareImage { version } } }
} } }"""
SMALL = "{ me { username } }"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def _fill(acme, catalogue) -> None:
    image = catalogue["images"]["5.2.0"]
    pool = catalogue["pools"]["EU"]
    password_hash = await hash_password("not-used-in-these-tests-00")
    for n in range(40):
        customer = await Customer.create(
            partner_id=acme.partner.id,
            company_name=f"Heavy {n:02}",
            company_name_key=f"heavy {n:02}",
            domain=f"heavy{n}.example",
            account_number=f"HEAVY-{n}",
            account_number_key=f"heavy-{n}",
            default_software_image_id=image,
            gateway_pool_id=pool,
        )
        await User.create(
            role=Role.ENTERPRISE_SUPERUSER,
            partner_id=acme.partner.id,
            customer=customer,
            username=f"admin@heavy{n}.example",
            username_key=f"admin@heavy{n}.example",
            password_hash=password_hash,
        )
        await Edge.bulk_create(
            [
                Edge(customer_id=customer.id, name=f"edge-{e}", software_image_id=image)
                for e in range(10)
            ]
        )


async def _wait_until_up(client: httpx.AsyncClient, server: subprocess.Popen) -> None:
    for _ in range(300):  # waiting on another process to start (at most 30 s)
        assert server.poll() is None, "the server exited"
        try:
            if (await client.get("/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError("the server did not start")


async def test_an_exhausted_pool_answers_503_and_serves_the_other_partner(
    settings: Settings, acme, globex, catalogue, tmp_path: Path
) -> None:
    if not settings.is_postgres:
        pytest.skip("a PostgreSQL pool; the PostgreSQL run covers it")
    await _fill(acme, catalogue)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "PORTAL_DB_POOL_MIN": "1",
        "PORTAL_DB_POOL_MAX": "2",
        "PORTAL_DB_POOL_TIMEOUT": "0.1",
        "PORTAL_WEBHOOK_WORKER": "false",
        "PORTAL_LOG_LEVEL": "warning",
        "PYTHONPATH": str(ROOT),
    }
    log_file = tmp_path / "server.log"
    with log_file.open("w") as log:
        server = subprocess.Popen(  # noqa: ASYNC220 - the server under test
            [
                sys.executable,
                "-c",
                "from gql.cli import main; main()",
                "serve",
                "--port",
                str(port),
            ],
            cwd=tmp_path,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    limits = httpx.Limits(max_connections=100)
    try:
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", timeout=60, limits=limits
        ) as client:
            await _wait_until_up(client, server)

            async def ask(query: str, token: str) -> httpx.Response:
                return await client.post(
                    "/graphql",
                    json={"query": query},
                    headers={"Authorization": f"Bearer {token}"},
                )

            async def other_partner() -> list[httpx.Response]:
                answers = []
                for _ in range(50):  # retried as a client would, until served
                    answers.append(await ask(SMALL, globex.admin.token))
                    if answers[-1].status_code == 200:
                        break
                return answers

            burst = [ask(HEAVY, acme.admin.token) for _ in range(60)]
            *heavy, small = await asyncio.gather(*burst, other_partner())
    finally:
        server.terminate()
        server.wait(timeout=20)

    unavailable = 0
    for response in heavy + small:
        assert response.status_code in (200, 503), response.text
        body = response.json()
        codes = {e["extensions"]["code"] for e in body.get("errors", [])}
        assert codes <= {"SERVICE_UNAVAILABLE"}, body
        if response.status_code == 503:
            assert response.headers["retry-after"] == "1"
        unavailable += bool(codes)
    assert unavailable > 0  # the pool was exhausted: the test tested something
    assert small[-1].status_code == 200
    assert small[-1].json()["data"]["me"]["username"] == globex.admin.username
    server_log = log_file.read_text()
    assert "Traceback" not in server_log, server_log
