"""Webhooks end to end with a real HTTP receiver in the test process: registration,
the outbox, signatures verified with the Standard Webhooks library, retries,
redelivery, a second worker never sending twice, and nothing lost to a crash."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from standardwebhooks.webhooks import Webhook as Verifier
from standardwebhooks.webhooks import WebhookVerificationError

from gql.domain.webhooks import delivery
from gql.web.app import create_app
from models.webhook import DeliveryStatus, WebhookDelivery
from tests.conftest import GraphQLClient
from tests.factories import make_customer

CREATE = """
mutation Create($input: CreateWebhookInput!) {
  createWebhook(input: $input) { webhook { id url events enabled } secret errors { code field } }
}
"""
UPDATE = """
mutation Update($input: UpdateWebhookInput!) {
  updateWebhook(input: $input) { webhook { enabled } errors { code } }
}
"""
REDELIVER = """
mutation Redeliver($input: RedeliverWebhookDeliveryInput!) {
  redeliverWebhookDelivery(input: $input) { delivery { status } errors { code } }
}
"""
LIST = """
{ webhooks { id deliveries { totalCount nodes { id eventType status attempts responseStatus } } } }
"""


class Receiver:
    """An HTTP/1.1 server on loopback that records requests and answers with the
    statuses queued (200 once the queue is empty)."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []

    async def __aenter__(self) -> Receiver:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}/hook"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.close()
        await self.server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        headers = {
            k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
        }
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        self.requests.append((headers, body))
        status = self.statuses.pop(0) if self.statuses else 200
        writer.write(
            f"HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        writer.close()


@pytest.fixture
async def hooks_gql(database):
    """The API with private webhook targets allowed (the receiver is on loopback)."""
    app = create_app(
        dataclasses.replace(database, webhook_allow_private=True), manage_database=False
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield GraphQLClient(c)


async def _register(gql, token: str, url: str, events: list[str]) -> tuple[str, str]:
    body = await gql(CREATE, {"input": {"url": url, "events": events}}, token=token)
    created = body["data"]["createWebhook"]
    assert created["errors"] == [], created
    return created["webhook"]["id"], created["secret"]


async def test_delivered_signed_and_retried(hooks_gql, acme, globex) -> None:
    gql = hooks_gql
    async with Receiver() as receiver:
        _, secret = await _register(gql, acme.superuser.token, receiver.url, ["customer.create"])
        await make_customer(gql, acme, "Hooked")
        await make_customer(gql, globex, "Elsewhere")  # another partner's event
        receiver.statuses = [500]
        assert await delivery.deliver_due(allow_private=True) == 1
        pending = await WebhookDelivery.get()
        assert (pending.status, pending.attempts, pending.response_status) == (
            DeliveryStatus.PENDING,
            1,
            500,
        )
        assert await delivery.deliver_due(allow_private=True) == 0  # not due yet
        later = datetime.now(UTC) + timedelta(minutes=5)
        assert await delivery.deliver_due(allow_private=True, now=later) == 1
    assert len(receiver.requests) == 2
    headers, body = receiver.requests[-1]
    assert headers["webhook-id"] == receiver.requests[0][0]["webhook-id"]  # same message
    event = Verifier(secret).verify(body, headers)
    assert event["type"] == "customer.create"
    assert event["data"]["changes"]["companyName"] == "Hooked"
    assert "password" not in json.dumps(event)
    listed = (await gql(LIST, token=acme.superuser.token))["data"]["webhooks"][0]
    assert listed["deliveries"]["nodes"] == [
        {
            "id": listed["deliveries"]["nodes"][0]["id"],
            "eventType": "customer.create",
            "status": "DELIVERED",
            "attempts": 2,
            "responseStatus": 200,
        }
    ]
    with pytest.raises(WebhookVerificationError):
        Verifier(secret).verify(body.replace(b"Hooked", b"Hacked"), headers)


async def test_redelivery_and_a_crash_lose_nothing(hooks_gql, acme) -> None:
    gql = hooks_gql
    async with Receiver() as receiver:
        await _register(gql, acme.superuser.token, receiver.url, ["customer.create"])
        await make_customer(gql, acme, "Crashed")
        # A process takes the delivery and dies before sending: its lease runs out
        # and another process sends it.
        taken = await delivery.claim(datetime.now(UTC), 10)
        assert len(taken) == 1
        assert await delivery.deliver_due(allow_private=True) == 0
        after_lease = datetime.now(UTC) + delivery.LEASE + timedelta(seconds=1)
        assert await delivery.deliver_due(allow_private=True, now=after_lease) == 1
        assert len(receiver.requests) == 1
        row = await WebhookDelivery.get()
        listed = (await gql(LIST, token=acme.superuser.token))["data"]["webhooks"][0]
        delivery_id = listed["deliveries"]["nodes"][0]["id"]
        again = await gql(REDELIVER, {"input": {"id": delivery_id}}, token=acme.superuser.token)
        assert again["data"]["redeliverWebhookDelivery"]["delivery"]["status"] == "PENDING"
        assert await delivery.deliver_due(allow_private=True) == 1
        assert len(receiver.requests) == 2
        assert receiver.requests[1][0]["webhook-id"] == f"msg_{row.id}"


async def test_two_workers_never_send_one_delivery_twice(hooks_gql, acme) -> None:
    gql = hooks_gql
    async with Receiver() as receiver:
        await _register(gql, acme.superuser.token, receiver.url, ["customer.create"])
        for n in range(6):
            await make_customer(gql, acme, f"Twice {n}")
        sent = await asyncio.gather(
            delivery.deliver_due(allow_private=True, limit=4),
            delivery.deliver_due(allow_private=True, limit=4),
            delivery.deliver_due(allow_private=True, limit=4),
        )
    assert sum(sent) == 6
    ids = [h["webhook-id"] for h, _ in receiver.requests]
    assert sorted(ids) == sorted(set(ids))
    assert len(ids) == 6


async def test_registration_rules_and_tenancy(hooks_gql, gql, acme, globex) -> None:
    refused = await gql(
        CREATE,
        {"input": {"url": "http://127.0.0.1:9/hook", "events": ["customer.create", "Bad Event"]}},
        token=acme.superuser.token,
    )  # the default app: private targets refused
    assert [(e["code"], e["field"]) for e in refused["data"]["createWebhook"]["errors"]] == [
        ("INVALID", ["input", "url"]),
        ("INVALID", ["input", "events", "1"]),
    ]
    hook_id, _ = await _register(hooks_gql, acme.superuser.token, "http://127.0.0.1:9/h", ["*"])
    other = await hooks_gql(
        UPDATE, {"input": {"id": hook_id, "enabled": False}}, token=globex.superuser.token
    )
    assert other["data"]["updateWebhook"]["errors"] == [{"code": "NOT_FOUND"}]
    forbidden = await hooks_gql(LIST, token=acme.admin.token)
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    off = await hooks_gql(
        UPDATE, {"input": {"id": hook_id, "enabled": False}}, token=acme.superuser.token
    )
    assert off["data"]["updateWebhook"] == {"webhook": {"enabled": False}, "errors": []}
    before = await WebhookDelivery.all().count()  # "*": its own webhook.create event
    await make_customer(hooks_gql, acme, "Quiet")
    assert await WebhookDelivery.all().count() == before  # disabled: nothing new
