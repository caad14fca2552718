"""createCustomerUser (and the other customer-user mutations in a whole lifecycle): roles,
confirmation, uniqueness."""

from __future__ import annotations

from gql.domain import ids
from models.audit import AuditEvent
from tests.factories import make_customer
from tests.schema.users_kit import CREATE, DELETE, UPDATE, _new


async def test_the_customers_superuser_manages_its_users(gql, acme) -> None:
    customer_id, admin = await make_customer(gql, acme, "Hooli")
    body = await gql(
        CREATE,
        {"input": _new(customer_id, "ENTERPRISE_READ_ONLY", "ro@hooli.example")},
        token=admin.token,
    )
    created = body["data"]["createCustomerUser"]
    assert created["errors"] == []
    assert created["user"]["role"] == "ENTERPRISE_READ_ONLY"
    assert created["user"]["piiRedacted"] is False
    user_id = created["user"]["id"]

    wrong = await gql(
        CREATE,
        {
            "input": {
                **_new(customer_id, "PARTNER_SUPERUSER", "x@hooli.example"),
                "confirmPassword": "other",
            }
        },
        token=admin.token,
    )
    assert sorted(e["code"] for e in wrong["data"]["createCustomerUser"]["errors"]) == [
        "INVALID",
        "PASSWORD_MISMATCH",
    ]
    taken = await gql(
        CREATE,
        {"input": _new(customer_id, "ENTERPRISE_READ_ONLY", "RO@hooli.example")},
        token=admin.token,
    )
    assert [e["code"] for e in taken["data"]["createCustomerUser"]["errors"]] == ["DUPLICATE"]

    promoted = await gql(
        UPDATE,
        {"input": {"id": user_id, "role": "ENTERPRISE_STANDARD_ADMIN", "firstName": " Nadia "}},
        token=admin.token,
    )
    assert promoted["data"]["updateCustomerUser"]["user"]["role"] == "ENTERPRISE_STANDARD_ADMIN"
    assert promoted["data"]["updateCustomerUser"]["user"]["firstName"] == "Nadia"
    gone = await gql(DELETE, {"input": {"id": user_id}}, token=admin.token)
    assert gone["data"]["deleteCustomerUser"] == {"deletedId": user_id, "errors": []}
    actions = await AuditEvent.filter(
        customer_id=ids.decode_as(customer_id, "Customer"), action__startswith="user."
    ).values_list("action", flat=True)
    assert sorted(actions) == ["user.create", "user.delete", "user.update"]
