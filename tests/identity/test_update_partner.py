"""updatePartner: what a partner may assign, its defaults, and who then sees what."""

from __future__ import annotations

import logging

import pytest

from gql.domain import ids
from models.audit import AuditEvent
from models.catalogue import EdgeLicense, GatewayPool, PartnerSoftwareImage, SoftwareImage
from models.enums import LicenseEdition, Role
from models.identity import Partner
from tests.factories import login, make_partner, make_user

UPDATE = """
mutation($input: UpdatePartnerInput!) {
  updatePartner(input: $input) {
    partner {
      name edgeLicensingEnabled
      softwareImages { image { version } isDefault }
      defaultSoftwareImage { version }
      gatewayPools { pool { name } isDefault }
      defaultGatewayPool { name }
      edgeLicenses { sku }
    }
    errors { code field message }
  }
}
"""
PARTNERS_PAGE = """
{ partners { name softwareImages { image { version } isDefault } defaultSoftwareImage { version }
  gatewayPools { pool { name } } defaultGatewayPool { name } edgeLicenses { sku } } }
"""


@pytest.fixture
async def catalogue():
    images = [await SoftwareImage.create(version=v) for v in ("5.0.0", "5.2.1", "6.0.0")]
    pools = [await GatewayPool.create(name=n, name_key=n.lower()) for n in ("EU", "US")]
    license_ = await EdgeLicense.create(
        sku="VC-STD-50M-12",
        edition=LicenseEdition.STANDARD,
        bandwidth_mbps=50,
        term_months=12,
        region="EU",
    )
    return {
        "images": [ids.encode("SoftwareImage", i.id) for i in images],
        "pools": [ids.encode("GatewayPool", p.id) for p in pools],
        "license": ids.encode("EdgeLicense", license_.id),
    }


@pytest.fixture
async def operator(gql):
    return await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "ops@vendor.example"))


async def _update(gql, operator, partner: Partner, **fields) -> dict:
    body = await gql(
        UPDATE, {"input": {"id": ids.encode("Partner", partner.id), **fields}}, token=operator.token
    )
    return body["data"]["updatePartner"]


async def test_sets_and_defaults_are_assigned(gql, operator, catalogue) -> None:
    acme = await make_partner("Acme")
    payload = await _update(
        gql,
        operator,
        acme,
        name="Acme Networks",
        edgeLicensingEnabled=True,
        softwareImageIds=catalogue["images"][:2],
        defaultSoftwareImageId=catalogue["images"][1],
        gatewayPoolIds=catalogue["pools"][:1],
        edgeLicenseIds=[catalogue["license"]],
    )
    assert payload["errors"] == []
    partner = payload["partner"]
    assert partner["name"] == "Acme Networks"
    assert partner["edgeLicensingEnabled"] is True
    assert partner["softwareImages"] == [
        {"image": {"version": "5.0.0"}, "isDefault": False},
        {"image": {"version": "5.2.1"}, "isDefault": True},
    ]
    assert partner["defaultSoftwareImage"] == {"version": "5.2.1"}
    # One pool and no default named: the only pool is the default.
    assert partner["gatewayPools"] == [{"pool": {"name": "EU"}, "isDefault": True}]
    assert partner["edgeLicenses"] == [{"sku": "VC-STD-50M-12"}]
    event = await AuditEvent.get(action="partner.update")
    assert event.changes["name"] == "Acme Networks"
    assert event.changes["softwareImageIds"] == catalogue["images"][:2]


async def test_the_default_must_be_in_the_set(gql, operator, catalogue) -> None:
    acme = await make_partner("Acme")
    payload = await _update(
        gql,
        operator,
        acme,
        softwareImageIds=catalogue["images"][:2],
        defaultSoftwareImageId=catalogue["images"][2],
    )
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("DEFAULT_IMAGE_REQUIRED", ["input", "defaultSoftwareImageId"])
    ]
    ambiguous = await _update(
        gql,
        operator,
        acme,
        softwareImageIds=catalogue["images"][:2],
        gatewayPoolIds=catalogue["pools"],
    )
    assert {(e["code"], e["field"][1]) for e in ambiguous["errors"]} == {
        ("DEFAULT_IMAGE_REQUIRED", "defaultSoftwareImageId"),
        ("INVALID", "defaultGatewayPoolId"),
    }
    assert await PartnerSoftwareImage.all().count() == 0  # nothing written


