"""Root queries: who am I, what may I do, partners, system properties, tokens, node."""

from __future__ import annotations

import strawberry

from gql.domain import scoping, system_properties
from gql.schema import nodes
from gql.schema.context import Info
from gql.schema.permissions import (
    CanManageUsers,
    IsAuthenticated,
    IsOperator,
    capabilities,
    public,
    requires,
)
from gql.schema.types.node import Node
from gql.schema.types.partner import Partner
from gql.schema.types.system import ApiToken, SystemProperty, ViewerCapabilities
from gql.schema.types.user import User


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
        return await nodes.find(info.context.user, id)

    @strawberry.field(**requires(IsOperator, "Every partner, by name."))
    async def partners(self, info: Info) -> list[Partner] | None:
        rows = await scoping.partners(info.context.user).order_by("name_key")
        return [Partner.from_row(r) for r in rows]

    @strawberry.field(
        **requires(IsOperator, "The system properties this API knows, with their values.")
    )
    async def system_properties(self) -> list[SystemProperty] | None:
        values = await system_properties.effective_values()
        return [SystemProperty.of(name, values[name]) for name in system_properties.KNOWN]

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
        return ViewerCapabilities(
            **capabilities(
                viewer.role,
                creation_disabled=props[system_properties.DISABLE_CREATE_ENTERPRISE] == "true",
                analytics=props[system_properties.ENABLE_ANALYTICS] == "true",
                licensing=licensing,
                images_delegated=viewer.customer_id is not None
                and await scoping.customers(viewer)
                .filter(id=viewer.customer_id, manage_software_images=True)
                .exists(),
            )
        )
