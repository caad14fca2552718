"""Input types shared by the mutations that create and change customers."""

from __future__ import annotations

import strawberry

from gql.domain.customer_fields import Address


@strawberry.input(description="A postal address; every part optional.")
class AddressInput:
    street_address: str | None = strawberry.field(default=None, description="Street and number.")
    city: str | None = strawberry.field(default=None, description="City.")
    state: str | None = strawberry.field(default=None, description="State or region.")
    country: str | None = strawberry.field(
        default=None, description='ISO 3166-1 alpha-2 code, e.g. "DE".'
    )
    postal_code: str | None = strawberry.field(default=None, description="ZIP or postcode.")

    def to_domain(self) -> Address:
        return Address(
            street_address=self.street_address,
            city=self.city,
            state=self.state,
            country=self.country,
            postal_code=self.postal_code,
        )
