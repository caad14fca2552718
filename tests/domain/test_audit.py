"""The audit log: every successful mutation writes its event, never a secret."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from gql.domain import audit
from models.audit import AuditEvent
from tests.schema.catalogue_kit import CREATE_IMAGE, CREATE_PARTNER, CREATE_POOL


async def test_every_successful_mutation_writes_an_audit_event(gql, operator) -> None:
    await AuditEvent.all().delete()  # the login's own event
    await gql(CREATE_PARTNER, {"input": {"name": "Globex"}}, token=operator.token)
    await gql(
        CREATE_IMAGE, {"input": {"version": "6.0.1", "description": "LTS"}}, token=operator.token
    )
    await gql(CREATE_POOL, {"input": {"name": "APAC"}}, token=operator.token)
    events = (
        await AuditEvent.all()
        .order_by("id")
        .values("actor_id", "actor_username", "action", "target_type", "changes", "created_at")
    )
    assert [e["action"] for e in events] == [
        "partner.create",
        "softwareImage.create",
        "gatewayPool.create",
    ]
    for event in events:
        assert event["actor_id"] == operator.id
        assert event["actor_username"] == "ops@vendor.example"
        assert event["created_at"] is not None
    assert events[1]["changes"] == {"version": "6.0.1", "description": "LTS"}


async def test_audit_changes_never_hold_secrets(operator) -> None:
    async with in_transaction() as conn:
        await audit.record(
            None,
            "test",
            "User",
            1,
            partner_id=None,
            changes={
                "password": "a",
                "confirmPassword": "b",
                "confirm_password": "c",
                "admin": {"password": "d", "tokenHash": "e", "firstName": "Ann"},
                "name": "x",
            },
            using_db=conn,
        )
    event = await AuditEvent.get(action="test")
    assert event.changes == {"admin": {"firstName": "Ann"}, "name": "x"}
