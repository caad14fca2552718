"""createGatewayPool: names unique whatever their case, control characters refused."""

from __future__ import annotations

from models.catalogue import GatewayPool

CREATE = """
mutation Create($input: CreateGatewayPoolInput!) {
  createGatewayPool(input: $input) { gatewayPool { name description } errors { code field } }
}
"""


async def test_pool_names(gql, operator) -> None:
    made = await gql(
        CREATE, {"input": {"name": " EU West ", "description": "Dublin"}}, token=operator.token
    )
    assert made["data"]["createGatewayPool"] == {
        "gatewayPool": {"name": "EU West", "description": "Dublin"},
        "errors": [],
    }
    for name, code in (("eu west", "DUPLICATE"), ("  ", "REQUIRED"), ("EU\u0007", "INVALID")):
        body = await gql(CREATE, {"input": {"name": name}}, token=operator.token)
        assert [e["code"] for e in body["data"]["createGatewayPool"]["errors"]] == [code]
    assert await GatewayPool.all().count() == 1
