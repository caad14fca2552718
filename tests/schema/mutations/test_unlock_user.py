"""unlockUser clears the login lock."""

from __future__ import annotations

from models.identity import User
from tests.factories import LOGIN, login, make_customer
from tests.schema.users_kit import ME, UNLOCK


async def test_unlock_clears_the_login_lock(gql, acme) -> None:
    _, admin = await make_customer(gql, acme, "Locked")
    me = await gql(ME, token=admin.token)
    for _ in range(6):
        await gql(LOGIN, {"input": {"username": admin.username, "password": "wrong-guess"}})
    assert (await User.get(id=admin.id)).locked_until is not None
    body = await gql(UNLOCK, {"input": {"id": me["data"]["me"]["id"]}}, token=acme.admin.token)
    assert body["data"]["unlockUser"]["user"]["lockedUntil"] is None
    await login(gql, admin, "quarterly-stapler-basement-51")
