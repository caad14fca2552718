"""The rules of a customer's configuration: software images, gateway pool, edge
licenses and analytics, checked against what the customer's partner may assign.

Shared by the mutations that create and change customers, so that every path applies
the same rules and reports the same codes at the same input paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gql.domain import ids, system_properties
from gql.domain.problems import Problems
from gql.domain.validation import MAX_LIST
from models.catalogue import EdgeLicense as EdgeLicenseRow
from models.catalogue import PartnerEdgeLicense, PartnerGatewayPool, PartnerSoftwareImage
from models.customer import Customer as CustomerRow
from models.customer import CustomerEdgeLicense, CustomerSoftwareImage
from models.enums import LicenseEdition
from models.identity import Partner as PartnerRow

Path = tuple[str, ...]


@dataclass
class Configuration:
    """A customer's configuration, as pks, before or after the rules ran."""

    manage_software_images: bool = False
    image_pks: list[int] = field(default_factory=list)
    default_image_pk: int | None = None
    pool_pk: int | None = None
    license_pks: list[int] = field(default_factory=list)
    analytics_enabled: bool = False


async def configuration_of(customer: CustomerRow) -> Configuration:
    """A stored customer's configuration (the source of a clone)."""
    images = await CustomerSoftwareImage.filter(customer_id=customer.id).values_list(
        "image_id", flat=True
    )
    licenses = await CustomerEdgeLicense.filter(customer_id=customer.id).values_list(
        "license_id", flat=True
    )
    return Configuration(
        manage_software_images=customer.manage_software_images,
        image_pks=sorted(images),
        default_image_pk=customer.default_software_image_id,
        pool_pk=customer.gateway_pool_id,
        license_pks=sorted(licenses),
        analytics_enabled=customer.analytics_enabled,
    )


@dataclass
class Requested:
    """What the input asks for, each value with the input path to blame for it (a
    value copied from a clone source is blamed on `cloneFromCustomerId`)."""

    manage_software_images: bool
    image_ids: list[str] | list[int] | None
    image_path: Path
    default_image_id: str | int | None
    default_path: Path
    pool_id: str | int | None
    pool_path: Path
    license_ids: list[str] | list[int] | None
    license_path: Path
    analytics_enabled: bool
    analytics_path: Path


def _pk(value: str | int | None, type_name: str) -> int | None:
    if value is None or isinstance(value, int):
        return value
    return ids.decode_as(value, type_name)


async def apply_rules(problems: Problems, partner: PartnerRow, wanted: Requested) -> Configuration:
    """The configuration the rules allow, adding every broken rule to `problems`."""
    result = Configuration(
        manage_software_images=wanted.manage_software_images,
        analytics_enabled=wanted.analytics_enabled,
    )
    await _images(problems, partner, wanted, result)
    await _pool(problems, partner, wanted, result)
    await _licenses(problems, partner, wanted, result)
    await check_analytics(problems, wanted.analytics_enabled, wanted.analytics_path)
    return result


def _too_many(problems: Problems, values: list | None, path: Path) -> bool:
    if values is not None and len(values) > MAX_LIST:
        problems.add("INVALID", f"Give at most {MAX_LIST} items.", *path)
        return True
    return False


async def _images(
    problems: Problems, partner: PartnerRow, wanted: Requested, result: Configuration
) -> None:
    if _too_many(problems, wanted.image_ids, wanted.image_path):
        return
    available = await partner_images(partner.id)
    default = _pk(wanted.default_image_id, "SoftwareImage")
    if wanted.default_image_id is not None and default not in available:
        problems.add(
            "NOT_AVAILABLE", "This image is not available to your partner.", *wanted.default_path
        )
        return
    if not wanted.image_ids:
        # No images chosen: the default named, else the partner's default.
        chosen = default if default is not None else partner.default_software_image_id
        if chosen is None:
            problems.add(
                "NOT_AVAILABLE",
                "Your partner has no default software image; choose one.",
                *wanted.image_path,
            )
            return
        result.image_pks, result.default_image_pk = [chosen], chosen
        return
    chosen = choose_images(
        problems,
        available,
        wanted.image_ids,
        manage=wanted.manage_software_images,
        default=default,
        current_default=None,
        image_path=wanted.image_path,
        default_path=wanted.default_path,
    )
    if chosen is not None:
        result.image_pks, result.default_image_pk = chosen


