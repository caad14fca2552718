"""webhooks: each partner's superuser lists its partner's, the operator's superuser the
operator's; deliveries filter by status."""

from __future__ import annotations

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
