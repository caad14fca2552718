"""The audit log, newest first, a page at a time."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql.domain import ids, scoping
from gql.schema.context import Info
from gql.schema.pagination import After, Connection, First, connection, decode_cursor, page_size
from gql.schema.permissions import CanReadAuditLog, requires
from gql.schema.types.audit import AuditEvent


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
    ) -> Connection[AuditEvent] | None:
        size, offset = page_size(first), decode_cursor(after)
        rows = scoping.audit_events(info.context.user)
        if customer_id is not None:
            rows = rows.filter(customer_id=ids.decode_as(customer_id, "Customer") or -1)
        if action is not None:
            rows = rows.filter(action=action.strip())
        total = await rows.count()
        page = await rows.order_by("-created_at", "-id").offset(offset).limit(size + 1)
        return connection([AuditEvent.from_row(r) for r in page], offset, size, total)
