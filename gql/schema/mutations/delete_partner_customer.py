"""deletePartnerCustomer: removes a customer that has no edges left, with its users."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, ids, scoping
from gql.domain.customers.images import lock_customer
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import IsPartnerSuperUser, requires
from models.customer import Edge, IdempotencyRecord
from models.identity import User


@strawberry.input(description="The customer to delete.")
class DeletePartnerCustomerInput:
    id: strawberry.ID = strawberry.field(description="The customer.")


DeletePartnerCustomerError = mutation_errors(
    "deletePartnerCustomer", "NOT_FOUND", "CUSTOMER_HAS_EDGES"
)


@strawberry.type(description="The result of deletePartnerCustomer.")
class DeletePartnerCustomerPayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted customer's ID.")
    errors: list[DeletePartnerCustomerError] = strawberry.field(description="Empty on success.")


def _failed(code: str, message: str) -> DeletePartnerCustomerPayload:
    problems = Problems()
    problems.add(code, message, "id")
    return payload(DeletePartnerCustomerPayload, problems, deleted_id=None)


@strawberry.mutation(
    **requires(
        IsPartnerSuperUser,
        "Deletes a customer of the caller's partner, with its users and their tokens; "
        "refused while the customer has edges.",
    )
)
async def delete_partner_customer(
    info: Info, input: DeletePartnerCustomerInput
) -> DeletePartnerCustomerPayload:
    viewer = info.context.user
    pk = ids.decode_as(input.id, "Customer")
    if pk is None or not await scoping.own_customers(viewer).filter(id=pk).exists():
        return _failed("NOT_FOUND", "No such customer of your partner.")
    async with in_transaction() as conn:
        # Locked, so that no edge can be added between the check and the delete.
        customer = await lock_customer(pk, conn)
        if customer is None:  # deleted by a concurrent request
            return _failed("NOT_FOUND", "No such customer of your partner.")
        edges = await Edge.filter(customer_id=pk).using_db(conn).count()
        if edges:
            return _failed(
                "CUSTOMER_HAS_EDGES",
                f"{customer.company_name} still has {edges} edge{'s' if edges > 1 else ''}; "
                "delete them first.",
            )
        removed = (
            await User.filter(customer_id=pk).using_db(conn).values_list("username", flat=True)
        )
        # Tokens go with their users (ON DELETE CASCADE), assignments with the customer.
        await User.filter(customer_id=pk).using_db(conn).delete()
        await (
            IdempotencyRecord.filter(partner_id=customer.partner_id, result_id=pk)
            .using_db(conn)
            .delete()
        )
        await customer.delete(using_db=conn)
        await audit.record(
            viewer,
            "customer.delete",
            "Customer",
            pk,
            partner_id=customer.partner_id,
            customer_id=pk,
            changes={
                "companyName": customer.company_name,
                "accountNumber": customer.account_number,
                "removedUsers": list(removed),
            },
            using_db=conn,
        )
    return DeletePartnerCustomerPayload(deleted_id=input.id, errors=[])
