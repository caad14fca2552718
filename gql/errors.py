"""What a client may learn from an error, and what only the server log keeps.

Errors the API raises on purpose carry an `extensions.code` and reach the client as
they are. Anything else (a bug, a driver error, SQL) is replaced by
`INTERNAL_SERVER_ERROR` with an error id; the log line with the traceback carries
the same id, so support can find it without the client ever seeing internals.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Iterator
from enum import Enum

import asyncpg
import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from tortoise.exceptions import DBConnectionError

log = logging.getLogger("portal.errors")

# Faults of the database's availability, not of the request: the client should retry.
_UNAVAILABLE = (
    TimeoutError,
    asyncio.TimeoutError,
    ConnectionError,
    DBConnectionError,
    asyncpg.PostgresConnectionError,  # SQLSTATE class 08
    asyncpg.CannotConnectNowError,  # the server is starting up
    asyncpg.AdminShutdownError,  # the server is shutting down or restarting
    asyncpg.CrashShutdownError,
    asyncpg.exceptions.ConnectionDoesNotExistError,  # the connection died mid-query
)


class ApiError(GraphQLError):
    """An error the API reports on purpose, with a machine-readable code."""

    code = "BAD_REQUEST"

    def __init__(self, message: str, *, code: str | None = None, **extensions: object) -> None:
        super().__init__(message, extensions={"code": code or self.code, **extensions})


class DatabaseUnavailable(Exception):
    """Raised outside GraphQL execution (authenticating a request) when the database
    cannot be reached; the app answers 503 with a GraphQL-shaped body."""


UNAVAILABLE_MESSAGE = "The service is briefly unavailable; retry shortly."


def is_unavailable(exc: BaseException | None) -> bool:
    """The database cannot be reached, whatever wraps it (Tortoise re-raises driver
    errors as its own OperationalError, keeping the driver's as the cause)."""
    for _ in range(6):
        if exc is None:
            return False
        if isinstance(exc, _UNAVAILABLE):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def mask(error: GraphQLError) -> GraphQLError:
    """The client-safe form of one error (itself when nothing needs hiding)."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return error
    error_id = uuid.uuid4().hex
    if is_unavailable(original):
        code, message = "SERVICE_UNAVAILABLE", UNAVAILABLE_MESSAGE
        log.warning(
            "database unavailable (error id %s): %s",
            error_id,
            type(original).__name__,
            extra={"error_id": error_id},
        )
    else:
        code, message = "INTERNAL_SERVER_ERROR", "Unexpected error."
        log.error(
            "unexpected error (error id %s)",
            error_id,
            exc_info=(type(original), original, original.__traceback__),
            extra={"error_id": error_id},
        )
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": code, "errorId": error_id},
    )


class MaskUnexpectedErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [mask(e) for e in result.errors]


@strawberry.interface(
    description="A problem with a mutation's input: business and validation failures are "
    "data, reported together so that a form can mark every field at once."
)
class UserError:
    field: list[str] | None = strawberry.field(
        description='The input path of the value at fault, e.g. ["input", "admin", "password"]; '
        "null when the problem is not one field's."
    )
    message: str = strawberry.field(description="What is wrong, for a person to read.")


class Problems:
    """Collects the problems of one input before anything is written."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, list[str] | None]] = []

    def add(self, code: str, message: str, *path: str) -> None:
        self.items.append((code, message, ["input", *path] if path else None))

    def __bool__(self) -> bool:
        return bool(self.items)

    def build(self, error_type: type, code_enum: type[Enum]) -> list:
        return [error_type(field=f, message=m, code=code_enum(c)) for c, m, f in self.items]


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
}


def error_codes(name: str, *codes: str, **descriptions: str) -> type[Enum]:
    """A mutation's enum of error codes, described from CODE_DESCRIPTIONS (or
    `descriptions`, to say more for this mutation)."""
    members = {
        code: strawberry.enum_value(
            code, description=descriptions.get(code, CODE_DESCRIPTIONS[code])
        )
        for code in codes
    }
    enum = Enum(name, members)  # type: ignore[misc]
    return strawberry.enum(
        enum,
        description=f"Why {name.removesuffix('ErrorCode')[0].lower()}"
        f"{name.removesuffix('ErrorCode')[1:]} failed.",
    )
