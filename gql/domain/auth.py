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
    row = (
        await AuthToken.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            token_hash=hash_token(token),
            revoked_at__isnull=True,
        )
        .select_related("user")
        .first()
    )
    if row is None or row.user.disabled:
        return None
    if row.last_used_at is None or now - row.last_used_at > _LAST_USED_GRANULARITY:
        await AuthToken.filter(id=row.id).update(last_used_at=now)
    user = row.user
    return Viewer(
        user_id=user.id,
        username=user.username,
        role=Role(user.role),
        partner_id=user.partner_id,
        token_id=row.id,
        token_kind=TokenKind(row.kind),
        customer_id=user.customer_id,
    )
