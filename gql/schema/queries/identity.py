"""Root queries: who am I, what may I do, partners, system properties, tokens, node."""

from __future__ import annotations

import strawberry

from gql.domain import ids, scoping, system_properties
from gql.domain.viewer import Viewer
from gql.schema.context import Info
from gql.schema.loaders import Loaders
from gql.schema.permissions import (
    CanManageUsers,
    IsAuthenticated,
    IsOperator,
    IsOperatorSuperUser,
    IsPartnerAdmin,
    public,
    requires,
)
from gql.schema.types.audit import AuditEvent
from gql.schema.types.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from gql.schema.types.customer import EdgeDevice
from gql.schema.types.node import Node
from gql.schema.types.partner import Partner
from gql.schema.types.system import ApiToken, SystemProperty, ViewerCapabilities
from gql.schema.types.user import PARTNER_PII_ROLES, User
from models.enums import Role


async def _node(viewer: Viewer, loaders: Loaders, type_name: str, pk: int) -> Node | None:
    if type_name == "Partner":
        row = await scoping.partners(viewer).get_or_none(id=pk)
        return Partner.from_row(row) if row else None
    if type_name == "User":
        return await loaders.user.load(pk)
    if type_name == "SoftwareImage":
        row = await scoping.software_images(viewer).get_or_none(id=pk)
        return SoftwareImage.from_row(row) if row else None
    if type_name == "GatewayPool":
        row = await scoping.gateway_pools(viewer).get_or_none(id=pk)
        return GatewayPool.from_row(row) if row else None
    if type_name == "EdgeLicense":
        row = await scoping.edge_licenses(viewer).get_or_none(id=pk)
        return EdgeLicense.from_row(row) if row else None
    if type_name == "Customer":
        return await loaders.customer.load(pk)
    if type_name == "Edge":
        row = await scoping.edges(viewer).get_or_none(id=pk)
        return EdgeDevice.from_row(row) if row else None
    if type_name == "AuditEvent":
        row = await scoping.audit_events(viewer).get_or_none(id=pk)
        return AuditEvent.from_row(row) if row else None
    if type_name == "ApiToken":
        row = await scoping.api_tokens(viewer).get_or_none(id=pk)
        return ApiToken.from_row(row) if row else None
    return None


@strawberry.type
class IdentityQuery:
    @strawberry.field(**public("The logged-in user; null when the request carries no valid token."))
    async def me(self, info: Info) -> User | None:
        viewer = info.context.viewer
        if viewer is None:
            return None
        row = await scoping.users(viewer).get_or_none(id=viewer.user_id)
        return User.from_row(row, viewer) if row else None

    @strawberry.field(
        **requires(
            IsAuthenticated,
            "Any object by its global ID; null when it does not exist or is not the "
            "caller's to see.",
        )
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        viewer = info.context.user
        decoded = ids.decode(id)
        return await _node(viewer, info.context.loaders, *decoded) if decoded else None

    @strawberry.field(**requires(IsOperator, "Every partner, by name."))
    async def partners(self, info: Info) -> list[Partner] | None:
        rows = await scoping.partners(info.context.user).order_by("name_key")
        return [Partner.from_row(r) for r in rows]

    @strawberry.field(
        **requires(IsOperator, "The system properties this API knows, with their values.")
    )
    async def system_properties(self) -> list[SystemProperty] | None:
        values = await system_properties.effective_values()
        return [
            SystemProperty(
                name=name,
                value=values[name],
                description=spec.description,
                is_default=values[name] == spec.default,
            )
            for name, spec in system_properties.KNOWN.items()
        ]

    @strawberry.field(
        **requires(
            CanManageUsers,
            "Users the caller manages: the operator every user, a partner superuser its "
            "partner's users. Ordered by username.",
        )
    )
    async def users(self, info: Info) -> list[User] | None:
        viewer = info.context.user
        rows = await scoping.users(viewer).order_by("username_key")
        return [User.from_row(r, viewer) for r in rows]

    @strawberry.field(
        **requires(
            CanManageUsers,
            "API tokens the caller may revoke: its partner's (the operator: operator users').",
        )
    )
    async def api_tokens(self, info: Info) -> list[ApiToken] | None:
        rows = await scoping.api_tokens(info.context.user).order_by("-created_at", "-id")
        return [ApiToken.from_row(r) for r in rows]

    @strawberry.field(
        **requires(IsAuthenticated, "What the caller may do right now, to hide what would fail.")
    )
    async def viewer_capabilities(self, info: Info) -> ViewerCapabilities | None:
        # Each answer comes from the permission class that guards the operation, so
        # the capabilities cannot drift from what the API enforces.
        viewer = info.context.user
        props = await system_properties.effective_values()
        licensing = False
        if viewer.partner_id is not None:
            licensing = bool(
                await scoping.partners(viewer)
                .filter(id=viewer.partner_id)
                .first()
                .values_list("edge_licensing_enabled", flat=True)
            )
        creation_disabled = props[system_properties.DISABLE_CREATE_ENTERPRISE] == "true"
        return ViewerCapabilities(
            can_create_customer=viewer.role in IsPartnerAdmin.roles and not creation_disabled,
            edge_licensing_enabled=licensing,
            analytics_available=props[system_properties.ENABLE_ANALYTICS] == "true",
            can_manage_users=viewer.role in CanManageUsers.roles,
            can_view_user_pii=viewer.role == Role.OPERATOR_SUPERUSER
            or viewer.role in PARTNER_PII_ROLES,
            can_manage_catalogue=viewer.role in IsOperatorSuperUser.roles,
            can_manage_api_tokens=viewer.role in CanManageUsers.roles,
        )
