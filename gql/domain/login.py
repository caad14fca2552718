"""Password logins: throttled, the same answer for unknown users and wrong passwords.

The order is what makes the answers and the timing alike for every username: take an
attempt (gql.domain.login_throttle, for the username whether or not it exists, and
for the client address), look the user up, verify the password (against a dummy hash
when there is no user, a disabled user being no different), settle the attempt; only
then does anything depend on whether the user exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.transactions import in_transaction

from gql.domain import audit, login_throttle, users
from gql.domain.security import hash_password, needs_rehash, new_token, verify_password
from gql.domain.viewer import Viewer
from models.enums import Role, TokenKind
from models.identity import AuthToken, User

SESSION_TTL = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class Session:
    token: str
    expires_at: datetime
    user: User
    viewer: Viewer


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str  # INVALID_CREDENTIALS or RATE_LIMITED
    retry_after: int | None = None


MAX_USERNAME = 254


async def password_login(username: str, password: str, address: str | None) -> Session | Refusal:
    """A new session for the username and password, or why not."""
    key = users.username_key(username)
    attempt = await login_throttle.reserve(key, address, login_throttle.now())
    if isinstance(attempt, login_throttle.Refused):
        return Refusal("RATE_LIMITED", attempt.retry_after)
    # No username is longer than an e-mail address may be (the column's 254): a longer
    # one is unknown, and still costs a verification like any other.
    user = None if len(key) > MAX_USERNAME else await User.get_or_none(username_key=key)
    verified = await verify_password(user.password_hash if user else None, password)
    accepted = verified and user is not None and not user.disabled
    overlapped = await login_throttle.settle(attempt, accepted, login_throttle.now())
    if overlapped is not None:
        return Refusal("RATE_LIMITED", overlapped.retry_after)
    if not accepted or user is None:
        return Refusal("INVALID_CREDENTIALS")
    await _upgrade_hash(user, password)
    return await _open_session(user)


async def _upgrade_hash(user: User, password: str) -> None:
    """A hash made with older argon2 parameters is replaced, now that the password is
    known (unless the password changed meanwhile)."""
    if not needs_rehash(user.password_hash):
        return
    new_hash = await hash_password(password)
    await User.filter(id=user.id, password_hash=user.password_hash).update(password_hash=new_hash)
    user.password_hash = new_hash


async def _open_session(user: User) -> Session:
    token, token_hash = new_token()
    expires_at = datetime.now(UTC) + SESSION_TTL
    async with in_transaction() as conn:
        session = await AuthToken.create(
            kind=TokenKind.SESSION,
            user_id=user.id,
            token_hash=token_hash,
            expires_at=expires_at,
            using_db=conn,
        )
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
    return Session(token, expires_at, user, viewer)
