"""Permission classes, declared on fields (never checked by hand in resolvers).

`requires(...)` attaches them to a field and appends "Requires: …" to its description,
so that `schema.graphql` documents who may use every guarded field.

Denials: no valid token gives `UNAUTHENTICATED`; a role that may not use the field
gives `FORBIDDEN` at that path, the field null and the rest of the response intact.
"""

from __future__ import annotations

from typing import Any, ClassVar

from strawberry.permission import BasePermission, PermissionExtension

from gql.schema.context import Info
from gql.schema.errors import ApiError
from models.enums import Role


class IsAuthenticated(BasePermission):
    summary: ClassVar[str] = "a logged-in user"
    roles: ClassVar[frozenset[Role] | None] = None  # None: any role

    # One instance serves every request, so it keeps no per-request state: the
    # unauthenticated case raises here, the forbidden one in on_unauthorized.
    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        viewer = info.context.viewer
        if viewer is None:
            raise ApiError(
                "Log in first: send `Authorization: Bearer <token>` with a valid token.",
                code="UNAUTHENTICATED",
            )
        return self.roles is None or viewer.role in self.roles

    def on_unauthorized(self) -> None:
        raise ApiError("Your role may not use this field.", code="FORBIDDEN")


class IsOperator(IsAuthenticated):
    summary = "an operator user"
    roles = frozenset({Role.OPERATOR_SUPERUSER, Role.OPERATOR_SUPPORT})


class IsOperatorSuperUser(IsAuthenticated):
    summary = "the operator's superuser"
    roles = frozenset({Role.OPERATOR_SUPERUSER})


class IsPartnerAdmin(IsAuthenticated):
    summary = "a partner superuser or standard admin"
    roles = frozenset({Role.PARTNER_SUPERUSER, Role.PARTNER_STANDARD_ADMIN})


class IsPartnerSuperUser(IsAuthenticated):
    summary = "a partner superuser"
    roles = frozenset({Role.PARTNER_SUPERUSER})


class CanManageUsers(IsAuthenticated):
    summary = "the operator's superuser or a partner superuser"
    roles = frozenset({Role.OPERATOR_SUPERUSER, Role.PARTNER_SUPERUSER})


class CanManageEdges(IsAuthenticated):
    summary = "a partner superuser or standard admin, or the customer's own superuser"
    roles = frozenset(
        {Role.PARTNER_SUPERUSER, Role.PARTNER_STANDARD_ADMIN, Role.ENTERPRISE_SUPERUSER}
    )


class CanReadAuditLog(IsAuthenticated):
    summary = "the operator's superuser (every event) or a partner superuser (its partner's)"
    roles = frozenset({Role.OPERATOR_SUPERUSER, Role.PARTNER_SUPERUSER})


class CanReadCatalogue(IsAuthenticated):
    summary = "an operator user, a partner superuser or a partner standard admin"
    roles = frozenset(
        {
            Role.OPERATOR_SUPERUSER,
            Role.OPERATOR_SUPPORT,
            Role.PARTNER_SUPERUSER,
            Role.PARTNER_STANDARD_ADMIN,
        }
    )


def requires(
    permission: type[IsAuthenticated], description: str, **field_kwargs: Any
) -> dict[str, Any]:
    """Keyword arguments for `strawberry.field` / `strawberry.mutation`: the guard and
    a description that names who may use the field."""
    return {
        "description": f"{description}\n\nRequires: {permission.summary}.",
        "extensions": [PermissionExtension([permission()], use_directives=False)],
        **field_kwargs,
    }


def public(description: str, **field_kwargs: Any) -> dict[str, Any]:
    """A field anyone may use, logged in or not; said in its description."""
    return {"description": f"{description}\n\nRequires: nothing (public).", **field_kwargs}
