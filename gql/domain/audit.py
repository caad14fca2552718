"""Writes audit events: actor, action, target, the changed fields (never secrets), time.

Events are numbered in the order their transactions commit, so that the log can be
read as a feed (auditEvents, OLDEST_FIRST, after a cursor) that skips nothing: on
PostgreSQL an id is drawn when the row is inserted, not when it commits, so every
writer takes one transaction-scoped advisory lock before inserting its event and holds
it until commit. SQLite has a single writer, so its ids are in commit order already.
"""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from gql.domain import ids
from gql.domain.viewer import Viewer
from gql.domain.webhooks import outbox
from models.audit import AuditEvent

# Keys whose values never reach the log, whatever the mutation, compared lower-cased
# without underscores so that `confirm_password` and `confirmPassword` both match.
_FEED_LOCK = 0x706F7274616C + 1  # one above the migration lock ("portal")
SECRET_KEYS = frozenset({"password", "confirmpassword", "token", "passwordhash", "tokenhash"})


def target_id(target_type: str, stored: str) -> str:
    """An event's target as clients know it: the object's global ID (what is stored is
    the database key, kept after the object is deleted)."""
    if stored.isdigit():
        return ids.encode(target_type, int(stored))
    return ids.encode_key(target_type, stored)  # an object known by its name


def _is_secret(key: str) -> bool:
    return key.replace("_", "").lower() in SECRET_KEYS


def _clean(changes: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if _is_secret(key):
            continue
        out[key] = _clean(value) if isinstance(value, dict) else value
    return out


async def record(
    viewer: Viewer | None,
    action: str,
    target_type: str,
    target_id: int | str,
    *,
    partner_id: int | None,
    customer_id: int | None = None,
    changes: dict[str, Any] | None = None,
    using_db: BaseDBAsyncClient,
) -> None:
    """Records an event inside the caller's transaction `using_db`."""
    if using_db.capabilities.dialect == "postgres":
        await using_db.execute_query("SELECT pg_advisory_xact_lock($1)", [_FEED_LOCK])
    event = await AuditEvent.create(
        actor_id=viewer.user_id if viewer else None,
        actor_username=viewer.username if viewer else None,
        partner_id=partner_id,
        customer_id=customer_id,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        changes=_clean(changes or {}),
        using_db=using_db,
    )
    await outbox.enqueue(event, using_db)
