"""Opaque global IDs (Relay style): base64 of "TypeName:pk", or "TypeName:key" for the
few objects that are known by a name rather than a row (system properties)."""

from __future__ import annotations

import base64
import binascii


def encode(type_name: str, pk: int) -> str:
    return str(base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode())


def decode(global_id: str) -> tuple[str, int] | None:
    """(type name, pk), or None when the ID is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(global_id.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    type_name, sep, pk = raw.partition(":")
    if not sep or not pk.isdigit() or len(pk) > 18:
        return None
    return type_name, int(pk)


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
    if len(global_id) > 4 * _MAX_KEY:
        return None
    try:
        raw = base64.urlsafe_b64decode(global_id.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    prefix, sep, key = raw.partition(":")
    if prefix != type_name or not sep or not key:
        return None
    return key
