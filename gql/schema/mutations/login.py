"""login: a session token for a username and password."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gql.domain import login as logins
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import UserError, error_codes, payload
from gql.schema.permissions import public
from gql.schema.types.user import User


@strawberry.input(description="A username and password.")
class LoginInput:
    username: str = strawberry.field(description="The login name (user@domain.com).")
    password: str = strawberry.field(description="The password.")


LoginErrorCode = error_codes(
    "LoginErrorCode",
    "REQUIRED",
    "INVALID_CREDENTIALS",
    "RATE_LIMITED",
    RATE_LIMITED="Too many attempts for this username, or from this client address: "
    "wait `retryAfter` seconds.",
)


@strawberry.type(description="A problem with a login.")
class LoginError(UserError):
    code: LoginErrorCode = strawberry.field(description="What went wrong.")  # type: ignore[valid-type]
    retry_after: int | None = strawberry.field(
        default=None,
        description="With RATE_LIMITED: the seconds to wait before the next attempt; "
        "null with the other codes.",
    )
    codes = LoginErrorCode


@strawberry.type(description="The result of a login.")
class LoginPayload:
    token: str | None = strawberry.field(
        description="The session token: send it as `Authorization: Bearer <token>`."
    )
    expires_at: datetime | None = strawberry.field(description="When the session ends.")
    user: User | None = strawberry.field(description="Who logged in.")
    errors: list[LoginError] = strawberry.field(description="Empty on success.")


def _refused(refusal: logins.Refusal) -> LoginPayload:
    if refusal.code == "RATE_LIMITED":
        wait = refusal.retry_after or 1
        shown = f"{wait} second{'s' if wait > 1 else ''}"
        if wait >= 120:
            shown = f"{-(-wait // 60)} minutes"
        error = LoginError(
            field=None,
            message=f"Too many login attempts. Try again in {shown}.",
            code=LoginErrorCode("RATE_LIMITED"),
            retry_after=wait,
        )
    else:
        error = LoginError(
            field=None,
            message="The username or password is wrong.",
            code=LoginErrorCode("INVALID_CREDENTIALS"),
        )
    return LoginPayload(token=None, expires_at=None, user=None, errors=[error])


@strawberry.mutation(
    **public(
        "Logs in and returns a session token. Unknown users and wrong passwords get the "
        "same answer. Attempts are throttled per username (whether or not it exists: at "
        "most 10 password checks in any 15 minutes, with growing delays between failed "
        "ones) and per client address; a refused attempt is RATE_LIMITED with "
        "`retryAfter`."
    )
)
async def login(info: Info, input: LoginInput) -> LoginPayload:
    problems = Problems()
    if not input.username.strip():
        problems.add("REQUIRED", "Enter your username.", "username")
    if not input.password.strip():
        problems.add("REQUIRED", "Enter your password.", "password")
    if problems:
        return payload(LoginPayload, problems, token=None, expires_at=None, user=None)
    outcome = await logins.password_login(
        input.username, input.password, info.context.client_address
    )
    if isinstance(outcome, logins.Refusal):
        if outcome.code == "RATE_LIMITED":  # the codes, spelt out for gql.schema.codes
            return _refused(logins.Refusal("RATE_LIMITED", outcome.retry_after))
        return _refused(logins.Refusal("INVALID_CREDENTIALS"))
    return LoginPayload(
        token=outcome.token,
        expires_at=outcome.expires_at,
        user=User.from_row(outcome.user, outcome.viewer),
        errors=[],
    )
