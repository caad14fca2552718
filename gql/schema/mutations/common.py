"""Pieces the mutation modules share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from gql.domain import audit, users
from gql.domain.problems import Problems
from gql.domain.viewer import Viewer
from models.enums import Role
from models.identity import User

T = TypeVar("T")


async def create_audited(
    viewer: Viewer,
    create: Callable[[Any], Awaitable[T]],
    *,
    action: str,
    target_type: str,
    changes: dict[str, Any],
    partner_id: int | None,
    problems: Problems,
    duplicate: tuple[str, ...],
    duplicate_message: str,
) -> T | None:
    """Creates a row and its audit event in one transaction. A unique-constraint
    violation becomes a DUPLICATE problem at `duplicate` (the database decides, so
    concurrent creates cannot both win)."""
    try:
        async with in_transaction() as conn:
            row = await create(conn)
            await audit.record(
                viewer,
                action,
                target_type,
                row.id,  # type: ignore[attr-defined]
                partner_id=partner_id,
                changes=changes,
                using_db=conn,
            )
    except IntegrityError:
        problems.add("DUPLICATE", duplicate_message, *duplicate)
        return None
    return row


@strawberry.input(description="The account details every new user has.")
class NewUserFields:
    """Inherited by the inputs of the mutations that create users."""

    username: str = strawberry.field(description="user@domain.com, unique (whatever its case).")
    password: str = strawberry.field(description="The password; the policy applies.")
    first_name: str | None = strawberry.field(default=None, description="First name.")
    last_name: str | None = strawberry.field(default=None, description="Last name.")
    phone: str | None = strawberry.field(default=None, description="International number.")
    mobile_phone: str | None = strawberry.field(default=None, description="International number.")
    contact_email: str | None = strawberry.field(default=None, description="E-mail for alerts.")


async def create_user(
    fields: NewUserFields,
    role: Role,
    partner_id: int | None,
    viewer: Viewer,
    problems: Problems,
    *,
    company: str | None = None,
) -> User | None:
    """Validates the details (adding to `problems`) and, when nothing is wrong, creates
    the user with its audit event. `company` is one more word the password must not
    lean on."""
    new = users.NewUser(
        role=role,
        username=fields.username,
        password=fields.password,
        partner_id=partner_id,
        first_name=fields.first_name,
        last_name=fields.last_name,
        phone=fields.phone,
        mobile_phone=fields.mobile_phone,
        contact_email=fields.contact_email,
        company=company,
    )
    return await users.register(new, viewer, problems)
