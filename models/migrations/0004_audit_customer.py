from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0003_customers_edges')]

    initial = False

    operations = [
        ops.AddField(
            model_name='AuditEvent',
            name='customer_id',
            field=fields.IntField(null=True, db_index=True),
        ),
    ]
