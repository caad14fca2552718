"""Limits and refusals: linear validation, the cost budget, and an error code (never a
500, never a variable's value) for everything a client can get wrong."""

from __future__ import annotations

import logging

from graphql import Visitor, parse, visit

from gql.schema.shape import measure

QUERY_BOMB_LEVELS = 40


def fragment_bomb(levels: int) -> str:
    """Each fragment spreads the next twice: 2^levels fields once expanded."""
    return " ".join(
        ["query { ...F0 }"]
        + [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
        + [f"fragment F{levels} on Query {{ __typename }}"]
    )


def ast_size(document: str) -> int:
    class Count(Visitor):
        nodes = 0

        def enter(self, *_):
            Count.nodes += 1

    visit(parse(document), Count())
    return Count.nodes


def test_measuring_a_fragment_bomb_visits_each_node_once() -> None:
    document = fragment_bomb(QUERY_BOMB_LEVELS)
    measured = measure(parse(document))
    ((_, shape),) = measured.operations
    assert shape.fields >= 2**QUERY_BOMB_LEVELS  # what it asks for, counted without expanding
    assert measured.visited <= ast_size(document)  # the work: at most one visit per node


async def test_a_fragment_bomb_is_refused_over_post_and_get(client) -> None:
    document = fragment_bomb(QUERY_BOMB_LEVELS)
    for response in (
        await client.post("/graphql", json={"query": document}),
        await client.get("/graphql", params={"query": document}),
    ):
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        assert "over a billion fields once its fragments are expanded" in error["message"]


async def test_one_field_asked_for_many_times_at_one_place_is_refused(gql) -> None:
    """The standard rule compares such fields in pairs: 2,000 of them would take it
    a quadratic while."""
    body = await gql("{ " + "apiVersion " * 1500 + "}")
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "one field 1500 times at the same place" in body["errors"][0]["message"]
    assert (await gql("{ " + "apiVersion " * 30 + "}"))["data"]["apiVersion"]


THIRTY_EDGE_PAGES = (
    "query {"
    + " ".join(
        f"a{n}: customers(first: 100) {{ nodes {{ edges(first: 100) {{ nodes {{ id name }} }} }} }}"
        for n in range(30)
    )
    + "}"
)


async def test_an_operation_over_the_cost_budget_is_refused_before_it_runs(
    client, acme, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    response = await client.post(
        "/graphql",
        json={"query": THIRTY_EDGE_PAGES},
        headers={"Authorization": f"Bearer {acme.admin.token}"},
    )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "cost": 906_030, "maxCost": 50_000}
    statements = [r for r in caplog.records if r.name == "tortoise.db_client"]
    assert all("auth_token" in r.getMessage() for r in statements)  # authentication only
    access = [r for r in caplog.records if r.name == "portal.access"]
    assert access[-1].cost == 906_030
    assert "cost=906030" in access[-1].getMessage()


EDGE_PAGES = "customers(first: $n) { nodes { edges(first: $n) { nodes { id %s } } } }"


async def test_the_cost_follows_page_sizes_given_as_variables(gql, acme) -> None:
    one = "query($n: Int) { " + EDGE_PAGES % "" + " }"
    two = "query($n: Int) { a: " + EDGE_PAGES % "" + " b: " + EDGE_PAGES % "name model" + " }"
    # 100 customers by 100 edges by 2 fields: 20,201; the second page of three: 40,201.
    assert "errors" not in await gql(one, {"n": 100}, token=acme.admin.token)
    assert "errors" not in await gql(two, {"n": 10}, token=acme.admin.token)
    refused = await gql(two, {"n": 100}, token=acme.admin.token, expect_status=400)
    assert refused["errors"][0]["extensions"]["cost"] == 20_201 + 40_201


async def test_every_error_has_a_code(client, gql) -> None:
    parse_error = await gql("{ apiVersion ")
    assert parse_error["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    invalid = await gql("{ noSuchField }")
    assert invalid["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    deep = await gql("{" * 3000 + "}" * 3000)
    assert deep["errors"][0]["extensions"]["code"] in {
        "GRAPHQL_PARSE_FAILED",
        "GRAPHQL_VALIDATION_FAILED",
    }


async def test_a_variable_error_never_repeats_the_value(gql, caplog) -> None:
    secret = "hunter2-correct-horse"
    caplog.set_level(logging.DEBUG)
    body = await gql("query($n: Int) { customers(first: $n) { totalCount } }", {"n": secret})
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == (
        "Variable '$n' has invalid value: Int cannot represent non-integer value."
    )
    login = await gql(
        "mutation($input: LoginInput!) { login(input: $input) { token } }",
        {"input": {"username": "x@example.com", "password": {"nested": secret}}},
    )
    assert login["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert secret not in str(login)
    assert all(secret not in r.getMessage() for r in caplog.records)


async def test_bad_bodies_and_operation_names_get_json_400s(client) -> None:
    cases = {
        "not UTF-8": b'{"query": "{ apiVersion }", "x": "\xff\xfe"}',
        "a JSON string": b'"{ apiVersion }"',
        "a JSON array": b'[{"query": "{ apiVersion }"}]',
        "a number as operation name": b'{"query": "{ apiVersion }", "operationName": 7}',
        "an unknown operation": b'{"query": "query A { apiVersion }", "operationName": "B"}',
        "broken JSON": b'{"query": ',
    }
    for name, body in cases.items():
        response = await client.post(
            "/graphql", content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400, (name, response.text)
        assert response.headers["content-type"].startswith("application/json"), name
        (error,) = response.json()["errors"]
        assert error["extensions"]["code"] == "BAD_REQUEST", name
        assert error["message"], name
    unknown = await client.get(
        "/graphql", params={"query": "query A { apiVersion }", "operationName": "B"}
    )
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
