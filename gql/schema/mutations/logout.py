"""logout: ends the calling session."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import IsAuthenticated, requires
from models.enums import TokenKind
from models.identity import AuthToken


@strawberry.input(description="Options of a logout.")
class LogoutInput:
    all_sessions: bool = strawberry.field(
        default=False, description="End every session of the user, not only this one."
    )


LogoutError = mutation_errors("logout", "INVALID", description="A problem with a logout.")


@strawberry.type(description="The result of a logout.")
class LogoutPayload:
    ended_sessions: int = strawberry.field(description="How many sessions were ended.")
    errors: list[LogoutError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(
    **requires(
        IsAuthenticated,
        "Ends the calling session (or every session of the user). API tokens are "
        "revoked with revokeApiToken instead.",
    )
)
async def logout(info: Info, input: LogoutInput | None = None) -> LogoutPayload:
    viewer = info.context.user
    if viewer.token_kind != TokenKind.SESSION:
        problems = Problems()
        problems.add("INVALID", "logout ends sessions; revoke API tokens with revokeApiToken.")
        return payload(LogoutPayload, problems, ended_sessions=0)
    sessions = AuthToken.filter(kind=TokenKind.SESSION, revoked_at__isnull=True)
    if input is not None and input.all_sessions:
        sessions = sessions.filter(user_id=viewer.user_id)
    else:
        sessions = sessions.filter(id=viewer.token_id)
    async with in_transaction() as conn:
        ended = await sessions.using_db(conn).update(revoked_at=datetime.now(UTC))
        await audit.record(
            viewer,
            "session.logout",
            "User",
            viewer.user_id,
            partner_id=viewer.partner_id,
            changes={"endedSessions": ended},
            using_db=conn,
        )
    return LogoutPayload(ended_sessions=ended, errors=[])
