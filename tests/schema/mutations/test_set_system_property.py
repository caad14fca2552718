"""setSystemProperty reports whether the value set is the default."""

from __future__ import annotations

from models.enums import Role
from tests.factories import login, make_user

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
