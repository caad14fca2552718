"""createPartnerCustomers: many New Customer pages in one call, for integrations that
provision customers in bulk. Each row obeys the rules of createPartnerCustomer
(gql.domain.customers.bulk runs the same checks) and reports its problems at paths
that start at the row: ["input", "customers", "3", "admin", "password"].
"""

from __future__ import annotations

import strawberry

from gql.domain.customers import bulk
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.inputs import provided_fields
from gql.schema.mutations.create_partner_customer import (
    CreatePartnerCustomerError,
    CreatePartnerCustomerInput,
    new_customer,
    retry_of,
)
from gql.schema.permissions import IsPartnerAdmin, requires
from gql.schema.types.customer import Customer


@strawberry.input(description="Up to 100 new customers.")
class CreatePartnerCustomersInput:
    customers: list[CreatePartnerCustomerInput] = strawberry.field(
        description="The customers, each as createPartnerCustomer takes it (its own "
        "idempotencyKey and validateOnly apply to its row)."
    )
    atomic: bool | None = strawberry.field(
        default=False,
        description="If any row fails, create none; every row then reports its errors.",
    )
    validate_only: bool | None = strawberry.field(
        default=False, description="Check every row and write nothing."
    )


@strawberry.type(description="The outcome of one row of createPartnerCustomers.")
class CreatePartnerCustomerResult:
    index: int = strawberry.field(description="The row's place in the input, from 0.")
    customer: Customer | None = strawberry.field(
        description="The new customer (or the one its idempotency key made before); null "
        "when the row failed, with validateOnly, or when an atomic call failed."
    )
    errors: list[CreatePartnerCustomerError] = strawberry.field(
        description="The row's problems, at paths from the input; empty when it is fine."
    )


CreatePartnerCustomersError = mutation_errors(
    "createPartnerCustomers", "INVALID", "CREATION_DISABLED"
)


@strawberry.type(description="The result of createPartnerCustomers.")
class CreatePartnerCustomersPayload:
    results: list[CreatePartnerCustomerResult] = strawberry.field(
        description="One result per input row, in input order."
    )
    created_count: int = strawberry.field(
        description="How many customers this call created (replays not counted)."
    )
    errors: list[CreatePartnerCustomersError] = strawberry.field(
        description="Problems of the call as a whole; the rows' are in `results`."
    )


def _result(row: bulk.Row) -> CreatePartnerCustomerResult:
    # The row's paths ("input", …) become paths from the call's input.
    row.problems.items = [
        (code, message, ["input", "customers", str(row.index), *path[1:]] if path else None)
        for code, message, path in row.problems.items
    ]
    return CreatePartnerCustomerResult(
        index=row.index,
        customer=Customer.from_row(row.customer) if row.customer is not None else None,
        errors=row.problems.build(CreatePartnerCustomerError, CreatePartnerCustomerError.codes),
    )


@strawberry.mutation(
    **requires(IsPartnerAdmin, "Creates up to 100 customers of the caller's partner at once.")
)
async def create_partner_customers(
    info: Info, input: CreatePartnerCustomersInput
) -> CreatePartnerCustomersPayload:
    problems = Problems()
    if len(input.customers) > bulk.MAX_ROWS:
        problems.add("INVALID", f"Send at most {bulk.MAX_ROWS} customers a call.", "customers")
        return payload(CreatePartnerCustomersPayload, problems, results=[], created_count=0)
    sent = provided_fields(info).get("customers")
    sent_rows = sent if isinstance(sent, list) else []
    rows = []
    for index, given in enumerate(input.customers):
        row_problems = Problems()
        row_sent = sent_rows[index] if index < len(sent_rows) else {}
        rows.append(
            bulk.Row(
                index=index,
                new=new_customer(given, row_sent if isinstance(row_sent, dict) else {}),
                retry=retry_of(row_problems, given),
                validate_only=bool(given.validate_only),
                problems=row_problems,
            )
        )
    await bulk.create_many(
        problems,
        info.context.user,
        rows,
        atomic=bool(input.atomic),
        validate_only=bool(input.validate_only),
    )
    return payload(
        CreatePartnerCustomersPayload,
        problems,
        results=[_result(r) for r in rows],
        created_count=sum(1 for r in rows if r.customer is not None and not r.replayed),
    )
