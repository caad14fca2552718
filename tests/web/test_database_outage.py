"""PostgreSQL going away under a running server: clean retryable errors, /readyz 503,
recovery without a restart, and no half-written customer.

The server runs as a real process whose database connections go through a TCP proxy
that this test owns, so "PostgreSQL restarts" means cutting and restoring the proxy:
no service that other tests use is ever stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from gql.domain import ids
from gql.settings import Settings
from models.customer import Customer, CustomerSoftwareImage
from models.identity import User
from tests.factories import PartnerWorld
from tests.schema.customer_kit import CREATE, PASSWORD, new_input

ROOT = Path(__file__).resolve().parents[2]


class Proxy:
    """A TCP proxy to PostgreSQL that can be cut (every connection dropped, new ones
    refused) and restored on the same port."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = _free_port()
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True
        )

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()
        for writer in list(self.writers):
            writer.transport.abort()
        self.writers.clear()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self.writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.IncompleteReadError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self.writers -= {writer, up_writer}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def served(
    settings: Settings, tmp_path: Path
) -> AsyncIterator[tuple[httpx.AsyncClient, Proxy]]:
    if not settings.is_postgres:
        pytest.skip("a PostgreSQL outage; the PostgreSQL run covers it")
    url = urlsplit(settings.database_url)
    proxy = Proxy(url.hostname or "127.0.0.1", url.port or 5432)
    await proxy.start()
    proxied = urlunsplit(url._replace(netloc=f"{url.username}@127.0.0.1:{proxy.port}"))
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": proxied,
        "PORTAL_DB_POOL_TIMEOUT": "1",
        "PORTAL_DB_STATEMENT_TIMEOUT": "5",
        "PORTAL_LOG_LEVEL": "warning",
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(  # noqa: ASYNC220 - a server process for the whole test
        [sys.executable, "-c", "from gql.cli import main; main()", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=20) as http:
            await _until(lambda: http.get("/healthz"), lambda r: r.status_code == 200)
            yield http, proxy
    finally:
        server.terminate()
        server.wait(timeout=20)
        await proxy.cut()


async def _until(request, done, attempts: int = 100):
    """Repeats a request until `done` holds (a client retrying), at most `attempts`
    times; each attempt waits for its own answer, so no fixed sleep decides anything."""
    last = None
    for _ in range(attempts):
        try:
            last = await request()
            if done(last):
                return last
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError(f"no success after {attempts} attempts: {last and last.text}")


async def _create(http: httpx.AsyncClient, world: PartnerWorld, n: int, key: str | None = None):
    data = new_input(
        companyName=f"Outage {n}",
        accountNumber=f"OUT-{n}",
        admin={"username": f"a{n}@outage.example"},
    )
    if key:
        data["idempotencyKey"] = key
    return await http.post(
        "/graphql",
        json={"query": CREATE, "variables": {"input": data}},
        headers={"Authorization": f"Bearer {world.admin.token}"},
    )


async def _no_half_written_customers() -> None:
    for customer in await Customer.all():
        assert await User.filter(customer_id=customer.id).count() == 1, customer.company_name
        assert await CustomerSoftwareImage.filter(customer_id=customer.id).exists()


async def test_an_outage_gives_retryable_errors_and_the_server_recovers(served, acme) -> None:
    http, proxy = served
    assert (await http.get("/readyz")).status_code == 200
    ok = await _create(http, acme, 1)
    assert ok.json()["data"]["createPartnerCustomer"]["errors"] == []

    await proxy.cut()
    assert (await http.get("/readyz")).status_code == 503
    for n in range(2, 6):
        during = await _create(http, acme, n)
        # Refused while authenticating (503) or while executing (a GraphQL error): both
        # say SERVICE_UNAVAILABLE and nothing about the driver or the SQL.
        assert during.status_code in (200, 503)
        body = during.json()
        assert body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE", body
        assert "retry" in body["errors"][0]["message"]
        assert "asyncpg" not in during.text
        assert "SELECT" not in during.text

    # Without a token nothing is read before execution: the resolver meets the outage,
    # and as nothing could run, the answer is a 503 all the same.
    login = await http.post(
        "/graphql",
        json={
            "query": 'mutation { login(input: {username: "a@b.example", password: "x"}) { token } }'
        },
    )
    assert login.status_code == 503
    assert login.headers["retry-after"] == "1"
    assert login.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    with_token = await http.post(
        "/graphql",
        json={"query": "{ me { id } }"},
        headers={"Authorization": f"Bearer {acme.admin.token}"},
    )
    assert with_token.status_code == 503
    assert with_token.headers["retry-after"] == "1"

    await proxy.start()
    await _until(lambda: http.get("/readyz"), lambda r: r.status_code == 200)
    after = await _until(
        lambda: _create(http, acme, 6),
        lambda r: "errors" not in r.json(),
    )
    assert after.json()["data"]["createPartnerCustomer"]["errors"] == []
    names = set(await Customer.all().values_list("company_name", flat=True))
    assert {"Outage 1", "Outage 6"} <= names
    assert not names & {f"Outage {n}" for n in range(2, 6)}
    await _no_half_written_customers()


async def test_a_client_that_hangs_up_mid_mutation_then_retries_gets_one_customer(
    served, acme
) -> None:
    http, _ = served
    data = new_input(
        companyName="Hang Up", accountNumber="HUP-1", admin={"username": "h@hangup.example"}
    )
    data["idempotencyKey"] = "hang-up-1"
    body = httpx.Request(
        "POST", "http://x/graphql", json={"query": CREATE, "variables": {"input": data}}
    ).content
    host, port = http.base_url.host, http.base_url.port
    _reader, writer = await asyncio.open_connection(host, port)
    writer.write(
        f"POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {acme.admin.token}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    await writer.drain()
    writer.transport.abort()  # gone before any answer

    retry = await _until(
        lambda: _create_with(http, acme, data),
        lambda r: r.status_code == 200 and "errors" not in r.json(),
    )
    payload = retry.json()["data"]["createPartnerCustomer"]
    assert payload["errors"] == [], payload
    customer_pk = ids.decode_as(payload["customer"]["id"], "Customer")
    assert await Customer.filter(account_number="HUP-1").count() == 1
    assert (await Customer.get(account_number="HUP-1")).id == customer_pk
    await _no_half_written_customers()
    assert PASSWORD not in retry.text


async def _create_with(http: httpx.AsyncClient, world: PartnerWorld, data: dict):
    return await http.post(
        "/graphql",
        json={"query": CREATE, "variables": {"input": data}},
        headers={"Authorization": f"Bearer {world.admin.token}"},
    )
