"""resetUserPassword and disabling a user end its sessions and API tokens."""

from __future__ import annotations

from models.enums import Role
from models.identity import AuthToken, User
from tests.factories import LOGIN, login, make_customer
from tests.schema.users_kit import CREATE, ME, NEW_PASSWORD, PASSWORD, RESET, UPDATE, _new


async def test_reset_and_disable_end_sessions_and_tokens(gql, acme) -> None:
    customer_id, _ = await make_customer(gql, acme, "Reset")
    created = await gql(
        CREATE,
        {"input": _new(customer_id, "ENTERPRISE_STANDARD_ADMIN", "std@reset.example")},
        token=acme.admin.token,
    )
    user_id = created["data"]["createCustomerUser"]["user"]["id"]
    row = await User.get(username_key="std@reset.example")
    first = await login(gql, _account(row), PASSWORD)
    assert (await gql(ME, token=first.token))["data"]["me"]["id"] == user_id

    weak = await gql(
        RESET,
        {"input": {"id": user_id, "password": "short", "confirmPassword": "short"}},
        token=acme.admin.token,
    )
    assert [e["code"] for e in weak["data"]["resetUserPassword"]["errors"]] == ["PASSWORD_TOO_WEAK"]
    reset = await gql(
        RESET,
        {"input": {"id": user_id, "password": NEW_PASSWORD, "confirmPassword": NEW_PASSWORD}},
        token=acme.admin.token,
    )
    assert reset["data"]["resetUserPassword"]["errors"] == []
    assert (await gql(ME, token=first.token))["data"]["me"] is None  # the session ended
    old = await gql(LOGIN, {"input": {"username": "std@reset.example", "password": PASSWORD}})
    assert old["data"]["login"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    second = await login(gql, _account(row), NEW_PASSWORD)

    disabled = await gql(
        UPDATE, {"input": {"id": user_id, "disabled": True}}, token=acme.admin.token
    )
    assert disabled["data"]["updateCustomerUser"]["user"]["disabled"] is True
    assert (await gql(ME, token=second.token))["data"]["me"] is None
    assert await AuthToken.filter(user_id=row.id, revoked_at__isnull=True).count() == 0
    refused = await gql(
        LOGIN, {"input": {"username": "std@reset.example", "password": NEW_PASSWORD}}
    )
    assert refused["data"]["login"]["errors"][0]["code"] == "INVALID_CREDENTIALS"


def _account(row: User):
    from tests.factories import Account

    return Account(row.id, row.username, Role(row.role), row.partner_id)
