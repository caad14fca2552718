from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.enums import LicenseEdition, Role, TokenKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='EdgeLicense',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('sku', fields.CharField(unique=True, max_length=64)),
                ('edition', fields.CharEnumField(description='STANDARD: STANDARD\nENTERPRISE: ENTERPRISE\nPREMIUM: PREMIUM', enum_type=LicenseEdition, max_length=16)),
                ('bandwidth_mbps', fields.IntField()),
                ('term_months', fields.IntField()),
                ('region', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'edge_license', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='GatewayPool',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=200)),
                ('name_key', fields.CharField(unique=True, max_length=200)),
                ('description', fields.TextField(null=True, unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'gateway_pool', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SoftwareImage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('version', fields.CharField(unique=True, max_length=64)),
                ('description', fields.TextField(null=True, unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'software_image', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Partner',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=200)),
                ('name_key', fields.CharField(unique=True, max_length=200)),
                ('edge_licensing_enabled', fields.BooleanField(default=False)),
                ('default_software_image', fields.ForeignKeyField('models.SoftwareImage', source_field='default_software_image_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('default_gateway_pool', fields.ForeignKeyField('models.GatewayPool', source_field='default_gateway_pool_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'partner', 'app': 'models', 'pk_attr': 'id', 'table_description': "A managed-service partner: owns customers, chooses from the operator's catalogue."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PartnerEdgeLicense',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('partner', fields.ForeignKeyField('models.Partner', source_field='partner_id', db_constraint=True, to_field='id', related_name='edge_licenses', on_delete=OnDelete.CASCADE)),
                ('license', fields.ForeignKeyField('models.EdgeLicense', source_field='license_id', db_constraint=True, to_field='id', related_name='partners', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'partner_edge_license', 'app': 'models', 'unique_together': (('partner', 'license'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PartnerGatewayPool',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('partner', fields.ForeignKeyField('models.Partner', source_field='partner_id', db_constraint=True, to_field='id', related_name='gateway_pools', on_delete=OnDelete.CASCADE)),
                ('pool', fields.ForeignKeyField('models.GatewayPool', source_field='pool_id', db_constraint=True, to_field='id', related_name='partners', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'partner_gateway_pool', 'app': 'models', 'unique_together': (('partner', 'pool'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PartnerSoftwareImage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('partner', fields.ForeignKeyField('models.Partner', source_field='partner_id', db_constraint=True, to_field='id', related_name='software_images', on_delete=OnDelete.CASCADE)),
                ('image', fields.ForeignKeyField('models.SoftwareImage', source_field='image_id', db_constraint=True, to_field='id', related_name='partners', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'partner_software_image', 'app': 'models', 'unique_together': (('partner', 'image'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='User',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('role', fields.CharEnumField(description='OPERATOR_SUPERUSER: OPERATOR_SUPERUSER\nOPERATOR_SUPPORT: OPERATOR_SUPPORT\nPARTNER_SUPERUSER: PARTNER_SUPERUSER\nPARTNER_STANDARD_ADMIN: PARTNER_STANDARD_ADMIN\nPARTNER_CUSTOMER_SUPPORT: PARTNER_CUSTOMER_SUPPORT\nENTERPRISE_SUPERUSER: ENTERPRISE_SUPERUSER', enum_type=Role, max_length=32)),
                ('partner', fields.ForeignKeyField('models.Partner', source_field='partner_id', null=True, db_constraint=True, to_field='id', related_name='users', on_delete=OnDelete.CASCADE)),
                ('username', fields.CharField(max_length=254)),
                ('username_key', fields.CharField(unique=True, max_length=254)),
                ('password_hash', fields.CharField(max_length=255)),
                ('first_name', fields.CharField(null=True, max_length=100)),
                ('last_name', fields.CharField(null=True, max_length=100)),
                ('phone', fields.CharField(null=True, max_length=20)),
                ('mobile_phone', fields.CharField(null=True, max_length=20)),
                ('contact_email', fields.CharField(null=True, max_length=254)),
                ('failed_logins', fields.IntField(default=0)),
                ('locked_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'app_user', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A person who logs in: of the operator (no partner), of a partner, or of a customer.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AuditEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('actor', fields.ForeignKeyField('models.User', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('actor_username', fields.CharField(null=True, max_length=254)),
                ('partner', fields.ForeignKeyField('models.Partner', source_field='partner_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('action', fields.CharField(db_index=True, max_length=64)),
                ('target_type', fields.CharField(max_length=64)),
                ('target_id', fields.CharField(max_length=64)),
                ('changes', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'audit_event', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AuthToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(description='SESSION: SESSION\nAPI: API', enum_type=TokenKind, max_length=16)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.CASCADE)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('name', fields.CharField(null=True, max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'auth_token', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A login session or a named API token. Only the SHA-256 of the token is stored.'},
            bases=['Model'],
        ),
    ]
