"""auditEvents as a feed: OLDEST_FIRST after a saved cursor gives exactly the events
written since, none twice, none skipped, also while writes go on."""

from __future__ import annotations

import asyncio

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from gql.domain import audit
from models.audit import AuditEvent
from models.enums import Role
from tests.conftest import TEST_DATABASE_URL
from tests.factories import login, make_user

FEED = """
query Feed($after: String) {
  auditEvents(first: 3, order: OLDEST_FIRST, after: $after) {
    pageInfo { hasNextPage endCursor } nodes { id action }
  }
}
"""
CREATE_POOL = """
mutation Pool($input: CreateGatewayPoolInput!) {
  createGatewayPool(input: $input) { errors { code } }
}
"""


async def _read_all(gql, token: str, cursor: str | None) -> tuple[list[str], str | None]:
    """Every event after `cursor`, page by page; and the cursor to resume from."""
    seen: list[str] = []
    while True:
        page = (await gql(FEED, {"after": cursor}, token=token))["data"]["auditEvents"]
        seen += [n["id"] for n in page["nodes"]]
        cursor = page["pageInfo"]["endCursor"] or cursor
        if not page["pageInfo"]["hasNextPage"]:
            return seen, cursor


async def _write(gql, token: str, name: str) -> None:
    body = await gql(CREATE_POOL, {"input": {"name": name}}, token=token)
    assert body["data"]["createGatewayPool"]["errors"] == []


async def test_the_feed_resumes_exactly_where_it_stopped(gql) -> None:
    operator = await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "op@feed.example"))
    for n in range(4):
        await _write(gql, operator.token, f"pool-{n}")
    first = (await gql(FEED, {}, token=operator.token))["data"]["auditEvents"]
    assert len(first["nodes"]) == 3
    assert first["pageInfo"]["hasNextPage"]
    for n in range(4, 6):  # written between two pages
        await _write(gql, operator.token, f"pool-{n}")
    rest, cursor = await _read_all(gql, operator.token, first["pageInfo"]["endCursor"])
    seen = [n["id"] for n in first["nodes"]] + rest
    assert len(seen) == len(set(seen)) == await AuditEvent.all().count()
    # Later, only what was written since.
    assert (await _read_all(gql, operator.token, cursor))[0] == []
    await _write(gql, operator.token, "pool-late")
    late, _ = await _read_all(gql, operator.token, cursor)
    assert [
        n["action"]
        for n in (await gql(FEED, {"after": cursor}, token=operator.token))["data"]["auditEvents"][
            "nodes"
        ]
    ] == ["gatewayPool.create"] or len(late) == 1
    assert len(late) == 1


async def test_a_reader_during_concurrent_writes_misses_nothing(gql) -> None:
    operator = await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "op@feed.example"))
    seen: list[str] = []
    cursor = None

    async def reader() -> None:
        nonlocal cursor
        for _ in range(8):
            got, cursor = await _read_all(gql, operator.token, cursor)
            seen.extend(got)

    writers = [_write(gql, operator.token, f"pool-{n}") for n in range(12)]
    await asyncio.gather(reader(), *writers)
    got, cursor = await _read_all(gql, operator.token, cursor)  # catch up
    seen.extend(got)
    assert len(seen) == len(set(seen)), "an event came twice"
    everything = await AuditEvent.all().count()
    assert len(seen) == everything, "an event was skipped"


async def test_a_cursor_from_elsewhere_is_refused(gql) -> None:
    operator = await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "op@feed.example"))
    body = await gql(FEED, {"after": "b2Zmc2V0OjM="}, token=operator.token)  # an offset cursor
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="commit order; the PostgreSQL run covers it")
async def test_an_event_committed_late_is_not_skipped(gql) -> None:
    """Transaction A writes an event and stays open; B writes another through the API.
    Event ids are drawn at insert, so without ordering B's (higher) id would commit
    first, a reader would move past it, and A's event would be skipped for good. The
    feed lock makes B wait for A's commit."""
    operator = await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "op@feed.example"))
    _, cursor = await _read_all(gql, operator.token, None)
    recorded, release = asyncio.Event(), asyncio.Event()

    async def hold() -> None:  # its own task, so the API calls do not join its transaction
        async with in_transaction() as held:
            await audit.record(None, "test.held", "Test", 1, partner_id=None, using_db=held)
            recorded.set()
            await release.wait()

    holder = asyncio.create_task(hold())
    await recorded.wait()
    later = asyncio.create_task(_write(gql, operator.token, "pool-later"))
    probe = connections.get("default")
    for _ in range(10_000):  # until B waits for the lock (or, unordered, is done)
        if later.done() or await probe.execute_query_dict(_WAITING):
            break
        await asyncio.sleep(0)  # yield to B's request; no time passes
    first, cursor = await _read_all(gql, operator.token, cursor)
    release.set()
    await holder
    await later
    rest, _ = await _read_all(gql, operator.token, cursor)
    seen = [_pk(i) for i in first + rest]
    actions = list(
        await AuditEvent.filter(id__in=seen).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["test.held", "gatewayPool.create"], (first, rest)


_WAITING = "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"


def _pk(global_id: str) -> int:
    from gql.domain import ids

    decoded = ids.decode(global_id)
    assert decoded is not None
    return decoded[1]
