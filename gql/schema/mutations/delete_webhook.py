"""deleteWebhook: removes a webhook and its pending deliveries."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, ids, scoping
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanManageWebhooks, requires


@strawberry.input(description="The webhook to delete.")
class DeleteWebhookInput:
    id: strawberry.ID = strawberry.field(description="The webhook.")


DeleteWebhookError = mutation_errors("deleteWebhook", "NOT_FOUND")


@strawberry.type(description="The result of deleteWebhook.")
class DeleteWebhookPayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted webhook's ID.")
    errors: list[DeleteWebhookError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(CanManageWebhooks, "Deletes a webhook and its pending deliveries."))
async def delete_webhook(info: Info, input: DeleteWebhookInput) -> DeleteWebhookPayload:
    viewer = info.context.user
    problems = Problems()
    pk = ids.decode_as(input.id, "Webhook")
    row = await scoping.webhooks(viewer).get_or_none(id=pk) if pk else None
    if row is None:
        problems.add("NOT_FOUND", "No such webhook.", "id")
        return payload(DeleteWebhookPayload, problems, deleted_id=None)
    async with in_transaction() as conn:
        await row.delete(using_db=conn)
        await audit.record(
            viewer, "webhook.delete", "Webhook", pk,
            partner_id=row.partner_id, using_db=conn,  # type: ignore[attr-defined]
        )  # fmt: skip
    return payload(DeleteWebhookPayload, problems, deleted_id=input.id)
