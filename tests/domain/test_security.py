"""The password policy and the bound on concurrent argon2 work."""

from __future__ import annotations

import asyncio
import threading

from gql.domain import security, users
from gql.domain.problems import Problems
from gql.domain.security import _check_password


def _check(password: str, min_length: int = 15):
    return _check_password(
        password, username="ann@acme.example", user_inputs=(), min_length=min_length
    )


def test_blank_after_trimming_is_required() -> None:
    assert _check("").code == "REQUIRED"
    assert _check("\t" * 15 + "\n" * 15).code == "REQUIRED"
    assert _check("\u3000" * 20).code == "REQUIRED"  # ideographic spaces


def test_long_passwords_are_scored_on_a_prefix_and_never_fail() -> None:
    strong = "velvet-orchard-compass-27-glacier-" * 8
    assert _check(strong[:256], min_length=80) is None
    assert _check(strong[:73]) is None
    weak = "a" * 100
    assert _check(weak, min_length=80).code == "PASSWORD_TOO_WEAK"
    assert _check("x" * 257).code == "PASSWORD_TOO_WEAK"


def test_length_is_counted_after_nfkc() -> None:
    # Sixteen code points typed, eight once each accent is composed with its letter.
    assert _check("e\u0301" * 8, min_length=15).message.startswith("Use at least")
    assert security.normalize_password("\ufb01") == "fi"


def test_the_confirmation_is_compared_normalised() -> None:
    problems = Problems()
    users.check_confirmation(problems, "caf\u00e9-quarry", "cafe\u0301-quarry")
    assert not problems
    users.check_confirmation(problems, "caf\u00e9-quarry", "cafe-quarry")
    assert [code for code, _, _ in problems.items] == ["PASSWORD_MISMATCH"]


async def test_at_most_the_configured_number_of_hashes_run_at_once() -> None:
    lock = threading.Lock()
    running = peak = 0

    def work(password: str) -> str:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        try:
            return security._hasher.hash(password)  # real argon2 work
        finally:
            with lock:
                running -= 1

    slots = security._Slots()
    slots.configure(2)
    results = await asyncio.gather(*(slots.run(work, f"password-{n}") for n in range(12)))
    assert len(set(results)) == 12
    assert 1 <= peak <= 2
