"""deleteCustomerUser: removes a customer's user, its sessions and its API tokens."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, customer_users, scoping
from gql.domain.customers.images import lock_customer
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanManageCustomerUsers, requires


@strawberry.input(description="The user to delete.")
class DeleteCustomerUserInput:
    id: strawberry.ID = strawberry.field(description="The user.")


DeleteCustomerUserError = mutation_errors("deleteCustomerUser", "NOT_FOUND", "LAST_SUPERUSER")


@strawberry.type(description="The result of deleteCustomerUser.")
class DeleteCustomerUserPayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted user's ID.")
    errors: list[DeleteCustomerUserError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(CanManageCustomerUsers, "Deletes a customer's user."))
async def delete_customer_user(
    info: Info, input: DeleteCustomerUserInput
) -> DeleteCustomerUserPayload:
    viewer = info.context.user
    problems = Problems()
    async with in_transaction() as conn:
        row = await scoping.find(scoping.manageable_users(viewer), input.id, "User", conn)
        if row is None or await lock_customer(row.customer_id, conn) is None:
            problems.add("NOT_FOUND", "No such user.", "id")
        else:
            await customer_users.keeps_a_superuser(problems, row, conn, "id")
        if problems or row is None:
            return payload(DeleteCustomerUserPayload, problems, deleted_id=None)
        user_id = row.id
        await row.delete(using_db=conn)  # its sessions and tokens go with it (cascade)
        await audit.record(
            viewer,
            "user.delete",
            "User",
            user_id,
            partner_id=row.partner_id,
            customer_id=row.customer_id,
            changes={"role": row.role.value},
            using_db=conn,
        )
    return payload(DeleteCustomerUserPayload, problems, deleted_id=input.id)
