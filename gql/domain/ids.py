"""Opaque global IDs (Relay style): base64 of "TypeName:pk"."""

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
