"""unlockUser: clears the login throttle of a customer's user's username after failed
attempts (the delays and the count of password checks; not any client address's)."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, login_throttle, scoping
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanManageCustomerUsers, requires
from gql.schema.types.user import User


@strawberry.input(description="The user to unlock.")
class UnlockUserInput:
    id: strawberry.ID = strawberry.field(description="The user.")


UnlockUserError = mutation_errors("unlockUser", "NOT_FOUND")


@strawberry.type(description="The result of unlockUser.")
class UnlockUserPayload:
    user: User | None = strawberry.field(description="The user, unlocked.")
    errors: list[UnlockUserError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(
    **requires(
        CanManageCustomerUsers,
        "Clears the login throttle of a customer's user: password logins for its "
        "username are accepted again at once.",
    )
)
async def unlock_user(info: Info, input: UnlockUserInput) -> UnlockUserPayload:
    viewer = info.context.user
    problems = Problems()
    row = await scoping.find(
        scoping.manageable_users(viewer).select_related("customer"), input.id, "User"
    )
    if row is None:
        problems.add("NOT_FOUND", "No such user.", "id")
        return payload(UnlockUserPayload, problems, user=None)
    async with in_transaction() as conn:
        await login_throttle.clear(row.username_key, using_db=conn)
        await audit.record(
            viewer,
            "user.unlock",
            "User",
            row.id,
            partner_id=row.partner_id,
            customer_id=row.customer_id,
            using_db=conn,
        )
    return payload(UnlockUserPayload, problems, user=User.seen_by(row, viewer))
