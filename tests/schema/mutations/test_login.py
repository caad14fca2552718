"""login: sessions, the same answer for unknown users and wrong passwords, throttling,
expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gql.schema.mutations.login import MAX_FAILED_LOGINS
from models.enums import Role
from models.identity import AuthToken, User
from tests.factories import LOGIN, STRONG_PASSWORD, login, make_user
from tests.schema.identity_kit import LOGOUT, ME


async def _login(gql, username: str, password: str) -> dict:
    body = await gql(LOGIN, {"input": {"username": username, "password": password}})
    return body["data"]["login"]


async def test_login_returns_a_session_that_identifies_the_user(gql) -> None:
    account = await make_user(Role.OPERATOR_SUPERUSER, "ops@orchestrator.example")
    payload = await _login(gql, "OPS@orchestrator.example", STRONG_PASSWORD)
    assert payload["errors"] == []
    assert payload["token"].startswith("ppa_")
    assert payload["user"]["role"] == "OPERATOR_SUPERUSER"
    me = (await gql(ME, token=payload["token"]))["data"]["me"]
    assert me["username"] == account.username
    assert me["piiRedacted"] is False
    # Only the hash is stored.
    assert not await AuthToken.filter(token_hash=payload["token"]).exists()


async def test_unknown_user_and_wrong_password_get_the_same_answer(gql) -> None:
    await make_user(Role.OPERATOR_SUPERUSER, "ops@orchestrator.example")
    wrong = await _login(gql, "ops@orchestrator.example", "not-the-password-at-all")
    unknown = await _login(gql, "nobody@orchestrator.example", "not-the-password-at-all")
    assert wrong == unknown
    assert wrong["token"] is None
    assert wrong["errors"] == [
        {
            "code": "INVALID_CREDENTIALS",
            "field": None,
            "message": "The username or password is wrong.",
        }
    ]


async def test_blank_fields_are_required(gql) -> None:
    payload = await _login(gql, "  ", "")
    assert {(e["code"], tuple(e["field"])) for e in payload["errors"]} == {
        ("REQUIRED", ("input", "username")),
        ("REQUIRED", ("input", "password")),
    }


async def test_repeated_failures_lock_the_account_even_for_the_right_password(gql) -> None:
    await make_user(Role.PARTNER_SUPERUSER, "admin@partner.example")
    for _ in range(MAX_FAILED_LOGINS):
        assert (await _login(gql, "admin@partner.example", "wrong-guess-1234567"))["errors"][0][
            "code"
        ] == "INVALID_CREDENTIALS"
    locked = await _login(gql, "admin@partner.example", STRONG_PASSWORD)
    assert locked["token"] is None
    assert locked["errors"][0]["code"] == "RATE_LIMITED"
    assert "Try again in 15 minutes" in locked["errors"][0]["message"]
    # The lock is in the database (shared by every server process) and ends by itself.
    user = await User.get(username_key="admin@partner.example")
    assert user.locked_until is not None
    await User.filter(id=user.id).update(locked_until=datetime.now(UTC) - timedelta(seconds=1))
    assert (await _login(gql, "admin@partner.example", STRONG_PASSWORD))["errors"] == []


async def test_a_success_resets_the_failure_count(gql) -> None:
    await make_user(Role.PARTNER_SUPERUSER, "admin@partner.example")
    for _ in range(MAX_FAILED_LOGINS - 1):
        await _login(gql, "admin@partner.example", "wrong-guess-1234567")
    assert (await _login(gql, "admin@partner.example", STRONG_PASSWORD))["errors"] == []
    assert (await User.get(username_key="admin@partner.example")).failed_logins == 0


async def test_an_expired_session_is_not_accepted(gql) -> None:
    account = await login(gql, await make_user(Role.OPERATOR_SUPPORT, "support@vendor.example"))
    await AuthToken.filter(user_id=account.id).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    assert (await gql(ME, token=account.token))["data"]["me"] is None
    body = await gql(LOGOUT, token=account.token)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
