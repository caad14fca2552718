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
from tortoise.functions import Count
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


async def _edge_counts(keys: Sequence[int]) -> list[int]:
    rows = (
        await EdgeRow.filter(customer_id__in=keys)
        .annotate(n=Count("id"))
        .group_by("customer_id")
        .values_list("customer_id", "n")
    )
    counts = dict(rows)
    return [counts.get(k, 0) for k in keys]


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
        self.edge_count = DataLoader(load_fn=_edge_counts)
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
