"""Root queries: who am I, what may I do, partners, system properties, tokens, node."""

from __future__ import annotations

import strawberry

from gql import ids, scoping, system_properties
from gql.context import Info
from gql.permissions import CanManageUsers, IsAuthenticated, IsOperator, public, requires
from gql.types.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from gql.types.node import Node
from gql.types.partner import Partner
from gql.types.system import ApiToken, SystemProperty, ViewerCapabilities
from gql.types.user import User, can_view_pii
from gql.viewer import Viewer
from models.enums import Role
from models.identity import Partner as PartnerRow


async def _node(viewer: Viewer, type_name: str, pk: int) -> Node | None:
    if type_name == "Partner":
        row = await scoping.partners(viewer).get_or_none(id=pk)
        return Partner.from_row(row) if row else None
    if type_name == "User":
        row = await scoping.users(viewer).get_or_none(id=pk)
        return User.from_row(row, viewer) if row else None
    if type_name == "SoftwareImage":
        row = await scoping.software_images(viewer).get_or_none(id=pk)
        return SoftwareImage.from_row(row) if row else None
    if type_name == "GatewayPool":
        row = await scoping.gateway_pools(viewer).get_or_none(id=pk)
        return GatewayPool.from_row(row) if row else None
    if type_name == "EdgeLicense":
        row = await scoping.edge_licenses(viewer).get_or_none(id=pk)
        return EdgeLicense.from_row(row) if row else None
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
        viewer = info.context.viewer
        assert viewer is not None
        decoded = ids.decode(id)
        return await _node(viewer, *decoded) if decoded else None

    @strawberry.field(**requires(IsOperator, "Every partner, by name."))
    async def partners(self, info: Info) -> list[Partner] | None:
        assert info.context.viewer is not None
        rows = await scoping.partners(info.context.viewer).order_by("name_key")
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
            "API tokens the caller may revoke: its partner's (the operator: operator users').",
        )
    )
    async def api_tokens(self, info: Info) -> list[ApiToken] | None:
        assert info.context.viewer is not None
        rows = await scoping.api_tokens(info.context.viewer).order_by("-created_at", "-id")
        return [ApiToken.from_row(r) for r in rows]

    @strawberry.field(
        **requires(IsAuthenticated, "What the caller may do right now, to hide what would fail.")
    )
    async def viewer_capabilities(self, info: Info) -> ViewerCapabilities | None:
        viewer = info.context.viewer
        assert viewer is not None
        partner_admin = viewer.role in (Role.PARTNER_SUPERUSER, Role.PARTNER_STANDARD_ADMIN)
        creation_disabled = await system_properties.get_bool(
            system_properties.DISABLE_CREATE_ENTERPRISE
        )
        licensing = False
        if viewer.partner_id is not None:
            licensing = bool(
                await PartnerRow.filter(id=viewer.partner_id)
                .first()
                .values_list("edge_licensing_enabled", flat=True)
            )
        return ViewerCapabilities(
            can_create_customer=partner_admin and not creation_disabled,
            edge_licensing_enabled=licensing,
            analytics_available=await system_properties.get_bool(
                system_properties.ENABLE_ANALYTICS
            ),
            can_manage_users=viewer.role in (Role.OPERATOR_SUPERUSER, Role.PARTNER_SUPERUSER),
            can_view_user_pii=can_view_pii(viewer, -1, viewer.partner_id),
            can_manage_catalogue=viewer.role == Role.OPERATOR_SUPERUSER,
            can_manage_api_tokens=viewer.role in (Role.OPERATOR_SUPERUSER, Role.PARTNER_SUPERUSER),
        )
