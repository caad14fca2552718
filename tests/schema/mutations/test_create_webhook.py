"""createWebhook end to end with a real HTTP receiver in the test process: the outbox,
signatures verified with the Standard Webhooks library, retries, and a second worker
never sending a delivery twice."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks.webhooks import Webhook as Verifier
from standardwebhooks.webhooks import WebhookVerificationError

from gql.domain.webhooks import delivery
from models.webhook import DeliveryStatus, WebhookDelivery
from tests.factories import make_customer
from tests.schema.webhook_kit import LIST, Receiver, _register


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
    assert event["data"]["target"] == {"type": "Customer", "id": event["data"]["customerId"]}
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


async def test_given_up_after_24_hours_of_failures(hooks_gql, acme) -> None:
    async with Receiver() as receiver:
        await _register(hooks_gql, acme.superuser.token, receiver.url, ["customer.create"])
        await make_customer(hooks_gql, acme, "Unlucky")
        row = await WebhookDelivery.get()
        row.created_at = datetime.now(UTC) - delivery.GIVE_UP_AFTER - timedelta(minutes=1)
        await row.save(update_fields=["created_at"])
        receiver.statuses = [503]
        assert await delivery.deliver_due(allow_private=True) == 1
    failed = await WebhookDelivery.get()
    assert (failed.status, failed.response_status) == (DeliveryStatus.FAILED, 503)
    later = datetime.now(UTC) + timedelta(days=1)
    assert await delivery.deliver_due(allow_private=True, now=later) == 0  # never again
