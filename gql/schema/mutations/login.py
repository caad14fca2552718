"""login: a session token for a username and password."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import strawberry
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from gql.domain import audit
from gql.domain.problems import Problems
from gql.domain.security import new_token, verify_password
from gql.domain.viewer import Viewer
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import public
from gql.schema.types.user import User
from models.enums import Role, TokenKind
from models.identity import AuthToken
from models.identity import User as UserRow

MAX_USERNAME = 254  # as stored: the longest e-mail address

SESSION_TTL = timedelta(hours=12)
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


@strawberry.input(description="A username and password.")
class LoginInput:
    username: str = strawberry.field(description="The login name (user@domain.com).")
    password: str = strawberry.field(description="The password.")


LoginError = mutation_errors(
    "login",
    "REQUIRED",
    "INVALID_CREDENTIALS",
    "RATE_LIMITED",
    description="A problem with a login.",
)


@strawberry.type(description="The result of a login.")
class LoginPayload:
    token: str | None = strawberry.field(
        description="The session token: send it as `Authorization: Bearer <token>`."
    )
    expires_at: datetime | None = strawberry.field(description="When the session ends.")
    user: User | None = strawberry.field(description="Who logged in.")
    errors: list[LoginError] = strawberry.field(description="Empty on success.")


def _failed(code: str, message: str) -> LoginPayload:
    problems = Problems()
    problems.add(code, message)
    return payload(LoginPayload, problems, token=None, expires_at=None, user=None)


@strawberry.mutation(
    **public(
        "Logs in and returns a session token. After repeated failures the account is "
        "locked for a while. Unknown users and wrong passwords get the same answer."
    )
)
async def login(info: Info, input: LoginInput) -> LoginPayload:
    problems = Problems()
    username = input.username.strip()
    if not username:
        problems.add("REQUIRED", "Enter your username.", "username")
    if not input.password:
        problems.add("REQUIRED", "Enter your password.", "password")
    if problems:
        return payload(LoginPayload, problems, token=None, expires_at=None, user=None)

    now = datetime.now(UTC)
    # No username is longer than an e-mail address may be: such a name is unknown.
    too_long = len(username) > MAX_USERNAME
    user = None if too_long else await UserRow.get_or_none(username_key=username.lower())
    if user is not None and user.locked_until is not None and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        return _failed(
            "RATE_LIMITED",
            f"Too many failed logins. Try again in {minutes} minute{'s' if minutes > 1 else ''}.",
        )
    verified = await verify_password(user.password_hash if user else None, input.password)
    if not verified or user is None or user.disabled:  # a disabled user: the same answer
        if user is not None and not verified:
            await _count_failure(user.id, now)
        return _failed("INVALID_CREDENTIALS", "The username or password is wrong.")

    token, token_hash = new_token()
    expires_at = now + SESSION_TTL
    async with in_transaction() as conn:
        session = await AuthToken.create(
            kind=TokenKind.SESSION,
            user_id=user.id,
            token_hash=token_hash,
            expires_at=expires_at,
            using_db=conn,
        )
        await UserRow.filter(id=user.id).using_db(conn).update(failed_logins=0, locked_until=None)
        viewer = Viewer(
            user.id,
            user.username,
            Role(user.role),
            user.partner_id,
            session.id,
            TokenKind.SESSION,
            user.customer_id,
        )
        await audit.record(
            viewer, "session.login", "User", user.id, partner_id=user.partner_id, using_db=conn
        )
    return LoginPayload(
        token=token, expires_at=expires_at, user=User.from_row(user, viewer), errors=[]
    )


async def _count_failure(user_id: int, now: datetime) -> None:
    """Counted in the database, so the count holds across server processes."""
    await UserRow.filter(id=user_id).update(failed_logins=F("failed_logins") + 1)
    failures = await UserRow.filter(id=user_id).first().values_list("failed_logins", flat=True)
    if failures is not None and failures >= MAX_FAILED_LOGINS:
        await UserRow.filter(id=user_id).update(failed_logins=0, locked_until=now + LOCKOUT)
