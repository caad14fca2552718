"""Enumerations shared by the models and the API."""

from enum import StrEnum


class Role(StrEnum):
    OPERATOR_SUPERUSER = "OPERATOR_SUPERUSER"
    OPERATOR_SUPPORT = "OPERATOR_SUPPORT"
    PARTNER_SUPERUSER = "PARTNER_SUPERUSER"
    PARTNER_STANDARD_ADMIN = "PARTNER_STANDARD_ADMIN"
    PARTNER_CUSTOMER_SUPPORT = "PARTNER_CUSTOMER_SUPPORT"
    ENTERPRISE_SUPERUSER = "ENTERPRISE_SUPERUSER"
    ENTERPRISE_STANDARD_ADMIN = "ENTERPRISE_STANDARD_ADMIN"
    ENTERPRISE_READ_ONLY = "ENTERPRISE_READ_ONLY"

    @property
    def is_operator(self) -> bool:
        return self in OPERATOR_ROLES

    @property
    def is_partner(self) -> bool:
        return self in PARTNER_ROLES

    @property
    def is_enterprise(self) -> bool:
        return self in ENTERPRISE_ROLES


OPERATOR_ROLES = frozenset({Role.OPERATOR_SUPERUSER, Role.OPERATOR_SUPPORT})
PARTNER_ROLES = frozenset(
    {Role.PARTNER_SUPERUSER, Role.PARTNER_STANDARD_ADMIN, Role.PARTNER_CUSTOMER_SUPPORT}
)
# A customer's own users.
ENTERPRISE_ROLES = frozenset(
    {Role.ENTERPRISE_SUPERUSER, Role.ENTERPRISE_STANDARD_ADMIN, Role.ENTERPRISE_READ_ONLY}
)


class LicenseEdition(StrEnum):
    STANDARD = "STANDARD"
    ENTERPRISE = "ENTERPRISE"
    PREMIUM = "PREMIUM"


class TokenKind(StrEnum):
    SESSION = "SESSION"
    API = "API"
