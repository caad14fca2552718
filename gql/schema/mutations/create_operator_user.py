"""createOperatorUser: a user of the operator (superuser or support)."""

from __future__ import annotations

import strawberry

from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.mutations.common import NewUserFields, create_user
from gql.schema.permissions import IsOperatorSuperUser, requires
from gql.schema.types.user import Role, User
from models.enums import OPERATOR_ROLES
from models.enums import Role as RoleValue


@strawberry.input(description="A new operator user.")
class CreateOperatorUserInput(NewUserFields):
    role: Role = strawberry.field(description="OPERATOR_SUPERUSER or OPERATOR_SUPPORT.")


CreateOperatorUserError = mutation_errors(
    "createOperatorUser", "REQUIRED", "INVALID", "DUPLICATE", "PASSWORD_TOO_WEAK"
)


@strawberry.type(description="The result of createOperatorUser.")
class CreateOperatorUserPayload:
    user: User | None = strawberry.field(description="The new user.")
    errors: list[CreateOperatorUserError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(IsOperatorSuperUser, "Creates a user of the operator."))
async def create_operator_user(
    info: Info, input: CreateOperatorUserInput
) -> CreateOperatorUserPayload:
    viewer = info.context.user
    problems = Problems()
    role = RoleValue(input.role.value)
    if role not in OPERATOR_ROLES:
        problems.add("INVALID", "Choose an operator role.", "role")
    row = await create_user(input, role, None, viewer, problems)
    return payload(
        CreateOperatorUserPayload, problems, user=User.from_row(row, viewer) if row else None
    )
