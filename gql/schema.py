"""Assembles the schema from the domain modules, with its extensions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from gql.errors import MaskUnexpectedErrors
from gql.observability import OperationMetrics
from gql.settings import Settings

log = logging.getLogger("portal.graphql")

try:
    API_VERSION = version("partner-portal-api")
except PackageNotFoundError:  # running from a source tree that was not installed
    API_VERSION = "0.0.0+source"


@strawberry.type(description="The root of every read.")
class Query:
    @strawberry.field(
        description="The version of the Partner Portal API this server runs. Needs no login."
    )
    def api_version(self) -> str:
        return API_VERSION


class PortalSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Strawberry logs every error at ERROR level. Errors of the request (bad
        # syntax, permissions, validation) are the client's business; unexpected ones
        # were already logged with their traceback and error id by MaskUnexpectedErrors.
        for error in errors:
            log.debug("graphql error: %s", error.message)


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or Settings()
    # Classes or factories, so that each request gets fresh extension instances.
    extensions: list[Callable[[], SchemaExtension]] = [
        OperationMetrics,
        MaskUnexpectedErrors,
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        lambda: MaxTokensLimiter(max_token_count=5000),
        lambda: QueryDepthLimiter(max_depth=12),
        lambda: MaxAliasesLimiter(max_alias_count=30),
    ]
    if not settings.introspection:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    return PortalSchema(
        query=Query,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=not settings.introspection),
    )


# What `portal export-schema` prints and `schema.graphql` holds.
schema = build_schema()
