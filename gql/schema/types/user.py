"""Users. Their user-identifiable fields are guarded: hidden ones are null, and
`piiRedacted` says so, so that a frontend can tell "hidden" from "empty"."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.permission import BasePermission, PermissionExtension

from gql.domain import ids
from gql.domain.viewer import Viewer
from gql.schema.context import Info
from gql.schema.types.node import Node
from gql.schema.types.partner import Partner
from models import enums
from models.identity import User as UserRow


@strawberry.enum(description="What a user may do.")
class Role(Enum):
    OPERATOR_SUPERUSER = strawberry.enum_value(
        "OPERATOR_SUPERUSER",
        description="Runs the orchestrator: system properties, partners, the catalogue, "
        "every customer.",
    )
    OPERATOR_SUPPORT = strawberry.enum_value(
        "OPERATOR_SUPPORT",
        description="The vendor's support (VeloCloud Support): reads customers that allow "
        "it; user-identifiable information only where allowed.",
    )
    PARTNER_SUPERUSER = strawberry.enum_value(
        "PARTNER_SUPERUSER",
        description="A partner's top admin: everything a standard admin may, plus users, "
        "API tokens, deleting customers and the audit log.",
    )
    PARTNER_STANDARD_ADMIN = strawberry.enum_value(
        "PARTNER_STANDARD_ADMIN",
        description="A partner admin: creates and runs the partner's customers.",
    )
    PARTNER_CUSTOMER_SUPPORT = strawberry.enum_value(
        "PARTNER_CUSTOMER_SUPPORT",
        description="A partner's support team: reads customers that allow it, never "
        "user-identifiable information, no mutations.",
    )
    ENTERPRISE_SUPERUSER = strawberry.enum_value(
        "ENTERPRISE_SUPERUSER",
        description="A customer's own admin (its initial admin account).",
    )


# Partner roles that see the user-identifiable information of their partner's users.
PARTNER_PII_ROLES = frozenset({enums.Role.PARTNER_SUPERUSER, enums.Role.PARTNER_STANDARD_ADMIN})


def can_view_pii(
    viewer: Viewer | None,
    user_id: int,
    partner_id: int | None,
    customer_id: int | None = None,
    *,
    user_management_open: bool = False,
) -> bool:
    """Whether the viewer may see this user's user-identifiable information.
    `user_management_open`: the user's customer has VeloCloud User Management Access on."""
    if viewer is None:
        return False
    if viewer.user_id == user_id or viewer.role == enums.Role.OPERATOR_SUPERUSER:
        return True
    if viewer.role in PARTNER_PII_ROLES:
        return partner_id is not None and partner_id == viewer.partner_id
    if viewer.role == enums.Role.OPERATOR_SUPPORT:
        return customer_id is not None and user_management_open
    if viewer.role == enums.Role.ENTERPRISE_SUPERUSER:
        return customer_id is not None and customer_id == viewer.customer_id
    return False  # partner customer support never sees it


class CanViewUserPII(BasePermission):
    """Hides a user-identifiable field (null, no error) from those who may not see it."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return not source.pii_redacted


def _pii(description: str) -> Any:
    return strawberry.field(
        description=f"{description} User-identifiable: null when `piiRedacted` is true.",
        extensions=[
            PermissionExtension([CanViewUserPII()], fail_silently=True, use_directives=False)
        ],
    )


@strawberry.type(description="A person who logs in to the orchestrator.")
class User(Node):
    role: Role = strawberry.field(description="The user's role; always visible.")
    pii_redacted: bool = strawberry.field(
        description="True when the caller may not see this user's user-identifiable fields, "
        "which are then null."
    )
    created_at: datetime = strawberry.field(description="When the user was created.")
    username: str | None = _pii("The login name, in user@domain.com format.")
    first_name: str | None = _pii("First name.")
    last_name: str | None = _pii("Last name.")
    phone: str | None = _pii("Phone number, E.164.")
    mobile_phone: str | None = _pii("Mobile phone number, E.164.")
    contact_email: str | None = _pii("Where alerts on service status are sent.")
    partner_pk: strawberry.Private[int | None]

    @classmethod
    def from_row(
        cls, row: UserRow, viewer: Viewer | None, *, user_management_open: bool = False
    ) -> User:
        return cls(
            id=ids.encode("User", row.id),
            role=Role(row.role),
            pii_redacted=not can_view_pii(
                viewer,
                row.id,
                row.partner_id,
                row.customer_id,
                user_management_open=user_management_open,
            ),
            created_at=row.created_at,
            username=row.username,
            first_name=row.first_name,
            last_name=row.last_name,
            phone=row.phone,
            mobile_phone=row.mobile_phone,
            contact_email=row.contact_email,
            partner_pk=row.partner_id,
        )

    @strawberry.field(description="The partner the user belongs to; null for operator users.")
    async def partner(self, info: Info) -> Partner | None:
        if self.partner_pk is None:
            return None
        return await info.context.loaders.partner.load(self.partner_pk)