async def test_the_current_default_stays_while_it_remains(gql, operator, catalogue) -> None:
    acme = await make_partner("Acme")
    await _update(
        gql,
        operator,
        acme,
        softwareImageIds=catalogue["images"][:2],
        defaultSoftwareImageId=catalogue["images"][0],
    )
    payload = await _update(gql, operator, acme, softwareImageIds=catalogue["images"])
    assert payload["errors"] == []
    assert payload["partner"]["defaultSoftwareImage"] == {"version": "5.0.0"}
    removed = await _update(gql, operator, acme, softwareImageIds=[catalogue["images"][2]])
    assert removed["partner"]["defaultSoftwareImage"] == {"version": "6.0.0"}
    assert await PartnerSoftwareImage.filter(partner_id=acme.id).count() == 1


async def test_unknown_ids_are_reported_by_position(gql, operator, catalogue) -> None:
    acme = await make_partner("Acme")
    payload = await _update(
        gql,
        operator,
        acme,
        softwareImageIds=[catalogue["images"][0], catalogue["pools"][0], "garbage"],
    )
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("NOT_FOUND", ["input", "softwareImageIds", "1"]),
        ("NOT_FOUND", ["input", "softwareImageIds", "2"]),
    ]
    missing = await gql(UPDATE, {"input": {"id": ids.encode("Partner", 999)}}, token=operator.token)
    assert missing["data"]["updatePartner"]["errors"][0]["code"] == "NOT_FOUND"


async def test_renaming_onto_another_partner_is_a_duplicate(gql, operator) -> None:
    acme = await make_partner("Acme")
    await make_partner("Globex")
    payload = await _update(gql, operator, acme, name="GLOBEX")
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("DUPLICATE", ["input", "name"])
    ]
    assert (await Partner.get(id=acme.id)).name == "Acme"


async def test_partner_admins_see_only_what_their_partner_may_assign(
    gql, operator, catalogue
) -> None:
    acme, globex = await make_partner("Acme"), await make_partner("Globex")
    await _update(
        gql,
        operator,
        acme,
        softwareImageIds=catalogue["images"][:1],
        gatewayPoolIds=catalogue["pools"][:1],
    )
    await _update(
        gql,
        operator,
        globex,
        softwareImageIds=catalogue["images"][1:],
        defaultSoftwareImageId=catalogue["images"][1],
        gatewayPoolIds=catalogue["pools"][1:],
    )
    admin = await login(
        gql, await make_user(Role.PARTNER_STANDARD_ADMIN, "admin@acme.example", partner=acme)
    )
    body = await gql(
        "{ softwareImages { version } gatewayPools { name } edgeLicenses { sku } }",
        token=admin.token,
    )
    assert body["data"] == {
        "softwareImages": [{"version": "5.0.0"}],
        "gatewayPools": [{"name": "EU"}],
        "edgeLicenses": [],
    }
    other_image = await gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": catalogue["images"][2]},
        token=admin.token,
    )
    assert other_image["data"]["node"] is None


async def _statements(gql, operator, caplog) -> int:
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="tortoise.db_client"):
        body = await gql(PARTNERS_PAGE, token=operator.token)
    assert "errors" not in body
    return len([r for r in caplog.records if r.name == "tortoise.db_client"])


async def test_a_partners_page_costs_the_same_statements_for_5_or_50(
    gql, operator, catalogue, caplog
) -> None:
    async def add_partners(count: int, start: int) -> None:
        for n in range(start, start + count):
            partner = await make_partner(f"Partner {n:03}")
            await _update(
                gql,
                operator,
                partner,
                softwareImageIds=catalogue["images"],
                defaultSoftwareImageId=catalogue["images"][0],
                gatewayPoolIds=catalogue["pools"][:1],
                edgeLicenseIds=[catalogue["license"]],
            )

    await add_partners(5, 0)
    five = await _statements(gql, operator, caplog)
    await add_partners(45, 5)
    fifty = await _statements(gql, operator, caplog)
    assert 3 <= five == fifty <= 8  # auth, the page, and one statement per relation
