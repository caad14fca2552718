"""An index on every foreign key column that no other index starts with.

PostgreSQL does not index foreign keys by itself: without these, the customers page's
edge count scanned every edge, the loaders' `customer_id IN (...)` and the scoping
filters scanned whole tables, and deleting a parent row (RESTRICT, CASCADE, SET NULL
checks) scanned its children. Columns already first in a unique index need none:
customer.partner_id (partner, company_name_key), the link tables' customer_id and
partner_id, idempotency_record.partner_id.

audit_event.customer_id was declared db_index=True by 0004, but Tortoise's AddField
does not create a field's index, so it never existed: it is created here under the
name Tortoise gives it, IF NOT EXISTS.

The fields change through `IndexOnly`, an AlterField that only creates (or drops) the
column's index: Tortoise's own AlterField rebuilds the table on SQLite, which loses the
table's other indexes and unique constraints (and DROP TABLE would cascade into the
rows that reference it). The migration state is AlterField's, so the models match it.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index


class IndexOnly(ops.AlterField):
    """AlterField for a change of db_index alone: CREATE INDEX / DROP INDEX, nothing else."""

    def _index(self) -> Index:
        return Index(fields=(self.field.source_field or self.name,))

    async def database_forward(self, app_label, old_state, new_state, state_editor=None):
        if state_editor:
            model = new_state.apps.get_model(f"{app_label}.{self.model_name}")
            await state_editor.add_index(model, self._index())

    async def database_backward(self, app_label, old_state, new_state, state_editor=None):
        if state_editor:
            model = old_state.apps.get_model(f"{app_label}.{self.model_name}")
            await state_editor.remove_index(model, self._index())

class Migration(migrations.Migration):
    dependencies = [('models', '0007_login_throttle_identity_keys')]

    initial = False

    operations = [
        ops.RunSQL(
            'CREATE INDEX IF NOT EXISTS "idx_audit_event_custome_356c76" ON "audit_event" ("customer_id")',
            reverse_sql='DROP INDEX IF EXISTS "idx_audit_event_custome_356c76"',
        ),
        IndexOnly(
            model_name='AuditEvent',
            name='actor',
            field=fields.ForeignKeyField('models.User', source_field='actor_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        IndexOnly(
            model_name='AuditEvent',
            name='partner',
            field=fields.ForeignKeyField('models.Partner', source_field='partner_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE),
        ),
        IndexOnly(
            model_name='AuthToken',
            name='user',
            field=fields.ForeignKeyField('models.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.CASCADE),
        ),
        IndexOnly(
            model_name='Customer',
            name='cloned_from',
            field=fields.ForeignKeyField('models.Customer', source_field='cloned_from_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        IndexOnly(
            model_name='Customer',
            name='default_software_image',
            field=fields.ForeignKeyField('models.SoftwareImage', source_field='default_software_image_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='Customer',
            name='gateway_pool',
            field=fields.ForeignKeyField('models.GatewayPool', source_field='gateway_pool_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='CustomerEdgeLicense',
            name='license',
            field=fields.ForeignKeyField('models.EdgeLicense', source_field='license_id', db_index=True, db_constraint=True, to_field='id', related_name='customers', on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='CustomerSoftwareImage',
            name='image',
            field=fields.ForeignKeyField('models.SoftwareImage', source_field='image_id', db_index=True, db_constraint=True, to_field='id', related_name='customers', on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='Edge',
            name='customer',
            field=fields.ForeignKeyField('models.Customer', source_field='customer_id', db_index=True, db_constraint=True, to_field='id', related_name='edges', on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='Edge',
            name='edge_license',
            field=fields.ForeignKeyField('models.EdgeLicense', source_field='edge_license_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='Edge',
            name='software_image',
            field=fields.ForeignKeyField('models.SoftwareImage', source_field='software_image_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='Partner',
            name='default_gateway_pool',
            field=fields.ForeignKeyField('models.GatewayPool', source_field='default_gateway_pool_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='Partner',
            name='default_software_image',
            field=fields.ForeignKeyField('models.SoftwareImage', source_field='default_software_image_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='PartnerEdgeLicense',
            name='license',
            field=fields.ForeignKeyField('models.EdgeLicense', source_field='license_id', db_index=True, db_constraint=True, to_field='id', related_name='partners', on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='PartnerGatewayPool',
            name='pool',
            field=fields.ForeignKeyField('models.GatewayPool', source_field='pool_id', db_index=True, db_constraint=True, to_field='id', related_name='partners', on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='PartnerSoftwareImage',
            name='image',
            field=fields.ForeignKeyField('models.SoftwareImage', source_field='image_id', db_index=True, db_constraint=True, to_field='id', related_name='partners', on_delete=OnDelete.RESTRICT),
        ),
        IndexOnly(
            model_name='User',
            name='customer',
            field=fields.ForeignKeyField('models.Customer', source_field='customer_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='users', on_delete=OnDelete.CASCADE),
        ),
        IndexOnly(
            model_name='User',
            name='partner',
            field=fields.ForeignKeyField('models.Partner', source_field='partner_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='users', on_delete=OnDelete.CASCADE),
        ),
        IndexOnly(
            model_name='Webhook',
            name='partner',
            field=fields.ForeignKeyField('models.Partner', source_field='partner_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE),
        ),
        IndexOnly(
            model_name='WebhookDelivery',
            name='event',
            field=fields.ForeignKeyField('models.AuditEvent', source_field='event_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE),
        ),
        IndexOnly(
            model_name='WebhookDelivery',
            name='webhook',
            field=fields.ForeignKeyField('models.Webhook', source_field='webhook_id', db_index=True, db_constraint=True, to_field='id', related_name='deliveries', on_delete=OnDelete.CASCADE),
        ),
    ]
