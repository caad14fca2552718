"""createWebhook: registers a receiver for the partner's (or the operator's) events.
The signing secret is shown in this payload only."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, scoping
from gql.domain.problems import Problems
from gql.domain.validation import MAX_TEXT, optional_text
from gql.domain.webhooks import registry, targets
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanManageWebhooks, requires
from gql.schema.types.webhook import Webhook
from models import webhook as rows


@strawberry.input(description="A new webhook.")
class CreateWebhookInput:
    url: str = strawberry.field(description="The receiver: an https:// URL on a public address.")
    events: list[str] = strawberry.field(
        description='Audit actions to send ("customer.create", "edge.create", …), or "*".'
    )
    description: str | None = strawberry.field(default=None, description="Notes.")


CreateWebhookError = mutation_errors("createWebhook", "REQUIRED", "INVALID")


@strawberry.type(description="The result of createWebhook.")
class CreateWebhookPayload:
    webhook: Webhook | None = strawberry.field(description="The new webhook.")
    secret: str | None = strawberry.field(
        description="The signing secret (whsec_…), shown this once: store it now to verify "
        "the webhook-signature header."
    )
    errors: list[CreateWebhookError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(CanManageWebhooks, "Registers a webhook."))
async def create_webhook(info: Info, input: CreateWebhookInput) -> CreateWebhookPayload:
    viewer = info.context.user
    problems = Problems()
    allow_private = info.context.settings.webhook_allow_private
    url = await targets.check_url(problems, input.url, allow_private=allow_private, key="url")
    events = registry.check_events(problems, input.events, "events")
    description = optional_text(problems, input.description, "description", max_length=MAX_TEXT)
    if await scoping.webhooks(viewer).count() >= registry.MAX_WEBHOOKS:
        problems.add(
            "INVALID", f"You have {registry.MAX_WEBHOOKS} webhooks, the most allowed; delete one."
        )
    if problems:
        return payload(CreateWebhookPayload, problems, webhook=None, secret=None)
    secret = registry.new_secret()
    async with in_transaction() as conn:
        row = await rows.Webhook.create(
            partner_id=viewer.partner_id,
            url=url,
            events=events,
            description=description,
            secret=secret,
            using_db=conn,
        )
        await audit.record(
            viewer,
            "webhook.create",
            "Webhook",
            row.id,
            partner_id=viewer.partner_id,
            changes={"url": url, "events": events},
            using_db=conn,
        )
    return payload(CreateWebhookPayload, problems, webhook=Webhook.from_row(row), secret=secret)
