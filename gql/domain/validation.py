"""Field checks shared by every input: text, e-mail addresses, phone numbers, domain
names, country codes."""

from __future__ import annotations

import re
import unicodedata

import idna
import phonenumbers
import pycountry
from email_validator import EmailNotValidError, validate_email

from gql.domain.problems import Problems

# The most items one input list may hold.
MAX_LIST = 100
# The longest name (partner, pool, edge, company …) and free text (descriptions).
MAX_NAME = 200
MAX_TEXT = 2000


def text(
    problems: Problems,
    value: str | None,
    label: str,
    *path: str,
    max_length: int = MAX_NAME,
    required: bool = True,
) -> str | None:
    """The one check of free text: trimmed; REQUIRED when blank (None when blank and
    optional); INVALID when longer than `max_length` or holding control characters
    (which no name, label or description needs, and which break logs and exports)."""
    if required and clean_text(value) is None:
        problems.add("REQUIRED", f"Enter {label}.", *path)
        return None
    return optional_text(problems, value, *path, max_length=max_length)


def optional_text(
    problems: Problems, value: str | None, *path: str, max_length: int = MAX_NAME
) -> str | None:
    """`text` for a value that may be left out: None when blank."""
    value = clean_text(value)
    if value is None:
        return None
    if len(value) > max_length:
        problems.add("INVALID", f"Use at most {max_length} characters.", *path)
    elif has_control_characters(value):
        problems.add("INVALID", "Remove the control characters.", *path)
    return value


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


_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def domain_name(value: str) -> str | None:
    """The domain in its Unicode form (U-labels: `bücher.example`, whether it was
    entered so or as `xn--bcher-kva.example`), lower-cased; None when it is not a DNS
    name of two or more labels with an alphabetic top-level label.

    IDNA 2008 (the `idna` package, with the UTS #46 mapping that folds case and width
    first): symbols such as `☃` are refused, and `ß` stays `ß` (IDNA 2003 turned
    `faß.de` into `fass.de`, another domain)."""
    name = value.strip().removesuffix(".")
    try:
        ascii_name = idna.encode(name, uts46=True).decode("ascii")
        unicode_name = idna.decode(ascii_name)
    except (idna.IDNAError, UnicodeError, ValueError):
        return None
    labels = ascii_name.split(".")
    if len(ascii_name) > 253 or len(labels) < 2:
        return None
    if not all(_LABEL.match(label) for label in labels):
        return None
    if not re.fullmatch(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}", labels[-1]):
        return None
    return unicode_name


def country_code(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code in capitals, or None when it is not one."""
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        return None
    return code


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(c) in {"Cc", "Cf"} for c in value)
