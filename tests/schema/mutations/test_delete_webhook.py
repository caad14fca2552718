"""deleteWebhook: the partner's superuser deletes its own webhooks, with their pending
deliveries; another partner's is not found."""

from __future__ import annotations

from models.webhook import Webhook

CREATE = """
mutation Create($input: CreateWebhookInput!) {
  createWebhook(input: $input) { webhook { id } errors { code } }
}
"""
DELETE = """
mutation Delete($input: DeleteWebhookInput!) {
  deleteWebhook(input: $input) { deletedId errors { code field } }
}
"""


async def test_delete(hooks_gql, acme, globex) -> None:
    created = await hooks_gql(
        CREATE,
        {"input": {"url": "http://127.0.0.1:9/h", "events": ["*"]}},
        token=acme.superuser.token,
    )
    hook_id = created["data"]["createWebhook"]["webhook"]["id"]
    other = await hooks_gql(DELETE, {"input": {"id": hook_id}}, token=globex.superuser.token)
    assert other["data"]["deleteWebhook"]["errors"] == [
        {"code": "NOT_FOUND", "field": ["input", "id"]}
    ]
    gone = await hooks_gql(DELETE, {"input": {"id": hook_id}}, token=acme.superuser.token)
    assert gone["data"]["deleteWebhook"] == {"deletedId": hook_id, "errors": []}
    assert await Webhook.all().count() == 0
