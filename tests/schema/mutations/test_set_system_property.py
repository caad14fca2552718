"""setSystemProperty reports whether the value set is the default."""

from __future__ import annotations

from models.enums import Role
from tests.factories import login, make_user
from tests.schema.identity_kit import SET_PROPERTY

SET = """
mutation Set($input: SetSystemPropertyInput!) {
  setSystemProperty(input: $input) { systemProperty { name value isDefault } errors { code } }
}
"""


async def test_is_default_matches_the_listing(gql) -> None:
    operator = await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "op@props.example"))
    name = "session.options.enableAnalytics"
    on = await gql(SET, {"input": {"name": name, "value": "TRUE"}}, token=operator.token)
    assert on["data"]["setSystemProperty"]["systemProperty"] == {
        "name": name,
        "value": "true",
        "isDefault": False,
    }
    back = await gql(SET, {"input": {"name": name, "value": "false"}}, token=operator.token)
    assert back["data"]["setSystemProperty"]["systemProperty"]["isDefault"] is True
    listed = await gql("{ systemProperties { name isDefault } }", token=operator.token)
    assert {"name": name, "isDefault": True} in listed["data"]["systemProperties"]


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
