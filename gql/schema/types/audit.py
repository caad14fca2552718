"""Audit events: who did what to which object, and what changed."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from gql.domain import audit, ids
from gql.schema.context import Info
from gql.schema.types.node import Node
from gql.schema.types.user import User
from models.audit import AuditEvent as AuditEventRow


@strawberry.type(description="One change made through the API.")
class AuditEvent(Node):
    action: str = strawberry.field(description='What was done, e.g. "customer.create".')
    target_type: str = strawberry.field(description='The kind of object, e.g. "Customer".')
    target_id: strawberry.ID = strawberry.field(
        description="The object's global ID (it may no longer exist)."
    )
    changes: JSON = strawberry.field(
        description="The fields that changed and their new values; secrets are never kept."
    )
    created_at: datetime = strawberry.field(description="When it happened.")
    actor_pk: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: AuditEventRow) -> AuditEvent:
        return cls(
            id=ids.encode("AuditEvent", row.id),
            action=row.action,
            target_type=row.target_type,
            target_id=strawberry.ID(audit.target_id(row.target_type, row.target_id)),
            changes=row.changes,
            created_at=row.created_at,
            actor_pk=row.actor_id,
        )

    @strawberry.field(
        description="Who did it; null when the user is gone or not the caller's to see."
    )
    async def actor(self, info: Info) -> User | None:
        if self.actor_pk is None:
            return None
        return await info.context.loaders.user.load(self.actor_pk)
