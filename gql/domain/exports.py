"""The rows of the CSV exports: the customers and edges the caller may see (the same
scopes as the API), with user-identifiable values only where the caller may see them
(empty cells otherwise).

Rows are read in keyset batches, with each batch's related values in a fixed number
of queries, so an export of any size runs in constant memory.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from tortoise.functions import Count
from tortoise.queryset import QuerySet

from gql.domain import ids, scoping
from gql.domain.access import can_view_pii
from gql.domain.viewer import Viewer
from models.customer import CustomerEdgeLicense, CustomerSoftwareImage, Edge
from models.enums import Role
from models.identity import User

BATCH = 500

CUSTOMER_COLUMNS = [
    "id", "companyName", "domain", "accountNumber", "partner", "partnerSupportAccess",
    "operatorSupportAccess", "operatorUserManagementAccess", "streetAddress", "city", "state",
    "country", "postalCode", "manageSoftwareImages", "softwareImages", "defaultSoftwareImage",
    "gatewayPool", "edgeLicenses", "analyticsEnabled", "edgeCount", "adminUsername",
    "adminContactEmail", "createdAt", "updatedAt",
]  # fmt: skip
EDGE_COLUMNS = [
    "id", "name", "customerId", "customer", "model", "serialNumber", "softwareImage",
    "edgeLicense", "createdAt",
]  # fmt: skip

_CUSTOMER_FIELDS = (
    "id", "company_name", "domain", "account_number", "partner__name", "partner_id",
    "partner_support_access", "operator_support_access", "operator_user_management_access",
    "street_address", "city", "state", "country", "postal_code", "manage_software_images",
    "default_software_image__version", "gateway_pool__name", "analytics_enabled",
    "created_at", "updated_at",
)  # fmt: skip


async def _batches(rows: QuerySet, fields: tuple[str, ...]) -> AsyncIterator[list[dict]]:
    """The rows of a scope in keyset batches of BATCH, by id."""
    last = 0
    while True:
        batch = await rows.filter(id__gt=last).order_by("id").limit(BATCH).values(*fields)
        if not batch:
            return
        yield batch
        last = batch[-1]["id"]


async def customer_rows(viewer: Viewer) -> AsyncIterator[list[list[Any]]]:
    """Batches of customer rows, in CUSTOMER_COLUMNS order."""
    async for rows in _batches(scoping.customers(viewer), _CUSTOMER_FIELDS):
        pks = [r["id"] for r in rows]
        images = await _joined(CustomerSoftwareImage, pks, "image__version")
        licenses = await _joined(CustomerEdgeLicense, pks, "license__sku")
        counts = dict(
            await Edge.filter(customer_id__in=pks)
            .annotate(n=Count("id"))
            .group_by("customer_id")
            .values_list("customer_id", "n")
        )
        admins = await _admins(pks)
        yield [
            _customer_row(viewer, r, images, licenses, counts, admins.get(r["id"])) for r in rows
        ]


def _customer_row(viewer, r, images, licenses, counts, admin) -> list[Any]:
    visible = admin is not None and can_view_pii(
        viewer,
        admin["id"],
        r["partner_id"],
        r["id"],
        user_management_open=r["operator_user_management_access"],
    )
    return [
        ids.encode("Customer", r["id"]), r["company_name"], r["domain"], r["account_number"],
        r["partner__name"], r["partner_support_access"], r["operator_support_access"],
        r["operator_user_management_access"], r["street_address"], r["city"], r["state"],
        r["country"], r["postal_code"], r["manage_software_images"],
        ";".join(images.get(r["id"], [])), r["default_software_image__version"],
        r["gateway_pool__name"], ";".join(licenses.get(r["id"], [])), r["analytics_enabled"],
        counts.get(r["id"], 0), admin["username"] if visible else None,
        admin["contact_email"] if visible else None, r["created_at"], r["updated_at"],
    ]  # fmt: skip


async def _joined(link: type, pks: list[int], column: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    rows = (
        await link.filter(customer_id__in=pks).order_by(column).values_list("customer_id", column)
    )
    for pk, value in rows:
        out.setdefault(pk, []).append(value)
    return out


async def _admins(pks: list[int]) -> dict[int, dict[str, Any]]:
    """Each customer's first superuser (its initial admin, unless deleted)."""
    rows = (
        await User.filter(customer_id__in=pks, role=Role.ENTERPRISE_SUPERUSER)
        .order_by("-id")
        .values("id", "customer_id", "username", "contact_email")
    )
    return {r["customer_id"]: r for r in rows}  # the lowest id wins: it comes last


_EDGE_FIELDS = (
    "id", "name", "customer_id", "customer__company_name", "model", "serial_number",
    "software_image__version", "edge_license__sku", "created_at",
)  # fmt: skip


def _edge_row(r: dict[str, Any]) -> list[Any]:
    return [
        ids.encode("Edge", r["id"]), r["name"], ids.encode("Customer", r["customer_id"]),
        r["customer__company_name"], r["model"], r["serial_number"],
        r["software_image__version"], r["edge_license__sku"], r["created_at"],
    ]  # fmt: skip


async def edge_rows(viewer: Viewer) -> AsyncIterator[list[list[Any]]]:
    """Batches of edge rows, in EDGE_COLUMNS order."""
    async for rows in _batches(scoping.edges(viewer), _EDGE_FIELDS):
        yield [_edge_row(r) for r in rows]
