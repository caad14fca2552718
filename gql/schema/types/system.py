"""System properties, API tokens and the caller's capabilities."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gql.domain import ids, system_properties
from gql.schema.types.node import Node
from models.identity import AuthToken


@strawberry.type(description="An orchestrator-wide setting of the operator.")
class SystemProperty(Node):
    name: str = strawberry.field(description="The property's name.")
    value: str = strawberry.field(description='Its value as text; booleans are "true" or "false".')
    description: str = strawberry.field(description="What the property controls.")
    is_default: bool = strawberry.field(
        description="True when the operator has not set it and the default applies."
    )

    @classmethod
    def of(cls, name: str, value: str) -> SystemProperty:
        """A known property (system_properties.KNOWN) with its effective value."""
        spec = system_properties.KNOWN[name]
        return cls(
            id=strawberry.ID(ids.encode_key("SystemProperty", name)),
            name=name,
            value=value,
            description=spec.description,
            is_default=value == spec.default,
        )


@strawberry.type(description="A named, long-lived, revocable token for an integration.")
class ApiToken(Node):
    name: str = strawberry.field(description="The name given at creation.")
    created_at: datetime = strawberry.field(description="When it was created.")
    expires_at: datetime | None = strawberry.field(description="When it stops working.")
    last_used_at: datetime | None = strawberry.field(
        description="When it was last used (to the minute)."
    )
    revoked_at: datetime | None = strawberry.field(description="When it was revoked, if so.")

    @classmethod
    def from_row(cls, row: AuthToken) -> ApiToken:
        return cls(
            id=ids.encode("ApiToken", row.id),
            name=row.name or "",
            created_at=row.created_at,
            expires_at=row.expires_at,
            last_used_at=row.last_used_at,
            revoked_at=row.revoked_at,
        )


@strawberry.type(
    description="What the caller may do right now, so that a frontend can hide what would fail."
)
class ViewerCapabilities:
    can_create_customer: bool = strawberry.field(
        description="May create customers: a partner admin role, and the operator has not "
        "disabled customer creation."
    )
    edge_licensing_enabled: bool = strawberry.field(
        description="The caller's partner may assign edge licenses."
    )
    analytics_available: bool = strawberry.field(
        description="The operator has enabled Analytics on the orchestrator."
    )
    can_manage_users: bool = strawberry.field(
        description="May create users (operator superuser, partner superuser)."
    )
    can_view_user_pii: bool = strawberry.field(
        name="canViewUserPII",
        description="May see user-identifiable information of its partner's users.",
    )
    can_manage_catalogue: bool = strawberry.field(
        description="May change system properties, partners and the catalogue."
    )
    can_manage_api_tokens: bool = strawberry.field(description="May create and revoke API tokens.")
    can_manage_software_images: bool = strawberry.field(
        description="May modify customers' software images: a partner admin, or a customer's "
        "superuser whose partner delegated image management (Manage Software Images)."
    )
    can_manage_edges: bool = strawberry.field(
        description="May add and remove edges: partner admins and a customer's own admins."
    )
    can_configure_edges: bool = strawberry.field(
        description="May configure and troubleshoot edges (updateEdge, assignEdgeSoftwareImage, "
        "assignEdgeLicense); support roles on the customers whose support access allows it."
    )
    can_manage_customer_users: bool = strawberry.field(
        description="May manage customers' users; operator users only on customers whose "
        "VeloCloud User Management Access is on."
    )
