"""The operator's catalogue: software images, gateway pools, edge licenses."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from gql.domain import ids
from gql.schema.types.node import Node
from models import enums
from models.catalogue import EdgeLicense as EdgeLicenseRow
from models.catalogue import GatewayPool as GatewayPoolRow
from models.catalogue import SoftwareImage as SoftwareImageRow


@strawberry.enum(description="The edition of an edge license.")
class LicenseEdition(Enum):
    STANDARD = strawberry.enum_value(
        enums.LicenseEdition.STANDARD.value,
        description="Standard edition; cannot be mixed with the other two.",
    )
    ENTERPRISE = strawberry.enum_value(
        enums.LicenseEdition.ENTERPRISE.value, description="Enterprise edition."
    )
    PREMIUM = strawberry.enum_value(
        enums.LicenseEdition.PREMIUM.value, description="Premium edition."
    )


@strawberry.type(description="A software image that edges may run.")
class SoftwareImage(Node):
    version: str = strawberry.field(description="The image's version, unique.")
    description: str | None = strawberry.field(description="Notes on the image.")
    created_at: datetime = strawberry.field(description="When the operator added it.")
    pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: SoftwareImageRow) -> SoftwareImage:
        return cls(
            id=ids.encode("SoftwareImage", row.id),
            pk=row.id,
            version=row.version,
            description=row.description,
            created_at=row.created_at,
        )


@strawberry.type(description="A pool of gateways that a customer's edges connect through.")
class GatewayPool(Node):
    name: str = strawberry.field(description="The pool's name, unique.")
    description: str | None = strawberry.field(description="Notes on the pool.")
    created_at: datetime = strawberry.field(description="When the operator added it.")
    pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: GatewayPoolRow) -> GatewayPool:
        return cls(
            id=ids.encode("GatewayPool", row.id),
            pk=row.id,
            name=row.name,
            description=row.description,
            created_at=row.created_at,
        )


@strawberry.type(description="A type of edge license; one type can serve many edges.")
class EdgeLicense(Node):
    sku: str = strawberry.field(description="The license's SKU, unique.")
    edition: LicenseEdition = strawberry.field(description="Its edition.")
    bandwidth_mbps: int = strawberry.field(description="Licensed bandwidth, in Mbit/s.")
    term_months: int = strawberry.field(description="Term of the license, in months.")
    region: str = strawberry.field(description="The region where it is valid.")
    created_at: datetime = strawberry.field(description="When the operator added it.")
    pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: EdgeLicenseRow) -> EdgeLicense:
        return cls(
            id=ids.encode("EdgeLicense", row.id),
            pk=row.id,
            sku=row.sku,
            edition=LicenseEdition(row.edition),
            bandwidth_mbps=row.bandwidth_mbps,
            term_months=row.term_months,
            region=row.region,
            created_at=row.created_at,
        )
