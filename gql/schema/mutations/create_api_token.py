"""createApiToken: a named, expiring, revocable token for an integration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit
from gql.domain.problems import Problems
from gql.domain.security import new_token
from gql.domain.validation import text
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanManageUsers, requires
from gql.schema.types.system import ApiToken
from models.enums import TokenKind
from models.identity import AuthToken

DEFAULT_DAYS = 365
MAX_DAYS = 730


@strawberry.input(description="A new API token.")
class CreateApiTokenInput:
    name: str = strawberry.field(description="What the token is for, e.g. the integration.")
    expires_in_days: int | None = strawberry.field(
        default=None,
        description=f"Days until it expires: 1 to {MAX_DAYS}, {DEFAULT_DAYS} if omitted.",
    )


CreateApiTokenError = mutation_errors("createApiToken", "REQUIRED", "INVALID")


@strawberry.type(description="The result of createApiToken.")
class CreateApiTokenPayload:
    token: str | None = strawberry.field(
        description="The token itself, shown this once: store it now."
    )
    api_token: ApiToken | None = strawberry.field(description="The token's record.")
    errors: list[CreateApiTokenError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(
    **requires(CanManageUsers, "Creates an API token for the caller, for an integration.")
)
async def create_api_token(info: Info, input: CreateApiTokenInput) -> CreateApiTokenPayload:
    viewer = info.context.user
    problems = Problems()
    name = text(problems, input.name, "a name", "name", max_length=100)
    days = DEFAULT_DAYS if input.expires_in_days is None else input.expires_in_days
    if not 1 <= days <= MAX_DAYS:
        problems.add("INVALID", f"Choose 1 to {MAX_DAYS} days.", "expiresInDays")
    if problems:
        return payload(CreateApiTokenPayload, problems, token=None, api_token=None)
    token, token_hash = new_token()
    async with in_transaction() as conn:
        row = await AuthToken.create(
            kind=TokenKind.API,
            user_id=viewer.user_id,
            token_hash=token_hash,
            name=name,
            expires_at=datetime.now(UTC) + timedelta(days=days),
            using_db=conn,
        )
        await audit.record(
            viewer,
            "apiToken.create",
            "ApiToken",
            row.id,
            partner_id=viewer.partner_id,
            changes={"name": name, "expiresInDays": days},
            using_db=conn,
        )
    return CreateApiTokenPayload(token=token, api_token=ApiToken.from_row(row), errors=[])
