"""The operator's partners and catalogue, audit events, PII redaction, capabilities."""

from __future__ import annotations

import httpx
import pytest
from tortoise.transactions import in_transaction

from gql.domain import audit, ids
from models.audit import AuditEvent
from models.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from models.enums import Role
from models.identity import Partner
from tests.factories import login, make_partner, make_user

CREATE_PARTNER = """
mutation($input: CreatePartnerInput!) {
  createPartner(input: $input) { partner { id name edgeLicensingEnabled } errors { code field } }
}
"""
CREATE_IMAGE = """
mutation($input: CreateSoftwareImageInput!) {
  createSoftwareImage(input: $input) { softwareImage { id version } errors { code field } }
}
"""
CREATE_POOL = """
mutation($input: CreateGatewayPoolInput!) {
  createGatewayPool(input: $input) { gatewayPool { id name } errors { code field } }
}
"""
CREATE_LICENSE = """
mutation($input: CreateEdgeLicenseInput!) {
  createEdgeLicense(input: $input) { edgeLicense { id sku edition } errors { code field } }
}
"""
USER_NODE = """
query($id: ID!) {
  node(id: $id) { ... on User { role piiRedacted username firstName phone contactEmail } }
}
"""
CAPABILITIES = """
{ viewerCapabilities { canCreateCustomer edgeLicensingEnabled analyticsAvailable
  canManageUsers canViewUserPII canManageCatalogue canManageApiTokens } }
"""


def _errors(payload: dict) -> set[tuple[str, tuple[str, ...]]]:
    return {(e["code"], tuple(e["field"])) for e in payload["errors"]}


@pytest.fixture
async def operator(gql):
    return await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "ops@vendor.example"))


async def test_partner_names_are_trimmed_and_unique_whatever_their_case(gql, operator) -> None:
    first = await gql(
        CREATE_PARTNER,
        {"input": {"name": "  Acme Networks ", "edgeLicensingEnabled": True}},
        token=operator.token,
    )
    assert first["data"]["createPartner"]["partner"]["name"] == "Acme Networks"
    assert first["data"]["createPartner"]["partner"]["edgeLicensingEnabled"] is True
    dup = await gql(CREATE_PARTNER, {"input": {"name": "ACME networks"}}, token=operator.token)
    assert _errors(dup["data"]["createPartner"]) == {("DUPLICATE", ("input", "name"))}
    blank = await gql(CREATE_PARTNER, {"input": {"name": "   "}}, token=operator.token)
    assert _errors(blank["data"]["createPartner"]) == {("REQUIRED", ("input", "name"))}
    assert await Partner.all().count() == 1


async def test_catalogue_items_are_unique(gql, operator) -> None:
    for document, value, key in (
        (CREATE_IMAGE, {"version": "5.2.0"}, "version"),
        (CREATE_POOL, {"name": "EU West"}, "name"),
    ):
        assert (await gql(document, {"input": value}, token=operator.token))["data"]
        again = {k: v.upper() if k == "name" else v for k, v in value.items()}
        body = await gql(document, {"input": again}, token=operator.token)
        payload = next(iter(body["data"].values()))
        assert _errors(payload) == {("DUPLICATE", ("input", key))}
    assert await SoftwareImage.all().count() == 1
    assert await GatewayPool.all().count() == 1


async def test_edge_license_reports_every_problem_and_writes_nothing(gql, operator) -> None:
    events_before = await AuditEvent.all().count()
    body = await gql(
        CREATE_LICENSE,
        {
            "input": {
                "sku": " ",
                "edition": "PREMIUM",
                "bandwidthMbps": 0,
                "termMonths": 121,
                "region": "",
            }
        },
        token=operator.token,
    )
    payload = body["data"]["createEdgeLicense"]
    assert payload["edgeLicense"] is None
    assert _errors(payload) == {
        ("REQUIRED", ("input", "sku")),
        ("REQUIRED", ("input", "region")),
        ("INVALID", ("input", "bandwidthMbps")),
        ("INVALID", ("input", "termMonths")),
    }
    assert await EdgeLicense.all().count() == 0
    assert await AuditEvent.all().count() == events_before
    ok = await gql(
        CREATE_LICENSE,
        {
            "input": {
                "sku": "VC-ENT-100M-12",
                "edition": "ENTERPRISE",
                "bandwidthMbps": 100,
                "termMonths": 12,
                "region": "EMEA",
            }
        },
        token=operator.token,
    )
    assert ok["data"]["createEdgeLicense"]["edgeLicense"]["edition"] == "ENTERPRISE"


