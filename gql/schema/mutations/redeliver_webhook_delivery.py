"""redeliverWebhookDelivery: sends a delivery again (it becomes PENDING, due now)."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from gql.domain import ids, scoping
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanManageWebhooks, requires
from gql.schema.types.webhook import WebhookDelivery
from models.webhook import DeliveryStatus


@strawberry.input(description="The delivery to send again.")
class RedeliverWebhookDeliveryInput:
    id: strawberry.ID = strawberry.field(description="The delivery.")


RedeliverWebhookDeliveryError = mutation_errors("redeliverWebhookDelivery", "NOT_FOUND")


@strawberry.type(description="The result of redeliverWebhookDelivery.")
class RedeliverWebhookDeliveryPayload:
    delivery: WebhookDelivery | None = strawberry.field(description="The delivery, due now.")
    errors: list[RedeliverWebhookDeliveryError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(
    **requires(CanManageWebhooks, "Sends a delivery again (it becomes PENDING, due now).")
)
async def redeliver_webhook_delivery(
    info: Info, input: RedeliverWebhookDeliveryInput
) -> RedeliverWebhookDeliveryPayload:
    problems = Problems()
    pk = ids.decode_as(input.id, "WebhookDelivery")
    row = await scoping.webhook_deliveries(info.context.user).get_or_none(id=pk) if pk else None
    if row is None:
        problems.add("NOT_FOUND", "No such delivery.", "id")
        return payload(RedeliverWebhookDeliveryPayload, problems, delivery=None)
    row.status, row.next_attempt_at = DeliveryStatus.PENDING, datetime.now(UTC)
    await row.save(update_fields=["status", "next_attempt_at"])
    return payload(
        RedeliverWebhookDeliveryPayload, problems, delivery=WebhookDelivery.from_row(row)
    )
