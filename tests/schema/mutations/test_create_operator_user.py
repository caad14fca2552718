"""createOperatorUser: operator roles only, the password policy, unique usernames."""

from __future__ import annotations

CREATE = """
mutation Create($input: CreateOperatorUserInput!) {
  createOperatorUser(input: $input) { user { role username } errors { code field } }
}
"""
PASSWORD = "harbour-velvet-kestrel-83-plinth"


async def test_operator_roles_only(gql, operator) -> None:
    made = await gql(
        CREATE,
        {
            "input": {
                "role": "OPERATOR_SUPPORT",
                "username": "Help@Vendor.example",
                "password": PASSWORD,
            }
        },
        token=operator.token,
    )
    assert made["data"]["createOperatorUser"] == {
        "user": {"role": "OPERATOR_SUPPORT", "username": "Help@vendor.example"},
        "errors": [],
    }
    refused = await gql(
        CREATE,
        {
            "input": {
                "role": "PARTNER_SUPERUSER",
                "username": "x@vendor.example",
                "password": "short",
            }
        },
        token=operator.token,
    )
    assert sorted(tuple(e["field"]) for e in refused["data"]["createOperatorUser"]["errors"]) == [
        ("input", "password"),
        ("input", "role"),
    ]
    taken = await gql(
        CREATE,
        {
            "input": {
                "role": "OPERATOR_SUPPORT",
                "username": "help@vendor.EXAMPLE",
                "password": PASSWORD,
            }
        },
        token=operator.token,
    )
    assert [e["code"] for e in taken["data"]["createOperatorUser"]["errors"]] == ["DUPLICATE"]
