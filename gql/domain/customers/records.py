"""A customer's configuration as stored: read, written, and told in the audit log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from gql.domain import ids, links
from models.customer import Customer, CustomerEdgeLicense, CustomerSoftwareImage

# Each part of the configuration, and its name in the input (and in audit events).
KEYS = {
    "manage_software_images": "manageSoftwareImages",
    "images": "softwareImageIds",
    "default_image": "defaultSoftwareImageId",
    "pool": "gatewayPoolId",
    "licenses": "edgeLicenseIds",
    "analytics_enabled": "analyticsEnabled",
}


@dataclass
class Configuration:
    """A customer's configuration as pks."""

    manage_software_images: bool = False
    images: list[int] = field(default_factory=list)
    default_image: int | None = None
    pool: int | None = None
    licenses: list[int] = field(default_factory=list)
    analytics_enabled: bool = False


async def configuration_of(
    customer: Customer, conn: BaseDBAsyncClient | None = None
) -> Configuration:
    """A stored customer's configuration (a clone source, or the current one)."""
    images = CustomerSoftwareImage.filter(customer_id=customer.id)
    licenses = CustomerEdgeLicense.filter(customer_id=customer.id)
    if conn is not None:
        images, licenses = images.using_db(conn), licenses.using_db(conn)
    return Configuration(
        manage_software_images=customer.manage_software_images,
        images=sorted(await images.values_list("image_id", flat=True)),
        default_image=customer.default_software_image_id,
        pool=customer.gateway_pool_id,
        licenses=sorted(await licenses.values_list("license_id", flat=True)),
        analytics_enabled=customer.analytics_enabled,
    )


def changes(before: Configuration | None, after: Configuration) -> dict[str, Any]:
    """The parts that differ (all of them for a new customer), as the audit log and
    the input name them, with global IDs."""
    out: dict[str, Any] = {}
    for part, key in KEYS.items():
        value = getattr(after, part)
        if before is not None and _same(getattr(before, part), value):
            continue
        if part == "images":
            value = [ids.encode("SoftwareImage", pk) for pk in value]
        elif part == "licenses":
            value = [ids.encode("EdgeLicense", pk) for pk in value]
        elif part == "default_image" and value is not None:
            value = ids.encode("SoftwareImage", value)
        elif part == "pool" and value is not None:
            value = ids.encode("GatewayPool", value)
        out[key] = value
    return out


def _same(a: Any, b: Any) -> bool:
    return sorted(a) == sorted(b) if isinstance(a, list) else a == b


def row_fields(config: Configuration) -> dict[str, Any]:
    """The customer row's own columns for a configuration."""
    return {
        "manage_software_images": config.manage_software_images,
        "default_software_image_id": config.default_image,
        "gateway_pool_id": config.pool,
        "analytics_enabled": config.analytics_enabled,
    }


async def store(
    customer: Customer, before: Configuration | None, after: Configuration, conn
) -> None:
    """Writes the image and license assignments that differ from `before` (the row's
    own columns are the caller's, with `row_fields`)."""
    if before is None or not _same(before.images, after.images):
        await links.replace(
            CustomerSoftwareImage, "customer_id", customer.id, "image_id", after.images, conn
        )
    if before is None or not _same(before.licenses, after.licenses):
        await links.replace(
            CustomerEdgeLicense, "customer_id", customer.id, "license_id", after.licenses, conn
        )
