"""The throttle's rows: keys, the delay schedule, lockedUntil, and the purge of idle
rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gql.domain import login_throttle as throttle
from models.identity import LoginThrottle

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_delays_grow_after_a_free_failure_up_to_five_minutes() -> None:
    assert [throttle.delay_after(n) for n in range(0, 12)] == [
        0,
        0,
        1,
        2,
        4,
        8,
        16,
        32,
        64,
        128,
        256,
        300,
    ]


def test_address_keys() -> None:
    assert throttle.address_row_key("203.0.113.7") == "addr:203.0.113.7"
    assert throttle.address_row_key("::ffff:203.0.113.7") == "addr:203.0.113.7"
    assert throttle.address_row_key("2001:db8:1:2:3:4:5:6") == "addr:2001:db8:1:2::/64"
    assert throttle.address_row_key("testclient").startswith("addr#")


def test_an_overlong_username_is_throttled_by_its_digest() -> None:
    key = throttle.username_row_key("x" * 400)
    assert key.startswith("user#")
    assert len(key) < 300


async def test_locked_until_follows_the_delay_and_the_window() -> None:
    ticket = await throttle.reserve("ann@acme.example", None, NOW)
    assert await throttle.settle(ticket, False, NOW) is None
    assert await throttle.locked_until(["ann@acme.example", "bob@acme.example"], NOW) == {
        "ann@acme.example": None,  # one failure is free
        "bob@acme.example": None,
    }
    ticket = await throttle.reserve("ann@acme.example", None, NOW)
    await throttle.settle(ticket, False, NOW)
    locked = await throttle.locked_until(["ann@acme.example"], NOW)
    assert locked == {"ann@acme.example": NOW + timedelta(seconds=1)}
    await throttle.clear("ann@acme.example")
    assert await throttle.locked_until(["ann@acme.example"], NOW) == {"ann@acme.example": None}


async def test_idle_rows_are_purged_and_busy_ones_kept() -> None:
    await throttle.reserve("old@acme.example", "203.0.113.7", NOW - timedelta(minutes=16))
    await throttle.reserve("new@acme.example", None, NOW - timedelta(minutes=14))
    assert await throttle.purge(NOW) == 2  # the old username and its address
    assert await LoginThrottle.all().values_list("key", flat=True) == ["user:new@acme.example"]
