"""revokeApiToken: a revoked token stops working at once; another partner's token is
not found."""

from __future__ import annotations

CREATE = """
mutation Create($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id } errors { code } }
}
"""
REVOKE = """
mutation Revoke($input: RevokeApiTokenInput!) {
  revokeApiToken(input: $input) { apiToken { revokedAt } errors { code field } }
}
"""
ME = "{ me { username } }"


async def test_revoked_at_once_and_only_by_its_partner(gql, acme, globex) -> None:
    created = await gql(CREATE, {"input": {"name": "psa"}}, token=acme.superuser.token)
    token = created["data"]["createApiToken"]["token"]
    token_id = created["data"]["createApiToken"]["apiToken"]["id"]
    assert (await gql(ME, token=token))["data"]["me"]["username"] == acme.superuser.username
    other = await gql(REVOKE, {"input": {"id": token_id}}, token=globex.superuser.token)
    assert other["data"]["revokeApiToken"]["errors"] == [
        {"code": "NOT_FOUND", "field": ["input", "id"]}
    ]
    revoked = await gql(REVOKE, {"input": {"id": token_id}}, token=acme.superuser.token)
    assert revoked["data"]["revokeApiToken"]["apiToken"]["revokedAt"] is not None
    assert (await gql(ME, token=token))["data"]["me"] is None
