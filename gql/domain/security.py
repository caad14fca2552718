"""Passwords and tokens.

Passwords: NFKC-normalised first (so one password typed two ways is one password),
then argon2id with OWASP's parameters (19 MiB, t=2, p=1), hashed and verified in a
worker thread so the event loop never stalls on them, and at most
`PORTAL_PASSWORD_HASH_CONCURRENCY` at once in a process, so a flood of logins queues
instead of taking every core. The policy follows NIST SP 800-63B-4: a minimum length,
a maximum of 256, no composition rules, and a refusal of guessable passwords
(zxcvbn's estimate over the first 72 characters, which covers breached-password
lists, keyboard walks and repeats) or of ones containing the username. A hash made
with other parameters than today's is replaced at the next successful login.

Tokens: 256 random bits, shown once; only their SHA-256 is stored.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from prometheus_client import Counter
from zxcvbn import zxcvbn

from gql import db

PASSWORD_MAX_LENGTH = 256
DEFAULT_PASSWORD_MIN_LENGTH = 15
MIN_ZXCVBN_SCORE = 3
# zxcvbn refuses longer input; a longer password is scored on this prefix.
STRENGTH_PREFIX = 72
TOKEN_PREFIX = "ppa_"  # noqa: S105 - a marker, not a secret

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)

VERIFICATIONS = Counter(
    "portal_password_verifications_total", "argon2 password verifications run (logins)."
)
HASHES = Counter("portal_password_hashes_total", "argon2 password hashes computed.")

T = TypeVar("T")


def default_hash_concurrency() -> int:
    """Half the cores (at least one): the other half stays free for everything else."""
    return max(1, (os.cpu_count() or 2) // 2)


class _Slots:
    """At most `limit` argon2 computations at once in this process. The semaphore is
    made on first use, inside the running event loop."""

    def __init__(self) -> None:
        self.limit = default_hash_concurrency()
        self._semaphore: asyncio.Semaphore | None = None

    def configure(self, limit: int) -> None:
        self.limit, self._semaphore = limit, None

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.limit)
        if self._semaphore.locked():  # a queue: hold no pool connection while in it
            await db.lend_connection()
        async with self._semaphore:
            return await asyncio.to_thread(fn, *args)


_slots = _Slots()


def configure_hashing(concurrency: int) -> None:
    """How many argon2 computations may run at once in this process. The dummy hash
    is made now, so that the first unknown username costs no more than the others."""
    _slots.configure(concurrency)
    _dummy_hash()


def normalize_password(password: str) -> str:
    """NFKC: `café` typed with a combining accent or precomposed, fullwidth letters or
    plain ones, is one password."""
    return unicodedata.normalize("NFKC", password)


def _hash(password: str) -> str:
    HASHES.inc()
    return _hasher.hash(password)


async def hash_password(password: str) -> str:
    return await _slots.run(_hash, normalize_password(password))


@cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(24))


def _verify(password_hash: str | None, password: str) -> bool:
    VERIFICATIONS.inc()
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the (normalised) password matches. With no hash (an unknown user) it
    verifies against a dummy hash of today's parameters, so that timing does not tell
    which usernames exist."""
    return await _slots.run(_verify, password_hash, normalize_password(password))


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than today's."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


def new_token() -> tuple[str, str]:
    """A fresh token and the hash to store for it."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PasswordProblem:
    code: str  # REQUIRED or PASSWORD_TOO_WEAK
    message: str


def _guessable_words(user_inputs: tuple[str, ...]) -> list[str]:
    """Each input whole, word by word and run together ("Acme Networks" gives "acme",
    "networks" and "acmenetworks"), so the estimator spots them however they are
    written into a password."""
    words: set[str] = set()
    for value in user_inputs:
        parts = [p for p in re.split(r"[^0-9a-z]+", value.lower()) if p]
        words.update(parts)
        words.add("".join(parts))
    return sorted(w for w in words if len(w) >= 3)


def _check_password(
    password: str, *, username: str, user_inputs: tuple[str, ...], min_length: int
) -> PasswordProblem | None:
    password = normalize_password(password)
    if password.strip() == "":
        return PasswordProblem("REQUIRED", "Enter a password.")
    if len(password) < min_length:
        return PasswordProblem(
            "PASSWORD_TOO_WEAK",
            f"Use at least {min_length} characters; a long passphrase of several "
            "unrelated words is easy to remember.",
        )
    if len(password) > PASSWORD_MAX_LENGTH:
        return PasswordProblem(
            "PASSWORD_TOO_WEAK", f"Use at most {PASSWORD_MAX_LENGTH} characters."
        )
    local_part = username.split("@", 1)[0].strip().lower()
    if len(local_part) >= 3 and local_part in password.lower():
        return PasswordProblem("PASSWORD_TOO_WEAK", "The password must not contain the username.")
    estimate = zxcvbn(password[:STRENGTH_PREFIX], user_inputs=_guessable_words(user_inputs))
    if estimate["score"] < MIN_ZXCVBN_SCORE:
        feedback = estimate.get("feedback") or {}
        hints = [feedback.get("warning") or "", *(feedback.get("suggestions") or [])]
        hint = " ".join(h.strip() for h in hints if h and h.strip())
        return PasswordProblem(
            "PASSWORD_TOO_WEAK",
            "This password is too easy to guess." + (f" {hint}" if hint else ""),
        )
    return None


async def check_password(
    password: str,
    *,
    username: str,
    user_inputs: tuple[str, ...] = (),
    min_length: int = DEFAULT_PASSWORD_MIN_LENGTH,
) -> PasswordProblem | None:
    """The first policy rule the (NFKC-normalised) password breaks, or None: REQUIRED
    when blank or only white space. The estimator runs in a worker thread: on long
    inputs it costs tens of milliseconds."""
    return await asyncio.to_thread(
        _check_password,
        password,
        username=username,
        user_inputs=(username, *user_inputs),
        min_length=min_length,
    )
