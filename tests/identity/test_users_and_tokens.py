"""User creation (password policy, validation, tenancy) and API tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from gql.domain import ids
from models.audit import AuditEvent
from models.enums import Role
from models.identity import AuthToken, User
from tests.factories import STRONG_PASSWORD, login, make_partner, make_user

CREATE_PARTNER_USER = """
mutation Create($input: CreatePartnerUserInput!) {
  createPartnerUser(input: $input) {
    user { id role username phone piiRedacted partner { name } }
    errors { code field message }
  }
}
"""
SET_PROPERTY = """
mutation Set($input: SetSystemPropertyInput!) {
  setSystemProperty(input: $input) { systemProperty { name value } errors { code field message } }
}
"""
CREATE_TOKEN = """
mutation Token($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name expiresAt } errors { code field } }
}
"""
REVOKE_TOKEN = """
mutation Revoke($input: RevokeApiTokenInput!) {
  revokeApiToken(input: $input) { apiToken { id revokedAt } errors { code field } }
}
"""
ME = "{ me { id } }"


@pytest.fixture
async def world(gql):
    acme = await make_partner("Acme Networks")
    globex = await make_partner("Globex")
    operator = await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "ops@vendor.example"))
    acme_su = await login(
        gql, await make_user(Role.PARTNER_SUPERUSER, "su@acme.example", partner=acme)
    )
    globex_su = await login(
        gql, await make_user(Role.PARTNER_SUPERUSER, "su@globex.example", partner=globex)
    )
    return {
        "acme": acme,
        "globex": globex,
        "op": operator,
        "acme_su": acme_su,
        "globex_su": globex_su,
    }


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


async def test_system_property_values_are_typed(gql, world) -> None:
    bad = await gql(
        SET_PROPERTY,
        {"input": {"name": "session.options.enableAnalytics", "value": "yes"}},
        token=world["op"].token,
    )
    assert bad["data"]["setSystemProperty"]["errors"][0]["code"] == "INVALID"
    unknown = await gql(
        SET_PROPERTY, {"input": {"name": "no.such", "value": "1"}}, token=world["op"].token
    )
    assert unknown["data"]["setSystemProperty"]["errors"][0]["code"] == "NOT_FOUND"
    ok = await gql(
        SET_PROPERTY,
        {"input": {"name": "session.options.disableCreateEnterprise", "value": "TRUE"}},
        token=world["op"].token,
    )
    assert ok["data"]["setSystemProperty"]["systemProperty"]["value"] == "true"
    caps = await gql("{ viewerCapabilities { canCreateCustomer } }", token=world["acme_su"].token)
    assert caps["data"]["viewerCapabilities"]["canCreateCustomer"] is False


async def test_api_token_lifecycle_and_tenancy(gql, world) -> None:
    body = await gql(
        CREATE_TOKEN,
        {"input": {"name": "PSA sync", "expiresInDays": 30}},
        token=world["acme_su"].token,
    )
    payload = body["data"]["createApiToken"]
    token, token_id = payload["token"], payload["apiToken"]["id"]
    assert (await gql(ME, token=token))["data"]["me"] is not None
    # Another partner neither sees nor revokes it.
    listed = await gql("{ apiTokens { id } }", token=world["globex_su"].token)
    assert listed["data"]["apiTokens"] == []
    assert (
        await gql(
            "query($id: ID!) { node(id: $id) { id } }",
            {"id": token_id},
            token=world["globex_su"].token,
        )
    )["data"]["node"] is None
    refused = await gql(REVOKE_TOKEN, {"input": {"id": token_id}}, token=world["globex_su"].token)
    assert refused["data"]["revokeApiToken"]["errors"][0]["code"] == "NOT_FOUND"
    assert (await gql(ME, token=token))["data"]["me"] is not None
    # Its own partner revokes it, and it stops working at once.
    revoked = await gql(REVOKE_TOKEN, {"input": {"id": token_id}}, token=world["acme_su"].token)
    assert revoked["data"]["revokeApiToken"]["apiToken"]["revokedAt"] is not None
    assert (await gql(ME, token=token))["data"]["me"] is None


async def test_an_expired_api_token_is_refused(gql, world) -> None:
    body = await gql(CREATE_TOKEN, {"input": {"name": "old"}}, token=world["acme_su"].token)
    token = body["data"]["createApiToken"]["token"]
    await AuthToken.filter(name="old").update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    assert (await gql(ME, token=token))["data"]["me"] is None


async def test_partner_users_never_see_another_partners_objects(gql, world) -> None:
    for type_name, pk in (("Partner", world["globex"].id), ("User", world["globex_su"].id)):
        body = await gql(
            "query($id: ID!) { node(id: $id) { id } }",
            {"id": ids.encode(type_name, pk)},
            token=world["acme_su"].token,
        )
        assert body["data"]["node"] is None
    own = await gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": ids.encode("Partner", world["acme"].id)},
        token=world["acme_su"].token,
    )
    assert own["data"]["node"] is not None
    # An ID of the wrong type is not found either.
    wrong = await gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": ids.encode("Nope", world["acme"].id)},
        token=world["acme_su"].token,
    )
    assert wrong["data"]["node"] is None


async def test_users_lists_the_callers_partner_only(gql, world) -> None:
    body = await gql("{ users { username role piiRedacted } }", token=world["acme_su"].token)
    assert body["data"]["users"] == [
        {"username": "su@acme.example", "role": "PARTNER_SUPERUSER", "piiRedacted": False}
    ]
    everyone = await gql("{ users { username } }", token=world["op"].token)
    assert [u["username"] for u in everyone["data"]["users"]] == [
        "ops@vendor.example",
        "su@acme.example",
        "su@globex.example",
    ]
