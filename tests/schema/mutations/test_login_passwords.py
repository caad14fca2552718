"""Passwords end to end: NFKC-normalised before they are checked, hashed and
verified; up to 256 characters whatever the minimum; blank ones REQUIRED; a hash of
older argon2 parameters upgraded at the next successful login."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher, Type
from prometheus_client import REGISTRY

from gql.domain.security import needs_rehash
from models.enums import Role
from models.identity import User
from tests.factories import make_user
from tests.schema.identity_kit import SET_PROPERTY
from tests.schema.login_kit import attempt

CREATE = """
mutation Create($input: CreateOperatorUserInput!) {
  createOperatorUser(input: $input) { user { username } errors { code field message } }
}
"""
# "café" with a combining accent, and precomposed.
DECOMPOSED = "cafe\u0301-quarry-lantern-94-fjord-umbrella"
PRECOMPOSED = "caf\u00e9-quarry-lantern-94-fjord-umbrella"


async def _create(gql, operator, username: str, password: str) -> dict:
    body = await gql(
        CREATE,
        {"input": {"role": "OPERATOR_SUPPORT", "username": username, "password": password}},
        token=operator.token,
    )
    return body["data"]["createOperatorUser"]


async def test_a_password_typed_two_ways_is_one_password(gql, client, operator) -> None:
    assert (await _create(gql, operator, "cafe@vendor.example", DECOMPOSED))["errors"] == []
    assert (await attempt(client, "cafe@vendor.example", PRECOMPOSED))["token"]
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in PRECOMPOSED)
    assert (await attempt(client, "cafe@vendor.example", fullwidth))["token"]


async def test_passwords_up_to_256_characters_work_whatever_the_minimum(
    gql, client, operator
) -> None:
    await gql(
        SET_PROPERTY,
        {"input": {"name": "security.password.minLength", "value": "80"}},
        token=operator.token,
    )
    for length in (80, 73 + 100, 256):
        password = secrets.token_urlsafe(200)[:length]
        made = await _create(gql, operator, f"long{length}@vendor.example", password)
        assert made["errors"] == [], length
        assert (await attempt(client, f"long{length}@vendor.example", password))["token"]
    made = await _create(gql, operator, "toolong@vendor.example", "x" * 257)
    assert [e["code"] for e in made["errors"]] == ["PASSWORD_TOO_WEAK"]


async def test_a_white_space_password_is_required(gql, operator) -> None:
    made = await _create(gql, operator, "blank@vendor.example", "\t" * 15 + "\n" * 15)
    assert made["errors"] == [
        {"code": "REQUIRED", "field": ["input", "password"], "message": "Enter a password."}
    ]
    assert not await User.filter(username_key="blank@vendor.example").exists()


async def test_an_old_hash_is_upgraded_at_the_next_successful_login(client) -> None:
    account = await make_user(Role.OPERATOR_SUPPORT, "old@vendor.example")
    old = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1, type=Type.ID)
    old_hash = old.hash("umbrella-quarry-lantern-94-fjord")
    await User.filter(id=account.id).update(password_hash=old_hash)
    assert needs_rehash(old_hash)
    hashes = REGISTRY.get_sample_value("portal_password_hashes_total")
    assert (await attempt(client, account.username, "umbrella-quarry-lantern-94-fjord"))["token"]
    new_hash = (await User.get(id=account.id)).password_hash
    assert new_hash != old_hash
    assert not needs_rehash(new_hash)
    assert REGISTRY.get_sample_value("portal_password_hashes_total") == hashes + 1
    # Logged in with the new hash; not hashed again.
    assert (await attempt(client, account.username, "umbrella-quarry-lantern-94-fjord"))["token"]
    assert REGISTRY.get_sample_value("portal_password_hashes_total") == hashes + 1
