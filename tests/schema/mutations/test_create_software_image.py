"""The operator's catalogue (createSoftwareImage, createGatewayPool): unique items."""

from __future__ import annotations

from models.catalogue import GatewayPool, SoftwareImage
from tests.schema.catalogue_kit import CREATE_IMAGE, CREATE_POOL, _errors


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
