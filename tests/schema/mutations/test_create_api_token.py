"""createApiToken and revokeApiToken: the lifecycle, expiry and tenancy of API tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models.identity import AuthToken

CREATE_TOKEN = """
mutation Token($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name expiresAt } errors { code field } }
}
"""


REVOKE_TOKEN = """
mutation Revoke($input: RevokeApiTokenInput!) {
  revokeApiToken(input: $input) { apiToken { id revokedAt } errors { code field } }
}
"""


ME = "{ me { id } }"


async def test_api_token_lifecycle_and_tenancy(gql, world) -> None:
    body = await gql(
        CREATE_TOKEN,
        {"input": {"name": "PSA sync", "expiresInDays": 30}},
        token=world["acme_su"].token,
    )
    payload = body["data"]["createApiToken"]
    token, token_id = payload["token"], payload["apiToken"]["id"]
    assert (await gql(ME, token=token))["data"]["me"] is not None
    # Another partner neither sees nor revokes it.
    listed = await gql("{ apiTokens { id } }", token=world["globex_su"].token)
    assert listed["data"]["apiTokens"] == []
    assert (
        await gql(
            "query($id: ID!) { node(id: $id) { id } }",
            {"id": token_id},
            token=world["globex_su"].token,
        )
    )["data"]["node"] is None
    refused = await gql(REVOKE_TOKEN, {"input": {"id": token_id}}, token=world["globex_su"].token)
    assert refused["data"]["revokeApiToken"]["errors"][0]["code"] == "NOT_FOUND"
    assert (await gql(ME, token=token))["data"]["me"] is not None
    # Its own partner revokes it, and it stops working at once.
    revoked = await gql(REVOKE_TOKEN, {"input": {"id": token_id}}, token=world["acme_su"].token)
    assert revoked["data"]["revokeApiToken"]["apiToken"]["revokedAt"] is not None
    assert (await gql(ME, token=token))["data"]["me"] is None


async def test_an_expired_api_token_is_refused(gql, world) -> None:
    body = await gql(CREATE_TOKEN, {"input": {"name": "old"}}, token=world["acme_su"].token)
    token = body["data"]["createApiToken"]["token"]
    await AuthToken.filter(name="old").update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    assert (await gql(ME, token=token))["data"]["me"] is None
