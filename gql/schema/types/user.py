"""Users. Their user-identifiable fields are guarded: hidden ones are null, and
`piiRedacted` says so, so that a frontend can tell "hidden" from "empty"."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from gql.domain import ids
from gql.domain.access import can_view_pii
from gql.domain.viewer import Viewer
from gql.schema.context import Info
from gql.schema.permissions import pii_field
from gql.schema.types.node import Node
from gql.schema.types.partner import Partner
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
        "it and configures and troubleshoots their edges; user-identifiable information, "
        "and managing the customer's users, only where User Management Access allows.",
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
        description="A partner's support team: reads customers that allow it and configures "
        "and troubleshoots their edges; never user-identifiable information, customer "
        "settings or users.",
    )
    ENTERPRISE_SUPERUSER = strawberry.enum_value(
        "ENTERPRISE_SUPERUSER",
        description="A customer's own admin (its initial admin account): its edges, its "
        "users, and its software images when the partner delegated them.",
    )
    ENTERPRISE_STANDARD_ADMIN = strawberry.enum_value(
        "ENTERPRISE_STANDARD_ADMIN",
        description="A customer's admin: reads its customer and manages its edges.",
    )
    ENTERPRISE_READ_ONLY = strawberry.enum_value(
        "ENTERPRISE_READ_ONLY",
        description="A customer's viewer: reads its customer and edges; no mutations.",
    )


@strawberry.type(description="A person who logs in to the orchestrator.")
class User(Node):
    role: Role = strawberry.field(description="The user's role; always visible.")
    pii_redacted: bool = strawberry.field(
        description="True when the caller may not see this user's user-identifiable fields, "
        "which are then null."
    )
    created_at: datetime = strawberry.field(description="When the user was created.")
    disabled: bool = strawberry.field(
        description="A disabled user cannot log in; its sessions and API tokens have ended."
    )
    username: str | None = pii_field("The login name, in user@domain.com format.")
    first_name: str | None = pii_field("First name.")
    last_name: str | None = pii_field("Last name.")
    phone: str | None = pii_field("Phone number, E.164.")
    mobile_phone: str | None = pii_field("Mobile phone number, E.164.")
    contact_email: str | None = pii_field("Where alerts on service status are sent.")
    partner_pk: strawberry.Private[int | None]
    username_key: strawberry.Private[str]

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
            disabled=row.disabled,
            username=row.username,
            first_name=row.first_name,
            last_name=row.last_name,
            phone=row.phone,
            mobile_phone=row.mobile_phone,
            contact_email=row.contact_email,
            partner_pk=row.partner_id,
            username_key=row.username_key,
        )

    @classmethod
    def seen_by(cls, row: UserRow, viewer: Viewer | None) -> User:
        """The user as the viewer may see it (`row.customer` fetched): its PII per role
        and per its customer's VeloCloud User Management Access."""
        open_ = row.customer_id is not None and row.customer.operator_user_management_access
        return cls.from_row(row, viewer, user_management_open=open_)

    @strawberry.field(
        description="Until when password logins for this username are refused (the login "
        "throttle, after failed or too many attempts); null when they are not. unlockUser "
        "clears it. Sessions and API tokens work meanwhile."
    )
    async def locked_until(self, info: Info) -> datetime | None:
        return await info.context.loaders.locked_until.load(self.username_key)

    @strawberry.field(description="The partner the user belongs to; null for operator users.")
    async def partner(self, info: Info) -> Partner | None:
        if self.partner_pk is None:
            return None
        return await info.context.loaders.partner.load(self.partner_pk)
