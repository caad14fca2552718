"""The audit log: who did what to which object, and what changed (never secrets)."""

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    id = fields.BigIntField(primary_key=True)
    actor = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL, db_index=True
    )
    # Kept as text too, so the event still names its actor after the user is gone.
    actor_username = fields.CharField(max_length=254, null=True)
    # The partner whose log holds the event (null: operator-wide).
    partner = fields.ForeignKeyField(
        "models.Partner", related_name=False, null=True, on_delete=fields.CASCADE, db_index=True
    )
    # The customer the event concerns, if any: kept as a plain number so the event
    # still filters by customer after the customer is deleted.
    customer_id = fields.IntField(null=True, db_index=True)
    action = fields.CharField(max_length=64, db_index=True)
    target_type = fields.CharField(max_length=64)
    target_id = fields.CharField(max_length=64)
    changes = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "audit_event"
