"""The operator's catalogue, and what of it each partner may assign."""

from tortoise import fields
from tortoise.models import Model

from models.enums import LicenseEdition


class SoftwareImage(Model):
    id = fields.IntField(primary_key=True)
    version = fields.CharField(max_length=64, unique=True)
    description = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "software_image"


class GatewayPool(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    # models.keys.identifier_key of the name: unique however spelt.
    name_key = fields.CharField(max_length=200, unique=True)
    description = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "gateway_pool"


class EdgeLicense(Model):
    id = fields.IntField(primary_key=True)
    sku = fields.CharField(max_length=64, unique=True)
    edition = fields.CharEnumField(LicenseEdition, max_length=16)
    bandwidth_mbps = fields.IntField()
    term_months = fields.IntField()
    region = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "edge_license"


class PartnerSoftwareImage(Model):
    id = fields.IntField(primary_key=True)
    partner = fields.ForeignKeyField(
        "models.Partner", related_name="software_images", on_delete=fields.CASCADE
    )
    image = fields.ForeignKeyField(
        "models.SoftwareImage", related_name="partners", on_delete=fields.RESTRICT, db_index=True
    )

    class Meta:
        table = "partner_software_image"
        unique_together = (("partner", "image"),)


class PartnerGatewayPool(Model):
    id = fields.IntField(primary_key=True)
    partner = fields.ForeignKeyField(
        "models.Partner", related_name="gateway_pools", on_delete=fields.CASCADE
    )
    pool = fields.ForeignKeyField(
        "models.GatewayPool", related_name="partners", on_delete=fields.RESTRICT, db_index=True
    )

    class Meta:
        table = "partner_gateway_pool"
        unique_together = (("partner", "pool"),)


class PartnerEdgeLicense(Model):
    id = fields.IntField(primary_key=True)
    partner = fields.ForeignKeyField(
        "models.Partner", related_name="edge_licenses", on_delete=fields.CASCADE
    )
    license = fields.ForeignKeyField(
        "models.EdgeLicense", related_name="partners", on_delete=fields.RESTRICT, db_index=True
    )

    class Meta:
        table = "partner_edge_license"
        unique_together = (("partner", "license"),)
