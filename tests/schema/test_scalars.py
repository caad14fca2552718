"""DateTime is RFC 3339, and the schema says so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from graphql import GraphQLScalarType

from gql.schema.build import schema
from gql.schema.scalars import RFC3339, _parse, _serialize


def test_datetime_declares_its_specification() -> None:
    scalar = schema._schema.type_map["DateTime"]
    assert isinstance(scalar, GraphQLScalarType)
    assert scalar.specified_by_url == RFC3339 == "https://datatracker.ietf.org/doc/html/rfc3339"
    assert (
        'scalar DateTime @specifiedBy(url: "https://datatracker.ietf.org/doc/html/rfc3339")'
        in schema.as_str()
    )


def test_values_always_carry_an_offset() -> None:
    moment = datetime(2026, 11, 25, 7, 38, 5, 908000, tzinfo=UTC)
    assert _serialize(moment) == "2026-11-25T07:38:05.908000+00:00"
    assert _serialize(moment.replace(tzinfo=None)) == "2026-11-25T07:38:05.908000+00:00"
    east = moment.astimezone(timezone(timedelta(hours=2)))
    assert _serialize(east) == "2026-11-25T09:38:05.908000+02:00"


def test_input_must_be_rfc3339_with_an_offset() -> None:
    assert _parse("2026-11-25T07:38:05Z") == datetime(2026, 11, 25, 7, 38, 5, tzinfo=UTC)
    for bad in ("2026-11-25T07:38:05", "yesterday", 5, None):
        with pytest.raises(ValueError, match="RFC 3339"):
            _parse(bad)


async def test_api_timestamps_are_rfc3339(gql, operator) -> None:
    body = await gql("{ apiTokens { createdAt } me { id } }", token=operator.token)
    assert body.get("errors") is None
    created = await gql(
        'mutation { createApiToken(input: {name: "ci"}) { apiToken { createdAt expiresAt } } }',
        token=operator.token,
    )
    token = created["data"]["createApiToken"]["apiToken"]
    for value in token.values():
        assert datetime.fromisoformat(value).utcoffset() is not None
        assert value[10] == "T"
