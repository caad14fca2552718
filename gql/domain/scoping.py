"""The one place that restricts what each caller may see.

Every root field, node lookup and mutation that reads an existing object gets its rows
from here, so a forgotten filter cannot leak another partner's data: what is outside
the caller's scope simply is not found.
"""

from __future__ import annotations

from typing import TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from gql.domain import access, ids, system_properties
from gql.domain.viewer import Viewer
from models.audit import AuditEvent
from models.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from models.customer import Customer, Edge
from models.enums import Role, TokenKind
from models.identity import AuthToken, Partner, User
from models.webhook import Webhook, WebhookDelivery

M = TypeVar("M", bound=Model)


async def find(rows: QuerySet[M], global_id: str, type_name: str, conn=None) -> M | None:
    """The row of `rows` (a scope) that the global ID names; None for an ID of another
    type, a malformed one, or a row outside the scope."""
    pk = ids.decode_as(global_id, type_name)
    if pk is None:
        return None
    if conn is not None:
        rows = rows.using_db(conn)
    return await rows.get_or_none(id=pk)


def partners(viewer: Viewer) -> QuerySet[Partner]:
    if viewer.is_operator:
        return Partner.all()
    if viewer.is_partner:
        return Partner.filter(id=viewer.partner_id)
    return Partner.filter(id__in=[])  # nothing


def _visible_customers(viewer: Viewer, prefix: str = "") -> Q:
    """The operator superuser sees every customer; the vendor's support those that
    allow it; partner admins their partner's; partner support those of its partner that
    allow it; a customer's own admin its customer. `prefix` applies the same rule
    through a relation (e.g. "customer__" for edges)."""
    if viewer.role == Role.OPERATOR_SUPERUSER:
        return Q()
    if viewer.role == Role.OPERATOR_SUPPORT:
        return Q(**{f"{prefix}operator_support_access": True})
    if viewer.role == Role.PARTNER_CUSTOMER_SUPPORT:
        return Q(
            **{f"{prefix}partner_id": viewer.partner_id, f"{prefix}partner_support_access": True}
        )
    if viewer.is_partner:
        return Q(**{f"{prefix}partner_id": viewer.partner_id})
    if viewer.customer_id is not None:
        return Q(**{f"{prefix}id": viewer.customer_id})
    return Q(**{f"{prefix}id__in": []})  # nothing


def customers(viewer: Viewer) -> QuerySet[Customer]:
    return Customer.filter(_visible_customers(viewer))


def edges(viewer: Viewer) -> QuerySet[Edge]:
    return Edge.filter(_visible_customers(viewer, "customer__"))


def own_customers(viewer: Viewer) -> QuerySet[Customer]:
    """The customers a partner admin may change or clone: its partner's."""
    if viewer.role in access.PARTNER_ADMINS:
        return Customer.filter(partner_id=viewer.partner_id)
    return Customer.filter(id__in=[])  # nothing


def manageable_customers(viewer: Viewer) -> QuerySet[Customer]:
    """Customers whose edges the caller may add and remove: a partner admin its
    partner's, a customer's own admins their customer."""
    if viewer.role in access.PARTNER_ADMINS:
        return Customer.filter(partner_id=viewer.partner_id)
    if viewer.role in access.ENTERPRISE_ADMINS and viewer.customer_id is not None:
        return Customer.filter(id=viewer.customer_id)
    return Customer.filter(id__in=[])  # nothing


def manageable_edges(viewer: Viewer) -> QuerySet[Edge]:
    """Edges the caller may remove (see manageable_customers)."""
    if viewer.role in access.PARTNER_ADMINS:
        return Edge.filter(customer__partner_id=viewer.partner_id)
    if viewer.role in access.ENTERPRISE_ADMINS and viewer.customer_id is not None:
        return Edge.filter(customer_id=viewer.customer_id)
    return Edge.filter(id__in=[])  # nothing


def configurable_edges(viewer: Viewer) -> QuerySet[Edge]:
    """Edges the caller may configure and troubleshoot: those it manages, and for the
    support roles those of the customers whose support access allows them (read from
    the customer on every request, so turning a flag off takes effect at once)."""
    if viewer.role == Role.PARTNER_CUSTOMER_SUPPORT:
        return Edge.filter(
            customer__partner_id=viewer.partner_id, customer__partner_support_access=True
        )
    if viewer.role == Role.OPERATOR_SUPPORT:
        return Edge.filter(customer__operator_support_access=True)
    return manageable_edges(viewer)


def image_customers(viewer: Viewer) -> QuerySet[Customer]:
    """Customers whose images the caller may modify: a partner admin its partner's; a
    customer's superuser its own (while delegated: the caller checks the flag)."""
    if viewer.role in access.PARTNER_ADMINS:
        return Customer.filter(partner_id=viewer.partner_id)
    if viewer.role == Role.ENTERPRISE_SUPERUSER and viewer.customer_id is not None:
        return Customer.filter(id=viewer.customer_id)
    return Customer.filter(id__in=[])  # nothing


