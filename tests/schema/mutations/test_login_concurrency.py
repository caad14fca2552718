"""login under real concurrent requests, and the per-address limit: concurrent
guesses spend as many attempts as sequential ones, so a burst learns nothing more."""

from __future__ import annotations

import asyncio

from gql.domain.login_throttle import ADDRESS_LIMIT, USERNAME_LIMIT
from models.enums import Role
from models.identity import LoginThrottle
from tests.factories import STRONG_PASSWORD, make_user
from tests.schema.login_kit import attempt, code, from_address, verifications, verified_attempt

WRONG = "not-the-password-at-all"


async def test_forty_nine_wrong_and_the_right_one_at_once_get_no_token(client) -> None:
    account = await make_user(Role.OPERATOR_SUPERUSER, "operator@vendor.example")
    before = verifications()
    guesses = [f"{WRONG}-{n}" for n in range(49)] + [STRONG_PASSWORD]
    answers = await asyncio.gather(*(attempt(client, account.username, g) for g in guesses))
    assert [a["token"] for a in answers] == [None] * 50
    assert {code(a) for a in answers} <= {"INVALID_CREDENTIALS", "RATE_LIMITED"}
    assert verifications() - before <= USERNAME_LIMIT
    # Every request took its turn at the username's row: none slipped past it.
    assert (await LoginThrottle.get(key=f"user:{account.username}")).sequence == 50


async def test_three_hundred_concurrent_guesses_get_at_most_ten_verifications(client) -> None:
    await make_user(Role.OPERATOR_SUPERUSER, "operator@vendor.example")
    before = verifications()
    answers = await asyncio.gather(
        *(attempt(client, "operator@vendor.example", f"{WRONG}-{n}") for n in range(300))
    )
    assert all(a["token"] is None for a in answers)
    assert verifications() - before <= USERNAME_LIMIT
    refused = [a for a in answers if code(a) == "RATE_LIMITED"]
    assert len(refused) >= 300 - USERNAME_LIMIT
    assert all(a["errors"][0]["retryAfter"] >= 1 for a in refused)


async def test_a_burst_at_an_unknown_username_is_answered_alike(client) -> None:
    await make_user(Role.OPERATOR_SUPERUSER, "operator@vendor.example")
    known = await asyncio.gather(
        *(attempt(client, "operator@vendor.example", f"{WRONG}-{n}") for n in range(20))
    )
    unknown = await asyncio.gather(
        *(attempt(client, "nobody@vendor.example", f"{WRONG}-{n}") for n in range(20))
    )
    assert sorted(code(a) for a in known) == sorted(code(a) for a in unknown)


async def test_one_address_failing_across_usernames_is_refused(app, clock) -> None:
    await make_user(Role.OPERATOR_SUPERUSER, "operator@vendor.example")
    async with (
        from_address(app, "203.0.113.7") as spray,
        from_address(app, "198.51.100.1") as other,
    ):
        for n in range(ADDRESS_LIMIT):
            payload = await attempt(spray, f"user{n}@vendor.example", WRONG)
            assert code(payload) == "INVALID_CREDENTIALS"
        before = verifications()
        refused = await attempt(spray, "operator@vendor.example", STRONG_PASSWORD)
        assert code(refused) == "RATE_LIMITED"
        assert verifications() == before  # refused before any verification
        # Another address is not affected, and the window ends the refusal.
        assert (await attempt(other, "operator@vendor.example", STRONG_PASSWORD))["token"]
        clock.advance(15 * 60 + 1)
        assert (await attempt(spray, "operator@vendor.example", STRONG_PASSWORD))["token"]


async def test_successes_do_not_count_against_the_address(app, clock) -> None:
    for n in range(3):
        await make_user(Role.OPERATOR_SUPPORT, f"support{n}@vendor.example")
    async with from_address(app, "2001:db8:1:2::17") as office:
        for round_ in range(ADDRESS_LIMIT):
            payload = await verified_attempt(
                office, clock, f"support{round_ % 3}@vendor.example", STRONG_PASSWORD
            )
            assert payload["errors"] == [], round_
            clock.advance(100)  # the username's ten verifications spread over the window
    # The /64 is the address counted.
    assert await LoginThrottle.filter(key="addr:2001:db8:1:2::/64").exists()
