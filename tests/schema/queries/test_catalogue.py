"""softwareImages, gatewayPools, edgeLicenses: what the caller's partner may assign."""

from __future__ import annotations

from models.enums import Role
from tests.factories import login, make_partner, make_user
from tests.schema.partner_kit import _update


async def test_partner_admins_see_only_what_their_partner_may_assign(
    gql, operator, partner_catalogue
) -> None:
    acme, globex = await make_partner("Acme"), await make_partner("Globex")
    await _update(
        gql,
        operator,
        acme,
        softwareImageIds=partner_catalogue["images"][:1],
        gatewayPoolIds=partner_catalogue["pools"][:1],
    )
    await _update(
        gql,
        operator,
        globex,
        softwareImageIds=partner_catalogue["images"][1:],
        defaultSoftwareImageId=partner_catalogue["images"][1],
        gatewayPoolIds=partner_catalogue["pools"][1:],
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
        {"id": partner_catalogue["images"][2]},
        token=admin.token,
    )
    assert other_image["data"]["node"] is None
