"""createWebhook's and updateWebhook's rules, and tenancy."""

from __future__ import annotations

from models.webhook import WebhookDelivery
from tests.factories import make_customer
from tests.schema.webhook_kit import CREATE, LIST, _register

UPDATE = """
mutation Update($input: UpdateWebhookInput!) {
  updateWebhook(input: $input) { webhook { enabled } errors { code } }
}
"""


async def test_registration_rules_and_tenancy(hooks_gql, gql, acme, globex) -> None:
    refused = await gql(
        CREATE,
        {"input": {"url": "http://127.0.0.1:9/hook", "events": ["customer.create", "Bad Event"]}},
        token=acme.superuser.token,
    )  # the default app: private targets refused
    assert [(e["code"], e["field"]) for e in refused["data"]["createWebhook"]["errors"]] == [
        ("INVALID", ["input", "url"]),
        ("INVALID", ["input", "events", "1"]),
    ]
    hook_id, _ = await _register(hooks_gql, acme.superuser.token, "http://127.0.0.1:9/h", ["*"])
    other = await hooks_gql(
        UPDATE, {"input": {"id": hook_id, "enabled": False}}, token=globex.superuser.token
    )
    assert other["data"]["updateWebhook"]["errors"] == [{"code": "NOT_FOUND"}]
    forbidden = await hooks_gql(LIST, token=acme.admin.token)
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    off = await hooks_gql(
        UPDATE, {"input": {"id": hook_id, "enabled": False}}, token=acme.superuser.token
    )
    assert off["data"]["updateWebhook"] == {"webhook": {"enabled": False}, "errors": []}
    before = await WebhookDelivery.all().count()  # "*": its own webhook.create event
    await make_customer(hooks_gql, acme, "Quiet")
    assert await WebhookDelivery.all().count() == before  # disabled: nothing new


async def test_at_most_twenty_webhooks_each(hooks_gql, acme, globex) -> None:
    for n in range(20):
        await _register(hooks_gql, acme.superuser.token, f"http://127.0.0.1:9/h{n}", ["*"])
    body = await hooks_gql(
        CREATE,
        {"input": {"url": "http://127.0.0.1:9/one-more", "events": ["*"]}},
        token=acme.superuser.token,
    )
    assert body["data"]["createWebhook"]["errors"] == [{"code": "INVALID", "field": None}]
    await _register(hooks_gql, globex.superuser.token, "http://127.0.0.1:9/g", ["*"])  # per owner
