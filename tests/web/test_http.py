"""The HTTP surface: GraphQL over POST and GET, health, readiness, metrics, request ids."""

from __future__ import annotations

import re

import httpx
import pytest

from gql.schema.build import API_VERSION
from gql.web import app as app_module

API_VERSION_QUERY = "query ApiVersion { apiVersion }"


async def test_post_query_returns_data(gql) -> None:
    body = await gql(API_VERSION_QUERY)
    assert body == {"data": {"apiVersion": API_VERSION}}


async def test_get_query_returns_data(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": API_VERSION_QUERY})
    assert response.status_code == 200
    assert response.json() == {"data": {"apiVersion": API_VERSION}}


async def test_invalid_document_is_a_graphql_error_not_a_crash(gql) -> None:
    body = await gql("{ apiVersion(")
    assert body.get("data") is None
    assert body["errors"][0]["message"].startswith("Syntax Error")


async def test_healthz_answers_without_the_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_is_ok_when_the_database_answers(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_is_503_when_the_database_fails(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def unreachable(within: float = 2.0) -> None:
        raise ConnectionRefusedError("connect call failed ('10.0.0.1', 5432) password=hunter2")

    monkeypatch.setattr(app_module.db, "ping", unreachable)
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    # The cause is logged by type only: no driver text (hosts, credentials) anywhere.
    assert "ConnectionRefusedError" in caplog.text
    assert "hunter2" not in caplog.text
    assert "hunter2" not in response.text


async def test_request_id_is_kept_when_well_formed(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "frontend-42.a_b"})
    assert response.headers["x-request-id"] == "frontend-42.a_b"


async def test_request_id_is_replaced_when_malformed(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "bad id <script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


async def test_every_request_is_logged_once_with_its_operation(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="portal.access")
    await client.post(
        "/graphql", json={"query": API_VERSION_QUERY}, headers={"X-Request-ID": "req-1"}
    )
    lines = [r for r in caplog.records if r.name == "portal.access"]
    assert len(lines) == 1
    record = lines[0]
    assert record.request_id == "req-1"
    assert record.operation == "ApiVersion"
    assert record.status == 200
    assert record.duration_ms >= 0


async def test_metrics_count_requests_and_operations(client: httpx.AsyncClient) -> None:
    await client.post("/graphql", json={"query": "query MetricsProbe { apiVersion }"})
    await client.post("/graphql", json={"query": "query MetricsProbe { apiVersion nope }"})
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    # Labelled by the root field, never by the name the client chose.
    assert re.search(
        r'portal_graphql_operations_total\{operation="apiVersion",outcome="ok",type="query"\} '
        r"[1-9]",
        text,
    )
    assert re.search(
        r'portal_graphql_operations_total\{operation="apiVersion",outcome="error",'
        r'type="query"\} [1-9]',
        text,
    )
    assert 'portal_graphql_operation_duration_seconds_count{operation="apiVersion"' in text
    assert "MetricsProbe" not in text
    assert 'operation="nope"' not in text  # not a field of the schema
    assert re.search(
        r'portal_http_requests_total\{method="POST",route="/graphql",status="200"\} [1-9]', text
    )
    assert 'portal_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}' in text


async def test_unknown_paths_are_404_and_counted_under_one_label(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/wp-admin/secret-probe")
    assert response.status_code == 404
    metrics = (await client.get("/metrics")).text
    assert "secret-probe" not in metrics
    assert 'route="other",status="404"' in metrics


@pytest.mark.parametrize(
    "payload",
    [
        {"query": "query($u: String!) { apiVersion }", "variables": {"u": "a\u0000b"}},
        {"query": 'mutation { login(input: {username: "a\\u0000b", password: "x"}) { token } }'},
        {"query": "{ apiVersion }", "operationName": "\u0000"},
    ],
)
async def test_nul_characters_are_refused_before_execution(
    client: httpx.AsyncClient, payload: dict
) -> None:
    # PostgreSQL cannot store NUL; without this guard a NUL reached the driver as an
    # internal error (found by the createPartnerCustomer fuzz test).
    response = await client.post("/graphql", json=payload)
    assert response.status_code == 400
    assert "NUL characters" in response.text
