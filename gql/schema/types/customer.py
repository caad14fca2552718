"""Customers (tenants of a partner) and their edges."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import strawberry

from gql.domain import ids
from gql.schema.context import Info
from gql.schema.pagination import After, Connection, First, connection, decode_cursor, page_size
from gql.schema.types.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from gql.schema.types.node import Node
from gql.schema.types.partner import Partner
from gql.schema.types.user import User
from models.customer import Customer as CustomerRow
from models.customer import Edge as EdgeRow


@strawberry.type(description="A postal address.")
class Address:
    street_address: str | None = strawberry.field(description="Street and number.")
    city: str | None = strawberry.field(description="City.")
    state: str | None = strawberry.field(description="State or region.")
    country: str | None = strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    postal_code: str | None = strawberry.field(description="ZIP or postcode.")


@strawberry.type(description="A software image assigned to a customer.")
class CustomerSoftwareImage:
    image: SoftwareImage = strawberry.field(description="The image.")
    is_default: bool = strawberry.field(description="True for the customer's default image.")


@strawberry.type(name="Edge", description="An SD-WAN edge of a customer.")
class EdgeDevice(Node):
    name: str = strawberry.field(description="The edge's name.")
    model: str | None = strawberry.field(description="The hardware model.")
    serial_number: str | None = strawberry.field(description="The serial number.")
    created_at: datetime = strawberry.field(description="When the edge was added.")
    image_pk: strawberry.Private[int]
    license_pk: strawberry.Private[int | None]
    customer_pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: EdgeRow) -> EdgeDevice:
        return cls(
            id=ids.encode("Edge", row.id),
            name=row.name,
            model=row.model,
            serial_number=row.serial_number,
            created_at=row.created_at,
            image_pk=row.software_image_id,
            license_pk=row.edge_license_id,
            customer_pk=row.customer_id,
        )

    @strawberry.field(description="The license type the edge is provisioned with; null when none.")
    async def edge_license(self, info: Info) -> EdgeLicense | None:
        if self.license_pk is None:
            return None
        return await info.context.loaders.license.load(self.license_pk)

    @strawberry.field(description="The software image the edge runs.")
    async def software_image(self, info: Info) -> SoftwareImage:
        image = await info.context.loaders.image.load(self.image_pk)
        assert image is not None  # a foreign key with ON DELETE RESTRICT
        return image


@strawberry.type(description="A customer (tenant) of a partner.")
class Customer(Node):
    company_name: str = strawberry.field(description="The customer's company name.")
    domain: str = strawberry.field(description="The company's DNS domain.")
    account_number: str = strawberry.field(
        description="The customer's identifier, unique across the orchestrator."
    )
    partner_support_access: bool = strawberry.field(
        description="The partner's support team may view, configure and troubleshoot the "
        "customer's edges (never user-identifiable information)."
    )
    operator_support_access: bool = strawberry.field(
        description="VeloCloud Support Access: the vendor's support may view, configure and "
        "troubleshoot the customer's edges (never user-identifiable information)."
    )
    operator_user_management_access: bool = strawberry.field(
        description="VeloCloud User Management Access: the vendor's support may help manage "
        "users, and then sees user-identifiable information."
    )
    address: Address = strawberry.field(description="The postal address.")
    manage_software_images: bool = strawberry.field(
        description="The customer's superuser may manage its software images; when false, "
        "exactly one image is assigned."
    )
    analytics_enabled: bool = strawberry.field(description="Analytics is on for the customer.")
    created_at: datetime = strawberry.field(description="When the customer was created.")
    updated_at: datetime = strawberry.field(description="When the customer last changed.")
    pk: strawberry.Private[int]
    partner_pk: strawberry.Private[int]
    default_image_pk: strawberry.Private[int]
    pool_pk: strawberry.Private[int]
    cloned_from_pk: strawberry.Private[int | None]
    # Relations a page loaded with its customers (gql.schema.prefetch), by field name;
    # a field not in it is loaded on demand through the request's loaders.
    prefetched: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_row(cls, row: CustomerRow | Any) -> Customer:
        """From a model row, or anything with its attributes (a page's plain rows)."""
        return cls(
            id=ids.encode("Customer", row.id),
            company_name=row.company_name,
            domain=row.domain,
            account_number=row.account_number,
            partner_support_access=row.partner_support_access,
            operator_support_access=row.operator_support_access,
            operator_user_management_access=row.operator_user_management_access,
            address=Address(
                street_address=row.street_address,
                city=row.city,
                state=row.state,
                country=row.country,
                postal_code=row.postal_code,
            ),
            manage_software_images=row.manage_software_images,
            analytics_enabled=row.analytics_enabled,
            created_at=row.created_at,
            updated_at=row.updated_at,
            pk=row.id,
            partner_pk=row.partner_id,
            default_image_pk=row.default_software_image_id,
            pool_pk=row.gateway_pool_id,
            cloned_from_pk=row.cloned_from_id,
        )

    # The relations a page prefetches are plain (synchronous) resolvers: a prefetched
    # value is returned as it is, with no task per customer; otherwise the loader's
    # awaitable is, and GraphQL awaits it.

    @strawberry.field(description="The software images assigned to the customer.")
    def software_images(self, info: Info) -> list[CustomerSoftwareImage]:
        images = self.prefetched.get("softwareImages")
        if images is None:
            return self._images_loaded(info)  # type: ignore[return-value]
        return self.with_default(images)

    def with_default(self, images: list[SoftwareImage]) -> list[CustomerSoftwareImage]:
        return [
            CustomerSoftwareImage(image=i, is_default=i.pk == self.default_image_pk) for i in images
        ]

    async def _images_loaded(self, info: Info) -> list[CustomerSoftwareImage]:
        return self.with_default(await info.context.loaders.customer_images.load(self.pk))

    @strawberry.field(description="The image the customer's new edges get.")
    def default_software_image(self, info: Info) -> SoftwareImage:
        return info.context.loaders.image.load(self.default_image_pk)  # type: ignore[return-value]

    @strawberry.field(description="The gateway pool the customer's edges connect through.")
    def gateway_pool(self, info: Info) -> GatewayPool:
        pool = self.prefetched.get("gatewayPool")
        return pool or info.context.loaders.pool.load(self.pool_pk)  # type: ignore[return-value]

    @strawberry.field(description="The edge licenses assigned to the customer.")
    def edge_licenses(self, info: Info) -> list[EdgeLicense]:
        licenses = self.prefetched.get("edgeLicenses")
        if licenses is None:
            return info.context.loaders.customer_licenses.load(self.pk)  # type: ignore[return-value]
        return licenses

    @strawberry.field(
        description="The partner the customer belongs to; null when the caller may not see "
        "partners (a customer's own admin)."
    )
    async def partner(self, info: Info) -> Partner | None:
        return await info.context.loaders.partner.load(self.partner_pk)

    @strawberry.field(
        description="The customer whose configuration this one was cloned from; null when "
        "none, or when the caller may not see it."
    )
    async def cloned_from(self, info: Info) -> Customer | None:
        if self.cloned_from_pk is None:
            return None
        return await info.context.loaders.customer.load(self.cloned_from_pk)

    @strawberry.field(
        description="The customer's own users; user-identifiable fields only where the "
        "caller may see them (`piiRedacted` says which)."
    )
    async def users(self, info: Info) -> list[User]:
        return await info.context.loaders.customer_users.load(self.pk)

    @strawberry.field(
        description="The customer's own users by username, a page at a time (the same users "
        "as `users`, which stays for the clients that read the whole list)."
    )
    async def user_connection(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[User]:
        size, offset = page_size(first), decode_cursor(after)
        everyone = await info.context.loaders.customer_users.load(self.pk)
        return connection(everyone[offset : offset + size + 1], offset, size, len(everyone))

    @strawberry.field(description="How many edges the customer has.")
    def edge_count(self, info: Info) -> int:
        count = self.prefetched.get("edgeCount")
        if count is None:
            return info.context.loaders.edge_count.load(self.pk)  # type: ignore[return-value]
        return count

    @strawberry.field(description="The customer's edges, by name, a page at a time.")
    async def edges(
        self,
        info: Info,
        first: First = None,
        after: After = None,
    ) -> Connection[EdgeDevice]:
        size, offset = page_size(first), decode_cursor(after)
        rows = await info.context.loaders.edge_page.load((self.pk, offset, size, ""))
        total = await info.context.loaders.edge_count.load(self.pk)
        return connection([EdgeDevice.from_row(r) for r in rows], offset, size, total)
