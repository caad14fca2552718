"""Partners and the catalogue each one may assign."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gql.domain import ids
from gql.schema.context import Info
from gql.schema.types.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from gql.schema.types.node import Node
from models.identity import Partner as PartnerRow


@strawberry.type(
    description="A software image a partner may assign, and whether it is the default."
)
class PartnerSoftwareImage:
    image: SoftwareImage = strawberry.field(description="The image.")
    is_default: bool = strawberry.field(
        description="True for the image new customers get when none is chosen."
    )


@strawberry.type(description="A gateway pool a partner may assign, and whether it is the default.")
class PartnerGatewayPool:
    pool: GatewayPool = strawberry.field(description="The pool.")
    is_default: bool = strawberry.field(
        description="True for the pool new customers get when none is chosen."
    )


@strawberry.type(description="A managed-service partner of the orchestrator.")
class Partner(Node):
    name: str = strawberry.field(description="The partner's name, unique.")
    edge_licensing_enabled: bool = strawberry.field(
        description="Whether the partner may assign edge licenses to its customers."
    )
    created_at: datetime = strawberry.field(description="When the partner was created.")
    updated_at: datetime = strawberry.field(description="When the partner last changed.")
    pk: strawberry.Private[int]
    default_image_pk: strawberry.Private[int | None]
    default_pool_pk: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: PartnerRow) -> Partner:
        return cls(
            id=ids.encode("Partner", row.id),
            name=row.name,
            edge_licensing_enabled=row.edge_licensing_enabled,
            created_at=row.created_at,
            updated_at=row.updated_at,
            pk=row.id,
            default_image_pk=row.default_software_image_id,
            default_pool_pk=row.default_gateway_pool_id,
        )

    @strawberry.field(description="The software images the partner may assign.")
    async def software_images(self, info: Info) -> list[PartnerSoftwareImage]:
        images = await info.context.loaders.partner_images.load(self.pk)
        return [
            PartnerSoftwareImage(image=i, is_default=i.pk == self.default_image_pk) for i in images
        ]

    @strawberry.field(description="The image new customers get when none is chosen.")
    async def default_software_image(self, info: Info) -> SoftwareImage | None:
        if self.default_image_pk is None:
            return None
        return await info.context.loaders.image.load(self.default_image_pk)

    @strawberry.field(description="The gateway pools the partner may assign.")
    async def gateway_pools(self, info: Info) -> list[PartnerGatewayPool]:
        pools = await info.context.loaders.partner_pools.load(self.pk)
        return [PartnerGatewayPool(pool=p, is_default=p.pk == self.default_pool_pk) for p in pools]

    @strawberry.field(description="The pool new customers get when none is chosen.")
    async def default_gateway_pool(self, info: Info) -> GatewayPool | None:
        if self.default_pool_pk is None:
            return None
        return await info.context.loaders.pool.load(self.default_pool_pk)

    @strawberry.field(description="The edge licenses the partner may assign.")
    async def edge_licenses(self, info: Info) -> list[EdgeLicense]:
        return await info.context.loaders.partner_licenses.load(self.pk)
