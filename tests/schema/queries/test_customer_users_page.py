"""Customer.userConnection pages the customer's users (the list field `users` stays)."""

from __future__ import annotations

from models.enums import Role
from tests.factories import make_customer, make_customer_user

PAGE = """
query Page($id: ID!, $after: String) {
  customer(id: $id) {
    users { username }
    userConnection(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { username role }
    }
  }
}
"""


async def test_users_a_page_at_a_time(gql, acme) -> None:
    customer_id, admin = await make_customer(gql, acme, "Paged")
    for local in ("b", "c"):
        await make_customer_user(
            gql, customer_id, Role.ENTERPRISE_READ_ONLY, f"{local}@paged.example"
        )
    first = (await gql(PAGE, {"id": customer_id}, token=acme.admin.token))["data"]["customer"]
    assert [u["username"] for u in first["users"]] == [
        "admin@paged.example",
        "b@paged.example",
        "c@paged.example",
    ]
    page = first["userConnection"]
    assert page["totalCount"] == 3
    assert [u["username"] for u in page["nodes"]] == ["admin@paged.example", "b@paged.example"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await gql(
        PAGE, {"id": customer_id, "after": page["pageInfo"]["endCursor"]}, token=admin.token
    )
    second = rest["data"]["customer"]["userConnection"]
    assert second["nodes"] == [{"username": "c@paged.example", "role": "ENTERPRISE_READ_ONLY"}]
    assert second["pageInfo"]["hasNextPage"] is False
