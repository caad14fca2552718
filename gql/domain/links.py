"""Link tables (a partner's images, pools and licenses; a customer's images and
licenses): made exactly a given set, touching only the rows that change."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model


async def linked(
    link: type[Model], owner: str, owner_id: int, column: str, conn: BaseDBAsyncClient | None
) -> list[int]:
    """The pks linked to the owner (`owner` and `column` name the link's id columns)."""
    rows = link.filter(**{owner: owner_id})
    if conn is not None:
        rows = rows.using_db(conn)
    return list(await rows.values_list(column, flat=True))


async def replace(
    link: type[Model], owner: str, owner_id: int, column: str, keep: list[int], conn
) -> None:
    """Makes the owner's links exactly `keep`."""
    have = set(await linked(link, owner, owner_id, column, conn))
    gone = [pk for pk in have if pk not in keep]
    if gone:
        await link.filter(**{owner: owner_id, f"{column}__in": gone}).using_db(conn).delete()
    await link.bulk_create(
        [link(**{owner: owner_id, column: pk}) for pk in keep if pk not in have], using_db=conn
    )
