"""Problems with an input, collected before anything is written.

Business rules add a problem (a code, a message for a person, the input path to blame)
for every broken rule, so a form can mark every field at once; the schema layer turns
them into each mutation's typed errors.
"""

from __future__ import annotations

from enum import Enum

# What each error code means, written once; a mutation's code enum may say more.
CODE_DESCRIPTIONS = {
    "REQUIRED": "A required value is missing or blank.",
    "INVALID": "A value is malformed, out of range, or not allowed.",
    "DUPLICATE": "A value that must be unique is taken.",
    "NOT_FOUND": "No such object, or not one the caller may see.",
    "NOT_AVAILABLE": "Not available to the caller's partner.",
    "PASSWORD_MISMATCH": "The confirmation differs from the password.",
    "PASSWORD_TOO_WEAK": "The password breaks the password policy.",
    "CREATION_DISABLED": "The operator has disabled customer creation.",
    "EDGE_LICENSING_DISABLED": "The partner may not assign edge licenses.",
    "ANALYTICS_UNAVAILABLE": "Analytics is not enabled on the orchestrator.",
    "SINGLE_IMAGE_ONLY": "Without Manage Software Images, exactly one image is assigned.",
    "DEFAULT_IMAGE_REQUIRED": "The default image must be one of the assigned images.",
    "IMAGE_IN_USE": "An image to remove still runs on edges (the message names them).",
    "CUSTOMER_HAS_EDGES": "The customer still has edges.",
    "LICENSE_EDITION_MIX": "STANDARD licenses mixed with ENTERPRISE or PREMIUM ones.",
    "IDEMPOTENCY_KEY_REUSED": "The idempotency key was used with a different input.",
    "RATE_LIMITED": "Too many attempts: wait and try again.",
    "INVALID_CREDENTIALS": "The username or the password is wrong.",
    "NOT_DELEGATED": "The partner has not delegated this to the customer (Manage Software "
    "Images is off).",
    "LAST_SUPERUSER": "The customer's last enabled superuser cannot be removed, disabled or "
    "demoted.",
    "LICENSE_REQUIRED": "The customer has edge licenses: name the one the edge is "
    "provisioned with.",
    "LICENSE_IN_USE": "A license to remove is still used by edges (the message names them).",
}


class Problems:
    """Collects the problems of one input before anything is written."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, list[str] | None]] = []

    def add(self, code: str, message: str, *path: str) -> None:
        self.items.append((code, message, ["input", *path] if path else None))

    def __bool__(self) -> bool:
        return bool(self.items)

    def about(self, *path: str) -> bool:
        """Whether a problem was already found with this field (so a value known to be
        invalid, over-long say, is never looked up in the database)."""
        return any(field == ["input", *path] for _, _, field in self.items)

    def build(self, error_type: type, code_enum: type[Enum]) -> list:
        """The problems as `error_type` objects with codes of `code_enum`."""
        return [error_type(field=f, message=m, code=code_enum(c)) for c, m, f in self.items]
