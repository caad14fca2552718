"""Opaque global IDs (Relay style): base64 of "TypeName:pk", or "TypeName:key" for the
few objects that are known by a name rather than a row (system properties).

Only the canonical spelling of an ID resolves: the one `encode` gives. Another text
that happens to decode to the same type and number (a leading zero, other digits
than ASCII ones, extra padding or trailing bytes, the standard alphabet instead of
the URL-safe one) is not an ID of ours, so one object has one ID and a cache or an
audit trail keyed by IDs cannot be split or confused.
"""

from __future__ import annotations

import base64
import binascii
import re

# A primary key as `encode` writes it: ASCII digits, no leading zero, 64-bit at most.
_PK = re.compile(r"0|[1-9][0-9]{0,17}")
# Longer than any ID `encode` gives for our type names.
_MAX_LENGTH = 100


def encode(type_name: str, pk: int) -> str:
    return str(base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode())


def decode(global_id: str) -> tuple[str, int] | None:
    """(type name, pk), or None when the text is not an ID this API gave out."""
    if not isinstance(global_id, str) or len(global_id) > _MAX_LENGTH:
        return None
    if not global_id.isascii():
        return None
    try:
        raw = base64.urlsafe_b64decode(global_id.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    type_name, sep, pk = raw.partition(":")
    if not sep or not _PK.fullmatch(pk):
        return None
    decoded = type_name, int(pk)
    return decoded if encode(*decoded) == global_id else None


def decode_as(global_id: str, type_name: str) -> int | None:
    """The pk when the ID names an object of `type_name`; None otherwise (an ID of
    the wrong type is treated as not found)."""
    decoded = decode(global_id)
    if decoded is None or decoded[0] != type_name:
        return None
    return decoded[1]


_MAX_KEY = 200


def encode_key(type_name: str, key: str) -> str:
    """The global ID of an object known by a name."""
    return str(base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode())


def decode_key(global_id: str, type_name: str) -> str | None:
    """The name when the ID names an object of `type_name` by its name; None otherwise."""
    if not isinstance(global_id, str) or len(global_id) > 4 * _MAX_KEY:
        return None
    if not global_id.isascii():
        return None
    try:
        raw = base64.urlsafe_b64decode(global_id.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    prefix, sep, key = raw.partition(":")
    if prefix != type_name or not sep or not key:
        return None
    return key if encode_key(type_name, key) == global_id else None
