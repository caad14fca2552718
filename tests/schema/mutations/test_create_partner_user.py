"""createPartnerUser (and createOperatorUser): the password policy, tenancy, roles, every
problem at once, usernames unique."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from gql.domain import ids
from models.audit import AuditEvent
from models.identity import User
from tests.factories import STRONG_PASSWORD
from tests.schema.identity_kit import SET_PROPERTY

CREATE_PARTNER_USER = """
mutation Create($input: CreatePartnerUserInput!) {
  createPartnerUser(input: $input) {
    user { id role username phone piiRedacted partner { name } }
    errors { code field message }
  }
}
"""


def _user_input(**overrides) -> dict:
    return {
        "role": "PARTNER_STANDARD_ADMIN",
        "username": "ann@acme.example",
        "password": STRONG_PASSWORD,
        **overrides,
    }


@pytest.mark.parametrize(
    ("password", "code", "hint"),
    [
        ("", "REQUIRED", "Enter a password"),
        ("Tr0ub4dor&3x", "PASSWORD_TOO_WEAK", "at least 15 characters"),
        ("x" * 257, "PASSWORD_TOO_WEAK", "at most 256"),
        ("passwordpassword1", "PASSWORD_TOO_WEAK", "too easy to guess"),
        ("qwertyuiopasdfghjkl", "PASSWORD_TOO_WEAK", "too easy to guess"),
        ("ann-loves-purple-octopus-77", "PASSWORD_TOO_WEAK", "must not contain the username"),
        # The partner's name counts as guessable, like the user's own names.
        ("AcmeNetworks2024", "PASSWORD_TOO_WEAK", "too easy to guess"),
    ],
)
async def test_password_policy(gql, world, password: str, code: str, hint: str) -> None:
    body = await gql(
        CREATE_PARTNER_USER, {"input": _user_input(password=password)}, token=world["acme_su"].token
    )
    payload = body["data"]["createPartnerUser"]
    assert payload["user"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, ["input", "password"])]
    assert hint in payload["errors"][0]["message"]
    assert not await User.filter(username_key="ann@acme.example").exists()


async def test_the_operator_can_raise_the_minimum_length(gql, world) -> None:
    body = await gql(
        SET_PROPERTY,
        {"input": {"name": "security.password.minLength", "value": "40"}},
        token=world["op"].token,
    )
    assert body["data"]["setSystemProperty"]["errors"] == []
    body = await gql(CREATE_PARTNER_USER, {"input": _user_input()}, token=world["acme_su"].token)
    assert "at least 40 characters" in body["data"]["createPartnerUser"]["errors"][0]["message"]


async def test_partner_superuser_creates_a_user_of_its_own_partner(gql, world) -> None:
    body = await gql(
        CREATE_PARTNER_USER,
        {"input": _user_input(phone="+1 415 555 0123")},
        token=world["acme_su"].token,
    )
    payload = body["data"]["createPartnerUser"]
    assert payload["errors"] == []
    assert payload["user"]["partner"] == {"name": "Acme Networks"}
    assert payload["user"]["phone"] == "+14155550123"
    row = await User.get(username_key="ann@acme.example")
    assert row.partner_id == world["acme"].id
    assert PasswordHasher().verify(row.password_hash, STRONG_PASSWORD)
    assert row.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    event = await AuditEvent.get(action="user.create", target_id=str(row.id))
    assert STRONG_PASSWORD not in str(event.changes)


async def test_another_partners_id_is_not_found(gql, world) -> None:
    other = ids.encode("Partner", world["globex"].id)
    body = await gql(
        CREATE_PARTNER_USER, {"input": _user_input(partnerId=other)}, token=world["acme_su"].token
    )
    assert [(e["code"], e["field"]) for e in body["data"]["createPartnerUser"]["errors"]] == [
        ("NOT_FOUND", ["input", "partnerId"])
    ]
    assert not await User.filter(username_key="ann@acme.example").exists()


async def test_partner_superuser_cannot_create_an_operator_role(gql, world) -> None:
    body = await gql(
        CREATE_PARTNER_USER,
        {"input": _user_input(role="OPERATOR_SUPERUSER")},
        token=world["acme_su"].token,
    )
    assert [e["code"] for e in body["data"]["createPartnerUser"]["errors"]] == ["INVALID"]


async def test_every_problem_is_reported_at_once_and_usernames_are_unique(gql, world) -> None:
    body = await gql(
        CREATE_PARTNER_USER,
        {
            "input": _user_input(
                username="not-an-email", phone="12", contactEmail="nope", password="short"
            )
        },
        token=world["op"].token,
    )
    fields = {tuple(e["field"]): e["code"] for e in body["data"]["createPartnerUser"]["errors"]}
    assert fields == {
        ("input", "partnerId"): "REQUIRED",
        ("input", "username"): "INVALID",
        ("input", "phone"): "INVALID",
        ("input", "contactEmail"): "INVALID",
        ("input", "password"): "PASSWORD_TOO_WEAK",
    }
    dup = await gql(
        CREATE_PARTNER_USER,
        {"input": _user_input(username="SU@ACME.example")},
        token=world["acme_su"].token,
    )
    assert [e["code"] for e in dup["data"]["createPartnerUser"]["errors"]] == ["DUPLICATE"]
