"""redeliverWebhookDelivery, and a delivery a crashed process had taken: nothing lost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gql.domain.webhooks import delivery
from models.webhook import WebhookDelivery
from tests.factories import make_customer
from tests.schema.webhook_kit import LIST, Receiver, _register

REDELIVER = """
mutation Redeliver($input: RedeliverWebhookDeliveryInput!) {
  redeliverWebhookDelivery(input: $input) { delivery { status } errors { code } }
}
"""


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
