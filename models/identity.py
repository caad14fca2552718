"""Partners, users and their tokens."""

from tortoise import fields
from tortoise.models import Model

from models.enums import Role, TokenKind


class Partner(Model):
    """A managed-service partner: owns customers, chooses from the operator's catalogue."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    # Lower-cased name: the database keeps partner names unique whatever their case.
    name_key = fields.CharField(max_length=200, unique=True)
    edge_licensing_enabled = fields.BooleanField(default=False)
    default_software_image = fields.ForeignKeyField(
        "models.SoftwareImage",
        related_name=False,
        null=True,
        on_delete=fields.RESTRICT,
        db_index=True,
    )
    default_gateway_pool = fields.ForeignKeyField(
        "models.GatewayPool",
        related_name=False,
        null=True,
        on_delete=fields.RESTRICT,
        db_index=True,
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "partner"


class User(Model):
    """A person who logs in: of the operator (no partner), of a partner, or of a customer."""

    id = fields.IntField(primary_key=True)
    role = fields.CharEnumField(Role, max_length=32)
    partner = fields.ForeignKeyField(
        "models.Partner", related_name="users", null=True, on_delete=fields.CASCADE, db_index=True
    )
    # The customer whose own user this is (its partner is then the customer's partner).
    customer = fields.ForeignKeyField(
        "models.Customer", related_name="users", null=True, on_delete=fields.CASCADE, db_index=True
    )
    username = fields.CharField(max_length=254)
    # Lower-cased username: uniqueness across the orchestrator is case-insensitive.
    username_key = fields.CharField(max_length=254, unique=True)
    password_hash = fields.CharField(max_length=255)
    first_name = fields.CharField(max_length=100, null=True)
    last_name = fields.CharField(max_length=100, null=True)
    phone = fields.CharField(max_length=20, null=True)
    mobile_phone = fields.CharField(max_length=20, null=True)
    contact_email = fields.CharField(max_length=254, null=True)
    # A disabled user cannot log in, and its sessions and API tokens stop working.
    disabled = fields.BooleanField(default=False)
    failed_logins = fields.IntField(default=0)
    locked_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "app_user"


class AuthToken(Model):
    """A login session or a named API token. Only the SHA-256 of the token is stored."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(TokenKind, max_length=16)
    user = fields.ForeignKeyField(
        "models.User", related_name="tokens", on_delete=fields.CASCADE, db_index=True
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=100, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "auth_token"
