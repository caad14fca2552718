"""A client that hangs up mid-request: one INFO line, no traceback, no error."""

from __future__ import annotations

import json
import logging

import pytest

BODY = json.dumps({"query": "{ apiVersion }"}).encode()


def _scope() -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(BODY)).encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }


@pytest.mark.parametrize(
    "before", [[], [{"type": "http.request", "body": BODY[:5], "more_body": True}]]
)
async def test_a_client_that_hangs_up_is_logged_at_info_without_a_traceback(app, caplog, before):
    # What the server hands the app once the connection is gone: perhaps part of the
    # body, then `http.disconnect` for every further read.
    messages = [*before]

    async def receive() -> dict:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    caplog.set_level(logging.DEBUG)
    await app(_scope(), receive, send)  # nothing escapes to the server's "Exception in ASGI"

    assert sent == []  # nobody is left to answer
    hung_up = [r for r in caplog.records if "disconnected" in r.getMessage()]
    assert [(r.levelno, r.exc_info) for r in hung_up] == [(logging.INFO, None)]
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    access = [r for r in caplog.records if r.name == "portal.access" and hasattr(r, "status")]
    assert [r.status for r in access] == [499]
