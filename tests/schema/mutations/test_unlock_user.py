"""unlockUser clears the login throttle of the user's username (and lockedUntil says
what the throttle holds)."""

from __future__ import annotations

from models.identity import LoginThrottle
from tests.factories import LOGIN, login, make_customer
from tests.schema.users_kit import ME, UNLOCK

USER_LOCK = """
query User($id: ID!) { node(id: $id) { ... on User { lockedUntil } } }
"""


async def test_unlock_clears_the_login_throttle(gql, acme) -> None:
    _, admin = await make_customer(gql, acme, "Locked")
    me = await gql(ME, token=admin.token)
    user_id = me["data"]["me"]["id"]
    for _ in range(3):
        await gql(LOGIN, {"input": {"username": admin.username, "password": "wrong-guess"}})
    body = await gql(USER_LOCK, {"id": user_id}, token=acme.admin.token)
    assert body["data"]["node"]["lockedUntil"] is not None
    refused = await gql(
        LOGIN, {"input": {"username": admin.username, "password": "quarterly-stapler-basement-51"}}
    )
    assert refused["data"]["login"]["errors"][0]["code"] == "RATE_LIMITED"
    body = await gql(UNLOCK, {"input": {"id": user_id}}, token=acme.admin.token)
    assert body["data"]["unlockUser"]["user"]["lockedUntil"] is None
    assert not await LoginThrottle.filter(key=f"user:{admin.username.lower()}").exists()
    await login(gql, admin, "quarterly-stapler-basement-51")