def choose_images(
    problems: Problems,
    available: set[int],
    image_ids: list[str] | list[int],
    *,
    manage: bool,
    default: int | None,
    current_default: int | None,
    image_path: Path,
    default_path: Path,
) -> tuple[list[int], int] | None:
    """The assigned images and their default under the rules, or None (with problems):
    each available to the partner; exactly one without Manage Software Images; the
    default one of them. An omitted default is the current one while it stays, else the
    only image."""
    pks: list[int] = []
    for index, value in enumerate(image_ids):
        pk = _pk(value, "SoftwareImage")
        if pk is None or pk not in available:
            problems.add(
                "NOT_AVAILABLE",
                "This image is not available to your partner.",
                *image_path,
                *(() if image_path[-1] == "cloneFromCustomerId" else (str(index),)),
            )
        elif pk not in pks:
            pks.append(pk)
    if not pks:
        return None
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
        if current_default in pks:
            default = current_default
        elif len(pks) == 1:
            default = pks[0]
        else:
            problems.add(
                "DEFAULT_IMAGE_REQUIRED",
                "Choose which of the assigned images is the default.",
                *default_path,
            )
            return None
    return pks, default


async def _pool(
    problems: Problems, partner: PartnerRow, wanted: Requested, result: Configuration
) -> None:
    if wanted.pool_id is None:
        if partner.default_gateway_pool_id is None:
            problems.add(
                "NOT_AVAILABLE",
                "Your partner has no default gateway pool; choose one.",
                *wanted.pool_path,
            )
        result.pool_pk = partner.default_gateway_pool_id
        return
    result.pool_pk = await check_pool(problems, partner, wanted.pool_id, wanted.pool_path)


async def check_pool(
    problems: Problems, partner: PartnerRow, pool_id: str | int, path: Path
) -> int | None:
    """The pool's pk when the partner may assign it; NOT_AVAILABLE otherwise."""
    pk = _pk(pool_id, "GatewayPool")
    if (
        pk is None
        or not await PartnerGatewayPool.filter(partner_id=partner.id, pool_id=pk).exists()
    ):
        problems.add("NOT_AVAILABLE", "This gateway pool is not available to your partner.", *path)
        return None
    return pk


async def _licenses(
    problems: Problems, partner: PartnerRow, wanted: Requested, result: Configuration
) -> None:
    if wanted.license_ids:
        result.license_pks = await check_licenses(
            problems, partner, wanted.license_ids, wanted.license_path
        )


async def check_licenses(
    problems: Problems,
    partner: PartnerRow,
    license_ids: list[str] | list[int],
    path: Path,
) -> list[int]:
    """The licenses' pks under the rules: the partner's edge licensing on, each license
    available to it, STANDARD not mixed with the other editions."""
    if not license_ids or _too_many(problems, license_ids, path):
        return []
    if not partner.edge_licensing_enabled:
        problems.add(
            "EDGE_LICENSING_DISABLED",
            "Edge licensing is not enabled for your partner; ask your operator.",
            *path,
        )
        return []
    available = set(
        await PartnerEdgeLicense.filter(partner_id=partner.id).values_list("license_id", flat=True)
    )
    pks: list[int] = []
    for index, value in enumerate(license_ids):
        pk = _pk(value, "EdgeLicense")
        if pk is None or pk not in available:
            problems.add(
                "NOT_AVAILABLE",
                "This edge license is not available to your partner.",
                *path,
                *(() if path[-1] == "cloneFromCustomerId" else (str(index),)),
            )
        elif pk not in pks:
            pks.append(pk)
    editions = set(await EdgeLicenseRow.filter(id__in=pks).values_list("edition", flat=True))
    if LicenseEdition.STANDARD in editions and len(editions) > 1:
        problems.add(
            "LICENSE_EDITION_MIX",
            "STANDARD licenses cannot be mixed with ENTERPRISE or PREMIUM ones.",
            *path,
        )
    return pks


async def check_analytics(problems: Problems, enabled: bool, path: Path) -> None:
    if enabled and not await system_properties.get_bool(system_properties.ENABLE_ANALYTICS):
        problems.add(
            "ANALYTICS_UNAVAILABLE",
            "Analytics is not enabled on this orchestrator; ask your operator.",
            *path,
        )


async def partner_images(partner_id: int) -> set[int]:
    rows = PartnerSoftwareImage.filter(partner_id=partner_id)
    return set(await rows.values_list("image_id", flat=True))
