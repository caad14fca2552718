"""What a client may learn from an error, and what only the server log keeps.

Errors the API raises on purpose carry an `extensions.code` and reach the client as
they are. Anything else (a bug, a driver error, SQL) is replaced by
`INTERNAL_SERVER_ERROR` with an error id; the log line with the traceback carries
the same id, so support can find it without the client ever seeing internals.
"""

from __future__ import annotations

import functools
import logging
import re
import traceback
import uuid
from collections.abc import Iterator
from enum import Enum
from typing import TypeVar

import strawberry
from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension

from gql.db import UNAVAILABLE_MESSAGE, is_unavailable
from gql.domain.problems import CODE_DESCRIPTIONS, Problems

log = logging.getLogger("portal.errors")


class ApiError(GraphQLError):
    """An error the API reports on purpose, with a machine-readable code."""

    code = "BAD_REQUEST"

    def __init__(self, message: str, *, code: str | None = None, **extensions: object) -> None:
        super().__init__(message, extensions={"code": code or self.code, **extensions})


_VARIABLE_ERROR = re.compile(
    r"(Variable '\$\w+' has invalid (?:default )?value(?: at [^:]*)?): (.*)", re.DOTALL
)
# Where graphql-core's messages about an input value go on to quote the value.
_QUOTES_VALUE = re.compile(r"; found|, found|\. Found|, but encountered|: ")


def _coded(error: GraphQLError, code: str, message: str | None = None) -> GraphQLError:
    return GraphQLError(
        message or error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={**(error.extensions or {}), "code": code},
    )


def without_value(message: str) -> str:
    """A variable error's message without the value the client sent (a password, say),
    which graphql-core quotes: "Variable '$input' has invalid value at 'x': Int cannot
    represent non-integer value: 'secret'" loses its last part."""
    match = _VARIABLE_ERROR.match(message)
    if match is None:
        return message
    head, reason = match.groups()
    reason = _QUOTES_VALUE.split(reason, maxsplit=1)[0].rstrip(".")
    return f"{head}: {reason}."


# Whose messages quote the values of a statement (a name, a password hash): their
# tracebacks are logged without the messages.
_QUOTING_MODULES = ("tortoise", "pypika", "asyncpg", "sqlite3", "aiosqlite")


def log_unexpected(error_id: str, exc: BaseException) -> None:
    """Logs a fault with its traceback under `error_id`. A database layer's message may
    quote what the client sent, so for those only the exception's type is kept."""
    chain, seen = [], exc
    while seen is not None and len(chain) < 6:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    if not any(type(e).__module__.startswith(_QUOTING_MODULES) for e in chain):
        log.error(
            "unexpected error (error id %s)",
            error_id,
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"error_id": error_id},
        )
        return
    frames = "".join(traceback.format_tb(exc.__traceback__))
    kinds = " <- ".join(f"{type(e).__module__}.{type(e).__qualname__}" for e in chain)
    log.error(
        "unexpected error (error id %s): %s (messages withheld: they may quote request values)\n%s",
        error_id,
        kinds,
        frames,
        extra={"error_id": error_id},
    )


def mask(error: GraphQLError) -> GraphQLError:
    """The client-safe form of one error, with an `extensions.code` always: the API's
    own errors keep theirs; parse, validation and variable errors get theirs here; the
    unexpected are hidden behind an error id."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        if (error.extensions or {}).get("code"):
            return error
        if isinstance(error, GraphQLSyntaxError):
            return _coded(error, "GRAPHQL_PARSE_FAILED")
        if error.path is None and error.message.startswith("Variable '$"):
            return _coded(error, "BAD_USER_INPUT", without_value(error.message))
        if error.path is None:
            return _coded(error, "GRAPHQL_VALIDATION_FAILED")
        # A field error without a code is a fault of the server (a value the schema
        # cannot represent, a null where the schema promised one): hidden below.
    elif isinstance(original, RecursionError) and error.path is None:
        return _coded(error, "GRAPHQL_PARSE_FAILED", "The document nests too deeply.")
    error_id = uuid.uuid4().hex
    if original is not None and is_unavailable(original):
        code, message = "SERVICE_UNAVAILABLE", UNAVAILABLE_MESSAGE
        log.warning(
            "database unavailable (error id %s): %s",
            error_id,
            type(original).__name__,
            extra={"error_id": error_id},
        )
    else:
        code, message = "INTERNAL_SERVER_ERROR", "Unexpected error."
        log_unexpected(error_id, original or error)
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


def mutation_errors(operation: str, *codes: str, description: str | None = None) -> type:
    """A mutation's error type (`CreateEdgeError`, implementing UserError) and its code
    enum (`CreateEdgeErrorCode`, as the type's `codes`). That the resolver can produce
    no other code is checked when the schema is built (gql.schema.codes)."""
    name = operation[0].upper() + operation[1:]
    enum = error_codes(f"{name}ErrorCode", *codes)
    cls = type(
        f"{name}Error",
        (UserError,),
        {
            "__annotations__": {"code": enum},
            "code": strawberry.field(description="What went wrong."),
            "codes": enum,
        },
    )
    return strawberry.type(cls, description=description or f"A problem with {operation}'s input.")


P = TypeVar("P")


def payload(cls: type[P], problems: Problems | None = None, **fields: object) -> P:
    """A mutation's payload: `fields` (the object, or None on failure) and the problems
    as the mutation's own error type."""
    error_type = _error_type(cls)
    errors = problems.build(error_type, error_type.codes) if problems else []
    return cls(errors=errors, **fields)


@functools.cache
def _error_type(cls: type) -> type:
    definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
    return definition.get_field("errors").type.of_type


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
