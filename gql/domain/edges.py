"""An edge's rules: its name and details, the image it runs (one of its customer's)
and the license type it is provisioned with (one of its customer's, required while the
customer has any: "license types can be used on multiple edges").

Callers hold the customer's row lock (customers.images.lock_customer), so an image or
license cannot leave the customer between the check and the write.
"""

from __future__ import annotations

from dataclasses import dataclass

from gql.domain import audit, ids, links
from gql.domain.problems import Problems
from gql.domain.validation import optional_text, text
from gql.domain.viewer import Viewer
from models.customer import Customer, CustomerEdgeLicense, CustomerSoftwareImage, Edge

MAX_DETAIL = 64


@dataclass
class EdgeDetails:
    name: str | None
    model: str | None
    serial_number: str | None


def check_details(
    problems: Problems,
    name: str | None,
    model: str | None,
    serial_number: str | None,
    *,
    name_required: bool,
) -> EdgeDetails:
    """The details trimmed, with REQUIRED/INVALID for each bad one."""
    return EdgeDetails(
        name=text(problems, name, "the edge's name", "name", required=name_required),
        model=optional_text(problems, model, "model", max_length=MAX_DETAIL),
        serial_number=optional_text(problems, serial_number, "serialNumber", max_length=MAX_DETAIL),
    )


async def choose_image(
    problems: Problems, customer: Customer, image_id: str | None, conn, key: str
) -> int | None:
    """The image an edge runs: one of the customer's; its default when none is named."""
    if image_id is None:
        return customer.default_software_image_id
    pk = ids.decode_as(image_id, "SoftwareImage")
    assigned = await links.linked(
        CustomerSoftwareImage, "customer_id", customer.id, "image_id", conn
    )
    if pk not in assigned:
        problems.add("NOT_AVAILABLE", "This image is not assigned to the customer.", key)
        return None
    return pk


async def choose_license(
    problems: Problems, customer: Customer, license_id: str | None, conn, key: str
) -> int | None:
    """The license type an edge is provisioned with: one of the customer's, and
    LICENSE_REQUIRED when the customer has licenses and none is named."""
    if license_id is not None:
        return await check_license(problems, customer, license_id, conn, key)
    if await _licenses(customer, conn):
        problems.add(
            "LICENSE_REQUIRED",
            "This customer has edge licenses: choose the one the edge is provisioned with.",
            key,
        )
    return None


async def _licenses(customer: Customer, conn) -> list[int]:
    return await links.linked(CustomerEdgeLicense, "customer_id", customer.id, "license_id", conn)


async def check_license(
    problems: Problems, customer: Customer, license_id: str, conn, key: str
) -> int | None:
    """A license named for an edge: one of its customer's (NOT_AVAILABLE otherwise)."""
    pk = ids.decode_as(license_id, "EdgeLicense")
    if pk not in await _licenses(customer, conn):
        problems.add("NOT_AVAILABLE", "This edge license is not assigned to the customer.", key)
        return None
    return pk


async def reassign(
    viewer: Viewer, edge: Edge, customer: Customer, column: str, pk: int, conn
) -> None:
    """Points the edge at another image or license (chosen above) and records it with
    the one it replaces."""
    kind, key = _REASSIGNABLE[column]
    previous = getattr(edge, column)
    setattr(edge, column, pk)
    await edge.save(using_db=conn, update_fields=[column])
    await audit.record(
        viewer,
        f"edge.{kind}.assign",
        "Edge",
        edge.id,
        partner_id=customer.partner_id,
        customer_id=customer.id,
        changes={
            key: ids.encode(_TYPES[kind], pk),
            "previous": ids.encode(_TYPES[kind], previous) if previous else None,
        },
        using_db=conn,
    )


_REASSIGNABLE = {
    "software_image_id": ("image", "softwareImageId"),
    "edge_license_id": ("license", "edgeLicenseId"),
}
_TYPES = {"image": "SoftwareImage", "license": "EdgeLicense"}
