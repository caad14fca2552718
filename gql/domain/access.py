"""Who may do what: the role sets and the rule for user-identifiable information.

The one list of these decisions. gql.schema.permissions turns the role sets into the
permission classes declared on fields (and the capabilities a frontend reads);
gql.domain.scoping applies them to rows; gql.schema.nodes says how each type is found
by its global ID, always through a scope.
"""

from __future__ import annotations

from gql.domain.viewer import Viewer
from models.enums import Role

OPERATORS = frozenset({Role.OPERATOR_SUPERUSER, Role.OPERATOR_SUPPORT})
OPERATOR_SUPERUSERS = frozenset({Role.OPERATOR_SUPERUSER})
PARTNER_ADMINS = frozenset({Role.PARTNER_SUPERUSER, Role.PARTNER_STANDARD_ADMIN})
PARTNER_SUPERUSERS = frozenset({Role.PARTNER_SUPERUSER})
# Create users and API tokens: the operator's superuser and partner superusers.
USER_MANAGERS = frozenset({Role.OPERATOR_SUPERUSER, Role.PARTNER_SUPERUSER})
ENTERPRISE_ADMINS = frozenset({Role.ENTERPRISE_SUPERUSER, Role.ENTERPRISE_STANDARD_ADMIN})
# Add and remove edges: partner admins, and a customer's own admins (its own edges).
EDGE_MANAGERS = PARTNER_ADMINS | ENTERPRISE_ADMINS
# Configure and troubleshoot edges: those, and the support roles on the customers whose
# Partner Support Access or VeloCloud Support Access allows them.
EDGE_CONFIGURERS = EDGE_MANAGERS | {Role.PARTNER_CUSTOMER_SUPPORT, Role.OPERATOR_SUPPORT}
# modifyCustomerImages: partner admins; a customer's superuser while the partner
# delegated image management to it (Manage Software Images).
IMAGE_MANAGERS = PARTNER_ADMINS | {Role.ENTERPRISE_SUPERUSER}
# Manage a customer's users: its superuser, the partner's admins, and the operator's
# users while the customer's VeloCloud User Management Access is on. Never partner
# support.
CUSTOMER_USER_MANAGERS = PARTNER_ADMINS | OPERATORS | {Role.ENTERPRISE_SUPERUSER}
# The roles a customer's user may have.
CUSTOMER_ROLES = frozenset(
    {Role.ENTERPRISE_SUPERUSER, Role.ENTERPRISE_STANDARD_ADMIN, Role.ENTERPRISE_READ_ONLY}
)
AUDIT_READERS = frozenset({Role.OPERATOR_SUPERUSER, Role.PARTNER_SUPERUSER})
# Register webhooks: for the operator's events (every event) or a partner's.
WEBHOOK_MANAGERS = AUDIT_READERS
# Read the catalogue: operators, and partner admins (what they may assign).
CATALOGUE_READERS = OPERATORS | PARTNER_ADMINS
# Partner roles that see the user-identifiable information of their partner's users.
PARTNER_PII_ROLES = PARTNER_ADMINS


def can_view_pii(
    viewer: Viewer | None,
    user_id: int,
    partner_id: int | None,
    customer_id: int | None = None,
    *,
    user_management_open: bool = False,
) -> bool:
    """Whether the viewer may see this user's user-identifiable information.
    `user_management_open`: the user's customer has VeloCloud User Management Access
    on. Partner support never sees it."""
    if viewer is None:
        return False
    if viewer.user_id == user_id or viewer.role == Role.OPERATOR_SUPERUSER:
        return True
    if viewer.role in PARTNER_PII_ROLES:
        return partner_id is not None and partner_id == viewer.partner_id
    if viewer.role == Role.OPERATOR_SUPPORT:
        return customer_id is not None and user_management_open
    if viewer.role == Role.ENTERPRISE_SUPERUSER:
        return customer_id is not None and customer_id == viewer.customer_id
    return False


def may_view_any_pii(role: Role) -> bool:
    """Whether the role sees user-identifiable information of the users it manages
    without a customer's consent (what `viewerCapabilities.canViewUserPII` reports)."""
    return role in OPERATOR_SUPERUSERS or role in PARTNER_PII_ROLES
