"""PostgreSQL: waiting for a pool connection is bounded, and a request takes one."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

import asyncpg
import pytest
from tortoise.connection import get_connection, get_connections

from gql.pg import BoundedAsyncpgDBClient, RequestConnection, _BoundedPool
from gql.settings import Settings
from tests.schema.customer_kit import create


async def test_a_request_waits_a_bounded_time_for_a_connection(settings: Settings) -> None:
    if not settings.is_postgres:
        pytest.skip("PostgreSQL pool behaviour; the PostgreSQL run covers it")
    url = urlsplit(settings.database_url)
    client = BoundedAsyncpgDBClient(
        connection_name="bounded-test",
        user=url.username,
        password=url.password,
        host=url.hostname,
        port=url.port or 5432,
        database=url.path.lstrip("/"),
        minsize=1,
        maxsize=1,
        acquire_timeout=0.2,
    )
    await client.create_connection(with_db=True)
    try:
        async with client.acquire_connection() as held:
            assert await held.fetchval("SELECT 1") == 1
            with pytest.raises(TimeoutError):
                async with client.acquire_connection():
                    pass
        # Once released, the connection is available again.
        async with client.acquire_connection() as again:
            assert await again.fetchval("SELECT 2") == 2
    finally:
        await client.close()


@pytest.fixture
def acquires(settings: Settings, monkeypatch) -> list[int]:
    """Counts the pool connections taken while a test runs."""
    if not settings.is_postgres:
        pytest.skip("PostgreSQL pool behaviour; the PostgreSQL run covers it")
    taken: list[int] = []
    acquire = _BoundedPool.acquire

    def counting(self, *, timeout: float | None = None):
        taken.append(1)
        return acquire(self, timeout=timeout)

    monkeypatch.setattr(_BoundedPool, "acquire", counting)
    return taken


PAGE = """query { customers(first: 10) { totalCount nodes {
  companyName softwareImages { image { version } isDefault } gatewayPool { name }
  edgeLicenses { sku } partner { name } users { username } edgeCount
  edges(first: 2) { totalCount nodes { name softwareImage { version } } } } } }"""


async def test_a_request_takes_one_pool_connection_for_all_its_statements(
    gql, acme, acquires
) -> None:
    for n in range(3):  # a transaction each: create a customer, its admin, images, audit
        payload = await create(
            gql,
            acme,
            companyName=f"Co {n}",
            domain=f"co{n}.example",
            accountNumber=f"ACC-{n}",
            admin={"username": f"a@co{n}.example"},
        )
        assert payload["errors"] == [], payload
    assert len(acquires) == 3
    duplicate = await create(gql, acme, companyName="Co 0", accountNumber="ACC-9")
    assert {e["code"] for e in duplicate["errors"]} == {"DUPLICATE"}
    assert len(acquires) == 4

    acquires.clear()
    body = await gql(PAGE, token=acme.admin.token)
    assert "errors" not in body, body
    assert body["data"]["customers"]["totalCount"] == 3
    assert [n["companyName"] for n in body["data"]["customers"]["nodes"]] == [
        "Co 0",
        "Co 1",
        "Co 2",
    ]
    assert len(acquires) == 1  # the token, the page, its count and seven loaders


async def test_concurrent_requests_each_keep_their_own_connection(gql, acme, acquires) -> None:
    bodies = await asyncio.gather(*(gql(PAGE, token=acme.admin.token) for _ in range(12)))
    assert all("errors" not in b and b["data"]["customers"]["totalCount"] == 0 for b in bodies)
    assert len(acquires) == 12


async def test_a_request_connection_gives_its_connection_back(database: Settings) -> None:
    if not database.is_postgres:
        pytest.skip("PostgreSQL pool behaviour; the PostgreSQL run covers it")
    parent = get_connection("default")
    shared = RequestConnection(parent)
    async with shared._in_transaction() as tx:  # a transaction on the request's connection
        await tx.execute_query("CREATE TEMPORARY TABLE t (n int) ON COMMIT DROP")
        await tx.execute_query("INSERT INTO t VALUES (1)")
        _, rows = await shared.execute_query("SELECT count(*) AS n FROM t")  # same session
        assert rows[0]["n"] == 1
    held = shared._connection
    assert held is not None
    await shared.release()
    assert shared._connection is None
    _, rows = await shared.execute_query("SELECT 1 AS one")  # late: a pool connection of its own
    assert rows[0]["one"] == 1
    with pytest.raises(asyncpg.InterfaceError, match="released back to the pool"):
        await held.fetchval("SELECT 2")
    async with shared._in_transaction() as late:  # so does a late transaction
        _, rows = await late.execute_query("SELECT 3 AS three")
    assert rows[0]["three"] == 3
    assert shared._connection is None


async def test_a_request_queued_for_argon2_holds_no_connection(database: Settings) -> None:
    """A login flood queues for the hashing slots: the queued requests lend their pool
    connection back meanwhile (they must not drain the pool for everyone), except one
    inside a transaction, whose connection must stay."""
    if not database.is_postgres:
        pytest.skip("PostgreSQL pool behaviour; the PostgreSQL run covers it")
    from gql.domain import security

    shared = RequestConnection(get_connection("default"))
    await shared.execute_query("SELECT 1")
    async with shared._in_transaction():
        await shared.lend()
        assert shared._connection is not None  # the transaction's: kept
    await security.hash_password("makes-the-hashing-slots-0001")
    slots = security._slots._semaphore
    assert slots is not None
    token = get_connections().set("default", shared)
    taken = 0
    try:
        while not slots.locked():  # every slot taken: the next hash must queue
            await slots.acquire()
            taken += 1
        queued = asyncio.create_task(security.hash_password("queued-behind-a-flood-01"))
        for _ in range(100):  # let it reach the queue
            await asyncio.sleep(0)
            if shared._connection is None:
                break
        assert shared._connection is None  # lent back to the pool while queued
        slots.release()
        taken -= 1
        assert (await queued).startswith("$argon2id$")
        _, rows = await shared.execute_query("SELECT 2 AS two")  # taken again when needed
        assert rows[0]["two"] == 2
        assert shared._connection is not None
    finally:
        for _ in range(taken):
            slots.release()
        get_connections().reset(token)
        await shared.release()
