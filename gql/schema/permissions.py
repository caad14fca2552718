"""Permission classes, declared on fields (never checked by hand in resolvers), built
from the role sets of gql.domain.access; the user-identifiable-information guard; and
the capabilities a frontend reads, derived from the same classes.

`requires(...)` attaches them to a field and appends "Requires: …" to its description,
so that `schema.graphql` documents who may use every guarded field.

Denials: no valid token gives `UNAUTHENTICATED`; a role that may not use the field
gives `FORBIDDEN` at that path, the field null and the rest of the response intact.
"""

from __future__ import annotations

from typing import Any, ClassVar

import strawberry
from strawberry.permission import BasePermission, PermissionExtension

from gql.domain import access
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
    roles = access.OPERATORS


class IsOperatorSuperUser(IsAuthenticated):
    summary = "the operator's superuser"
    roles = access.OPERATOR_SUPERUSERS


class IsPartnerAdmin(IsAuthenticated):
    summary = "a partner superuser or standard admin"
    roles = access.PARTNER_ADMINS


class IsPartnerSuperUser(IsAuthenticated):
    summary = "a partner superuser"
    roles = access.PARTNER_SUPERUSERS


class CanManageUsers(IsAuthenticated):
    summary = "the operator's superuser or a partner superuser"
    roles = access.USER_MANAGERS


class CanManageEdges(IsAuthenticated):
    summary = (
        "a partner superuser or standard admin, or the customer's own superuser or standard admin"
    )
    roles = access.EDGE_MANAGERS


class CanConfigureEdges(IsAuthenticated):
    summary = (
        "a partner admin, the customer's superuser or standard admin, or a support role on "
        "customers whose support access allows it"
    )
    roles = access.EDGE_CONFIGURERS


class CanModifyImages(IsAuthenticated):
    summary = (
        "a partner superuser or standard admin, or the customer's own superuser while "
        "Manage Software Images is on"
    )
    roles = access.IMAGE_MANAGERS


class CanManageCustomerUsers(IsAuthenticated):
    summary = (
        "the customer's own superuser, a partner superuser or standard admin, or an "
        "operator user while the customer's VeloCloud User Management Access is on"
    )
    roles = access.CUSTOMER_USER_MANAGERS


class CanManageWebhooks(IsAuthenticated):
    summary = "the operator's superuser (every event) or a partner superuser (its partner's)"
    roles = access.WEBHOOK_MANAGERS


class CanReadAuditLog(IsAuthenticated):
    summary = "the operator's superuser (every event) or a partner superuser (its partner's)"
    roles = access.AUDIT_READERS


class CanReadCatalogue(IsAuthenticated):
    summary = "an operator user, a partner superuser or a partner standard admin"
    roles = access.CATALOGUE_READERS


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


def capabilities(
    role: Role,
    *,
    creation_disabled: bool,
    analytics: bool,
    licensing: bool,
    images_delegated: bool,
) -> dict[str, bool]:
    """What `viewerCapabilities` reports: each answer from the permission class that
    guards the operation, so the capabilities cannot drift from what is enforced."""
    return {
        "can_create_customer": role in IsPartnerAdmin.roles and not creation_disabled,
        "edge_licensing_enabled": licensing,
        "analytics_available": analytics,
        "can_manage_users": role in CanManageUsers.roles,
        "can_view_user_pii": access.may_view_any_pii(role),
        "can_manage_catalogue": role in IsOperatorSuperUser.roles,
        "can_manage_api_tokens": role in CanManageUsers.roles,
        # A customer's superuser, only while its partner delegated image management.
        "can_manage_software_images": role in CanModifyImages.roles
        and (not role.is_enterprise or images_delegated),
        "can_manage_edges": role in CanManageEdges.roles,
        "can_configure_edges": role in CanConfigureEdges.roles,
        "can_manage_customer_users": role in CanManageCustomerUsers.roles,
    }


class CanViewUserPII(BasePermission):
    """Hides a user-identifiable field (null, no error) from those who may not see it;
    whether they may is decided once per user, by access.can_view_pii."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return not source.pii_redacted


def pii_field(description: str) -> Any:
    """A user-identifiable field of User."""
    return strawberry.field(
        description=f"{description} User-identifiable: null when `piiRedacted` is true.",
        extensions=[
            PermissionExtension([CanViewUserPII()], fail_silently=True, use_directives=False)
        ],
    )
