"""updateCustomerUser: changes a customer's user: role, names, phones, contact
address, or disables it (which ends its sessions and API tokens)."""

from __future__ import annotations

from types import SimpleNamespace

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, customer_users, scoping, users
from gql.domain.customers.images import lock_customer
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.inputs import provided_fields
from gql.schema.permissions import CanManageCustomerUsers, requires
from gql.schema.types.user import Role, User
from models import enums

_DETAILS = (
    ("first_name", "firstName"),
    ("last_name", "lastName"),
    ("phone", "phone"),
    ("mobile_phone", "mobilePhone"),
    ("contact_email", "contactEmail"),
)


@strawberry.input(description="What to change of a customer's user; omitted fields stay.")
class UpdateCustomerUserInput:
    id: strawberry.ID = strawberry.field(description="The user.")
    role: Role | None = strawberry.field(default=None, description="A customer role.")
    first_name: str | None = strawberry.field(default=None, description="First name.")
    last_name: str | None = strawberry.field(default=None, description="Last name.")
    phone: str | None = strawberry.field(default=None, description="International number.")
    mobile_phone: str | None = strawberry.field(default=None, description="International number.")
    contact_email: str | None = strawberry.field(default=None, description="E-mail for alerts.")
    disabled: bool | None = strawberry.field(
        default=None, description="Disable (ends its sessions and API tokens) or enable."
    )


UpdateCustomerUserError = mutation_errors(
    "updateCustomerUser", "INVALID", "NOT_FOUND", "LAST_SUPERUSER"
)


@strawberry.type(description="The result of updateCustomerUser.")
class UpdateCustomerUserPayload:
    user: User | None = strawberry.field(description="The user as it now is.")
    errors: list[UpdateCustomerUserError] = strawberry.field(description="Empty on success.")


async def _check(problems: Problems, row, input: UpdateCustomerUserInput, sent, conn) -> dict:
    """The changes to write, adding every problem found."""
    changes: dict = {}
    details = SimpleNamespace(**{attr: getattr(row, attr) for attr, _ in _DETAILS})
    for attr, key in _DETAILS:
        if key in sent:
            setattr(details, attr, getattr(input, attr))
    users.check_details(details, problems)
    changes.update({key: getattr(details, a) for a, key in _DETAILS if key in sent})
    role = enums.Role(input.role.value) if input.role is not None else None
    if role is not None and role != row.role:
        customer_users.check_role(problems, role, "role")
        if role != enums.Role.ENTERPRISE_SUPERUSER:
            await customer_users.keeps_a_superuser(problems, row, conn, "role")
        changes["role"] = role.value
    if input.disabled is not None and input.disabled != row.disabled:
        if input.disabled:
            await customer_users.keeps_a_superuser(problems, row, conn, "disabled")
        changes["disabled"] = input.disabled
    return changes


@strawberry.mutation(**requires(CanManageCustomerUsers, "Changes a customer's user."))
async def update_customer_user(
    info: Info, input: UpdateCustomerUserInput
) -> UpdateCustomerUserPayload:
    viewer = info.context.user
    problems = Problems()
    async with in_transaction() as conn:
        row = await scoping.find(scoping.manageable_users(viewer), input.id, "User", conn)
        if row is None:
            problems.add("NOT_FOUND", "No such user.", "id")
            return payload(UpdateCustomerUserPayload, problems, user=None)
        if await lock_customer(row.customer_id, conn) is None:
            problems.add("NOT_FOUND", "No such user.", "id")
            return payload(UpdateCustomerUserPayload, problems, user=None)
        changes = await _check(problems, row, input, provided_fields(info), conn)
        if problems:
            return payload(UpdateCustomerUserPayload, problems, user=None)
        for attr, key in (*_DETAILS, ("role", "role"), ("disabled", "disabled")):
            if key in changes:
                setattr(row, attr, changes[key])
        await row.save(using_db=conn)
        if changes.get("disabled"):
            await customer_users.end_sessions(row.id, conn)
        await audit.record(
            viewer,
            "user.update",
            "User",
            row.id,
            partner_id=row.partner_id,
            customer_id=row.customer_id,
            changes=changes,
            using_db=conn,
        )
    await row.fetch_related("customer")
    return payload(UpdateCustomerUserPayload, problems, user=User.seen_by(row, viewer))
