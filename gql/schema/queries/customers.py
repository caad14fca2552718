"""Root queries of customers: one by ID, or a searchable, ordered page."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from tortoise.expressions import Q

from gql.domain import ids, scoping
from gql.schema import prefetch
from gql.schema.context import Info
from gql.schema.errors import ApiError
from gql.schema.lookahead import connection_fields
from gql.schema.pagination import After, Connection, First, connection, decode_cursor, page_size
from gql.schema.permissions import IsAuthenticated, requires
from gql.schema.types.customer import Customer

MAX_SEARCH = 200


@strawberry.enum(description="How customers are ordered.")
class CustomerOrderBy(Enum):
    NAME = strawberry.enum_value("NAME", description="By company name, A to Z.")
    CREATED_AT = strawberry.enum_value("CREATED_AT", description="By creation time, oldest first.")


@strawberry.type
class CustomerQuery:
    @strawberry.field(
        **requires(IsAuthenticated, "A customer by ID; null when it is not the caller's to see.")
    )
    async def customer(self, info: Info, id: strawberry.ID) -> Customer | None:
        pk = ids.decode_as(id, "Customer")
        if pk is None:
            return None
        return await info.context.loaders.customer.load(pk)

    @strawberry.field(
        **requires(
            IsAuthenticated,
            "The customers the caller may see, a page at a time: a partner's admins their "
            "partner's, support roles those that allow them, a customer's admin its own.",
        )
    )
    async def customers(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Text found (whatever its case) in the company name, domain or "
                "account number."
            ),
        ] = None,
        order_by: Annotated[
            CustomerOrderBy, strawberry.argument(description="The order of the list.")
        ] = CustomerOrderBy.NAME,
        descending: Annotated[bool, strawberry.argument(description="Reverse the order.")] = False,
    ) -> Connection[Customer] | None:
        size, offset = page_size(first), decode_cursor(after)
        rows = scoping.customers(info.context.user)
        text = (search or "").strip()
        if len(text) > MAX_SEARCH:
            raise ApiError(
                f"`search` is limited to {MAX_SEARCH} characters.", code="BAD_USER_INPUT"
            )
        if text:
            rows = rows.filter(
                Q(company_name__icontains=text)
                | Q(domain__icontains=text)
                | Q(account_number__icontains=text)
            )
        key = "company_name_key" if order_by == CustomerOrderBy.NAME else "created_at"
        sign = "-" if descending else ""
        # Counted only when asked for; unasked, the page's own rows say if more follow.
        asked, on_items = connection_fields(info)
        total = await rows.count() if "totalCount" in asked else 0
        ordered = rows.order_by(f"{sign}{key}", f"{sign}id").offset(offset).limit(size + 1)
        page = await prefetch.customers(ordered, on_items)
        return connection(page, offset, size, total)
