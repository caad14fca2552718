"""Per-request DataLoaders: a page's relations cost a fixed number of SQL statements.

Created in get_context for each request, never shared: a cache that outlived the
request would serve one caller's rows to another. Every loader reads through
`scoping`, so what a caller may not see cannot come back by way of a relation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from tortoise import connections
from tortoise.models import Model

from gql.domain import login_throttle, scoping
from gql.domain.viewer import Viewer
from gql.schema.types.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from gql.schema.types.customer import Customer
from gql.schema.types.partner import Partner
from gql.schema.types.user import User
from models.catalogue import EdgeLicense as EdgeLicenseRow
from models.catalogue import GatewayPool as GatewayPoolRow
from models.catalogue import PartnerEdgeLicense, PartnerGatewayPool, PartnerSoftwareImage
from models.catalogue import SoftwareImage as SoftwareImageRow
from models.customer import CustomerEdgeLicense, CustomerSoftwareImage
from models.customer import Edge as EdgeRow
from models.webhook import WebhookDelivery as WebhookDeliveryRow

V = TypeVar("V")


def _grouped(
    load: Callable[[Sequence[int]], Awaitable[list[tuple[int, V]]]],
) -> DataLoader[int, list[V]]:
    """A loader of lists keyed by parent id, from one query returning (parent, item)."""

    async def batch(keys: Sequence[int]) -> list[list[V]]:
        groups: dict[int, list[V]] = defaultdict(list)
        for parent, item in await load(keys):
            groups[parent].append(item)
        return [groups.get(k, []) for k in keys]

    return DataLoader(load_fn=batch)


def _by_id(load: Callable[[Sequence[int]], Awaitable[dict[int, V]]]) -> DataLoader[int, V | None]:
    async def batch(keys: Sequence[int]) -> list[V | None]:
        found = await load(keys)
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=batch)


def _linked(
    link: type[Model], parent: str, item: str, build: Callable[[Any], V], sort_key: str
) -> Callable[[Sequence[int]], Awaitable[list[tuple[int, V]]]]:
    """(parent id, item) pairs of a link table (partner or customer to catalogue item),
    in one query, ordered by the item's `sort_key`."""

    async def load(keys: Sequence[int]) -> list[tuple[int, V]]:
        rows = await link.filter(**{f"{parent}_id__in": keys}).select_related(item)
        rows.sort(key=lambda r: getattr(getattr(r, item), sort_key))
        return [(getattr(r, f"{parent}_id"), build(getattr(r, item))) for r in rows]

    return load


# A page key: (parent, offset, size, condition). The condition is SQL the server
# wrote (a status filter from an enum), never text from the request.
PageKey = tuple[int, int, int, str]


def _pages(model: type[Model], parent: str, order: str) -> Callable[..., Awaitable[list]]:
    """A batch function for pages of children of many parents (a customer's edges, a
    webhook's deliveries): each distinct (offset, size, condition) costs one statement,
    a window over all the parents, however many there are. The parents come from rows
    the caller was allowed to read; every value in the SQL is an int or server-written."""
    table = model._meta.db_table

    async def batch(keys: Sequence[PageKey]) -> list[list]:
        windows: dict[tuple[int, int, str], set[int]] = defaultdict(set)
        for parent_pk, offset, size, condition in keys:
            windows[(int(offset), int(size), condition)].add(int(parent_pk))
        pages: dict[PageKey, list] = defaultdict(list)
        for (offset, size, condition), parents in windows.items():
            listed = ", ".join(map(str, sorted(parents)))
            rows = await model.raw(
                f'SELECT * FROM (SELECT "{table}".*, ROW_NUMBER() OVER '  # noqa: S608
                f'(PARTITION BY "{parent}" ORDER BY {order}) AS "page_row" FROM "{table}" '
                f'WHERE "{parent}" IN ({listed}){condition}) AS "paged" '
                f'WHERE "page_row" > {offset} AND "page_row" <= {offset + size + 1} '
                f'ORDER BY "{parent}", "page_row"'
            )
            for row in rows:
                pages[(getattr(row, parent), offset, size, condition)].append(row)
        return [pages.get(key, []) for key in keys]

    return batch


def _counts(model: type[Model], parent: str) -> Callable[..., Awaitable[list[int]]]:
    """A batch function counting the children of many parents, keyed by (parent,
    condition) as above: one statement per distinct condition."""
    table = model._meta.db_table

    async def batch(keys: Sequence[tuple[int, str]]) -> list[int]:
        by_condition: dict[str, set[int]] = defaultdict(set)
        for parent_pk, condition in keys:
            by_condition[condition].add(int(parent_pk))
        counts: dict[tuple[int, str], int] = {}
        for condition, parents in by_condition.items():
            listed = ", ".join(map(str, sorted(parents)))
            rows = await connections.get("default").execute_query_dict(
                f'SELECT "{parent}" AS "parent", COUNT(*) AS "n" FROM "{table}" '  # noqa: S608
                f'WHERE "{parent}" IN ({listed}){condition} GROUP BY "{parent}"'
            )
            counts.update({(r["parent"], condition): r["n"] for r in rows})
        return [counts.get((int(p), c), 0) for p, c in keys]

    return batch


