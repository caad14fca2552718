"""updateWebhook: a webhook's URL, events, description, or enabled."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, ids, scoping
from gql.domain.problems import Problems
from gql.domain.validation import MAX_TEXT, optional_text
from gql.domain.webhooks import registry, targets
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanManageWebhooks, requires
from gql.schema.types.webhook import Webhook


@strawberry.input(description="What to change of a webhook; omitted fields stay.")
class UpdateWebhookInput:
    id: strawberry.ID = strawberry.field(description="The webhook.")
    url: str | None = strawberry.field(default=None, description="A new receiver URL.")
    events: list[str] | None = strawberry.field(default=None, description="Replaces the events.")
    description: str | None = strawberry.field(default=None, description="Notes.")
    enabled: bool | None = strawberry.field(
        default=None, description="False stops new deliveries; pending ones still go out."
    )


UpdateWebhookError = mutation_errors("updateWebhook", "REQUIRED", "INVALID", "NOT_FOUND")


@strawberry.type(description="The result of updateWebhook.")
class UpdateWebhookPayload:
    webhook: Webhook | None = strawberry.field(description="The webhook as it now is.")
    errors: list[UpdateWebhookError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(CanManageWebhooks, "Changes a webhook."))
async def update_webhook(info: Info, input: UpdateWebhookInput) -> UpdateWebhookPayload:
    viewer = info.context.user
    problems = Problems()
    pk = ids.decode_as(input.id, "Webhook")
    row = await scoping.webhooks(viewer).get_or_none(id=pk) if pk else None
    if row is None:
        problems.add("NOT_FOUND", "No such webhook.", "id")
        return payload(UpdateWebhookPayload, problems, webhook=None)
    changes: dict = {}
    if input.url is not None:
        allow_private = info.context.settings.webhook_allow_private
        changes["url"] = await targets.check_url(
            problems, input.url, allow_private=allow_private, key="url"
        )
    if input.events is not None:
        changes["events"] = registry.check_events(problems, input.events, "events")
    if input.description is not None:
        changes["description"] = optional_text(
            problems, input.description, "description", max_length=MAX_TEXT
        )
    if input.enabled is not None:
        changes["enabled"] = input.enabled
    if problems:
        return payload(UpdateWebhookPayload, problems, webhook=None)
    async with in_transaction() as conn:
        await row.update_from_dict(changes).save(using_db=conn)
        await audit.record(
            viewer, "webhook.update", "Webhook", row.id,
            partner_id=row.partner_id, changes=changes, using_db=conn,  # type: ignore[attr-defined]
        )  # fmt: skip
    return payload(UpdateWebhookPayload, problems, webhook=Webhook.from_row(row))
