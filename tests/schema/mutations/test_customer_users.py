"""The customer's users: who may manage them (VeloCloud User Management Access for the
operator's users), the last superuser, and what a reset or disable ends."""

from __future__ import annotations

from gql.domain import ids
from models.audit import AuditEvent
from models.enums import Role
from models.identity import AuthToken, User
from tests.factories import LOGIN, login, make_customer, make_user

CREATE = """
mutation Create($input: CreateCustomerUserInput!) {
  createCustomerUser(input: $input) {
    user { id role username piiRedacted disabled } errors { code field message }
  }
}
"""
UPDATE = """
mutation Update($input: UpdateCustomerUserInput!) {
  updateCustomerUser(input: $input) { user { id role disabled firstName } errors { code field } }
}
"""
RESET = """
mutation Reset($input: ResetUserPasswordInput!) {
  resetUserPassword(input: $input) { user { id lockedUntil } errors { code field } }
}
"""
UNLOCK = """
mutation Unlock($input: UnlockUserInput!) {
  unlockUser(input: $input) { user { id lockedUntil } errors { code } }
}
"""
DELETE = """
mutation Delete($input: DeleteCustomerUserInput!) {
  deleteCustomerUser(input: $input) { deletedId errors { code field } }
}
"""
UPDATE_CUSTOMER = """
mutation UpdateCustomer($input: UpdatePartnerCustomerInput!) {
  updatePartnerCustomer(input: $input) { customer { id } errors { code field } }
}
"""
ME = "{ me { id } }"
PASSWORD = "umbrella-quarry-lantern-94-fjord"
NEW_PASSWORD = "harbour-velvet-kestrel-83-plinth"


def _new(customer_id: str, role: str, username: str) -> dict:
    return {
        "customerId": customer_id,
        "role": role,
        "username": username,
        "password": PASSWORD,
        "confirmPassword": PASSWORD,
        "firstName": "Nina",
    }


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


async def test_reset_and_disable_end_sessions_and_tokens(gql, acme) -> None:
    customer_id, _ = await make_customer(gql, acme, "Reset")
    created = await gql(
        CREATE,
        {"input": _new(customer_id, "ENTERPRISE_STANDARD_ADMIN", "std@reset.example")},
        token=acme.admin.token,
    )
    user_id = created["data"]["createCustomerUser"]["user"]["id"]
    row = await User.get(username_key="std@reset.example")
    first = await login(gql, _account(row), PASSWORD)
    assert (await gql(ME, token=first.token))["data"]["me"]["id"] == user_id

    weak = await gql(
        RESET,
        {"input": {"id": user_id, "password": "short", "confirmPassword": "short"}},
        token=acme.admin.token,
    )
    assert [e["code"] for e in weak["data"]["resetUserPassword"]["errors"]] == ["PASSWORD_TOO_WEAK"]
    reset = await gql(
        RESET,
        {"input": {"id": user_id, "password": NEW_PASSWORD, "confirmPassword": NEW_PASSWORD}},
        token=acme.admin.token,
    )
    assert reset["data"]["resetUserPassword"]["errors"] == []
    assert (await gql(ME, token=first.token))["data"]["me"] is None  # the session ended
    old = await gql(LOGIN, {"input": {"username": "std@reset.example", "password": PASSWORD}})
    assert old["data"]["login"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    second = await login(gql, _account(row), NEW_PASSWORD)

    disabled = await gql(
        UPDATE, {"input": {"id": user_id, "disabled": True}}, token=acme.admin.token
    )
    assert disabled["data"]["updateCustomerUser"]["user"]["disabled"] is True
    assert (await gql(ME, token=second.token))["data"]["me"] is None
    assert await AuthToken.filter(user_id=row.id, revoked_at__isnull=True).count() == 0
    refused = await gql(
        LOGIN, {"input": {"username": "std@reset.example", "password": NEW_PASSWORD}}
    )
    assert refused["data"]["login"]["errors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_unlock_clears_the_login_lock(gql, acme) -> None:
    _, admin = await make_customer(gql, acme, "Locked")
    me = await gql(ME, token=admin.token)
    for _ in range(6):
        await gql(LOGIN, {"input": {"username": admin.username, "password": "wrong-guess"}})
    assert (await User.get(id=admin.id)).locked_until is not None
    body = await gql(UNLOCK, {"input": {"id": me["data"]["me"]["id"]}}, token=acme.admin.token)
    assert body["data"]["unlockUser"]["user"]["lockedUntil"] is None
    await login(gql, admin, "quarterly-stapler-basement-51")


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


async def test_user_management_needs_support_access(gql, acme) -> None:
    customer_id, _ = await make_customer(gql, acme, "Conflict")
    body = await gql(
        UPDATE_CUSTOMER,
        {
            "input": {
                "id": customer_id,
                "operatorSupportAccess": False,
                "operatorUserManagementAccess": True,
            }
        },
        token=acme.admin.token,
    )
    assert body["data"]["updatePartnerCustomer"]["errors"] == [
        {"code": "INVALID", "field": ["input", "operatorUserManagementAccess"]}
    ]


def _account(row: User):
    from tests.factories import Account

    return Account(row.id, row.username, Role(row.role), row.partner_id)