@dataclass
class Loaders:
    viewer: Viewer | None
    partner_images: DataLoader[int, list[SoftwareImage]] = field(init=False)
    partner_pools: DataLoader[int, list[GatewayPool]] = field(init=False)
    partner_licenses: DataLoader[int, list[EdgeLicense]] = field(init=False)
    image: DataLoader[int, SoftwareImage | None] = field(init=False)
    pool: DataLoader[int, GatewayPool | None] = field(init=False)
    license: DataLoader[int, EdgeLicense | None] = field(init=False)
    partner: DataLoader[int, Partner | None] = field(init=False)
    customer: DataLoader[int, Customer | None] = field(init=False)
    customer_images: DataLoader[int, list[SoftwareImage]] = field(init=False)
    customer_licenses: DataLoader[int, list[EdgeLicense]] = field(init=False)
    customer_users: DataLoader[int, list[User]] = field(init=False)
    user: DataLoader[int, User | None] = field(init=False)
    edge_count: DataLoader[int, int] = field(init=False)
    edge_page: DataLoader[PageKey, list[EdgeRow]] = field(init=False)
    delivery_page: DataLoader[PageKey, list[WebhookDeliveryRow]] = field(init=False)
    delivery_count: DataLoader[tuple[int, str], int] = field(init=False)
    locked_until: DataLoader[str, datetime | None] = field(init=False)

    def __post_init__(self) -> None:
        image, pool, license_ = (
            ("image", SoftwareImage.from_row, "version"),
            ("pool", GatewayPool.from_row, "name_key"),
            ("license", EdgeLicense.from_row, "sku"),
        )
        self.partner_images = _grouped(_linked(PartnerSoftwareImage, "partner", *image))
        self.partner_pools = _grouped(_linked(PartnerGatewayPool, "partner", *pool))
        self.partner_licenses = _grouped(_linked(PartnerEdgeLicense, "partner", *license_))
        # The catalogue rows a partner's defaults point at: the partner's own choice,
        # visible wherever the partner is.
        self.image = _by_id(
            lambda keys: _rows_by_id(SoftwareImageRow, keys, SoftwareImage.from_row)
        )
        self.pool = _by_id(lambda keys: _rows_by_id(GatewayPoolRow, keys, GatewayPool.from_row))
        # An edge's license is one its customer was assigned: visible with the edge.
        self.license = _by_id(lambda keys: _rows_by_id(EdgeLicenseRow, keys, EdgeLicense.from_row))
        self.partner = _by_id(self._partners)
        self.customer = _by_id(self._customers)
        self.customer_images = _grouped(_linked(CustomerSoftwareImage, "customer", *image))
        self.customer_licenses = _grouped(_linked(CustomerEdgeLicense, "customer", *license_))
        self.customer_users = _grouped(self._customer_users)
        self.user = _by_id(self._users)
        edge_count = _counts(EdgeRow, "customer_id")
        self.edge_count = DataLoader(load_fn=lambda keys: edge_count([(k, "") for k in keys]))
        self.edge_page = DataLoader(load_fn=_pages(EdgeRow, "customer_id", '"name", "id"'))
        self.delivery_page = DataLoader(
            load_fn=_pages(WebhookDeliveryRow, "webhook_id", '"id" DESC')
        )
        self.delivery_count = DataLoader(load_fn=_counts(WebhookDeliveryRow, "webhook_id"))
        self.locked_until = DataLoader(load_fn=_locked_until)

    async def _partners(self, keys: Sequence[int]) -> dict[int, Partner]:
        if self.viewer is None:
            return {}
        rows = await scoping.partners(self.viewer).filter(id__in=keys)
        return {r.id: Partner.from_row(r) for r in rows}

    async def _customers(self, keys: Sequence[int]) -> dict[int, Customer]:
        if self.viewer is None:
            return {}
        rows = await scoping.customers(self.viewer).filter(id__in=keys)
        return {r.id: Customer.from_row(r) for r in rows}

    async def _users(self, keys: Sequence[int]) -> dict[int, User]:
        if self.viewer is None:
            return {}
        rows = await scoping.users(self.viewer).filter(id__in=keys).select_related("customer")
        return {r.id: User.seen_by(r, self.viewer) for r in rows}

    async def _customer_users(self, keys: Sequence[int]) -> list[tuple[int, User]]:
        if self.viewer is None:
            return []
        rows = (
            await scoping.users(self.viewer)
            .filter(customer_id__in=keys)
            .select_related("customer")
            .order_by("username_key")
        )
        return [(r.customer_id, User.seen_by(r, self.viewer)) for r in rows]


async def _locked_until(keys: Sequence[str]) -> list[datetime | None]:
    found = await login_throttle.locked_until(list(keys), login_throttle.now())
    return [found[k] for k in keys]


async def _rows_by_id(model: type, keys: Sequence[int], build: Callable) -> dict[int, object]:
    return {r.id: build(r) for r in await model.filter(id__in=keys)}
