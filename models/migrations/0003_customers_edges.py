from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0002_identity_catalogue_audit')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Customer',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('partner', fields.ForeignKeyField('models.Partner', source_field='partner_id', db_constraint=True, to_field='id', related_name='customers', on_delete=OnDelete.RESTRICT)),
                ('company_name', fields.CharField(max_length=200)),
                ('company_name_key', fields.CharField(max_length=200)),
                ('domain', fields.CharField(max_length=253)),
                ('account_number', fields.CharField(max_length=64)),
                ('account_number_key', fields.CharField(unique=True, max_length=64)),
                ('partner_support_access', fields.BooleanField(default=True)),
                ('operator_support_access', fields.BooleanField(default=True)),
                ('operator_user_management_access', fields.BooleanField(default=False)),
                ('street_address', fields.CharField(null=True, max_length=200)),
                ('city', fields.CharField(null=True, max_length=100)),
                ('state', fields.CharField(null=True, max_length=100)),
                ('country', fields.CharField(null=True, max_length=2)),
                ('postal_code', fields.CharField(null=True, max_length=20)),
                ('manage_software_images', fields.BooleanField(default=False)),
                ('default_software_image', fields.ForeignKeyField('models.SoftwareImage', source_field='default_software_image_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('gateway_pool', fields.ForeignKeyField('models.GatewayPool', source_field='gateway_pool_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('analytics_enabled', fields.BooleanField(default=False)),
                ('cloned_from', fields.ForeignKeyField('models.Customer', source_field='cloned_from_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'customer', 'app': 'models', 'unique_together': (('partner', 'company_name_key'),), 'pk_attr': 'id', 'table_description': "A partner's customer: company details, access flags and configuration."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CustomerEdgeLicense',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('customer', fields.ForeignKeyField('models.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='edge_licenses', on_delete=OnDelete.CASCADE)),
                ('license', fields.ForeignKeyField('models.EdgeLicense', source_field='license_id', db_constraint=True, to_field='id', related_name='customers', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'customer_edge_license', 'app': 'models', 'unique_together': (('customer', 'license'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CustomerSoftwareImage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('customer', fields.ForeignKeyField('models.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='software_images', on_delete=OnDelete.CASCADE)),
                ('image', fields.ForeignKeyField('models.SoftwareImage', source_field='image_id', db_constraint=True, to_field='id', related_name='customers', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'customer_software_image', 'app': 'models', 'unique_together': (('customer', 'image'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Edge',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('customer', fields.ForeignKeyField('models.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='edges', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=200)),
                ('model', fields.CharField(null=True, max_length=64)),
                ('serial_number', fields.CharField(null=True, max_length=64)),
                ('software_image', fields.ForeignKeyField('models.SoftwareImage', source_field='software_image_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'edge', 'app': 'models', 'pk_attr': 'id', 'table_description': "An SD-WAN edge of a customer, running one of the customer's software images."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='IdempotencyRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('partner', fields.ForeignKeyField('models.Partner', source_field='partner_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('operation', fields.CharField(max_length=64)),
                ('key', fields.CharField(max_length=200)),
                ('request_hash', fields.CharField(max_length=64)),
                ('result_id', fields.IntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'idempotency_record', 'app': 'models', 'unique_together': (('partner', 'operation', 'key'),), 'pk_attr': 'id', 'table_description': 'The result of a create made with an idempotency key, for safe retries.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='User',
            name='customer',
            field=fields.ForeignKeyField('models.Customer', source_field='customer_id', null=True, db_constraint=True, to_field='id', related_name='users', on_delete=OnDelete.CASCADE),
        ),
    ]
