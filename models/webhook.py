"""Webhooks: where a partner (or the operator) wants its audit events sent, and the
outbox of deliveries, written in the same transaction as the event they carry."""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"


class Webhook(Model):
    id = fields.IntField(primary_key=True)
    # The partner whose events it receives; null: the operator's (every event).
    partner = fields.ForeignKeyField(
        "models.Partner", related_name=False, null=True, on_delete=fields.CASCADE, db_index=True
    )
    url = fields.CharField(max_length=2048)
    events = fields.JSONField(default=list)  # audit actions, or ["*"]
    description = fields.CharField(max_length=2000, null=True)
    enabled = fields.BooleanField(default=True)
    # The signing key (Standard Webhooks, "whsec_…"): the server signs with it, so it
    # is kept; the API shows it once, at creation.
    secret = fields.CharField(max_length=128)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "webhook"


class WebhookDelivery(Model):
    id = fields.BigIntField(primary_key=True)
    webhook = fields.ForeignKeyField(
        "models.Webhook", related_name="deliveries", on_delete=fields.CASCADE, db_index=True
    )
    event = fields.ForeignKeyField(
        "models.AuditEvent", related_name=False, on_delete=fields.CASCADE, db_index=True
    )
    event_type = fields.CharField(max_length=64)
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.PENDING)
    attempts = fields.IntField(default=0)
    last_attempt_at = fields.DatetimeField(null=True)
    # When a worker may (next) take it; a worker taking it moves this past its lease.
    next_attempt_at = fields.DatetimeField(db_index=True)
    response_status = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "webhook_delivery"
