"""updatePartner: the operator renames a partner, switches its edge licensing, and
decides which images, pools and licenses it may assign, with its defaults."""

from __future__ import annotations

import strawberry
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from gql.domain import audit, identifiers, ids, links, scoping
from gql.domain.problems import Problems
from gql.domain.validation import MAX_LIST, MAX_NAME
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import IsOperatorSuperUser, requires
from gql.schema.types.partner import Partner
from models.catalogue import (
    EdgeLicense,
    GatewayPool,
    PartnerEdgeLicense,
    PartnerGatewayPool,
    PartnerSoftwareImage,
    SoftwareImage,
)
from models.identity import Partner as PartnerRow


@strawberry.input(description="What to change of a partner; omitted fields stay as they are.")
class UpdatePartnerInput:
    id: strawberry.ID = strawberry.field(description="The partner.")
    name: str | None = strawberry.field(default=None, description="A new name, unique.")
    edge_licensing_enabled: bool | None = strawberry.field(
        default=None, description="Whether the partner may assign edge licenses."
    )
    software_image_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The images the partner may assign (replaces the set)."
    )
    default_software_image_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The image new customers get; one of the partner's images. May be "
        "omitted when the current default stays in the set or one image remains.",
    )
    gateway_pool_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The gateway pools the partner may assign (replaces the set)."
    )
    default_gateway_pool_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The pool new customers get; one of the partner's pools. May be omitted "
        "when the current default stays in the set or one pool remains.",
    )
    edge_license_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The edge licenses the partner may assign (replaces the set)."
    )


UpdatePartnerError = mutation_errors(
    "updatePartner",
    "REQUIRED",
    "INVALID",
    "DUPLICATE",
    "NOT_FOUND",
    "DEFAULT_IMAGE_REQUIRED",
)


@strawberry.type(description="The result of updatePartner.")
class UpdatePartnerPayload:
    partner: Partner | None = strawberry.field(description="The partner as it now is.")
    errors: list[UpdatePartnerError] = strawberry.field(description="Empty on success.")


async def _resolve_ids(
    problems: Problems,
    given: list[strawberry.ID] | None,
    type_name: str,
    model: type[Model],
    key: str,
) -> list[int] | None:
    """The pks of a replacing set, noting each ID that names nothing; None when omitted."""
    if given is None:
        return None
    if len(given) > MAX_LIST:
        problems.add("INVALID", f"Give at most {MAX_LIST} items.", key)
        return None
    pks = [ids.decode_as(g, type_name) for g in given]
    existing = set(
        await model.filter(id__in=[p for p in pks if p is not None]).values_list("id", flat=True)
    )
    for index, pk in enumerate(pks):
        if pk not in existing:
            problems.add("NOT_FOUND", f"No such {type_name}.", key, str(index))
    return list(dict.fromkeys(p for p in pks if p in existing))


def _default(
    problems: Problems,
    members: list[int],
    given: strawberry.ID | None,
    current: int | None,
    type_name: str,
    key: str,
    code: str,
    noun: str,
) -> int | None:
    """The default after the update: the given one (which must be a member), else the
    current one while it stays a member, else the only member; an error otherwise."""
    if given is not None:
        pk = ids.decode_as(given, type_name)
        if pk not in members:
            problems.add(code, f"The default {noun} must be one of the partner's {noun}s.", key)
        return pk
    if current in members:
        return current
    if len(members) <= 1:
        return members[0] if members else None
    problems.add(code, f"Choose which of the {noun}s is the default.", key)
    return None


