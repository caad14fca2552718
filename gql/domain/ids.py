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
    return encode_key(type_name, str(pk))


def encode_key(type_name: str, key: str) -> str:
    """The global ID of an object known by a name (or, as text, by its pk)."""
    return str(base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode())


def _parts(global_id: object, longest: int) -> tuple[str, str] | None:
    """(type name, key) of a canonical ID no longer than `longest`; None otherwise."""
    if not isinstance(global_id, str) or len(global_id) > longest or not global_id.isascii():
        return None
    try:
        raw = base64.urlsafe_b64decode(global_id.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    type_name, sep, key = raw.partition(":")
    if not sep or encode_key(type_name, key) != global_id:
        return None
    return type_name, key


def decode(global_id: str) -> tuple[str, int] | None:
    """(type name, pk), or None when the text is not an ID this API gave out."""
    parts = _parts(global_id, _MAX_LENGTH)
    if parts is None or not _PK.fullmatch(parts[1]):
        return None
    return parts[0], int(parts[1])


def decode_as(global_id: str, type_name: str) -> int | None:
    """The pk when the ID names an object of `type_name`; None otherwise (an ID of
    the wrong type is treated as not found)."""
    decoded = decode(global_id)
    if decoded is None or decoded[0] != type_name:
        return None
    return decoded[1]


_MAX_KEY = 200


def decode_key(global_id: str, type_name: str) -> str | None:
    """The name when the ID names an object of `type_name` by its name; None otherwise."""
    parts = _parts(global_id, 4 * _MAX_KEY)
    if parts is None or parts[0] != type_name or not parts[1]:
        return None
    return parts[1]
