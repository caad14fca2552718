"""Helpers of the login tests (a library, not a test module): a clock the throttle
reads instead of the real one, a count of argon2 verifications, and logins from a
chosen client address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from prometheus_client import REGISTRY

from gql.domain import login_throttle

LOGIN = """
mutation Login($input: LoginInput!) {
  login(input: $input) {
    token user { id username } errors { code field message retryAfter }
  }
}
"""


class Clock:
    """The throttle's time, moved by the test: no test waits for real time."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def install_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(login_throttle, "now", fake)
    return fake


def verifications() -> float:
    """argon2 verifications run by this process so far."""
    return REGISTRY.get_sample_value("portal_password_verifications_total") or 0.0


async def attempt(http: httpx.AsyncClient, username: str, password: str) -> dict:
    """One login over HTTP; the payload."""
    response = await http.post(
        "/graphql",
        json={"query": LOGIN, "variables": {"input": {"username": username, "password": password}}},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["login"]


async def verified_attempt(http: httpx.AsyncClient, clock: Clock, username: str, password: str):
    """An attempt that gets its password verified: the delays are waited out first."""
    for _ in range(50):
        payload = await attempt(http, username, password)
        if code(payload) != "RATE_LIMITED":
            return payload
        clock.advance(payload["errors"][0]["retryAfter"])
    raise AssertionError("still refused after 50 waits")


def code(payload: dict) -> str | None:
    """The payload's one error code (None on success)."""
    return payload["errors"][0]["code"] if payload["errors"] else None


def from_address(app, address: str) -> httpx.AsyncClient:
    """An HTTP client whose requests come from `address` (the ASGI peer)."""
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")
