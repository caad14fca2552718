"""What a partner may assign to its customers, and the rules each part of a
customer's configuration obeys (the New Customer page's Customer Configuration).

`assignable` is the one answer to "may this partner assign that image, pool or
license"; the checks below add a problem for every broken rule and return what the
rules allow.
"""

from __future__ import annotations

from enum import Enum

from tortoise.backends.base.client import BaseDBAsyncClient

from gql.domain import ids, system_properties
from gql.domain.problems import Problems
from gql.domain.validation import MAX_LIST
from models.catalogue import (
    EdgeLicense,
    PartnerEdgeLicense,
    PartnerGatewayPool,
    PartnerSoftwareImage,
)
from models.enums import LicenseEdition

Path = tuple[str, ...]
# A value from the client (a global ID) or from a stored configuration (a pk).
Ref = str | int


class Kind(Enum):
    """What a partner may assign: (the global ID type, the partner link, its column)."""

    IMAGE = ("SoftwareImage", PartnerSoftwareImage, "image_id", "image")
    POOL = ("GatewayPool", PartnerGatewayPool, "pool_id", "gateway pool")
    LICENSE = ("EdgeLicense", PartnerEdgeLicense, "license_id", "edge license")

    def __init__(self, type_name: str, link: type, column: str, label: str) -> None:
        self.type_name, self.link, self.column, self.label = type_name, link, column, label


async def assignable(
    partner_id: int, kind: Kind, conn: BaseDBAsyncClient | None = None
) -> set[int]:
    """The pks of the images, pools or licenses the partner may assign."""
    rows = kind.link.filter(partner_id=partner_id)
    if conn is not None:
        rows = rows.using_db(conn)
    return set(await rows.values_list(kind.column, flat=True))


def to_pk(value: Ref | None, kind: Kind) -> int | None:
    if value is None or isinstance(value, int):
        return value
    return ids.decode_as(value, kind.type_name)


def not_available(problems: Problems, kind: Kind, path: Path) -> None:
    problems.add("NOT_AVAILABLE", f"This {kind.label} is not available to your partner.", *path)


def too_many(problems: Problems, values: list | None, path: Path) -> bool:
    if values is not None and len(values) > MAX_LIST:
        problems.add("INVALID", f"Give at most {MAX_LIST} items.", *path)
        return True
    return False


def pick_all(
    problems: Problems, values: list[Ref], allowed: set[int], kind: Kind, path: Path
) -> list[int]:
    """The distinct pks of `values`, NOT_AVAILABLE for each one outside `allowed` (blamed
    on its index, unless the list came from a clone source as a whole)."""
    pks: list[int] = []
    for index, value in enumerate(values):
        pk = to_pk(value, kind)
        if pk is None or pk not in allowed:
            blame = () if path[-1] == "cloneFromCustomerId" else (str(index),)
            not_available(problems, kind, (*path, *blame))
        elif pk not in pks:
            pks.append(pk)
    return pks


def choose_images(
    problems: Problems,
    pks: list[int],
    *,
    manage: bool,
    default: int | None,
    current_default: int | None,
    image_path: Path,
    default_path: Path,
) -> tuple[list[int], int] | None:
    """The assigned images and their default under the rules, or None (with problems):
    exactly one without Manage Software Images; the default one of them. An omitted
    default is the current one while it stays, else the only image."""
    if not manage and len(pks) > 1:
        problems.add(
            "SINGLE_IMAGE_ONLY",
            "Without Manage Software Images, assign exactly one image.",
            *image_path,
        )
        return None
    if default is not None and default not in pks:
        problems.add(
            "DEFAULT_IMAGE_REQUIRED",
            "The default image must be one of the assigned images.",
            *default_path,
        )
        return None
    if default is None:
        default = current_default if current_default in pks else None
    if default is None and len(pks) == 1:
        default = pks[0]
    if default is None:
        problems.add(
            "DEFAULT_IMAGE_REQUIRED",
            "Choose which of the assigned images is the default.",
            *default_path,
        )
        return None
    return pks, default


async def check_pool(problems: Problems, partner_id: int, pool: Ref, path: Path) -> int | None:
    """The pool's pk when the partner may assign it; NOT_AVAILABLE otherwise."""
    pk = to_pk(pool, Kind.POOL)
    if pk is None or pk not in await assignable(partner_id, Kind.POOL):
        not_available(problems, Kind.POOL, path)
        return None
    return pk


async def check_licenses(
    problems: Problems, partner_id: int, licensing: bool, licenses: list[Ref], path: Path
) -> list[int]:
    """The licenses' pks under the rules: the partner's edge licensing on, each license
    available to it, STANDARD not mixed with the other editions."""
    if not licenses or too_many(problems, licenses, path):
        return []
    if not licensing:
        problems.add(
            "EDGE_LICENSING_DISABLED",
            "Edge licensing is not enabled for your partner; ask your operator.",
            *path,
        )
        return []
    allowed = await assignable(partner_id, Kind.LICENSE)
    pks = pick_all(problems, licenses, allowed, Kind.LICENSE, path)
    editions = set(await EdgeLicense.filter(id__in=pks).values_list("edition", flat=True))
    if LicenseEdition.STANDARD in editions and len(editions) > 1:
        problems.add(
            "LICENSE_EDITION_MIX",
            "STANDARD licenses cannot be mixed with ENTERPRISE or PREMIUM ones.",
            *path,
        )
    return pks


async def select_licenses(partner_id: int, edition: str, region: str) -> list[int]:
    """The licenses of one edition and region (whatever its case) the partner may assign."""
    allowed = await assignable(partner_id, Kind.LICENSE)
    rows = EdgeLicense.filter(id__in=allowed, edition=edition).order_by("sku")
    return [
        pk
        for pk, r in await rows.values_list("id", "region")
        if r.casefold() == region.strip().casefold()
    ]


async def check_analytics(problems: Problems, enabled: bool, path: Path) -> None:
    if enabled and not await system_properties.get_bool(system_properties.ENABLE_ANALYTICS):
        problems.add(
            "ANALYTICS_UNAVAILABLE",
            "Analytics is not enabled on this orchestrator; ask your operator.",
            *path,
        )
