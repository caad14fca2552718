"""auditEvents: per partner, filtered by customer and action."""

from __future__ import annotations

from tests.factories import login
from tests.schema.customer_kit import PASSWORD, add_edge, create


async def test_audit_log_is_per_partner_and_filters_by_customer_and_action(
    gql, acme, globex, managed
):
    await add_edge(gql, acme.admin.token, managed, "logged-edge")
    await create(
        gql,
        globex,
        companyName="Globex Client",
        accountNumber="ACC-G",
        admin={"username": "g@globex-client.example"},
    )
    query = """query($customer: ID, $action: String) { auditEvents(customerId: $customer,
      action: $action) { totalCount nodes { action targetType targetId changes
      actor { username role } } } }"""
    mine = await gql(query, {"customer": managed}, token=acme.superuser.token)
    events = mine["data"]["auditEvents"]["nodes"]
    assert [e["action"] for e in events] == ["edge.create", "customer.create"]
    assert events[0]["actor"] == {
        "username": "admin@acme.example",
        "role": "PARTNER_STANDARD_ADMIN",
    }
    assert events[0]["changes"]["name"] == "logged-edge"
    assert all(PASSWORD not in str(e["changes"]) for e in events)
    creates = await gql(query, {"action": "customer.create"}, token=acme.superuser.token)
    assert creates["data"]["auditEvents"]["totalCount"] == 1  # Globex's is not Acme's
    theirs = await gql(query, {"customer": managed}, token=globex.superuser.token)
    assert theirs["data"]["auditEvents"]["totalCount"] == 0
    operator = await login(gql, await _operator())
    everything = await gql(query, {"action": "customer.create"}, token=operator.token)
    assert everything["data"]["auditEvents"]["totalCount"] == 2


async def _operator():
    from models.enums import Role
    from tests.factories import make_user

    return await make_user(Role.OPERATOR_SUPERUSER, "ops@vendor.example")
