"""Scalars whose text format the schema states: `DateTime` is RFC 3339, and says so
with `@specifiedBy`, so that clients and code generators can parse it without guessing."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from strawberry.types.scalar import ScalarDefinition

RFC3339 = "https://datatracker.ietf.org/doc/html/rfc3339"


def _serialize(value: datetime) -> str:
    # The database keeps UTC; a value without an offset is UTC too, and gets one, since
    # RFC 3339 has no local times.
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def _parse(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("A DateTime is an RFC 3339 string.")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("A DateTime is an RFC 3339 string.") from None
    if parsed.tzinfo is None:
        raise ValueError("A DateTime is an RFC 3339 string with an offset, e.g. Z.")
    return parsed


DATETIME: ScalarDefinition = strawberry.scalar(
    name="DateTime",
    description="A date and time with its UTC offset, as RFC 3339 text "
    '(e.g. "2026-11-25T07:38:05.908000+00:00").',
    specified_by_url=RFC3339,
    serialize=_serialize,
    parse_value=_parse,
)

SCALARS: dict[object, ScalarDefinition] = {datetime: DATETIME}
