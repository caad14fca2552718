"""Sending deliveries: taken by one process at a time, signed, POSTed, recorded.

A worker takes due deliveries in a short transaction (SELECT … FOR UPDATE SKIP LOCKED
on PostgreSQL, so several server processes never take the same one; SQLite serves a
single process) and moves each one's `next_attempt_at` past a lease before sending,
outside any transaction. A process that dies mid-send leaves the delivery to be taken
again when the lease ends: at least once, never lost. A non-2xx answer, a timeout or
a refused target is retried with growing delays for 24 hours, then FAILED.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from standardwebhooks.webhooks import Webhook as Signer
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from gql.domain import audit, ids
from gql.domain.webhooks.targets import Refused, resolve
from models.audit import AuditEvent
from models.webhook import DeliveryStatus, Webhook, WebhookDelivery

log = logging.getLogger("portal.webhooks")

TIMEOUT = 10.0
LEASE = timedelta(seconds=60)
GIVE_UP_AFTER = timedelta(hours=24)
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=2)


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … doubling up to 2 hours."""
    return min(FIRST_DELAY * 2 ** max(attempts - 1, 0), MAX_DELAY)


async def claim(now: datetime, limit: int) -> list[int]:
    """Takes up to `limit` due deliveries for this process (their lease starts now)."""
    async with in_transaction() as conn:
        # Whole rows: Tortoise drops FOR UPDATE from a values_list() query.
        rows = (
            await WebhookDelivery.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")
            .limit(limit)
            .select_for_update(skip_locked=True)
            .using_db(conn)
        )
        due = [row.id for row in rows]
        if due:
            await (
                WebhookDelivery.filter(id__in=due)
                .using_db(conn)
                .update(
                    next_attempt_at=now + LEASE, attempts=F("attempts") + 1, last_attempt_at=now
                )
            )
    return list(due)


def payload(event: AuditEvent) -> dict[str, Any]:
    """The event as the receiver gets it; the audit log never holds secrets."""
    return {
        "id": ids.encode("AuditEvent", event.id),
        "type": event.action,
        "timestamp": event.created_at.isoformat(),
        "data": {
            "partnerId": ids.encode("Partner", event.partner_id) if event.partner_id else None,  # type: ignore[attr-defined]
            "customerId": ids.encode("Customer", event.customer_id) if event.customer_id else None,
            "actor": event.actor_username,
            "target": {
                "type": event.target_type,
                "id": audit.target_id(event.target_type, event.target_id),
            },
            "changes": event.changes,
        },
    }


async def send(delivery_id: int, *, allow_private: bool, now: datetime | None = None) -> None:
    """Sends one taken delivery and records the outcome."""
    delivery = await WebhookDelivery.get(id=delivery_id).prefetch_related("webhook", "event")
    hook: Webhook = delivery.webhook  # type: ignore[assignment]
    message_id = f"msg_{delivery.id}"
    body = json.dumps(payload(delivery.event), separators=(",", ":"))  # type: ignore[arg-type]
    status: int | None = None
    try:
        target = await resolve(hook.url, allow_private=allow_private)
        status = await _post(target, hook.secret, message_id, body)
    except Refused as exc:
        log.warning("webhook %s refused at delivery: %s", hook.id, exc)
    except (httpx.HTTPError, OSError) as exc:
        log.info("webhook %s delivery %s failed: %s", hook.id, delivery.id, type(exc).__name__)
    await _record(delivery, status, now or datetime.now(UTC))


async def _post(target, secret: str, message_id: str, body: str) -> int:
    """POSTs to the checked address (the host keeps its name for Host and TLS), so a
    DNS answer that changed since the check cannot redirect the request."""
    sent_at = datetime.now(UTC)
    parts = urlsplit(target.url)
    address = f"[{target.address}]" if ":" in target.address else target.address
    netloc = address + (f":{parts.port}" if parts.port else "")
    headers = {
        "content-type": "application/json",
        "host": parts.netloc.rsplit("@", 1)[-1],
        "webhook-id": message_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": Signer(secret).sign(message_id, sent_at, body),
    }
    async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False) as client:
        response = await client.post(
            urlunsplit(parts._replace(netloc=netloc)),
            content=body.encode(),
            headers=headers,
            extensions={"sni_hostname": target.host},
        )
    return response.status_code


async def _record(delivery: WebhookDelivery, status: int | None, now: datetime) -> None:
    delivery.response_status = status
    if status is not None and 200 <= status < 300:
        delivery.status = DeliveryStatus.DELIVERED
    elif now - delivery.created_at >= GIVE_UP_AFTER:
        delivery.status = DeliveryStatus.FAILED
    else:
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    await delivery.save(update_fields=["status", "response_status", "next_attempt_at"])


async def deliver_due(*, allow_private: bool, now: datetime | None = None, limit: int = 20) -> int:
    """Takes and sends the due deliveries at once; how many were sent."""
    now = now or datetime.now(UTC)
    taken = await claim(now, limit)
    await asyncio.gather(*(send(pk, allow_private=allow_private, now=now) for pk in taken))
    return len(taken)
