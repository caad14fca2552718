"""Customers (tenants) of a partner, their configuration, edges and idempotent creates."""

from tortoise import fields
from tortoise.models import Model


class Customer(Model):
    """A partner's customer: company details, access flags and configuration."""

    id = fields.IntField(primary_key=True)
    partner = fields.ForeignKeyField(
        "models.Partner", related_name="customers", on_delete=fields.RESTRICT
    )
    company_name = fields.CharField(max_length=200)
    # models.keys.identifier_key of the name: unique within the partner however spelt.
    company_name_key = fields.CharField(max_length=200)
    domain = fields.CharField(max_length=253)
    account_number = fields.CharField(max_length=64)
    # models.keys.identifier_key of the account number: unique across the orchestrator.
    account_number_key = fields.CharField(max_length=64, unique=True)
    partner_support_access = fields.BooleanField(default=True)
    operator_support_access = fields.BooleanField(default=True)
    operator_user_management_access = fields.BooleanField(default=False)
    street_address = fields.CharField(max_length=200, null=True)
    city = fields.CharField(max_length=100, null=True)
    state = fields.CharField(max_length=100, null=True)
    country = fields.CharField(max_length=2, null=True)
    postal_code = fields.CharField(max_length=20, null=True)
    manage_software_images = fields.BooleanField(default=False)
    default_software_image = fields.ForeignKeyField(
        "models.SoftwareImage", related_name=False, on_delete=fields.RESTRICT, db_index=True
    )
    gateway_pool = fields.ForeignKeyField(
        "models.GatewayPool", related_name=False, on_delete=fields.RESTRICT, db_index=True
    )
    analytics_enabled = fields.BooleanField(default=False)
    cloned_from = fields.ForeignKeyField(
        "models.Customer", related_name=False, null=True, on_delete=fields.SET_NULL, db_index=True
    )
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "customer"
        unique_together = (("partner", "company_name_key"),)


class CustomerSoftwareImage(Model):
    id = fields.IntField(primary_key=True)
    customer = fields.ForeignKeyField(
        "models.Customer", related_name="software_images", on_delete=fields.CASCADE
    )
    image = fields.ForeignKeyField(
        "models.SoftwareImage", related_name="customers", on_delete=fields.RESTRICT, db_index=True
    )

    class Meta:
        table = "customer_software_image"
        unique_together = (("customer", "image"),)


class CustomerEdgeLicense(Model):
    id = fields.IntField(primary_key=True)
    customer = fields.ForeignKeyField(
        "models.Customer", related_name="edge_licenses", on_delete=fields.CASCADE
    )
    license = fields.ForeignKeyField(
        "models.EdgeLicense", related_name="customers", on_delete=fields.RESTRICT, db_index=True
    )

    class Meta:
        table = "customer_edge_license"
        unique_together = (("customer", "license"),)


class Edge(Model):
    """An SD-WAN edge of a customer, running one of the customer's software images."""

    id = fields.IntField(primary_key=True)
    customer = fields.ForeignKeyField(
        "models.Customer", related_name="edges", on_delete=fields.RESTRICT, db_index=True
    )
    name = fields.CharField(max_length=200)
    model = fields.CharField(max_length=64, null=True)
    serial_number = fields.CharField(max_length=64, null=True)
    software_image = fields.ForeignKeyField(
        "models.SoftwareImage", related_name=False, on_delete=fields.RESTRICT, db_index=True
    )
    # The license type the edge was provisioned with: one of its customer's licenses.
    edge_license = fields.ForeignKeyField(
        "models.EdgeLicense",
        related_name=False,
        null=True,
        on_delete=fields.RESTRICT,
        db_index=True,
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "edge"


class IdempotencyRecord(Model):
    """The result of a create made with an idempotency key, for safe retries."""

    id = fields.IntField(primary_key=True)
    partner = fields.ForeignKeyField("models.Partner", related_name=False, on_delete=fields.CASCADE)
    operation = fields.CharField(max_length=64)
    key = fields.CharField(max_length=200)
    request_hash = fields.CharField(max_length=64)
    result_id = fields.IntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "idempotency_record"
        unique_together = (("partner", "operation", "key"),)
