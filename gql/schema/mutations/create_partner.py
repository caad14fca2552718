"""createPartner: a new managed-service partner."""

from __future__ import annotations

import strawberry

from gql.domain import identifiers
from gql.domain.problems import Problems
from gql.domain.validation import MAX_NAME
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.mutations.common import create_audited
from gql.schema.permissions import IsOperatorSuperUser, requires
from gql.schema.types.partner import Partner
from models.identity import Partner as PartnerRow


@strawberry.input(description="A new partner.")
class CreatePartnerInput:
    name: str = strawberry.field(description="The partner's name, unique (whatever its case).")
    edge_licensing_enabled: bool = strawberry.field(
        default=False, description="Whether the partner may assign edge licenses."
    )


CreatePartnerError = mutation_errors("createPartner", "REQUIRED", "INVALID", "DUPLICATE")


@strawberry.type(description="The result of createPartner.")
class CreatePartnerPayload:
    partner: Partner | None = strawberry.field(description="The new partner.")
    errors: list[CreatePartnerError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(IsOperatorSuperUser, "Creates a partner."))
async def create_partner(info: Info, input: CreatePartnerInput) -> CreatePartnerPayload:
    viewer = info.context.user
    problems = Problems()
    name = identifiers.identifier(
        problems, input.name, "the partner's name", "name", max_length=MAX_NAME
    )
    row = None
    if not problems:
        row = await create_audited(
            viewer,
            lambda conn: PartnerRow.create(
                name=name,
                name_key=identifiers.identifier_key(name),
                edge_licensing_enabled=input.edge_licensing_enabled,
                using_db=conn,
            ),
            action="partner.create",
            target_type="Partner",
            changes={"name": name, "edgeLicensingEnabled": input.edge_licensing_enabled},
            partner_id=None,
            problems=problems,
            duplicate=("name",),
            duplicate_message="A partner with this name exists.",
        )
    return payload(CreatePartnerPayload, problems, partner=Partner.from_row(row) if row else None)
