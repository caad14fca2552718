"""createGatewayPool: adds a gateway pool to the operator's catalogue."""

from __future__ import annotations

import strawberry

from gql.domain import identifiers
from gql.domain.problems import Problems
from gql.domain.validation import MAX_NAME, MAX_TEXT, optional_text
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.mutations.common import create_audited
from gql.schema.permissions import IsOperatorSuperUser, requires
from gql.schema.types.catalogue import GatewayPool
from models.catalogue import GatewayPool as GatewayPoolRow


@strawberry.input(description="A new gateway pool.")
class CreateGatewayPoolInput:
    name: str = strawberry.field(description="The pool's name, unique (whatever its case).")
    description: str | None = strawberry.field(default=None, description="Notes on the pool.")


CreateGatewayPoolError = mutation_errors("createGatewayPool", "REQUIRED", "INVALID", "DUPLICATE")


@strawberry.type(description="The result of createGatewayPool.")
class CreateGatewayPoolPayload:
    gateway_pool: GatewayPool | None = strawberry.field(description="The new pool.")
    errors: list[CreateGatewayPoolError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(IsOperatorSuperUser, "Adds a gateway pool to the catalogue."))
async def create_gateway_pool(
    info: Info, input: CreateGatewayPoolInput
) -> CreateGatewayPoolPayload:
    viewer = info.context.user
    problems = Problems()
    name = identifiers.identifier(problems, input.name, "a name", "name", max_length=MAX_NAME)
    description = optional_text(problems, input.description, "description", max_length=MAX_TEXT)
    row = None
    if not problems:
        row = await create_audited(
            viewer,
            lambda conn: GatewayPoolRow.create(
                name=name,
                name_key=identifiers.identifier_key(name),
                description=description,
                using_db=conn,
            ),
            action="gatewayPool.create",
            target_type="GatewayPool",
            changes={"name": name, "description": description},
            partner_id=None,
            problems=problems,
            duplicate=("name",),
            duplicate_message="A gateway pool with this name exists.",
        )
    return payload(
        CreateGatewayPoolPayload, problems, gateway_pool=GatewayPool.from_row(row) if row else None
    )
