"""Production switches: introspection, GraphiQL and CORS origins."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from gql.settings import Settings
from gql.web.app import create_app

INTROSPECTION = "{ __schema { queryType { name } } }"


@pytest.fixture
async def locked_down(database: Settings) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings.from_env(
        {
            "DATABASE_URL": database.database_url,
            "PORTAL_INTROSPECTION": "false",
            "PORTAL_GRAPHIQL": "false",
            "PORTAL_CORS_ORIGINS": "https://portal.example",
        }
    )
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_introspection_is_on_by_default(gql) -> None:
    body = await gql(INTROSPECTION)
    assert body == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


async def test_introspection_can_be_switched_off(locked_down: httpx.AsyncClient) -> None:
    body = (await locked_down.post("/graphql", json={"query": INTROSPECTION})).json()
    assert "introspection" in body["errors"][0]["message"].lower()
    assert body.get("data") is None


async def test_suggestions_are_hidden_when_introspection_is_off(
    gql, locked_down: httpx.AsyncClient
) -> None:
    typo = "{ apiVersio }"
    assert "Did you mean" in (await gql(typo))["errors"][0]["message"]
    body = (await locked_down.post("/graphql", json={"query": typo})).json()
    assert "Did you mean" not in body["errors"][0]["message"]
    assert "apiVersion" not in body["errors"][0]["message"]


async def test_graphiql_can_be_switched_off(locked_down: httpx.AsyncClient) -> None:
    page = await locked_down.get("/graphql", headers={"Accept": "text/html"})
    assert "graphiql" not in page.text.lower()
    assert (await locked_down.get("/graphiql/graphiql.min.js")).status_code == 404


async def test_cors_allows_configured_origins_only(locked_down: httpx.AsyncClient) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    ok = await locked_down.options(
        "/graphql", headers={"Origin": "https://portal.example", **preflight}
    )
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == "https://portal.example"
    assert "authorization" in ok.headers["access-control-allow-headers"].lower()

    evil = await locked_down.options(
        "/graphql", headers={"Origin": "https://evil.example", **preflight}
    )
    assert evil.status_code == 400
    assert "access-control-allow-origin" not in evil.headers

    simple = await locked_down.post(
        "/graphql", json={"query": "{ apiVersion }"}, headers={"Origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in simple.headers


async def test_cors_allows_tracing_client_and_idempotency_headers(
    locked_down: httpx.AsyncClient,
) -> None:
    wanted = [
        "authorization",
        "content-type",
        "traceparent",
        "tracestate",
        "baggage",
        "sentry-trace",
        "apollographql-client-name",
        "apollographql-client-version",
        "idempotency-key",
        "x-request-id",
    ]
    preflight = await locked_down.options(
        "/graphql",
        headers={
            "Origin": "https://portal.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": ", ".join(wanted),
        },
    )
    assert preflight.status_code == 200
    allowed = {
        h.strip().lower() for h in preflight.headers["access-control-allow-headers"].split(",")
    }
    assert set(wanted) <= allowed

    response = await locked_down.post(
        "/graphql",
        json={"query": "{ apiVersion }"},
        headers={"Origin": "https://portal.example", "X-Request-ID": "spa-1"},
    )
    assert response.headers["access-control-allow-origin"] == "https://portal.example"
    assert response.headers["access-control-expose-headers"].lower() == "x-request-id"
    assert response.headers["x-request-id"] == "spa-1"

    # A header outside the list is still refused.
    odd = await locked_down.options(
        "/graphql",
        headers={
            "Origin": "https://portal.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-forwarded-user",
        },
    )
    assert odd.status_code == 400


async def test_no_cors_headers_without_configured_origins(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ apiVersion }"}, headers={"Origin": "https://portal.example"}
    )
    assert "access-control-allow-origin" not in response.headers
