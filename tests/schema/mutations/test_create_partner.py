"""createPartner: names trimmed and unique whatever their case."""

from __future__ import annotations

from models.identity import Partner
from tests.schema.catalogue_kit import CREATE_PARTNER, _errors


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
