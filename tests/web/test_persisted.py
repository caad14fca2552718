"""Automatic persisted queries, Apollo's protocol: a hash first, the document on
PersistedQueryNotFound, the hash alone from then on; over POST and GET."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import AsyncIterator

import httpx
import pytest
from prometheus_client import REGISTRY
from starlette.applications import Starlette

from gql.settings import Settings
from gql.web.app import create_app
from gql.web.persisted import DocumentCache
from models.identity import Partner

NOT_FOUND = {
    "errors": [
        {"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}
    ]
}


def sha(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def apq(digest: str) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def unique_query() -> str:
    """A document no other test has stored (the store lives as long as the app)."""
    return f"query Version_{secrets.token_hex(6)} {{ apiVersion }}"


@pytest.fixture
def fresh_app(database: Settings) -> Starlette:
    return create_app(database, manage_database=False)


@pytest.fixture
async def fresh(fresh_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=fresh_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


def _view(app: Starlette):
    return next(r for r in app.routes if getattr(r, "path", "") == "/graphql").endpoint


async def test_the_round_trip_over_post(fresh: httpx.AsyncClient) -> None:
    query = unique_query()
    first = await fresh.post("/graphql", json={"extensions": apq(sha(query))})
    # 200, as Apollo Server sends it: Apollo's links retry on it, but give up on
    # persisted queries for good after a 400 or 500.
    assert first.status_code == 200
    assert first.json() == NOT_FOUND
    assert first.headers["cache-control"] == "no-store"
    second = await fresh.post("/graphql", json={"query": query, "extensions": apq(sha(query))})
    assert second.status_code == 200
    assert second.json()["data"]["apiVersion"]
    third = await fresh.post(
        "/graphql", json={"extensions": apq(sha(query)), "variables": {}, "operationName": None}
    )
    assert third.status_code == 200
    assert third.json() == second.json()


async def test_not_found_stays_200_for_graphql_response_json(fresh: httpx.AsyncClient) -> None:
    response = await fresh.post(
        "/graphql",
        json={"extensions": apq(sha(unique_query()))},
        headers={"Accept": "application/graphql-response+json"},
    )
    assert response.status_code == 200
    assert response.json() == NOT_FOUND


async def test_the_round_trip_over_get(fresh: httpx.AsyncClient) -> None:
    query = unique_query()
    params = {"extensions": json.dumps(apq(sha(query)))}
    # Apollo Client sends `Accept: */*`: still the result, never the explorer's page.
    headers = {"Accept": "*/*"}
    first = await fresh.get("/graphql", params=params, headers=headers)
    assert (first.status_code, first.json()) == (200, NOT_FOUND)
    second = await fresh.get("/graphql", params={"query": query, **params}, headers=headers)
    assert second.json()["data"]["apiVersion"]
    third = await fresh.get("/graphql", params=params, headers={"Accept": "text/html"})
    assert third.headers["content-type"].startswith("application/json")
    assert third.json() == second.json()


async def test_a_mutation_named_by_hash_is_still_refused_over_get(
    fresh: httpx.AsyncClient, operator
) -> None:
    mutation = 'mutation { createPartner(input: {name: "By hash"}) { partner { id } } }'
    auth = {"Authorization": f"Bearer {operator.token}"}
    # Registered over GET: refused before it runs, so not stored either.
    refused = await fresh.get(
        "/graphql",
        params={"query": mutation, "extensions": json.dumps(apq(sha(mutation)))},
        headers=auth,
    )
    assert refused.status_code == 405
    stored = await fresh.post("/graphql", json={"extensions": apq(sha(mutation))}, headers=auth)
    assert stored.json() == NOT_FOUND
    # Registered over POST (where it runs), then named by hash over GET.
    await fresh.post(
        "/graphql",
        json={"query": mutation.replace("By hash", "By post"), "extensions": apq(sha(mutation))},
        headers=auth,
    )  # a different document under this hash: refused, see below
    registered = await fresh.post(
        "/graphql", json={"query": mutation, "extensions": apq(sha(mutation))}, headers=auth
    )
    assert registered.json()["data"]["createPartner"]["partner"]["id"]
    by_hash = await fresh.get(
        "/graphql", params={"extensions": json.dumps(apq(sha(mutation)))}, headers=auth
    )
    assert by_hash.status_code == 405
    assert await Partner.filter(name="By hash").count() == 1
    assert not await Partner.filter(name="By post").exists()


async def test_a_hash_that_is_not_the_documents_is_refused(fresh: httpx.AsyncClient) -> None:
    query, other = unique_query(), unique_query()
    response = await fresh.post("/graphql", json={"query": query, "extensions": apq(sha(other))})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "provided sha does not match query",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }
    # Nothing was stored under either hash.
    for digest in (sha(query), sha(other)):
        again = await fresh.post("/graphql", json={"extensions": apq(digest)})
        assert again.json() == NOT_FOUND


async def test_a_document_that_does_not_validate_is_not_stored(fresh: httpx.AsyncClient) -> None:
    for query in ("{ noSuchField }", "{ apiVersion("):
        ran = await fresh.post("/graphql", json={"query": query, "extensions": apq(sha(query))})
        assert ran.json()["errors"]
        again = await fresh.post("/graphql", json={"extensions": apq(sha(query))})
        assert again.json() == NOT_FOUND


async def test_upper_case_hashes_are_the_same_hash(fresh: httpx.AsyncClient) -> None:
    query = unique_query()
    await fresh.post("/graphql", json={"query": query, "extensions": apq(sha(query).upper())})
    found = await fresh.post("/graphql", json={"extensions": apq(sha(query))})
    assert found.json()["data"]["apiVersion"]


HOSTILE_EXTENSIONS = [
    {"persistedQuery": "abc"},
    {"persistedQuery": []},
    {"persistedQuery": {"sha256Hash": "0" * 64}},
    {"persistedQuery": {"version": 2, "sha256Hash": "0" * 64}},
    {"persistedQuery": {"version": "1", "sha256Hash": "0" * 64}},
    {"persistedQuery": {"version": True, "sha256Hash": "0" * 64}},
    {"persistedQuery": {"version": 1}},
    {"persistedQuery": {"version": 1, "sha256Hash": None}},
    {"persistedQuery": {"version": 1, "sha256Hash": 12345}},
    {"persistedQuery": {"version": 1, "sha256Hash": ["0" * 64]}},
    {"persistedQuery": {"version": 1, "sha256Hash": "g" * 64}},
    {"persistedQuery": {"version": 1, "sha256Hash": "0" * 63}},
    {"persistedQuery": {"version": 1, "sha256Hash": "0" * 65}},
    {"persistedQuery": {"version": 1, "sha256Hash": "0" * 50_000}},
    {"persistedQuery": {"version": 1, "sha256Hash": "é" * 64}},
    {"persistedQuery": {"version": 1, "sha256Hash": "\ud800" * 64}},
]


@pytest.mark.parametrize("extensions", HOSTILE_EXTENSIONS, ids=range(len(HOSTILE_EXTENSIONS)))
@pytest.mark.parametrize("method", ["POST", "GET"])
async def test_malformed_persisted_query_extensions_are_400_json(
    client: httpx.AsyncClient, extensions: dict, method: str
) -> None:
    if method == "POST":
        # Escaped as JSON allows (a lone surrogate included), as a hostile client sends it.
        body = json.dumps({"extensions": extensions}).encode()
        response = await client.post(
            "/graphql", content=body, headers={"Content-Type": "application/json"}
        )
    else:
        response = await client.get("/graphql", params={"extensions": json.dumps(extensions)})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/json"
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert len(error["message"]) < 200  # never the value sent


@pytest.mark.parametrize("raw", ["{nope", "[1]", "5", '"text"', "null-ish", ""])
async def test_get_with_broken_extensions_is_400_json(client: httpx.AsyncClient, raw: str) -> None:
    response = await client.get("/graphql", params={"query": "{ apiVersion }", "extensions": raw})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


@pytest.mark.parametrize("extensions", [[1], "text", 5, True])
async def test_post_with_extensions_not_an_object_is_400(
    client: httpx.AsyncClient, extensions: object
) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ apiVersion }", "extensions": extensions}
    )
    assert response.status_code == 400
    assert "extensions" in response.text


async def test_other_extensions_are_left_alone(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={"query": "{ apiVersion }", "extensions": {"tracing": True, "persistedQuery": None}},
    )
    assert response.status_code == 200
    assert response.json()["data"]["apiVersion"]


async def test_document_ids_need_trusted_documents(client: httpx.AsyncClient) -> None:
    for body in ({"documentId": "sha256:" + "0" * 64}, {"id": "0" * 64}):
        response = await client.post("/graphql", json=body)
        assert response.status_code == 400
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    # Beside a document, an `id` is not ours to judge.
    response = await client.post("/graphql", json={"query": "{ apiVersion }", "id": 7})
    assert response.status_code == 200


async def test_persisted_operations_are_labelled_by_root_field(fresh: httpx.AsyncClient) -> None:
    query = unique_query()
    labels = {"operation": "apiVersion", "type": "query", "outcome": "ok"}
    before = REGISTRY.get_sample_value("portal_graphql_operations_total", labels) or 0
    await fresh.post("/graphql", json={"query": query, "extensions": apq(sha(query))})
    await fresh.post("/graphql", json={"extensions": apq(sha(query))})
    after = REGISTRY.get_sample_value("portal_graphql_operations_total", labels)
    assert after == before + 2


async def test_the_store_is_bounded(fresh_app: Starlette, fresh: httpx.AsyncClient) -> None:
    _view(fresh_app).persisted.cache = DocumentCache(max_documents=3)
    queries = [unique_query() for _ in range(4)]
    for query in queries:
        await fresh.post("/graphql", json={"query": query, "extensions": apq(sha(query))})
    oldest = await fresh.post("/graphql", json={"extensions": apq(sha(queries[0]))})
    assert oldest.json() == NOT_FOUND
    newest = await fresh.post("/graphql", json={"extensions": apq(sha(queries[-1]))})
    assert newest.json()["data"]


def test_the_cache_evicts_the_least_recently_used_by_count_and_bytes() -> None:
    cache = DocumentCache(max_documents=2, max_bytes=100)
    cache.put("a", "x" * 40)
    cache.put("b", "y" * 40)
    assert cache.get("a") == "x" * 40  # a is now the most recently used
    cache.put("c", "z" * 10)  # three documents: b goes
    assert (cache.get("b"), len(cache), cache.bytes) == (None, 2, 50)
    cache.put("d", "w" * 91)  # 141 bytes: the least recently used go until it fits
    assert (cache.get("a"), cache.get("c"), cache.get("d")) == (None, None, "w" * 91)
    assert cache.bytes == 91
    cache.put("e", "v" * 101)  # larger than the whole budget: not kept
    assert (cache.get("e"), cache.get("d")) == (None, "w" * 91)
    cache.put("d", "w" * 91)  # again: nothing changes
    assert (len(cache), cache.bytes) == (1, 91)
