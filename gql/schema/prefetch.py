"""A page of customers in a fixed, small number of set-based queries, into plain objects.

The page's statement reads the customers as plain rows (no model instances), with
their gateway pool joined in and their edge count as a subquery when those fields
are asked for; the images and licenses of the whole page are one statement each, and
only when asked for. The results are attached to each `Customer` (`prefetched`), so
the fields resolve synchronously: no task, no loader round per customer.

Everything here reads through the queryset the caller scoped (gql.domain.scoping):
what a caller may not see is not in the page, and so not in its relations either.
"""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace
from typing import Any

from tortoise import connections
from tortoise.expressions import RawSQL
from tortoise.queryset import QuerySet

from gql.schema.types.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from gql.schema.types.customer import Customer
from models.customer import Customer as CustomerRow
from models.customer import CustomerEdgeLicense, CustomerSoftwareImage

_COLUMNS = (
    "id",
    "company_name",
    "domain",
    "account_number",
    "partner_support_access",
    "operator_support_access",
    "operator_user_management_access",
    "street_address",
    "city",
    "state",
    "country",
    "postal_code",
    "manage_software_images",
    "analytics_enabled",
    "created_at",
    "updated_at",
    "partner_id",
    "default_software_image_id",
    "gateway_pool_id",
    "cloned_from_id",
)
# Counted by the edge table's customer index, once per customer of the page.
_EDGE_COUNT = RawSQL('(SELECT COUNT(*) FROM "edge" WHERE "edge"."customer_id" = "customer"."id")')


def _related(values: dict[str, Any], prefix: str, **known: Any) -> SimpleNamespace:
    """The columns of a joined row (`gateway_pool__name` …) as a row of its own."""
    start = len(prefix) + 2
    fields = {k[start:]: v for k, v in values.items() if k.startswith(f"{prefix}__")}
    return SimpleNamespace(**fields, **known)


async def customers(rows: QuerySet[CustomerRow], fields: set[str]) -> list[Customer]:
    """The customers of `rows` (filtered, ordered and limited by the caller), with the
    relations among `fields` (GraphQL names) loaded."""
    columns = list(_COLUMNS)
    if "gatewayPool" in fields:
        columns += ["gateway_pool__name", "gateway_pool__description", "gateway_pool__created_at"]
    if "edgeCount" in fields:
        rows = rows.annotate(edge_count=_EDGE_COUNT)
        columns.append("edge_count")
    page = []
    for values in await rows.values(*columns):
        customer = Customer.from_row(SimpleNamespace(**values))
        if "gatewayPool" in fields:
            pool = _related(values, "gateway_pool", id=values["gateway_pool_id"])
            customer.prefetched["gatewayPool"] = GatewayPool.from_row(pool)  # type: ignore[arg-type]
        if "edgeCount" in fields:
            customer.prefetched["edgeCount"] = values["edge_count"]
        page.append(customer)
    pks = [c.pk for c in page]
    for field, link, item, build, order in _LINKS:
        if pks and field in fields:
            linked = await _linked(link, item, build, pks, order)
            for customer in page:
                customer.prefetched[field] = linked.get(customer.pk, [])
    return page


# The catalogue relations a page may prefetch: (field, link table, item, type, order).
_LINKS = (
    ("softwareImages", CustomerSoftwareImage, "image", SoftwareImage, "version"),
    ("edgeLicenses", CustomerEdgeLicense, "license", EdgeLicense, "sku"),
)
_CATALOGUE_COLUMNS = {
    "image": ("version", "description", "created_at"),
    "license": ("sku", "edition", "bandwidth_mbps", "term_months", "region", "created_at"),
}


async def _linked(
    link: Any, item: str, build: Any, customers: list[int], order: str
) -> dict[int, list[Any]]:
    """The catalogue items linked to each customer, in `order`. A page's customers
    share a handful of items: each is built once.

    Written as SQL, as building it with the ORM cost more than running it: the
    customers are the page's own (already scoped), and every value is an int."""
    model = link._meta.fields_map[item].related_model
    table, item_table = link._meta.db_table, model._meta.db_table
    columns = ", ".join(f'i."{c}"' for c in _CATALOGUE_COLUMNS[item])
    listed = ", ".join(str(int(pk)) for pk in customers)
    rows = await connections.get("default").execute_query_dict(
        f'SELECT l."customer_id", i."id", {columns} FROM "{table}" l '  # noqa: S608
        f'JOIN "{item_table}" i ON i."id" = l."{item}_id" '
        f'WHERE l."customer_id" IN ({listed}) ORDER BY i."{order}", i."id"'
    )
    built: dict[int, Any] = {}
    found: dict[int, list[Any]] = defaultdict(list)
    for values in rows:
        pk = values["id"]
        if pk not in built:
            built[pk] = build.from_row(_converted(model, values))
        found[values["customer_id"]].append(built[pk])
    return found


def _converted(model: Any, values: dict[str, Any]) -> SimpleNamespace:
    """A raw row's values as the model's fields make them (datetimes, enums)."""
    fields = model._meta.fields_map
    return SimpleNamespace(
        **{k: fields[k].to_python_value(v) if k in fields else v for k, v in values.items()}
    )
