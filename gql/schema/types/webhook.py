"""Webhooks and their deliveries. The signing secret has no field: createWebhook
shows it once."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from gql.domain import ids
from gql.schema.context import Info
from gql.schema.pagination import After, Connection, First, connection, decode_cursor, page_size
from gql.schema.types.node import Node
from models import webhook as rows


@strawberry.enum(description="Where a delivery stands.")
class DeliveryStatus(Enum):
    PENDING = strawberry.enum_value("PENDING", description="Not yet delivered; retried.")
    DELIVERED = strawberry.enum_value("DELIVERED", description="The receiver answered 2xx.")
    FAILED = strawberry.enum_value(
        "FAILED", description="Not delivered within 24 hours of retries; redeliver it by hand."
    )


@strawberry.type(description="One event sent (or to be sent) to one webhook.")
class WebhookDelivery(Node):
    event_id: strawberry.ID = strawberry.field(description="The audit event it carries.")
    event_type: str = strawberry.field(description='The event action, e.g. "customer.create".')
    status: DeliveryStatus = strawberry.field(description="Where it stands.")
    attempts: int = strawberry.field(description="How many times it was sent.")
    last_attempt_at: datetime | None = strawberry.field(description="When it was last sent.")
    next_attempt_at: datetime | None = strawberry.field(
        description="When it will be sent again, while PENDING."
    )
    response_status: int | None = strawberry.field(
        description="The HTTP status of the last answer; null when none came."
    )

    @classmethod
    def from_row(cls, row: rows.WebhookDelivery) -> WebhookDelivery:
        pending = row.status == rows.DeliveryStatus.PENDING
        return cls(
            id=ids.encode("WebhookDelivery", row.id),
            event_id=strawberry.ID(ids.encode("AuditEvent", row.event_id)),  # type: ignore[attr-defined]
            event_type=row.event_type,
            status=DeliveryStatus(row.status),
            attempts=row.attempts,
            last_attempt_at=row.last_attempt_at,
            next_attempt_at=row.next_attempt_at if pending else None,
            response_status=row.response_status,
        )


@strawberry.type(description="Where a partner (or the operator) has its events sent.")
class Webhook(Node):
    url: str = strawberry.field(description="The receiver (https).")
    events: list[str] = strawberry.field(description='Audit actions, or "*" for every event.')
    description: str | None = strawberry.field(description="Notes.")
    enabled: bool = strawberry.field(description="False: no new deliveries are made.")
    created_at: datetime = strawberry.field(description="When it was registered.")
    pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: rows.Webhook) -> Webhook:
        return cls(
            id=ids.encode("Webhook", row.id),
            url=row.url,
            events=list(row.events),
            description=row.description,
            enabled=row.enabled,
            created_at=row.created_at,
            pk=row.id,
        )

    @strawberry.field(description="Its deliveries, newest first, a page at a time.")
    async def deliveries(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        status: Annotated[
            DeliveryStatus | None, strawberry.argument(description="Only these.")
        ] = None,
    ) -> Connection[WebhookDelivery]:
        # This webhook was read through the caller's scope, and so are its deliveries:
        # every webhook's page of a list is one statement (and one count).
        size, offset = page_size(first), decode_cursor(after)
        condition = "" if status is None else f" AND \"status\" = '{DeliveryStatus(status).value}'"
        loaders = info.context.loaders
        page = await loaders.delivery_page.load((self.pk, offset, size, condition))
        total = await loaders.delivery_count.load((self.pk, condition))
        return connection([WebhookDelivery.from_row(r) for r in page], offset, size, total)
