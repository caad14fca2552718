"""Changing a customer's assigned images, and the edges that pin them.

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


async def check_removals(
    problems: Problems,
    customer_id: int,
    keep: list[int],
    conn: BaseDBAsyncClient,
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
    for image_id, names in by_image.items():
        shown = ", ".join(names[:MAX_NAMED_EDGES])
        more = len(names) - MAX_NAMED_EDGES
        problems.add(
            "IMAGE_IN_USE",
            f"Image {versions.get(image_id, image_id)} is still used by "
            f"{len(names)} edge{'s' if len(names) > 1 else ''}: {shown}"
            + (f" and {more} more" if more > 0 else "")
            + ". Move them to another image first.",
            *path,
        )


async def replace_images(
    customer: Customer, keep: list[int], default: int, conn: BaseDBAsyncClient
) -> None:
    """Makes the customer's images exactly `keep`, with `default` (one of them)."""
    current = await assigned_images(customer.id, conn)
    gone = [pk for pk in current if pk not in keep]
    if gone:
        await (
            CustomerSoftwareImage.filter(customer_id=customer.id, image_id__in=gone)
            .using_db(conn)
            .delete()
        )
    await CustomerSoftwareImage.bulk_create(
        [
            CustomerSoftwareImage(customer_id=customer.id, image_id=pk)
            for pk in keep
            if pk not in current
        ],
        using_db=conn,
    )
    customer.default_software_image_id = default
    await customer.save(using_db=conn, update_fields=["default_software_image_id", "updated_at"])
