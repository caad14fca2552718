"""Partners and the catalogue each one may assign."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gql import ids
from gql.types.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from gql.types.node import Node
from models.catalogue import EdgeLicense as EdgeLicenseRow
from models.catalogue import GatewayPool as GatewayPoolRow
from models.catalogue import SoftwareImage as SoftwareImageRow
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
    async def software_images(self) -> list[PartnerSoftwareImage]:
        rows = await SoftwareImageRow.filter(partners__partner_id=self.pk).order_by("version")
        return [
            PartnerSoftwareImage(
                image=SoftwareImage.from_row(r), is_default=r.id == self.default_image_pk
            )
            for r in rows
        ]

    @strawberry.field(description="The image new customers get when none is chosen.")
    async def default_software_image(self) -> SoftwareImage | None:
        if self.default_image_pk is None:
            return None
        row = await SoftwareImageRow.get_or_none(id=self.default_image_pk)
        return SoftwareImage.from_row(row) if row else None

    @strawberry.field(description="The gateway pools the partner may assign.")
    async def gateway_pools(self) -> list[PartnerGatewayPool]:
        rows = await GatewayPoolRow.filter(partners__partner_id=self.pk).order_by("name")
        return [
            PartnerGatewayPool(
                pool=GatewayPool.from_row(r), is_default=r.id == self.default_pool_pk
            )
            for r in rows
        ]

    @strawberry.field(description="The pool new customers get when none is chosen.")
    async def default_gateway_pool(self) -> GatewayPool | None:
        if self.default_pool_pk is None:
            return None
        row = await GatewayPoolRow.get_or_none(id=self.default_pool_pk)
        return GatewayPool.from_row(row) if row else None

    @strawberry.field(description="The edge licenses the partner may assign.")
    async def edge_licenses(self) -> list[EdgeLicense]:
        rows = await EdgeLicenseRow.filter(partners__partner_id=self.pk).order_by("sku")
        return [EdgeLicense.from_row(r) for r in rows]
