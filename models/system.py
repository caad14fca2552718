"""Orchestrator-wide settings that the operator controls."""

from tortoise import fields
from tortoise.models import Model


class SystemProperty(Model):
    """A named switch or value of the orchestrator, such as
    `session.options.disableCreateEnterprise`. Values are stored as text and typed by
    the code that reads them."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128, unique=True)
    value = fields.TextField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "system_property"

    def __str__(self) -> str:
        return self.name
