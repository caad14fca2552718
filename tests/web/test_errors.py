"""Unexpected failures reach the client as an error id, never as internals."""

from __future__ import annotations

import re

import pytest
import strawberry
from tortoise.exceptions import DBConnectionError

from gql.schema.errors import ApiError, MaskUnexpectedErrors


@strawberry.type
class _Query:
    @strawberry.field
    def broken(self) -> str | None:
        raise RuntimeError('relation "users" does not exist: SELECT password_hash FROM users')

    @strawberry.field
    def database_down(self) -> str:
        raise DBConnectionError("could not connect to 10.1.2.3:5432 as portal_owner")

    @strawberry.field
    def refused(self) -> str | None:
        raise ApiError("You may not do that.", code="FORBIDDEN")

    @strawberry.field
    def fine(self) -> str:
        return "ok"


SCHEMA = strawberry.Schema(query=_Query, extensions=[MaskUnexpectedErrors])


async def test_unexpected_error_is_masked_with_an_id_the_log_carries(
    caplog: pytest.LogCaptureFixture,
) -> None:
    result = await SCHEMA.execute("{ broken fine }")
    assert result.data == {"broken": None, "fine": "ok"}  # the rest of the response intact
    [error] = result.errors
    assert error.message == "Unexpected error."
    assert error.extensions["code"] == "INTERNAL_SERVER_ERROR"
    error_id = error.extensions["errorId"]
    assert re.fullmatch(r"[0-9a-f]{32}", error_id)
    assert "SELECT" not in str(error.formatted)
    assert "password" not in str(error.formatted)
    logged = [r for r in caplog.records if getattr(r, "error_id", None) == error_id]
    assert len(logged) == 1
    assert logged[0].exc_info is not None  # the traceback stays on the server
    assert "SELECT password_hash" in caplog.text


async def test_database_outage_is_a_retryable_error_without_driver_text() -> None:
    result = await SCHEMA.execute("{ databaseDown }")
    [error] = result.errors
    assert error.extensions["code"] == "SERVICE_UNAVAILABLE"
    assert "10.1.2.3" not in error.message
    assert "portal_owner" not in error.message


async def test_deliberate_errors_keep_their_code_and_message() -> None:
    result = await SCHEMA.execute("{ refused fine }")
    [error] = result.errors
    assert error.message == "You may not do that."
    assert error.extensions == {"code": "FORBIDDEN"}
    assert result.data == {"refused": None, "fine": "ok"}


async def test_validation_errors_are_not_masked(gql) -> None:
    body = await gql("{ noSuchField }")
    assert "noSuchField" in body["errors"][0]["message"]


def test_a_locked_sqlite_database_counts_as_unavailable() -> None:
    import sqlite3

    from tortoise.exceptions import OperationalError

    from gql.db import is_unavailable

    wrapped = OperationalError("wrapped")
    wrapped.__cause__ = sqlite3.OperationalError("database is locked")
    assert is_unavailable(wrapped)
    assert not is_unavailable(sqlite3.OperationalError("no such table: x"))


def test_a_cancelled_statement_or_a_full_server_counts_as_unavailable() -> None:
    import asyncpg
    from tortoise.exceptions import OperationalError

    from gql.db import is_unavailable

    for cause in (
        asyncpg.QueryCanceledError("canceling statement due to statement timeout"),
        asyncpg.TooManyConnectionsError("sorry, too many clients already"),
    ):
        wrapped = OperationalError("wrapped")
        wrapped.__cause__ = cause
        assert is_unavailable(wrapped), cause
    assert not is_unavailable(asyncpg.UniqueViolationError("duplicate key"))
