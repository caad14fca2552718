"""Input types shared by the mutations that create and change customers, and what
they explicitly send (GraphQL fills in defaults, but a clone source or the current
value must win over a default the client never sent)."""

from __future__ import annotations

from typing import Any

import strawberry

from gql.domain.customers.access import ACCESS_FLAGS
from gql.domain.customers.company import Address
from gql.domain.customers.records import KEYS
from gql.schema.inputs import Provided
from gql.schema.types.catalogue import LicenseEdition


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


@strawberry.input(description="The customer's first admin account (its ENTERPRISE_SUPERUSER).")
class InitialAdminInput:
    username: str = strawberry.field(
        description="user@domain.com format, unique across the orchestrator."
    )
    password: str = strawberry.field(description="The password; the policy applies.")
    confirm_password: str = strawberry.field(description="The password again.")
    first_name: str | None = strawberry.field(default=None, description="First name.")
    last_name: str | None = strawberry.field(default=None, description="Last name.")
    phone: str | None = strawberry.field(default=None, description="International number.")
    mobile_phone: str | None = strawberry.field(default=None, description="International number.")
    contact_email: str | None = strawberry.field(
        default=None, description="Alerts on service status are sent here."
    )


@strawberry.input(description="License types by edition and region.")
class EdgeLicenseSelectionInput:
    edition: LicenseEdition = strawberry.field(description="The customer's edition.")
    region: str = strawberry.field(description='The customer\'s region, e.g. "EU".')


@strawberry.input(description="The customer's configuration.")
class CustomerConfigurationInput:
    manage_software_images: bool | None = strawberry.field(
        default=False,
        description="Let the customer's superuser manage its images; when false exactly one "
        "image is assigned.",
    )
    software_image_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Images to assign; none: the partner's default image."
    )
    default_software_image_id: strawberry.ID | None = strawberry.field(
        default=None, description="The default among them."
    )
    gateway_pool_id: strawberry.ID | None = strawberry.field(
        default=None, description="The gateway pool; none: the partner's default pool."
    )
    edge_license_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Edge licenses to assign (needs partner edge licensing)."
    )
    edge_license_selection: EdgeLicenseSelectionInput | None = strawberry.field(
        default=None,
        description="Also assign every license your partner may assign of this edition and "
        "region (the license types matching the customer's edition and region).",
    )
    analytics_enabled: bool | None = strawberry.field(
        default=False, description="Enable Analytics (needs the operator to have enabled it)."
    )


# Each configuration part's attribute on CustomerConfigurationInput.
_CONFIG_ATTRS = {
    "manage_software_images": "manage_software_images",
    "images": "software_image_ids",
    "default_image": "default_software_image_id",
    "pool": "gateway_pool_id",
    "licenses": "edge_license_ids",
    "analytics_enabled": "analytics_enabled",
}


def explicit_configuration(
    given: CustomerConfigurationInput | None, sent: Provided
) -> dict[str, Any]:
    """The configuration parts the request itself gives (an explicit null counts as
    not given)."""
    sent_config = sent.get("configuration")
    if given is None or not isinstance(sent_config, dict):
        return {}
    explicit = {}
    for part, attr in _CONFIG_ATTRS.items():
        value = getattr(given, attr)
        if KEYS[part] in sent_config and value is not None:
            explicit[part] = value
    selection = given.edge_license_selection
    if "edgeLicenseSelection" in sent_config and selection is not None:
        explicit["license_selection"] = (selection.edition.value, selection.region)
    return explicit


def explicit_flags(input: Any, sent: Provided) -> dict[str, bool]:
    """The access flags the request itself gives."""
    return {
        attr: getattr(input, attr)
        for attr, (key, _, _) in ACCESS_FLAGS.items()
        if key in sent and getattr(input, attr) is not None
    }
