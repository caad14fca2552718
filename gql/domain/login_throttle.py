"""Login throttling: by username (whether or not it exists) and by client address.

Every password login first takes an attempt, in the database and under a row lock,
before its password is verified; so N concurrent guesses spend N attempts, in one
server process or many sharing PostgreSQL. The state lives in `login_throttle`, one
row per username key and one per client address (IPv6 by its /64).

- A username gets at most `USERNAME_LIMIT` verifications in any `WINDOW`, and after
  the second attempt that has not (yet) succeeded the next must wait a growing delay:
  1 s, 2 s, 4 s … up to `MAX_DELAY`. An attempt counts as a failure from the moment
  it is taken, so a burst of concurrent guesses gets two verifications and refusals.
  A success clears the delay (not the count of verifications); so does a quiet
  `WINDOW`.
- A verification that another attempt for the same username overlapped (a burst) is
  refused like the others, whether its password was right or wrong, so that a burst
  never learns which guess was right.
- A client address gets at most `ADDRESS_LIMIT` failed or refused attempts in any
  `WINDOW`, across usernames; a success gives its attempt back.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from models.identity import LoginThrottle

WINDOW = timedelta(minutes=15)
USERNAME_LIMIT = 10
ADDRESS_LIMIT = 50
MAX_DELAY = 300.0
# Attempts without a success that bring no delay yet.
FREE_FAILURES = 1
# Every this many settled attempts, a process deletes rows idle for a whole window.
PURGE_EVERY = 100
_KEY_ROOM = 290  # of the column's 300 characters


def now() -> datetime:
    """The throttle's clock (tests move it instead of waiting)."""
    return datetime.now(UTC)


def delay_after(failures: int) -> float:
    """Seconds the next attempt waits after `failures` attempts without a success: none
    after the first (a typo is retyped at once), then 1 s, 2 s, 4 s …"""
    if failures <= FREE_FAILURES:
        return 0.0
    return min(2.0 ** (failures - FREE_FAILURES - 1), MAX_DELAY)


def username_row_key(username_key: str) -> str:
    key = f"user:{username_key}"
    if len(key) > _KEY_ROOM:  # no such username can exist; still throttled, by digest
        key = "user#" + hashlib.sha256(username_key.encode()).hexdigest()
    return key