async def test_every_successful_mutation_writes_an_audit_event(gql, operator) -> None:
    await AuditEvent.all().delete()  # the login's own event
    await gql(CREATE_PARTNER, {"input": {"name": "Globex"}}, token=operator.token)
    await gql(
        CREATE_IMAGE, {"input": {"version": "6.0.1", "description": "LTS"}}, token=operator.token
    )
    await gql(CREATE_POOL, {"input": {"name": "APAC"}}, token=operator.token)
    events = (
        await AuditEvent.all()
        .order_by("id")
        .values("actor_id", "actor_username", "action", "target_type", "changes", "created_at")
    )
    assert [e["action"] for e in events] == [
        "partner.create",
        "softwareImage.create",
        "gatewayPool.create",
    ]
    for event in events:
        assert event["actor_id"] == operator.id
        assert event["actor_username"] == "ops@vendor.example"
        assert event["created_at"] is not None
    assert events[1]["changes"] == {"version": "6.0.1", "description": "LTS"}


async def test_audit_changes_never_hold_secrets(operator) -> None:
    async with in_transaction() as conn:
        await audit.record(
            None,
            "test",
            "User",
            1,
            partner_id=None,
            changes={
                "password": "a",
                "confirmPassword": "b",
                "confirm_password": "c",
                "admin": {"password": "d", "tokenHash": "e", "firstName": "Ann"},
                "name": "x",
            },
            using_db=conn,
        )
    event = await AuditEvent.get(action="test")
    assert event.changes == {"admin": {"firstName": "Ann"}, "name": "x"}


async def test_mutations_are_refused_over_get(client: httpx.AsyncClient, operator) -> None:
    response = await client.get(
        "/graphql",
        params={"query": 'mutation { createPartner(input: {name: "Via GET"}) { partner { id } } }'},
        headers={"Authorization": f"Bearer {operator.token}"},
    )
    assert response.status_code == 405  # as the GraphQL-over-HTTP spec asks
    assert "data" not in response.text
    assert not await Partner.filter(name="Via GET").exists()


async def test_customer_support_sees_roles_but_no_user_identifiable_fields(gql) -> None:
    acme = await make_partner("Acme")
    admin = await make_user(Role.PARTNER_STANDARD_ADMIN, "admin@acme.example", partner=acme)
    support = await login(
        gql, await make_user(Role.PARTNER_CUSTOMER_SUPPORT, "help@acme.example", partner=acme)
    )
    superuser = await login(
        gql, await make_user(Role.PARTNER_SUPERUSER, "su@acme.example", partner=acme)
    )
    user_id = ids.encode("User", admin.id)
    hidden = (await gql(USER_NODE, {"id": user_id}, token=support.token))["data"]["node"]
    assert hidden == {
        "role": "PARTNER_STANDARD_ADMIN",
        "piiRedacted": True,
        "username": None,
        "firstName": None,
        "phone": None,
        "contactEmail": None,
    }
    shown = (await gql(USER_NODE, {"id": user_id}, token=superuser.token))["data"]["node"]
    assert shown["piiRedacted"] is False
    assert shown["username"] == "admin@acme.example"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.OPERATOR_SUPERUSER, (False, False, True, True, True, True)),
        (Role.OPERATOR_SUPPORT, (False, False, False, False, False, False)),
        (Role.PARTNER_SUPERUSER, (True, True, True, True, False, True)),
        (Role.PARTNER_STANDARD_ADMIN, (True, True, False, True, False, False)),
        (Role.PARTNER_CUSTOMER_SUPPORT, (False, True, False, False, False, False)),
    ],
)
async def test_viewer_capabilities_follow_the_role(gql, role: Role, expected: tuple) -> None:
    partner = await make_partner("Acme", edge_licensing=True)
    account = await login(
        gql,
        await make_user(role, "someone@acme.example", partner=partner if role.is_partner else None),
    )
    caps = (await gql(CAPABILITIES, token=account.token))["data"]["viewerCapabilities"]
    assert (
        caps["canCreateCustomer"],
        caps["edgeLicensingEnabled"],
        caps["canManageUsers"],
        caps["canViewUserPII"],
        caps["canManageCatalogue"],
        caps["canManageApiTokens"],
    ) == expected
    assert caps["analyticsAvailable"] is False
