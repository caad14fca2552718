"""revokeApiToken: stops an API token from working."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, ids, scoping
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanManageUsers, requires
from gql.schema.types.system import ApiToken


@strawberry.input(description="The token to revoke.")
class RevokeApiTokenInput:
    id: strawberry.ID = strawberry.field(description="The API token's ID.")


RevokeApiTokenError = mutation_errors("revokeApiToken", "NOT_FOUND")


@strawberry.type(description="The result of revokeApiToken.")
class RevokeApiTokenPayload:
    api_token: ApiToken | None = strawberry.field(description="The revoked token's record.")
    errors: list[RevokeApiTokenError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(
    **requires(
        CanManageUsers,
        "Revokes an API token of the caller's partner (the operator: of operator users). "
        "Revoking a revoked token changes nothing.",
    )
)
async def revoke_api_token(info: Info, input: RevokeApiTokenInput) -> RevokeApiTokenPayload:
    viewer = info.context.user
    pk = ids.decode_as(input.id, "ApiToken")
    row = await scoping.api_tokens(viewer).get_or_none(id=pk) if pk is not None else None
    if row is None:
        problems = Problems()
        problems.add("NOT_FOUND", "No such API token.", "id")
        return payload(RevokeApiTokenPayload, problems, api_token=None)
    if row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
        async with in_transaction() as conn:
            await row.save(update_fields=["revoked_at"], using_db=conn)
            await audit.record(
                viewer,
                "apiToken.revoke",
                "ApiToken",
                row.id,
                partner_id=viewer.partner_id,
                changes={"name": row.name},
                using_db=conn,
            )
    return RevokeApiTokenPayload(api_token=ApiToken.from_row(row), errors=[])
