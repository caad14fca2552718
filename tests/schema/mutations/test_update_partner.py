"""updatePartner: what a partner may assign, and its defaults."""

from __future__ import annotations

from gql.domain import ids
from models.audit import AuditEvent
from models.catalogue import PartnerSoftwareImage
from models.identity import Partner
from tests.factories import make_partner
from tests.schema.partner_kit import UPDATE, _update


async def test_sets_and_defaults_are_assigned(gql, operator, partner_catalogue) -> None:
    acme = await make_partner("Acme")
    payload = await _update(
        gql,
        operator,
        acme,
        name="Acme Networks",
        edgeLicensingEnabled=True,
        softwareImageIds=partner_catalogue["images"][:2],
        defaultSoftwareImageId=partner_catalogue["images"][1],
        gatewayPoolIds=partner_catalogue["pools"][:1],
        edgeLicenseIds=[partner_catalogue["license"]],
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
    assert event.changes["softwareImageIds"] == partner_catalogue["images"][:2]


async def test_the_default_must_be_in_the_set(gql, operator, partner_catalogue) -> None:
    acme = await make_partner("Acme")
    payload = await _update(
        gql,
        operator,
        acme,
        softwareImageIds=partner_catalogue["images"][:2],
        defaultSoftwareImageId=partner_catalogue["images"][2],
    )
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("DEFAULT_IMAGE_REQUIRED", ["input", "defaultSoftwareImageId"])
    ]
    ambiguous = await _update(
        gql,
        operator,
        acme,
        softwareImageIds=partner_catalogue["images"][:2],
        gatewayPoolIds=partner_catalogue["pools"],
    )
    assert {(e["code"], e["field"][1]) for e in ambiguous["errors"]} == {
        ("DEFAULT_IMAGE_REQUIRED", "defaultSoftwareImageId"),
        ("INVALID", "defaultGatewayPoolId"),
    }
    assert await PartnerSoftwareImage.all().count() == 0  # nothing written


async def test_the_current_default_stays_while_it_remains(gql, operator, partner_catalogue) -> None:
    acme = await make_partner("Acme")
    await _update(
        gql,
        operator,
        acme,
        softwareImageIds=partner_catalogue["images"][:2],
        defaultSoftwareImageId=partner_catalogue["images"][0],
    )
    payload = await _update(gql, operator, acme, softwareImageIds=partner_catalogue["images"])
    assert payload["errors"] == []
    assert payload["partner"]["defaultSoftwareImage"] == {"version": "5.0.0"}
    removed = await _update(gql, operator, acme, softwareImageIds=[partner_catalogue["images"][2]])
    assert removed["partner"]["defaultSoftwareImage"] == {"version": "6.0.0"}
    assert await PartnerSoftwareImage.filter(partner_id=acme.id).count() == 1


async def test_unknown_ids_are_reported_by_position(gql, operator, partner_catalogue) -> None:
    acme = await make_partner("Acme")
    payload = await _update(
        gql,
        operator,
        acme,
        softwareImageIds=[partner_catalogue["images"][0], partner_catalogue["pools"][0], "garbage"],
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
