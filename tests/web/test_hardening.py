"""GraphQL over HTTP held to its spec, and the bounds on what one request may ask."""

from __future__ import annotations

import httpx
import pytest

GRAPHQL_RESPONSE = "application/graphql-response+json"


async def post(client: httpx.AsyncClient, body: dict, accept: str | None = None) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return await client.post("/graphql", json=body, headers=headers)


@pytest.mark.parametrize(
    "query",
    ["{ apiVersion(", "{ noSuchField }", "query($n: Int!) { apiVersion }"],
    ids=["parse", "validation", "variable coercion"],
)
async def test_request_errors_are_400_without_data_for_graphql_response_json(
    client: httpx.AsyncClient, query: str
) -> None:
    modern = await post(client, {"query": query}, accept=GRAPHQL_RESPONSE)
    assert modern.status_code == 400
    assert modern.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert "data" not in modern.json()
    assert modern.json()["errors"]
    legacy = await post(client, {"query": query}, accept="application/json")
    assert legacy.status_code == 200
    assert legacy.headers["content-type"].startswith("application/json")


async def test_field_errors_stay_200_with_data(client: httpx.AsyncClient) -> None:
    response = await post(
        client, {"query": "{ apiVersion me { id } partners { id } }"}, accept=GRAPHQL_RESPONSE
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"apiVersion": body["data"]["apiVersion"], "me": None, "partners": None}
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_mutations_over_get_are_405(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql", params={"query": "mutation { logout { endedSessions } }"}
    )
    assert response.status_code == 405


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", "query=%7BapiVersion%7D"),
        ("text/plain", '{"query": "{ apiVersion }"}'),
        ("multipart/form-data; boundary=x", "--x--"),
    ],
)
async def test_bodies_other_than_json_are_415(
    client: httpx.AsyncClient, content_type: str, body: str
) -> None:
    response = await client.post("/graphql", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 415


async def test_array_batching_is_off(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=[{"query": "{ apiVersion }"}] * 2)
    assert response.status_code == 400


async def test_oversized_bodies_are_413(client: httpx.AsyncClient) -> None:
    padding = "x" * (1_048_576 + 10)
    declared = await client.post("/graphql", json={"query": "{ apiVersion }", "p": padding})
    assert declared.status_code == 413

    async def chunks():
        yield b'{"query": "{ apiVersion }", "p": "'
        for _ in range(1100):
            yield b"y" * 1024
        yield b'"}'

    streamed = await client.post(
        "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413


async def test_depth_tokens_aliases_directives_and_lists_are_bounded(gql) -> None:
    deep = "{ me { partner { " + "softwareImages { image { id } } " + "} } }"
    nested = "{ customers { nodes { " + "clonedFrom { " * 12 + "id" + " }" * 12 + " } } }"
    expected = {
        "depth": "15 levels of nested fields; at most 12",
        "tokens": "more than 5000 tokens",
        "aliases via fragments": "41 aliases (fragments counted each time",
        "directives": "51 directives; at most 50",
        "list literal": "more than 100 items",
    }
    cases = {
        "depth": nested,
        "tokens": "{ " + " ".join(["apiVersion"] * 6000) + " }",
        "aliases via fragments": "fragment F on Query { "
        + " ".join(f"a{i}: apiVersion" for i in range(10))
        + " } { ...F ... on Query { ...F } x: apiVersion ...F ...F }",
        "directives": "{ " + " apiVersion @include(if: true)" * 51 + " }",
        "list literal": 'mutation { updatePartner(input: {id: "x", softwareImageIds: ['
        + ", ".join(f'"{i}"' for i in range(101))
        + "]}) { errors { code } } }",
    }
    for name, document in cases.items():
        body = await gql(document)
        assert body.get("data") is None, name
        assert expected[name] in body["errors"][0]["message"], (name, body["errors"])
    assert "errors" not in await gql(deep)


async def test_variables_are_bounded_before_execution(client: httpx.AsyncClient) -> None:
    query = (
        'mutation($ids: [ID!]!) { updatePartner(input: {id: "x", softwareImageIds: $ids}) '
        "{ errors { code } } }"
    )
    too_many = await post(client, {"query": query, "variables": {"ids": ["a"] * 101}})
    assert too_many.status_code == 400
    assert "more than 100 items" in too_many.text
    nested: dict = {}
    cursor = nested
    for _ in range(12):
        cursor["x"] = {}
        cursor = cursor["x"]
    deep = await post(client, {"query": "{ apiVersion }", "variables": {"v": nested}})
    assert deep.status_code == 400


async def test_security_headers(client: httpx.AsyncClient) -> None:
    api = await post(client, {"query": "{ apiVersion }"})
    assert api.headers["x-content-type-options"] == "nosniff"
    assert api.headers["x-frame-options"] == "DENY"
    assert api.headers["content-security-policy"].startswith("default-src 'none'")
    page = await client.get("/graphql", headers={"Accept": "text/html"})
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
