"""Enumerations shared by the models and the API."""

from enum import StrEnum


class Role(StrEnum):
    OPERATOR_SUPERUSER = "OPERATOR_SUPERUSER"
    OPERATOR_SUPPORT = "OPERATOR_SUPPORT"
    PARTNER_SUPERUSER = "PARTNER_SUPERUSER"
    PARTNER_STANDARD_ADMIN = "PARTNER_STANDARD_ADMIN"
    PARTNER_CUSTOMER_SUPPORT = "PARTNER_CUSTOMER_SUPPORT"
    ENTERPRISE_SUPERUSER = "ENTERPRISE_SUPERUSER"

    @property
    def is_operator(self) -> bool:
        return self in OPERATOR_ROLES

    @property
    def is_partner(self) -> bool:
        return self in PARTNER_ROLES


OPERATOR_ROLES = frozenset({Role.OPERATOR_SUPERUSER, Role.OPERATOR_SUPPORT})
PARTNER_ROLES = frozenset(
    {Role.PARTNER_SUPERUSER, Role.PARTNER_STANDARD_ADMIN, Role.PARTNER_CUSTOMER_SUPPORT}
)


class LicenseEdition(StrEnum):
    STANDARD = "STANDARD"
    ENTERPRISE = "ENTERPRISE"
    PREMIUM = "PREMIUM"


class TokenKind(StrEnum):
    SESSION = "SESSION"
    API = "API"
