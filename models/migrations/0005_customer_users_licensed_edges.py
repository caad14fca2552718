"""Customer users can be disabled; edges carry the license type they were provisioned with;
the enterprise roles ENTERPRISE_STANDARD_ADMIN and ENTERPRISE_READ_ONLY."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from models.enums import Role
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_audit_customer')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Edge',
            name='edge_license',
            field=fields.ForeignKeyField('models.EdgeLicense', source_field='edge_license_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='User',
            name='role',
            field=fields.CharEnumField(description='OPERATOR_SUPERUSER: OPERATOR_SUPERUSER\nOPERATOR_SUPPORT: OPERATOR_SUPPORT\nPARTNER_SUPERUSER: PARTNER_SUPERUSER\nPARTNER_STANDARD_ADMIN: PARTNER_STANDARD_ADMIN\nPARTNER_CUSTOMER_SUPPORT: PARTNER_CUSTOMER_SUPPORT\nENTERPRISE_SUPERUSER: ENTERPRISE_SUPERUSER\nENTERPRISE_STANDARD_ADMIN: ENTERPRISE_STANDARD_ADMIN\nENTERPRISE_READ_ONLY: ENTERPRISE_READ_ONLY', enum_type=Role, max_length=32),
        ),
        ops.AddField(
            model_name='User',
            name='disabled',
            field=fields.BooleanField(default=False),
        ),
    ]
