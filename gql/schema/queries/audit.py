"""The audit log, a page at a time: newest first for people, or oldest first after a
cursor as a feed an integration resumes from (keyset pages on the event id, which
increases in commit order: nothing skipped, nothing twice, while writes go on)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from gql.domain import ids, scoping
from gql.schema.context import Info
from gql.schema.errors import ApiError
from gql.schema.pagination import (
    After,
    Connection,
    First,
    connection,
    decode_cursor,
    decode_key,
    keyset_connection,
    page_size,
)
from gql.schema.permissions import CanReadAuditLog, requires
from gql.schema.types.audit import AuditEvent

MAX_ACTION = 64  # as stored


@strawberry.enum(description="The order of audit events.")
class AuditEventOrder(Enum):
    NEWEST_FIRST = strawberry.enum_value("NEWEST_FIRST", description="Newest first.")
    OLDEST_FIRST = strawberry.enum_value(
        "OLDEST_FIRST",
        description="Oldest first: a feed. Keep `pageInfo.endCursor` and ask again with "
        "`after` to get exactly the events written since.",
    )


@strawberry.type
class AuditQuery:
    @strawberry.field(
        **requires(
            CanReadAuditLog,
            "Audit events, newest first: every one for the operator, the partner's own for a "
            "partner superuser.",
        )
    )
    async def audit_events(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        customer_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only events about this customer (and its edges)."),
        ] = None,
        action: Annotated[
            str | None,
            strawberry.argument(description='Only events of this action, e.g. "customer.create".'),
        ] = None,
        order: Annotated[
            AuditEventOrder, strawberry.argument(description="The order of the events.")
        ] = AuditEventOrder.NEWEST_FIRST,
    ) -> Connection[AuditEvent] | None:
        rows = scoping.audit_events(info.context.user)
        if customer_id is not None:
            rows = rows.filter(customer_id=ids.decode_as(customer_id, "Customer") or -1)
        if action is not None:
            if len(action) > MAX_ACTION:
                raise ApiError(
                    f"`action` is limited to {MAX_ACTION} characters.", code="BAD_USER_INPUT"
                )
            rows = rows.filter(action=action.strip())
        total = await rows.count()
        if order is AuditEventOrder.OLDEST_FIRST:
            size, key = page_size(first), decode_key(after)
            page = await rows.filter(id__gt=key).order_by("id").limit(size + 1)
            events = [AuditEvent.from_row(r) for r in page]
            return keyset_connection(events, [r.id for r in page], size, total)
        size, offset = page_size(first), decode_cursor(after)
        page = await rows.order_by("-id").offset(offset).limit(size + 1)
        return connection([AuditEvent.from_row(r) for r in page], offset, size, total)
