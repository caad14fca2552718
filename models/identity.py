"""Partners, users and their tokens."""

from tortoise import fields
from tortoise.models import Model

from models.enums import Role, TokenKind


class Partner(Model):
    """A managed-service partner: owns customers, chooses from the operator's catalogue."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    # models.keys.identifier_key of the name: the database keeps partner names unique
    # however they are spelt.
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
    # models.keys.identifier_key of the username: unique across the orchestrator
    # however it is spelt (case, width, compatibility forms).
    username_key = fields.CharField(max_length=254, unique=True)
    password_hash = fields.CharField(max_length=255)
    first_name = fields.CharField(max_length=100, null=True)
    last_name = fields.CharField(max_length=100, null=True)
    phone = fields.CharField(max_length=20, null=True)
    mobile_phone = fields.CharField(max_length=20, null=True)
    contact_email = fields.CharField(max_length=254, null=True)
    # A disabled user cannot log in, and its sessions and API tokens stop working.
    disabled = fields.BooleanField(default=False)
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


class LoginThrottle(Model):
    """Password-login attempts of one username or one client address.

    Kept for usernames whether or not they exist; gql.domain.login_throttle reads and
    writes it under a row lock, so every server process sees one count."""

    id = fields.IntField(primary_key=True)
    # "user:<username key>" or "addr:<client address or IPv6 /64>".
    key = fields.CharField(max_length=300, unique=True)
    # When each attempt counted in the last 15 minutes was taken (epoch seconds).
    recent = fields.JSONField(default=list)
    # Consecutive attempts without a success (one taken is counted until it succeeds).
    failures = fields.IntField(default=0)
    # No attempt is taken before this (the growing delay).
    next_attempt_at = fields.DatetimeField(null=True)
    # Bumped by every attempt: a verification that another attempt overlapped is
    # refused whatever its password.
    sequence = fields.IntField(default=0)
    # The last attempt, by the throttle's clock: rows idle for a window are purged.
    updated_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "login_throttle"
