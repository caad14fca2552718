"""The outbox: a delivery for each webhook that wants an event, written in the same
transaction as the event, so an event is delivered if and only if it happened."""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from models.audit import AuditEvent
from models.webhook import Webhook, WebhookDelivery

ANY_EVENT = "*"


def wants(events: list[str], action: str) -> bool:
    return ANY_EVENT in events or action in events


async def enqueue(event: AuditEvent, conn: BaseDBAsyncClient) -> None:
    """Deliveries of `event` for the enabled webhooks of its partner, and the
    operator's (which receive every event)."""
    owners = Q(partner_id__isnull=True)
    if event.partner_id is not None:  # type: ignore[attr-defined]
        owners |= Q(partner_id=event.partner_id)  # type: ignore[attr-defined]
    hooks = await Webhook.filter(owners, enabled=True).using_db(conn).values("id", "events")
    now = datetime.now(UTC)
    wanted = [h["id"] for h in hooks if wants(h["events"], event.action)]
    if wanted:
        await WebhookDelivery.bulk_create(
            [
                WebhookDelivery(
                    webhook_id=pk, event_id=event.id, event_type=event.action, next_attempt_at=now
                )
                for pk in wanted
            ],
            using_db=conn,
        )
