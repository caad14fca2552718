"""`customers { totalCount }`: counted when asked for (however it is asked), and not
otherwise; the page still says whether more follow."""

from __future__ import annotations

import logging

import pytest

from tests.schema.queries.test_customers import add_customers


@pytest.fixture
def world(catalogue, acme, globex):
    return {"catalogue": catalogue, "acme": acme, "globex": globex}


async def _run(gql, token: str, caplog, query: str, variables: dict) -> tuple[dict, list[str]]:
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="tortoise.db_client"):
        body = await gql(query, variables, token=token)
    assert "errors" not in body, body
    statements = [r.getMessage() for r in caplog.records if r.name == "tortoise.db_client"]
    return body["data"]["customers"], [s for s in statements if 'COUNT(*) FROM "customer"' in s]


NO_TOTAL = """query($first: Int, $after: String) {
  customers(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } nodes { companyName edgeCount } } }"""

WAYS_TO_ASK = [
    "query($first: Int) { customers(first: $first) { totalCount nodes { companyName } } }",
    "query($first: Int) { customers(first: $first) { all: totalCount } }",
    "query($first: Int) { customers(first: $first) { ...Total } } "
    "fragment Total on CustomerConnection { totalCount }",
    "query($first: Int) { customers(first: $first) { ... on CustomerConnection { totalCount } } }",
]


async def test_a_page_without_total_count_runs_no_count(gql, world, caplog) -> None:
    acme = world["acme"]
    await add_customers(world, acme, ["Alpha Co", "Beta Co", "Gamma Co"])
    await gql("{ me { id } }", token=acme.admin.token)  # settle the token's last-used time
    first, counts = await _run(gql, acme.admin.token, caplog, NO_TOTAL, {"first": 2})
    assert counts == []
    assert [n["companyName"] for n in first["nodes"]] == ["Alpha Co", "Beta Co"]
    assert first["pageInfo"]["hasNextPage"] is True
    after = first["pageInfo"]["endCursor"]
    last, counts = await _run(gql, acme.admin.token, caplog, NO_TOTAL, {"first": 2, "after": after})
    assert counts == []
    assert [n["companyName"] for n in last["nodes"]] == ["Gamma Co"]
    assert last["pageInfo"]["hasNextPage"] is False


@pytest.mark.parametrize("query", WAYS_TO_ASK)
async def test_total_count_asked_for_is_one_count(gql, world, caplog, query) -> None:
    acme = world["acme"]
    await add_customers(world, acme, ["Alpha Co", "Beta Co", "Gamma Co"])
    page, counts = await _run(gql, acme.admin.token, caplog, query, {"first": 1})
    assert len(counts) == 1
    assert page.get("totalCount", page.get("all")) == 3
