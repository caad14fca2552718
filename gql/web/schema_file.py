"""GET /graphql/schema.graphql: the SDL of the running schema, the same text as
`portal export-schema` prints. It is public documentation, served also while
introspection is off; the operator may withdraw it (PORTAL_PUBLISH_SCHEMA=false)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from strawberry.schema.base import BaseSchema

PATH = "/graphql/schema.graphql"


def schema_file(schema: BaseSchema) -> Callable[[Request], Awaitable[Response]]:
    body = (schema.as_str() + "\n").encode("utf-8")

    async def serve(_: Request) -> Response:
        return Response(body, media_type="text/plain; charset=utf-8")

    return serve