def manageable_users(viewer: Viewer) -> QuerySet[User]:
    """Customers' users the caller may manage: a customer's superuser its customer's; a
    partner admin those of its partner's customers; an operator user those of customers
    whose VeloCloud User Management Access is on. Never partner support, never staff."""
    users = User.filter(customer_id__isnull=False)
    if viewer.role in access.PARTNER_ADMINS:
        return users.filter(customer__partner_id=viewer.partner_id)
    if viewer.role == Role.ENTERPRISE_SUPERUSER and viewer.customer_id is not None:
        return users.filter(customer_id=viewer.customer_id)
    if viewer.role in access.OPERATORS:
        return users.filter(
            customer__operator_user_management_access=True,
            customer__operator_support_access=True,
        )
    return User.filter(id__in=[])  # nothing


def user_customers(viewer: Viewer) -> QuerySet[Customer]:
    """Customers the caller may add users to (the same rule as manageable_users)."""
    if viewer.role in access.PARTNER_ADMINS:
        return Customer.filter(partner_id=viewer.partner_id)
    if viewer.role == Role.ENTERPRISE_SUPERUSER and viewer.customer_id is not None:
        return Customer.filter(id=viewer.customer_id)
    if viewer.role in access.OPERATORS:
        return Customer.filter(operator_user_management_access=True, operator_support_access=True)
    return Customer.filter(id__in=[])  # nothing


def webhooks(viewer: Viewer) -> QuerySet[Webhook]:
    """The operator's superuser manages the operator's webhooks; a partner superuser
    its partner's."""
    if viewer.role == Role.OPERATOR_SUPERUSER:
        return Webhook.filter(partner_id__isnull=True)
    if viewer.role == Role.PARTNER_SUPERUSER:
        return Webhook.filter(partner_id=viewer.partner_id)
    return Webhook.filter(id__in=[])  # nothing


def webhook_deliveries(viewer: Viewer) -> QuerySet[WebhookDelivery]:
    """Deliveries of the webhooks the caller manages."""
    if viewer.role == Role.OPERATOR_SUPERUSER:
        return WebhookDelivery.filter(webhook__partner_id__isnull=True)
    if viewer.role == Role.PARTNER_SUPERUSER:
        return WebhookDelivery.filter(webhook__partner_id=viewer.partner_id)
    return WebhookDelivery.filter(id__in=[])  # nothing


def audit_events(viewer: Viewer) -> QuerySet[AuditEvent]:
    """The operator superuser reads every event; a partner superuser its partner's."""
    if viewer.role == Role.OPERATOR_SUPERUSER:
        return AuditEvent.all()
    if viewer.role == Role.PARTNER_SUPERUSER:
        return AuditEvent.filter(partner_id=viewer.partner_id)
    return AuditEvent.filter(id__in=[])  # nothing


def users(viewer: Viewer) -> QuerySet[User]:
    """Support roles see the staff users and the users of customers that allow them."""
    staff = Q(customer_id__isnull=True)
    if viewer.role == Role.OPERATOR_SUPERUSER:
        return User.all()
    if viewer.role == Role.OPERATOR_SUPPORT:
        return User.filter(staff | Q(customer__operator_support_access=True))
    if viewer.role == Role.PARTNER_CUSTOMER_SUPPORT:
        return User.filter(
            staff | Q(customer__partner_support_access=True), partner_id=viewer.partner_id
        )
    if viewer.is_partner:
        return User.filter(partner_id=viewer.partner_id)
    if viewer.customer_id is not None:
        return User.filter(customer_id=viewer.customer_id)
    return User.filter(id=viewer.user_id)


def software_images(viewer: Viewer) -> QuerySet[SoftwareImage]:
    if viewer.is_operator:
        return SoftwareImage.all()
    if viewer.role in access.PARTNER_ADMINS:
        return SoftwareImage.filter(partners__partner_id=viewer.partner_id)
    return SoftwareImage.filter(id__in=[])  # nothing


def gateway_pools(viewer: Viewer) -> QuerySet[GatewayPool]:
    if viewer.is_operator:
        return GatewayPool.all()
    if viewer.role in access.PARTNER_ADMINS:
        return GatewayPool.filter(partners__partner_id=viewer.partner_id)
    return GatewayPool.filter(id__in=[])  # nothing


def edge_licenses(viewer: Viewer) -> QuerySet[EdgeLicense]:
    if viewer.is_operator:
        return EdgeLicense.all()
    if viewer.role in access.PARTNER_ADMINS:
        return EdgeLicense.filter(partners__partner_id=viewer.partner_id)
    return EdgeLicense.filter(id__in=[])  # nothing


def api_tokens(viewer: Viewer) -> QuerySet[AuthToken]:
    """API tokens the caller may list and revoke: the operator superuser those of
    operator users, a partner superuser those of its partner's users, anyone else
    their own."""
    tokens = AuthToken.filter(kind=TokenKind.API)
    if viewer.role == Role.OPERATOR_SUPERUSER:
        return tokens.filter(user__partner_id__isnull=True)
    if viewer.role == Role.PARTNER_SUPERUSER:
        return tokens.filter(user__partner_id=viewer.partner_id)
    return tokens.filter(user_id=viewer.user_id)


def system_property_names(viewer: Viewer) -> tuple[str, ...]:
    """The system properties the viewer may read: every one for the operator's users
    (as the root field `systemProperties`), none for anyone else."""
    return tuple(system_properties.KNOWN) if viewer.role in access.OPERATORS else ()
