"""updateCustomerUser and the operator's users: user management only with the customer's
consent (VeloCloud User Management Access), never partner support."""

from __future__ import annotations

from models.enums import Role
from tests.factories import login, make_customer, make_user
from tests.schema.users_kit import (
    CREATE,
    NEW_PASSWORD,
    RESET,
    UNLOCK,
    UPDATE_CUSTOMER,
    _new,
)


async def test_operator_users_only_with_user_management_access(gql, acme, globex) -> None:
    customer_id, _ = await make_customer(gql, acme, "Consent")
    target = await gql(
        CREATE,
        {"input": _new(customer_id, "ENTERPRISE_READ_ONLY", "ro@consent.example")},
        token=acme.admin.token,
    )
    user_id = target["data"]["createCustomerUser"]["user"]["id"]
    vendor = await login(gql, await make_user(Role.OPERATOR_SUPPORT, "help@vendor.example"))
    reset = {"input": {"id": user_id, "password": NEW_PASSWORD, "confirmPassword": NEW_PASSWORD}}
    refused = await gql(RESET, reset, token=vendor.token)
    assert [e["code"] for e in refused["data"]["resetUserPassword"]["errors"]] == ["NOT_FOUND"]
    on = await gql(
        UPDATE_CUSTOMER,
        {"input": {"id": customer_id, "operatorUserManagementAccess": True}},
        token=acme.admin.token,
    )
    assert on["data"]["updatePartnerCustomer"]["errors"] == []
    allowed = await gql(RESET, reset, token=vendor.token)
    assert allowed["data"]["resetUserPassword"]["errors"] == []
    # Partner support never manages users; another partner does not even find them.
    support = await gql(UNLOCK, {"input": {"id": user_id}}, token=acme.support.token)
    assert support["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    other = await gql(UNLOCK, {"input": {"id": user_id}}, token=globex.admin.token)
    assert [e["code"] for e in other["data"]["unlockUser"]["errors"]] == ["NOT_FOUND"]
