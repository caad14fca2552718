"""A system property is a Node: its global ID resolves through `node(id:)` for those
who may read system properties (the operator's users), and for no one else."""

from __future__ import annotations

import pytest

from gql.domain import ids
from models.enums import Role
from tests.factories import login, make_user

LIST = "{ systemProperties { id name value isDefault } }"
NODE = """
query($id: ID!) {
  node(id: $id) { __typename id ... on SystemProperty { name value isDefault description } }
}
"""
ANALYTICS = "session.options.enableAnalytics"


async def test_a_listed_property_resolves_by_its_id(gql, world) -> None:
    token = world["op"].token
    listed = (await gql(LIST, token=token))["data"]["systemProperties"]
    analytics = next(p for p in listed if p["name"] == ANALYTICS)
    assert len({p["id"] for p in listed}) == len(listed)
    found = (await gql(NODE, {"id": analytics["id"]}, token=token))["data"]["node"]
    assert found["__typename"] == "SystemProperty"
    assert found["id"] == analytics["id"]
    assert (found["name"], found["value"], found["isDefault"]) == (ANALYTICS, "false", True)
    assert found["description"]


async def test_the_node_shows_the_value_set_and_the_mutation_returns_the_same_id(
    gql, world
) -> None:
    token = world["op"].token
    query = (
        "mutation($input: SetSystemPropertyInput!) "
        "{ setSystemProperty(input: $input) { systemProperty { id value } } }"
    )
    set_ = await gql(query, {"input": {"name": ANALYTICS, "value": "true"}}, token=token)
    prop = set_["data"]["setSystemProperty"]["systemProperty"]
    found = (await gql(NODE, {"id": prop["id"]}, token=token))["data"]["node"]
    assert (found["value"], found["isDefault"]) == ("true", False)
    # The audit log names the property by the same global ID.
    events = await gql(
        '{ auditEvents(first: 5, action: "systemProperty.set") { nodes { targetId } } }',
        token=token,
    )
    assert events["data"]["auditEvents"]["nodes"][0]["targetId"] == prop["id"]


async def test_operator_support_may_read_it_too(gql, world) -> None:
    support = await login(gql, await make_user(Role.OPERATOR_SUPPORT, "support@vendor.example"))
    listed = (await gql(LIST, token=support.token))["data"]["systemProperties"]
    found = await gql(NODE, {"id": listed[0]["id"]}, token=support.token)
    assert found["data"]["node"]["name"] == listed[0]["name"]


async def test_no_one_else_finds_it(gql, world) -> None:
    property_id = ids.encode_key("SystemProperty", ANALYTICS)
    refused = await gql(LIST, token=world["acme_su"].token)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    hidden = await gql(NODE, {"id": property_id}, token=world["acme_su"].token)
    assert hidden == {"data": {"node": None}}
    anonymous = await gql(NODE, {"id": property_id})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    "global_id",
    [
        ids.encode_key("SystemProperty", "no.such.property"),
        ids.encode_key("SystemProperty", "1"),
        ids.encode_key("Partner", ANALYTICS),
        "U3lzdGVtUHJvcGVydHk6",  # "SystemProperty:" without a name
        "x" * 5000,
        "Ω",
    ],
)
async def test_ids_that_name_no_property_are_not_found(gql, world, global_id: str) -> None:
    body = await gql(NODE, {"id": global_id}, token=world["op"].token)
    assert body == {"data": {"node": None}}
