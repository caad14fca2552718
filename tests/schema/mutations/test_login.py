"""login: sessions, the same answer for unknown users and wrong passwords, throttling
by username (growing delays, at most 10 verifications in any 15 minutes), expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gql.domain.login_throttle import USERNAME_LIMIT, WINDOW
from models.enums import Role
from models.identity import AuthToken, LoginThrottle, User
from tests.factories import STRONG_PASSWORD, login, make_user
from tests.schema.identity_kit import LOGOUT, ME
from tests.schema.login_kit import attempt, code, verifications, verified_attempt

WRONG = "not-the-password-at-all"


async def test_login_returns_a_session_that_identifies_the_user(gql, client) -> None:
    account = await make_user(Role.OPERATOR_SUPERUSER, "ops@orchestrator.example")
    payload = await attempt(client, "OPS@orchestrator.example", STRONG_PASSWORD)
    assert payload["errors"] == []
    assert payload["token"].startswith("ppa_")
    me = (await gql(ME, token=payload["token"]))["data"]["me"]
    assert me["username"] == account.username
    assert me["piiRedacted"] is False
    # Only the hash is stored.
    assert not await AuthToken.filter(token_hash=payload["token"]).exists()


async def test_unknown_user_and_wrong_password_get_the_same_answer(client) -> None:
    await make_user(Role.OPERATOR_SUPERUSER, "ops@orchestrator.example")
    wrong = await attempt(client, "ops@orchestrator.example", WRONG)
    unknown = await attempt(client, "nobody@orchestrator.example", WRONG)
    assert wrong == unknown
    assert wrong["token"] is None
    assert wrong["errors"] == [
        {
            "code": "INVALID_CREDENTIALS",
            "field": None,
            "message": "The username or password is wrong.",
            "retryAfter": None,
        }
    ]


async def test_blank_fields_are_required_and_cost_no_attempt(client) -> None:
    before = verifications()
    payload = await attempt(client, "  ", "\t" * 15 + "\n" * 15)
    assert {(e["code"], tuple(e["field"])) for e in payload["errors"]} == {
        ("REQUIRED", ("input", "username")),
        ("REQUIRED", ("input", "password")),
    }
    assert verifications() == before
    assert await LoginThrottle.all().count() == 0


async def test_failures_bring_growing_delays_not_a_lock(client, clock) -> None:
    await make_user(Role.PARTNER_SUPERUSER, "admin@partner.example")
    # One typo costs no wait.
    assert code(await attempt(client, "admin@partner.example", WRONG)) == "INVALID_CREDENTIALS"
    waits = []
    for _ in range(6):
        assert code(await attempt(client, "admin@partner.example", WRONG)) == "INVALID_CREDENTIALS"
        refused = await attempt(client, "admin@partner.example", STRONG_PASSWORD)
        assert refused["token"] is None
        assert code(refused) == "RATE_LIMITED"
        waits.append(refused["errors"][0]["retryAfter"])
        clock.advance(waits[-1])
    assert waits == [1, 2, 4, 8, 16, 32]
    assert refused["errors"][0]["message"] == "Too many login attempts. Try again in 32 seconds."
    # Once the delay has passed, the right password works.
    assert (await attempt(client, "admin@partner.example", STRONG_PASSWORD))["errors"] == []


async def test_at_most_ten_verifications_in_any_fifteen_minutes(client, clock) -> None:
    await make_user(Role.PARTNER_SUPERUSER, "admin@partner.example")
    first = clock.now
    before = verifications()
    for _ in range(USERNAME_LIMIT):  # each waits out the delay the previous one set
        payload = await verified_attempt(client, clock, "admin@partner.example", WRONG)
        assert code(payload) == "INVALID_CREDENTIALS"
    assert verifications() - before == USERNAME_LIMIT
    assert clock.now < first + WINDOW
    # The right password too is refused, after any delay, until the first verification
    # leaves the window.
    clock.advance(300)
    refused = await attempt(client, "admin@partner.example", STRONG_PASSWORD)
    assert code(refused) == "RATE_LIMITED"
    until = clock.now + timedelta(seconds=refused["errors"][0]["retryAfter"])
    assert first + WINDOW <= until <= first + WINDOW + timedelta(seconds=1)
    assert verifications() - before == USERNAME_LIMIT
    clock.now = until
    assert (await attempt(client, "admin@partner.example", STRONG_PASSWORD))["errors"] == []


async def test_a_success_clears_the_delay_but_not_the_count(client, clock) -> None:
    account = await make_user(Role.PARTNER_SUPERUSER, "admin@partner.example")
    for _ in range(USERNAME_LIMIT - 1):
        await verified_attempt(client, clock, account.username, WRONG)
    payload = await verified_attempt(client, clock, account.username, STRONG_PASSWORD)
    assert payload["errors"] == []
    row = await LoginThrottle.get(key=f"user:{account.username}")
    assert (row.failures, row.next_attempt_at) == (0, None)
    # The success was the tenth verification of the window: the eleventh waits.
    assert code(await attempt(client, account.username, STRONG_PASSWORD)) == "RATE_LIMITED"


async def test_unknown_usernames_are_throttled_alike(client, clock) -> None:
    await make_user(Role.PARTNER_SUPERUSER, "admin@partner.example")

    async def story(username: str) -> list:
        clock.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
        answers = []
        for step in range(14):
            payload = await attempt(client, username, WRONG)
            answers.append(payload)
            clock.advance(payload["errors"][0]["retryAfter"] or 1 if step % 3 else 0.2)
        return answers

    assert await story("admin@partner.example") == await story("ghost@partner.example")


async def test_a_disabled_user_gets_the_answer_of_a_wrong_password(client) -> None:
    account = await make_user(Role.PARTNER_SUPERUSER, "admin@partner.example")
    await User.filter(id=account.id).update(disabled=True)
    payload = await attempt(client, account.username, STRONG_PASSWORD)
    assert code(payload) == "INVALID_CREDENTIALS"


async def test_tokens_keep_working_while_password_logins_are_throttled(gql, client) -> None:
    account = await login(gql, await make_user(Role.OPERATOR_SUPPORT, "support@vendor.example"))
    await attempt(client, account.username, WRONG)
    await attempt(client, account.username, WRONG)
    assert code(await attempt(client, account.username, WRONG)) == "RATE_LIMITED"
    me = await gql(ME, token=account.token)
    assert me["data"]["me"]["username"] == account.username


async def test_an_expired_session_is_not_accepted(gql) -> None:
    account = await login(gql, await make_user(Role.OPERATOR_SUPPORT, "support@vendor.example"))
    await AuthToken.filter(user_id=account.id).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    assert (await gql(ME, token=account.token))["data"]["me"] is None
    body = await gql(LOGOUT, token=account.token)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
