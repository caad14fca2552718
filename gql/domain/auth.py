"""Bearer-token authentication, done once per request in get_context."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tortoise.expressions import Q

from gql.domain.security import TOKEN_PREFIX, hash_token
from gql.domain.viewer import Viewer
from models.enums import Role, TokenKind
from models.identity import AuthToken

# last_used_at is a hint for people reviewing tokens, not an exact clock: refreshing
# it at most once a minute spares a write on every request.
_LAST_USED_GRANULARITY = timedelta(minutes=1)


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    return token


async def authenticate(authorization: str | None) -> Viewer | None:
    token = bearer_token(authorization)
    if token is None:
        return None
    now = datetime.now(UTC)
    # One statement on every request: plain values of the columns needed, no models.
    row = (
        await AuthToken.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            token_hash=hash_token(token),
            revoked_at__isnull=True,
        )
        .limit(1)
        .values(*_COLUMNS)
    )
    if not row or row[0]["user__disabled"]:
        return None
    found = row[0]
    if found["last_used_at"] is None or now - found["last_used_at"] > _LAST_USED_GRANULARITY:
        await AuthToken.filter(id=found["id"]).update(last_used_at=now)
    return Viewer(
        user_id=found["user__id"],
        username=found["user__username"],
        role=Role(found["user__role"]),
        partner_id=found["user__partner_id"],
        token_id=found["id"],
        token_kind=TokenKind(found["kind"]),
        customer_id=found["user__customer_id"],
    )


_COLUMNS = (
    "id",
    "kind",
    "last_used_at",
    "user__id",
    "user__username",
    "user__role",
    "user__partner_id",
    "user__customer_id",
    "user__disabled",
)
