"""The customer row lock, and the images and licenses that edges still use.

An image that an edge runs cannot leave the customer (IMAGE_IN_USE), nor a license an
edge was provisioned with (LICENSE_IN_USE); an edge can only take an image or license
the customer has. Both sides lock the customer's row first
(SELECT … FOR UPDATE on PostgreSQL; SQLite serializes writers), so a removal and an
edge's assignment of the same image cannot slip past each other.
"""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from gql.domain.problems import Problems
from models.catalogue import EdgeLicense, SoftwareImage
from models.customer import Customer, CustomerEdgeLicense, CustomerSoftwareImage, Edge

MAX_NAMED_EDGES = 10


async def lock_customer(customer_id: int, conn: BaseDBAsyncClient) -> Customer | None:
    """The customer, locked for the rest of the transaction; None when it was deleted
    since the caller found it (the caller answers NOT_FOUND, as if it never had)."""
    return await Customer.filter(id=customer_id).select_for_update().using_db(conn).first()


def edges_sentence(count_by_thing: dict[str, list[str]], noun: str, advice: str) -> list[str]:
    """ "Image 5.2.0 is still used by 2 edges: a, b." for each thing, at most
    MAX_NAMED_EDGES names each."""
    out = []
    for thing, names in count_by_thing.items():
        shown = ", ".join(names[:MAX_NAMED_EDGES])
        more = len(names) - MAX_NAMED_EDGES
        out.append(
            f"{noun} {thing} is still used by {len(names)} edge{'s' if len(names) > 1 else ''}: "
            f"{shown}{f' and {more} more' if more > 0 else ''}. {advice}"
        )
    return out


async def _in_use(
    customer_id: int, link: type, column: str, edge_column: str, keep: list[int], conn
) -> dict[int, list[str]]:
    """The edges (names, in order) of each linked item leaving the customer."""
    current = (
        await link.filter(customer_id=customer_id).using_db(conn).values_list(column, flat=True)
    )
    leaving = [pk for pk in current if pk not in keep]
    if not leaving:
        return {}
    edges = (
        await Edge.filter(customer_id=customer_id, **{f"{edge_column}__in": leaving})
        .using_db(conn)
        .order_by("name", "id")
        .values_list(edge_column, "name")
    )
    by_item: dict[int, list[str]] = {}
    for pk, name in edges:
        by_item.setdefault(pk, []).append(name)
    return by_item


async def check_removals(
    problems: Problems, customer_id: int, keep: list[int], conn, *path: str
) -> None:
    """IMAGE_IN_USE for each image leaving the customer that an edge still runs, naming
    the edges. Call with the customer locked."""
    by_image = await _in_use(
        customer_id, CustomerSoftwareImage, "image_id", "software_image_id", keep, conn
    )
    versions = dict(
        await SoftwareImage.filter(id__in=list(by_image))
        .using_db(conn)
        .values_list("id", "version")
    )
    named = {versions.get(pk, str(pk)): names for pk, names in by_image.items()}
    for message in edges_sentence(named, "Image", "Move them to another image first."):
        problems.add("IMAGE_IN_USE", message, *path)


async def check_license_removals(
    problems: Problems, customer_id: int, keep: list[int], conn, *path: str
) -> None:
    """LICENSE_IN_USE for each license leaving the customer that an edge was provisioned
    with, naming the edges. Call with the customer locked."""
    by_license = await _in_use(
        customer_id, CustomerEdgeLicense, "license_id", "edge_license_id", keep, conn
    )
    skus = dict(
        await EdgeLicense.filter(id__in=list(by_license)).using_db(conn).values_list("id", "sku")
    )
    named = {skus.get(pk, str(pk)): names for pk, names in by_license.items()}
    for message in edges_sentence(named, "License", "Give them another license first."):
        problems.add("LICENSE_IN_USE", message, *path)
