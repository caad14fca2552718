"""createCustomerUser: adds a user to a customer (VeloCloud User Management Access)."""

from __future__ import annotations

import strawberry

from gql.domain import customer_users, ids, scoping, users
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.mutations.common import NewUserFields
from gql.schema.permissions import CanManageCustomerUsers, requires
from gql.schema.types.user import Role, User
from models import enums


@strawberry.input(description="A new user of a customer.")
class CreateCustomerUserInput(NewUserFields):
    customer_id: strawberry.ID = strawberry.field(description="The customer.")
    role: Role = strawberry.field(
        description="ENTERPRISE_SUPERUSER, ENTERPRISE_STANDARD_ADMIN or ENTERPRISE_READ_ONLY."
    )
    confirm_password: str = strawberry.field(description="The password again.")


CreateCustomerUserError = mutation_errors(
    "createCustomerUser",
    "REQUIRED",
    "INVALID",
    "DUPLICATE",
    "NOT_FOUND",
    "PASSWORD_MISMATCH",
    "PASSWORD_TOO_WEAK",
)


@strawberry.type(description="The result of createCustomerUser.")
class CreateCustomerUserPayload:
    user: User | None = strawberry.field(description="The new user.")
    errors: list[CreateCustomerUserError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(CanManageCustomerUsers, "Adds a user to a customer."))
async def create_customer_user(
    info: Info, input: CreateCustomerUserInput
) -> CreateCustomerUserPayload:
    viewer = info.context.user
    problems = Problems()
    pk = ids.decode_as(input.customer_id, "Customer")
    customer = await scoping.user_customers(viewer).get_or_none(id=pk) if pk else None
    if customer is None:
        problems.add("NOT_FOUND", "No such customer.", "customerId")
        return payload(CreateCustomerUserPayload, problems, user=None)
    role = enums.Role(input.role.value)
    customer_users.check_role(problems, role, "role")
    users.check_confirmation(problems, input.password, input.confirm_password)
    new = users.NewUser(
        role=role,
        username=input.username,
        password=input.password,
        partner_id=customer.partner_id,
        first_name=input.first_name,
        last_name=input.last_name,
        phone=input.phone,
        mobile_phone=input.mobile_phone,
        contact_email=input.contact_email,
        company=f"{customer.company_name} {customer.domain}",
    )
    row = await users.register(new, viewer, problems, customer_id=customer.id)
    if row is not None:
        await row.fetch_related("customer")
    user = User.seen_by(row, viewer) if row is not None else None
    return payload(CreateCustomerUserPayload, problems, user=user)
