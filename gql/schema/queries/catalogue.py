"""Root queries of the catalogue: what the caller may assign (the operator: everything)."""

from __future__ import annotations

import strawberry

from gql.domain import scoping
from gql.schema.context import Info
from gql.schema.permissions import CanReadCatalogue, requires
from gql.schema.types.catalogue import EdgeLicense, GatewayPool, SoftwareImage


@strawberry.type
class CatalogueQuery:
    @strawberry.field(
        **requires(CanReadCatalogue, "Software images: those the caller's partner may assign.")
    )
    async def software_images(self, info: Info) -> list[SoftwareImage] | None:
        rows = await scoping.software_images(info.context.user).order_by("version")
        return [SoftwareImage.from_row(r) for r in rows]

    @strawberry.field(
        **requires(CanReadCatalogue, "Gateway pools: those the caller's partner may assign.")
    )
    async def gateway_pools(self, info: Info) -> list[GatewayPool] | None:
        rows = await scoping.gateway_pools(info.context.user).order_by("name_key")
        return [GatewayPool.from_row(r) for r in rows]

    @strawberry.field(
        **requires(CanReadCatalogue, "Edge licenses: those the caller's partner may assign.")
    )
    async def edge_licenses(self, info: Info) -> list[EdgeLicense] | None:
        rows = await scoping.edge_licenses(info.context.user).order_by("sku")
        return [EdgeLicense.from_row(r) for r in rows]
