"""Headers every answer carries: `Cache-Control: no-store` on everything but the
explorer's static assets."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("POST", "/graphql", {"json": {"query": "{ apiVersion }"}}),
        ("GET", "/graphql", {"params": {"query": "{ apiVersion }"}}),
        ("POST", "/graphql", {"json": {"query": "{ apiVersion("}}),  # an error answer
        ("POST", "/graphql", {"content": b"query=x", "headers": {"Content-Type": "text/plain"}}),
        ("GET", "/graphql", {"headers": {"Accept": "text/html"}}),  # the explorer's page
        ("GET", "/healthz", {}),
        ("GET", "/readyz", {}),
        ("GET", "/metrics", {}),
        ("GET", "/export/customers.csv", {}),  # 401 without a token
        ("GET", "/nowhere", {}),
        ("POST", "/graphql", {"content": b"{" * 1_048_577}),  # 413
    ],
)
async def test_api_answers_are_never_stored(
    client: httpx.AsyncClient, method: str, path: str, kwargs: dict
) -> None:
    response = await client.request(method, path, **kwargs)
    assert response.headers.get_list("cache-control") == ["no-store"]


async def test_exports_are_never_stored(client: httpx.AsyncClient, operator) -> None:
    response = await client.get(
        "/export/edges.csv", headers={"Authorization": f"Bearer {operator.token}"}
    )
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


async def test_the_explorers_static_assets_may_be_cached(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphiql/graphiql.min.js")
    assert response.status_code == 200
    assert "cache-control" not in response.headers
    assert response.headers.get("etag")
