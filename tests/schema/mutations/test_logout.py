"""logout ends the calling session."""

from __future__ import annotations

from models.enums import Role
from tests.factories import login, make_user
from tests.schema.identity_kit import LOGOUT, ME


async def test_logout_ends_the_session(gql) -> None:
    account = await login(gql, await make_user(Role.OPERATOR_SUPPORT, "support@vendor.example"))
    assert (await gql(ME, token=account.token))["data"]["me"] is not None
    body = await gql(LOGOUT, token=account.token)
    assert body["data"]["logout"] == {"endedSessions": 1, "errors": []}
    assert (await gql(ME, token=account.token))["data"]["me"] is None
