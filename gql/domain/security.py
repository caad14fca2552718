"""Passwords and tokens.

Passwords: argon2id with OWASP's parameters (19 MiB, t=2, p=1), hashed and verified
in a worker thread so the event loop never stalls on them. The policy follows NIST SP
800-63B-4: a minimum length, a maximum of 256, no composition rules, and a refusal of
guessable passwords (zxcvbn's estimate, which covers breached-password lists, keyboard
walks and repeats) or of ones containing the username.

Tokens: 256 random bits, shown once; only their SHA-256 is stored.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

PASSWORD_MAX_LENGTH = 256
DEFAULT_PASSWORD_MIN_LENGTH = 15
MIN_ZXCVBN_SCORE = 3
TOKEN_PREFIX = "ppa_"  # noqa: S105 - a marker, not a secret

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


@cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(24))


async def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches. With no hash (an unknown user) it still spends
    the time of a real verification, so timing does not tell which usernames exist."""

    def verify() -> bool:
        try:
            return _hasher.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(verify)


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
    if password == "":
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
    estimate = zxcvbn(password, user_inputs=_guessable_words(user_inputs))
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
    """The first policy rule the password breaks, or None. The estimator runs in a
    worker thread: on long inputs it costs tens of milliseconds."""
    return await asyncio.to_thread(
        _check_password,
        password,
        username=username,
        user_inputs=(username, *user_inputs),
        min_length=min_length,
    )
