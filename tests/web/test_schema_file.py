"""GET /graphql/schema.graphql: the SDL, also with introspection off, unless the
operator withdraws it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from gql.settings import Settings
from gql.web.app import create_app

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


async def _client(database: Settings, **env: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings.from_env({"DATABASE_URL": database.database_url, **env})
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
async def introspection_off(database: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _client(database, PORTAL_INTROSPECTION="false"):
        yield c


@pytest.fixture
async def unpublished(database: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _client(database, PORTAL_PUBLISH_SCHEMA="false"):
        yield c


async def test_the_schema_file_is_served_as_utf8_text(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql/schema.graphql")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.content == SCHEMA_FILE.read_bytes()
    assert response.headers["cache-control"] == "no-store"


async def test_it_is_served_while_introspection_is_off(
    introspection_off: httpx.AsyncClient,
) -> None:
    introspect = await introspection_off.post(
        "/graphql", json={"query": "{ __schema { queryType { name } } }"}
    )
    assert "introspection" in introspect.json()["errors"][0]["message"].lower()
    response = await introspection_off.get("/graphql/schema.graphql")
    assert response.status_code == 200
    assert response.content == SCHEMA_FILE.read_bytes()


async def test_the_operator_may_withdraw_it(unpublished: httpx.AsyncClient) -> None:
    assert (await unpublished.get("/graphql/schema.graphql")).status_code == 404
    # The API itself is untouched.
    response = await unpublished.post("/graphql", json={"query": "{ apiVersion }"})
    assert response.status_code == 200


async def test_only_get_and_head(client: httpx.AsyncClient) -> None:
    assert (await client.head("/graphql/schema.graphql")).status_code == 200
    assert (await client.post("/graphql/schema.graphql", json={})).status_code == 405
