"""resetUserPassword: sets a new password for a customer's user, ends every session
and API token it had, and clears its login lock."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, customer_users, login_throttle, scoping, users
from gql.domain.problems import Problems
from gql.domain.security import hash_password
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanManageCustomerUsers, requires
from gql.schema.types.user import User


@strawberry.input(description="A customer's user and its new password.")
class ResetUserPasswordInput:
    id: strawberry.ID = strawberry.field(description="The user.")
    password: str = strawberry.field(description="The new password; the policy applies.")
    confirm_password: str = strawberry.field(description="The new password again.")


ResetUserPasswordError = mutation_errors(
    "resetUserPassword", "REQUIRED", "NOT_FOUND", "PASSWORD_MISMATCH", "PASSWORD_TOO_WEAK"
)


@strawberry.type(description="The result of resetUserPassword.")
class ResetUserPasswordPayload:
    user: User | None = strawberry.field(description="The user.")
    errors: list[ResetUserPasswordError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(
    **requires(
        CanManageCustomerUsers,
        "Sets a new password for a customer's user and ends its sessions and API tokens.",
    )
)
async def reset_user_password(
    info: Info, input: ResetUserPasswordInput
) -> ResetUserPasswordPayload:
    viewer = info.context.user
    problems = Problems()
    row = await scoping.find(
        scoping.manageable_users(viewer).select_related("customer"), input.id, "User"
    )
    if row is None:
        problems.add("NOT_FOUND", "No such user.", "id")
        return payload(ResetUserPasswordPayload, problems, user=None)
    row.company = f"{row.customer.company_name} {row.customer.domain}"
    await users.check_new_password(problems, row, input.password)
    users.check_confirmation(problems, input.password, input.confirm_password)
    if problems:
        return payload(ResetUserPasswordPayload, problems, user=None)
    password_hash = await hash_password(input.password)
    async with in_transaction() as conn:
        row.password_hash = password_hash
        await row.save(using_db=conn, update_fields=["password_hash"])
        await login_throttle.clear(row.username_key, using_db=conn)
        ended = await customer_users.end_sessions(row.id, conn)
        await audit.record(
            viewer,
            "user.password.reset",
            "User",
            row.id,
            partner_id=row.partner_id,
            customer_id=row.customer_id,
            changes={"endedSessions": ended},
            using_db=conn,
        )
    return payload(ResetUserPasswordPayload, problems, user=User.seen_by(row, viewer))
