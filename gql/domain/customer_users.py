"""A customer's users ("VeloCloud User Management Access"): who may manage them, and
the rules every change obeys.

Callers reach users only through scoping.manageable_users / user_customers (its own
superuser, the partner's admins, the operator's users while the customer allows user
management). A customer always keeps an enabled ENTERPRISE_SUPERUSER: the last one
cannot be deleted, disabled or demoted (LAST_SUPERUSER); the check runs with the
customer's row locked, so two concurrent demotions cannot both pass. Resetting a
password or disabling a user ends every session and API token of that user.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from gql.domain import access
from gql.domain.problems import Problems
from models.enums import Role
from models.identity import AuthToken, User


def check_role(problems: Problems, role: Role, *path: str) -> None:
    if role not in access.CUSTOMER_ROLES:
        problems.add(
            "INVALID",
            "A customer's user is an ENTERPRISE_SUPERUSER, ENTERPRISE_STANDARD_ADMIN or "
            "ENTERPRISE_READ_ONLY.",
            *path,
        )


async def keeps_a_superuser(
    problems: Problems, user: User, conn: BaseDBAsyncClient, *path: str
) -> None:
    """LAST_SUPERUSER when `user` is its customer's last enabled superuser (the caller
    is about to delete, disable or demote it). Call with the customer locked."""
    if user.role != Role.ENTERPRISE_SUPERUSER or user.disabled:
        return
    others = (
        await User.filter(
            customer_id=user.customer_id, role=Role.ENTERPRISE_SUPERUSER, disabled=False
        )
        .exclude(id=user.id)
        .using_db(conn)
        .exists()
    )
    if not others:
        problems.add(
            "LAST_SUPERUSER",
            "This is the customer's last enabled superuser; make another user a superuser first.",
            *path,
        )


async def end_sessions(user_id: int, conn: BaseDBAsyncClient) -> int:
    """Revokes every session and API token of the user; how many were live."""
    return await (
        AuthToken.filter(user_id=user_id, revoked_at__isnull=True)
        .using_db(conn)
        .update(revoked_at=datetime.now(UTC))
    )
