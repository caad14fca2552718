"""webhooks: each partner's superuser lists its partner's, the operator's superuser the
operator's; deliveries filter by status."""

from __future__ import annotations

import logging

from tests.factories import make_customer

CREATE = """
mutation Create($input: CreateWebhookInput!) {
  createWebhook(input: $input) { webhook { id } errors { code } }
}
"""
LIST = """
query List($status: DeliveryStatus) {
  webhooks { url deliveries(status: $status) { totalCount nodes { status eventType } } }
}
"""


async def test_each_sees_its_own(hooks_gql, acme, globex, operator) -> None:
    for token, url in (
        (acme.superuser.token, "http://127.0.0.1:9/acme"),
        (globex.superuser.token, "http://127.0.0.1:9/globex"),
        (operator.token, "http://127.0.0.1:9/operator"),
    ):
        body = await hooks_gql(CREATE, {"input": {"url": url, "events": ["*"]}}, token=token)
        assert body["data"]["createWebhook"]["errors"] == []
    seen = {}
    for name, token in (("acme", acme.superuser.token), ("operator", operator.token)):
        listed = await hooks_gql(LIST, {}, token=token)
        seen[name] = [w["url"] for w in listed["data"]["webhooks"]]
    assert seen == {
        "acme": ["http://127.0.0.1:9/acme"],
        "operator": ["http://127.0.0.1:9/operator"],
    }
    # The operator's "*" webhook got every event since it was made; none is delivered yet.
    listed = await hooks_gql(LIST, {"status": "PENDING"}, token=operator.token)
    pending = listed["data"]["webhooks"][0]["deliveries"]
    assert pending["totalCount"] >= 1
    assert {n["status"] for n in pending["nodes"]} == {"PENDING"}
    delivered = await hooks_gql(LIST, {"status": "DELIVERED"}, token=operator.token)
    assert delivered["data"]["webhooks"][0]["deliveries"]["totalCount"] == 0


async def test_the_deliveries_of_every_webhook_cost_one_page_and_one_count(
    hooks_gql, acme, caplog
) -> None:
    """Webhooks listed with their deliveries: the same statements for 1 webhook as
    for 5, each webhook with its own newest deliveries."""
    token = acme.superuser.token
    query = "{ webhooks { url deliveries(first: 2) { totalCount nodes { eventType } } } }"
    counts = []
    for first, last in ((0, 1), (1, 5)):
        for n in range(first, last):
            url = f"http://127.0.0.1:9/hook-{n}"
            body = await hooks_gql(CREATE, {"input": {"url": url, "events": ["*"]}}, token=token)
            assert body["data"]["createWebhook"]["errors"] == []
        await make_customer(hooks_gql, acme, f"Hooked {last}")  # an event for each webhook
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="tortoise.db_client"):
            webhooks = (await hooks_gql(query, token=token))["data"]["webhooks"]
        assert len(webhooks) == last
        assert all(w["deliveries"]["totalCount"] >= 1 for w in webhooks)
        assert all(1 <= len(w["deliveries"]["nodes"]) <= 2 for w in webhooks)
        counts.append(len([r for r in caplog.records if r.name == "tortoise.db_client"]))
    assert counts[0] == counts[1], counts
