"""Every log line written while serving a request carries its request id, the
traceback of an unexpected error too; with the JSON format every line is JSON."""

from __future__ import annotations

import io
import json
import logging

import pytest

from gql.settings import Settings
from gql.web.observability import configure_logging


@pytest.fixture
def log_stream():
    """The service's own logging set up on a buffer, then the test harness's restored."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)

    def configure(fmt: str) -> io.StringIO:
        configure_logging(Settings(log_format=fmt, log_level="info"))  # type: ignore[arg-type]
        buffer = io.StringIO()
        root.handlers[0].setStream(buffer)  # type: ignore[attr-defined]
        return buffer

    yield configure
    root.handlers[:], _ = saved
    root.setLevel(saved[1])


async def test_every_line_is_json_and_carries_the_request_id(client, log_stream, gql, acme) -> None:
    buffer = log_stream("json")
    response = await client.post(
        "/graphql",
        json={"query": "{ viewerCapabilities { canCreateCustomer } }"},
        headers={"Authorization": f"Bearer {acme.admin.token}", "X-Request-ID": "req-json-1"},
    )
    assert response.status_code == 200
    entries = [json.loads(line) for line in buffer.getvalue().splitlines() if line]
    served = [e for e in entries if e["logger"] != "httpx"]  # the test's own client
    assert served
    assert {e["request_id"] for e in served} == {"req-json-1"}


async def test_an_error_line_with_its_traceback_leads_to_the_request(
    client, log_stream, gql, acme, monkeypatch
) -> None:
    buffer = log_stream("json")

    def broken() -> None:
        raise RuntimeError("boom")

    from gql.domain import system_properties

    monkeypatch.setattr(system_properties, "effective_values", broken)
    response = await client.post(
        "/graphql",
        json={"query": "{ viewerCapabilities { canCreateCustomer } }"},
        headers={"Authorization": f"Bearer {acme.admin.token}", "X-Request-ID": "req-err-1"},
    )
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    entries = [json.loads(line) for line in buffer.getvalue().splitlines() if line]
    failure = next(e for e in entries if "exception" in e)
    assert failure["request_id"] == "req-err-1"
    assert failure["error_id"] == error["extensions"]["errorId"]
    assert "RuntimeError: boom" in failure["exception"]


async def test_the_text_format_shows_the_request_id(client, log_stream) -> None:
    buffer = log_stream("text")
    await client.get("/healthz", headers={"X-Request-ID": "req-text-1"})
    assert "[req-text-1]" in buffer.getvalue()
