"""Field checks shared by the mutations: e-mail addresses, phone numbers, text."""

from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError, validate_email


def clean_text(value: str | None) -> str | None:
    """Trimmed text; None for None or blank."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def email_address(value: str) -> str | None:
    """The normalized address, or None when it is not one."""
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def e164_phone(value: str) -> str | None:
    """The number in E.164, or None when it is not a valid international number."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
