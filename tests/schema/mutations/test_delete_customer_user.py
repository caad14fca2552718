"""deleteCustomerUser, and demoting or disabling: the last superuser stays."""

from __future__ import annotations

from tests.factories import make_customer
from tests.schema.users_kit import CREATE, DELETE, ME, UPDATE, _new


async def test_the_last_superuser_stays(gql, acme) -> None:
    customer_id, admin = await make_customer(gql, acme, "Lone")
    me = await gql(ME, token=admin.token)
    own_id = me["data"]["me"]["id"]
    for document, given, field in (
        (DELETE, {"id": own_id}, "id"),
        (UPDATE, {"id": own_id, "disabled": True}, "disabled"),
        (UPDATE, {"id": own_id, "role": "ENTERPRISE_READ_ONLY"}, "role"),
    ):
        body = await gql(document, {"input": given}, token=acme.admin.token)
        payload = next(iter(body["data"].values()))
        assert payload["errors"] == [{"code": "LAST_SUPERUSER", "field": ["input", field]}]
    second = await gql(
        CREATE,
        {"input": _new(customer_id, "ENTERPRISE_SUPERUSER", "su2@lone.example")},
        token=admin.token,
    )
    assert second["data"]["createCustomerUser"]["errors"] == []
    demoted = await gql(
        UPDATE, {"input": {"id": own_id, "role": "ENTERPRISE_READ_ONLY"}}, token=acme.admin.token
    )
    assert demoted["data"]["updateCustomerUser"]["errors"] == []
