"""The customer row lock, and the images that edges still run.

An image that an edge runs cannot leave the customer (IMAGE_IN_USE), and an edge can
only take an image the customer has. Both sides lock the customer's row first
(SELECT … FOR UPDATE on PostgreSQL; SQLite serializes writers), so a removal and an
edge's assignment of the same image cannot slip past each other.
"""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from gql.domain.problems import Problems
from models.catalogue import SoftwareImage
from models.customer import Customer, CustomerSoftwareImage, Edge

MAX_NAMED_EDGES = 10


async def lock_customer(customer_id: int, conn: BaseDBAsyncClient) -> Customer:
    return await Customer.filter(id=customer_id).select_for_update().using_db(conn).get()


async def assigned_images(customer_id: int, conn: BaseDBAsyncClient | None = None) -> list[int]:
    rows = CustomerSoftwareImage.filter(customer_id=customer_id)
    if conn is not None:
        rows = rows.using_db(conn)
    return list(await rows.values_list("image_id", flat=True))


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


async def check_removals(
    problems: Problems,
    customer_id: int,
    keep: list[int],
    conn: BaseDBAsyncClient | None,
    *path: str,
) -> None:
    """IMAGE_IN_USE for each image leaving the customer that an edge still runs, naming
    the edges. Call with the customer locked."""
    current = await assigned_images(customer_id, conn)
    leaving = [pk for pk in current if pk not in keep]
    if not leaving:
        return
    edges = (
        await Edge.filter(customer_id=customer_id, software_image_id__in=leaving)
        .using_db(conn)
        .order_by("name", "id")
        .values_list("software_image_id", "name")
    )
    by_image: dict[int, list[str]] = {}
    for image_id, name in edges:
        by_image.setdefault(image_id, []).append(name)
    versions = dict(
        await SoftwareImage.filter(id__in=list(by_image))
        .using_db(conn)
        .values_list("id", "version")
    )
    named = {versions.get(pk, str(pk)): names for pk, names in by_image.items()}
    for message in edges_sentence(named, "Image", "Move them to another image first."):
        problems.add("IMAGE_IN_USE", message, *path)
