"""Per-request DataLoaders: a page's relations cost a fixed number of SQL statements.

Created in get_context for each request, never shared: a cache that outlived the
request would serve one caller's rows to another. Every loader reads through
`scoping`, so what a caller may not see cannot come back by way of a relation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from strawberry.dataloader import DataLoader
from tortoise.functions import Count

from gql import scoping
from gql.types.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from gql.types.customer import Customer
from gql.types.partner import Partner
from gql.types.user import User
from gql.viewer import Viewer
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


async def _partner_images(keys: Sequence[int]) -> list[tuple[int, SoftwareImage]]:
    rows = await PartnerSoftwareImage.filter(partner_id__in=keys).select_related("image")
    rows.sort(key=lambda r: r.image.version)
    return [(r.partner_id, SoftwareImage.from_row(r.image)) for r in rows]


async def _partner_pools(keys: Sequence[int]) -> list[tuple[int, GatewayPool]]:
    rows = await PartnerGatewayPool.filter(partner_id__in=keys).select_related("pool")
    rows.sort(key=lambda r: r.pool.name_key)
    return [(r.partner_id, GatewayPool.from_row(r.pool)) for r in rows]


async def _partner_licenses(keys: Sequence[int]) -> list[tuple[int, EdgeLicense]]:
    rows = await PartnerEdgeLicense.filter(partner_id__in=keys).select_related("license")
    rows.sort(key=lambda r: r.license.sku)
    return [(r.partner_id, EdgeLicense.from_row(r.license)) for r in rows]


async def _customer_images(keys: Sequence[int]) -> list[tuple[int, SoftwareImage]]:
    rows = await CustomerSoftwareImage.filter(customer_id__in=keys).select_related("image")
    rows.sort(key=lambda r: r.image.version)
    return [(r.customer_id, SoftwareImage.from_row(r.image)) for r in rows]


async def _customer_licenses(keys: Sequence[int]) -> list[tuple[int, EdgeLicense]]:
    rows = await CustomerEdgeLicense.filter(customer_id__in=keys).select_related("license")
    rows.sort(key=lambda r: r.license.sku)
    return [(r.customer_id, EdgeLicense.from_row(r.license)) for r in rows]


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
    partner: DataLoader[int, Partner | None] = field(init=False)
    customer: DataLoader[int, Customer | None] = field(init=False)
    customer_images: DataLoader[int, list[SoftwareImage]] = field(init=False)
    customer_licenses: DataLoader[int, list[EdgeLicense]] = field(init=False)
    customer_users: DataLoader[int, list[User]] = field(init=False)
    edge_count: DataLoader[int, int] = field(init=False)

    def __post_init__(self) -> None:
        self.partner_images = _grouped(_partner_images)
        self.partner_pools = _grouped(_partner_pools)
        self.partner_licenses = _grouped(_partner_licenses)
        # The catalogue rows a partner's defaults point at: the partner's own choice,
        # visible wherever the partner is.
        self.image = _by_id(
            lambda keys: _rows_by_id(SoftwareImageRow, keys, SoftwareImage.from_row)
        )
        self.pool = _by_id(lambda keys: _rows_by_id(GatewayPoolRow, keys, GatewayPool.from_row))
        self.partner = _by_id(self._partners)
        self.customer = _by_id(self._customers)
        self.customer_images = _grouped(_customer_images)
        self.customer_licenses = _grouped(_customer_licenses)
        self.customer_users = _grouped(self._customer_users)
        self.edge_count = DataLoader(load_fn=_edge_counts)

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

    async def _customer_users(self, keys: Sequence[int]) -> list[tuple[int, User]]:
        if self.viewer is None:
            return []
        rows = (
            await scoping.users(self.viewer)
            .filter(customer_id__in=keys)
            .select_related("customer")
            .order_by("username_key")
        )
        return [
            (
                r.customer_id,
                User.from_row(
                    r,
                    self.viewer,
                    user_management_open=r.customer.operator_user_management_access,
                ),
            )
            for r in rows
        ]


async def _rows_by_id(model: type, keys: Sequence[int], build: Callable) -> dict[int, object]:
    return {r.id: build(r) for r in await model.filter(id__in=keys)}
