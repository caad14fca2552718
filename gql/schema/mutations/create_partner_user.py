"""createPartnerUser: a user of a partner (the operator for any partner; a partner
superuser for its own)."""

from __future__ import annotations

import strawberry

from gql.domain import ids, scoping
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.mutations.common import NewUserFields, create_user
from gql.schema.permissions import CanManageUsers, requires
from gql.schema.types.user import Role, User
from models.enums import PARTNER_ROLES
from models.enums import Role as RoleValue


@strawberry.input(description="A new partner user.")
class CreatePartnerUserInput(NewUserFields):
    partner_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The partner; required for the operator, optional (own partner) for a "
        "partner superuser.",
    )
    role: Role = strawberry.field(
        description="PARTNER_SUPERUSER, PARTNER_STANDARD_ADMIN or PARTNER_CUSTOMER_SUPPORT."
    )


CreatePartnerUserError = mutation_errors(
    "createPartnerUser",
    "REQUIRED",
    "INVALID",
    "DUPLICATE",
    "NOT_FOUND",
    "PASSWORD_TOO_WEAK",
)


@strawberry.type(description="The result of createPartnerUser.")
class CreatePartnerUserPayload:
    user: User | None = strawberry.field(description="The new user.")
    errors: list[CreatePartnerUserError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(CanManageUsers, "Creates a user of a partner."))
async def create_partner_user(
    info: Info, input: CreatePartnerUserInput
) -> CreatePartnerUserPayload:
    viewer = info.context.user
    problems = Problems()
    partner = None
    if input.partner_id is None:
        if viewer.is_operator:
            problems.add("REQUIRED", "Choose the partner.", "partnerId")
        else:
            partner = await scoping.partners(viewer).get_or_none(id=viewer.partner_id)
    else:
        pk = ids.decode_as(input.partner_id, "Partner")
        partner = await scoping.partners(viewer).get_or_none(id=pk) if pk is not None else None
        if partner is None:
            problems.add("NOT_FOUND", "No such partner.", "partnerId")
    role = RoleValue(input.role.value)
    if role not in PARTNER_ROLES:
        problems.add("INVALID", "Choose a partner role.", "role")
    row = await create_user(
        input,
        role,
        partner.id if partner else None,
        viewer,
        problems,
        company=partner.name if partner else None,
    )
    return payload(
        CreatePartnerUserPayload, problems, user=User.from_row(row, viewer) if row else None
    )