def address_row_key(address: str) -> str:
    """An IPv4 address as it is, an IPv6 one by its /64 (one host's usual share)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "addr#" + hashlib.sha256(address.encode()).hexdigest()
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return f"addr:{ip.ipv4_mapped}"
        return f"addr:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"addr:{ip}"


@dataclass(frozen=True, slots=True)
class Ticket:
    """An attempt taken: the password may be verified once."""

    user_key: str
    address_key: str | None
    sequence: int
    stamp: float


@dataclass(frozen=True, slots=True)
class Refused:
    retry_after: int  # seconds


def _recent(row: LoginThrottle, now: float, limit: int) -> list[float]:
    """The row's attempts within the window, the last `limit` of them (only those
    decide whether another fits)."""
    since = now - WINDOW.total_seconds()
    return [t for t in row.recent if t > since][-limit:]


def _wait(user: LoginThrottle, address: LoginThrottle | None, now: datetime) -> tuple[float, bool]:
    """Seconds until the next attempt may be taken, and whether the address is why."""
    t, window = now.timestamp(), WINDOW.total_seconds()
    waits = [0.0]
    if len(user.recent) >= USERNAME_LIMIT:
        waits.append(user.recent[-USERNAME_LIMIT] + window - t)
    if user.next_attempt_at is not None:
        waits.append((user.next_attempt_at - now).total_seconds())
    address_wait = 0.0
    if address is not None and len(address.recent) >= ADDRESS_LIMIT:
        address_wait = address.recent[-ADDRESS_LIMIT] + window - t
    return max(*waits, address_wait), address_wait > 0


async def _locked(
    keys: list[str], now: datetime, conn: BaseDBAsyncClient
) -> dict[str, LoginThrottle]:
    """The rows of `keys`, made when missing and locked (in key order, so that two
    attempts never wait on each other's rows)."""
    keys = sorted(keys)
    await LoginThrottle.bulk_create(
        [LoginThrottle(key=k, updated_at=now) for k in keys], ignore_conflicts=True, using_db=conn
    )
    rows = (
        await LoginThrottle.filter(key__in=keys).order_by("key").select_for_update().using_db(conn)
    )
    return {r.key: r for r in rows}


async def _save(rows: list[LoginThrottle | None], now: datetime, conn: BaseDBAsyncClient) -> None:
    for row in rows:
        if row is not None:
            row.updated_at = now
            await row.save(
                using_db=conn,
                update_fields=["recent", "failures", "next_attempt_at", "sequence", "updated_at"],
            )


def _refresh(user: LoginThrottle, address: LoginThrottle | None, now: datetime) -> None:
    t = now.timestamp()
    user.recent = _recent(user, t, USERNAME_LIMIT)
    if not user.recent:  # a quiet window: the delays start again
        user.failures, user.next_attempt_at = 0, None
    if address is not None:
        address.recent = _recent(address, t, ADDRESS_LIMIT)


async def reserve(username_key: str, address: str | None, now: datetime) -> Ticket | Refused:
    """Takes an attempt for the username (and the client address), or refuses."""
    user_key = username_row_key(username_key)
    address_key = address_row_key(address) if address else None
    keys = [k for k in (user_key, address_key) if k]
    for _ in range(3):  # a purge may delete an idle row between insert and lock
        async with in_transaction() as conn:
            rows = await _locked(keys, now, conn)
            if len(rows) < len(keys):
                continue
            user, addr = rows[user_key], rows.get(address_key) if address_key else None
            _refresh(user, addr, now)
            user.sequence += 1
            wait, address_full = _wait(user, addr, now)
            stamp = now.timestamp()
            if addr is not None and not address_full:
                addr.recent = [*addr.recent, stamp]  # taken, or refused for the username
            if wait > 0:
                await _save([user, addr], now, conn)
                return Refused(max(1, math.ceil(wait)))
            user.recent = [*user.recent, stamp]
            user.failures += 1
            user.next_attempt_at = now + timedelta(seconds=delay_after(user.failures))
            await _save([user, addr], now, conn)
            return Ticket(user_key, address_key, user.sequence, stamp)
    raise RuntimeError("the login throttle rows kept disappearing")


_settled = 0


async def settle(ticket: Ticket, verified: bool, now: datetime) -> Refused | None:
    """Records the outcome of a verification. Refused when another attempt for the
    username overlapped it (the caller answers RATE_LIMITED, right password or not);
    None otherwise (a success is honoured; a failure keeps its attempt and delay)."""
    global _settled
    keys = [k for k in (ticket.user_key, ticket.address_key) if k]
    async with in_transaction() as conn:
        rows = await _locked(keys, now, conn)
        user = rows.get(ticket.user_key)
        addr = rows.get(ticket.address_key) if ticket.address_key else None
        if user is None or user.sequence != ticket.sequence:
            wait = _wait(user, addr, now)[0] if user is not None else 0.0
            result: Refused | None = Refused(max(1, math.ceil(wait)))
        elif verified:
            user.failures, user.next_attempt_at = 0, None
            if addr is not None and ticket.stamp in addr.recent:
                recent = list(addr.recent)
                recent.remove(ticket.stamp)
                addr.recent = recent
            await _save([user, addr], now, conn)
            result = None
        else:
            result = None
    _settled += 1
    if _settled % PURGE_EVERY == 0:
        await purge(now)
    return result


async def purge(now: datetime, limit: int = 500) -> int:
    """Deletes rows idle for a whole window (they hold nothing a fresh row does not);
    rows another transaction holds are skipped."""
    async with in_transaction() as conn:
        idle = (
            await LoginThrottle.filter(updated_at__lt=now - WINDOW)
            .select_for_update(skip_locked=True)
            .limit(limit)
            .using_db(conn)
        )
        if idle:
            await LoginThrottle.filter(id__in=[r.id for r in idle]).using_db(conn).delete()
    return len(idle)


async def clear(username_key: str, using_db: BaseDBAsyncClient | None = None) -> None:
    """Forgets the username's attempts (unlockUser, resetUserPassword)."""
    await LoginThrottle.filter(key=username_row_key(username_key)).using_db(using_db).delete()


async def locked_until(username_keys: list[str], now: datetime) -> dict[str, datetime | None]:
    """For each username key: until when its password logins are refused, or None."""
    by_row = {username_row_key(k): k for k in username_keys}
    found = dict.fromkeys(username_keys)
    for row in await LoginThrottle.filter(key__in=list(by_row)):
        _refresh(row, None, now)
        wait = _wait(row, None, now)[0]
        found[by_row[row.key]] = now + timedelta(seconds=wait) if wait > 0 else None
    return found
