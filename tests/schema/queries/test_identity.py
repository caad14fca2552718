"""me, node, users, viewerCapabilities: who sees what of whom."""

from __future__ import annotations

import logging

import pytest

from gql.domain import ids
from models.enums import Role
from tests.factories import login, make_partner, make_user
from tests.schema.identity_kit import ME
from tests.schema.partner_kit import _update

USER_NODE = """
query($id: ID!) {
  node(id: $id) { ... on User { role piiRedacted username firstName phone contactEmail } }
}
"""


CAPABILITIES = """
{ viewerCapabilities { canCreateCustomer edgeLicensingEnabled analyticsAvailable
  canManageUsers canViewUserPII canManageCatalogue canManageApiTokens } }
"""


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


async def test_me_is_null_without_a_token(gql) -> None:
    assert (await gql(ME))["data"]["me"] is None
    assert (await gql(ME, token="ppa_not-a-real-token"))["data"]["me"] is None


PARTNERS_PAGE = """
{ partners { name softwareImages { image { version } isDefault } defaultSoftwareImage { version }
  gatewayPools { pool { name } } defaultGatewayPool { name } edgeLicenses { sku } } }
"""


async def _statements(gql, operator, caplog) -> int:
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="tortoise.db_client"):
        body = await gql(PARTNERS_PAGE, token=operator.token)
    assert "errors" not in body
    return len([r for r in caplog.records if r.name == "tortoise.db_client"])


async def test_a_partners_page_costs_the_same_statements_for_5_or_50(
    gql, operator, partner_catalogue, caplog
) -> None:
    async def add_partners(count: int, start: int) -> None:
        for n in range(start, start + count):
            partner = await make_partner(f"Partner {n:03}")
            await _update(
                gql,
                operator,
                partner,
                softwareImageIds=partner_catalogue["images"],
                defaultSoftwareImageId=partner_catalogue["images"][0],
                gatewayPoolIds=partner_catalogue["pools"][:1],
                edgeLicenseIds=[partner_catalogue["license"]],
            )

    await add_partners(5, 0)
    five = await _statements(gql, operator, caplog)
    await add_partners(45, 5)
    fifty = await _statements(gql, operator, caplog)
    assert 3 <= five == fifty <= 8  # auth, the page, and one statement per relation