@strawberry.mutation(**requires(IsOperatorSuperUser, "Changes a partner and what it may assign."))
async def update_partner(info: Info, input: UpdatePartnerInput) -> UpdatePartnerPayload:
    viewer = info.context.user
    problems = Problems()
    pk = ids.decode_as(input.id, "Partner")
    if pk is None or not await scoping.partners(viewer).filter(id=pk).exists():
        problems.add("NOT_FOUND", "No such partner.", "id")
        return _failed(problems)
    name = None
    if input.name is not None:
        name = identifiers.identifier(
            problems, input.name, "the partner's name", "name", max_length=MAX_NAME
        )
    images = await _resolve_ids(
        problems, input.software_image_ids, "SoftwareImage", SoftwareImage, "softwareImageIds"
    )
    pools = await _resolve_ids(
        problems, input.gateway_pool_ids, "GatewayPool", GatewayPool, "gatewayPoolIds"
    )
    licenses = await _resolve_ids(
        problems, input.edge_license_ids, "EdgeLicense", EdgeLicense, "edgeLicenseIds"
    )
    if problems:
        return _failed(problems)
    try:
        async with in_transaction() as conn:
            # Lock the partner, then read what the defaults depend on: concurrent updates
            # apply one after the other, each seeing the other's result.
            row = await PartnerRow.filter(id=pk).select_for_update().using_db(conn).get()
            image_set = (
                images
                if images is not None
                else await links.linked(PartnerSoftwareImage, "partner_id", pk, "image_id", conn)
            )
            pool_set = (
                pools
                if pools is not None
                else await links.linked(PartnerGatewayPool, "partner_id", pk, "pool_id", conn)
            )
            default_image = _default(
                problems,
                image_set,
                input.default_software_image_id,
                row.default_software_image_id,
                "SoftwareImage",
                "defaultSoftwareImageId",
                "DEFAULT_IMAGE_REQUIRED",
                "image",
            )
            default_pool = _default(
                problems,
                pool_set,
                input.default_gateway_pool_id,
                row.default_gateway_pool_id,
                "GatewayPool",
                "defaultGatewayPoolId",
                "INVALID",
                "pool",
            )
            if problems:
                return _failed(problems)  # nothing was written
            changes = await _apply(row, input, name, default_image, default_pool, conn)
            for pks, link, column, type_name, key in (
                (
                    images,
                    PartnerSoftwareImage,
                    "image",
                    "SoftwareImage",
                    "softwareImageIds",
                ),
                (
                    pools,
                    PartnerGatewayPool,
                    "pool",
                    "GatewayPool",
                    "gatewayPoolIds",
                ),
                (licenses, PartnerEdgeLicense, "license", "EdgeLicense", "edgeLicenseIds"),
            ):
                if pks is not None:
                    await links.replace(link, "partner_id", row.id, f"{column}_id", pks, conn)
                    changes[key] = [_gid(type_name, p) for p in pks]
            await audit.record(
                viewer,
                "partner.update",
                "Partner",
                row.id,
                partner_id=None,
                changes=changes,
                using_db=conn,
            )
    except IntegrityError:
        problems.add("DUPLICATE", "A partner with this name exists.", "name")
        return _failed(problems)
    return UpdatePartnerPayload(partner=Partner.from_row(row), errors=[])


async def _apply(
    row: PartnerRow,
    input: UpdatePartnerInput,
    name: str | None,
    default_image: int | None,
    default_pool: int | None,
    conn,
) -> dict[str, object]:
    """Sets the partner's own columns; returns what changed, for the audit log."""
    changes: dict[str, object] = {}
    if name is not None and name != row.name:
        row.name, row.name_key = name, identifiers.identifier_key(name)
        changes["name"] = name
    licensing = input.edge_licensing_enabled
    if licensing is not None and licensing != row.edge_licensing_enabled:
        row.edge_licensing_enabled = licensing
        changes["edgeLicensingEnabled"] = licensing
    if default_image != row.default_software_image_id:
        row.default_software_image_id = default_image
        changes["defaultSoftwareImageId"] = _gid("SoftwareImage", default_image)
    if default_pool != row.default_gateway_pool_id:
        row.default_gateway_pool_id = default_pool
        changes["defaultGatewayPoolId"] = _gid("GatewayPool", default_pool)
    await row.save(using_db=conn)
    return changes


def _failed(problems: Problems) -> UpdatePartnerPayload:
    return payload(UpdatePartnerPayload, problems, partner=None)


def _gid(type_name: str, pk: int | None) -> str | None:
    return None if pk is None else ids.encode(type_name, pk)
