"""The caller's webhooks."""

from __future__ import annotations

import strawberry

from gql.domain import scoping
from gql.schema.context import Info
from gql.schema.permissions import CanManageWebhooks, requires
from gql.schema.types.webhook import Webhook


@strawberry.type
class WebhookQuery:
    @strawberry.field(
        **requires(
            CanManageWebhooks,
            "The caller's webhooks: its partner's (the operator's for the operator).",
        )
    )
    async def webhooks(self, info: Info) -> list[Webhook]:
        rows = await scoping.webhooks(info.context.user).order_by("id")
        return [Webhook.from_row(r) for r in rows]
