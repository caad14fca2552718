"""GraphQL over HTTP: Strawberry's ASGI view, held to the GraphQL-over-HTTP spec.

- `Accept: application/graphql-response+json` is answered in that media type, and a
  request that never executed (a parse, validation or variable error) then gets 400
  without a `data` entry; `application/json` keeps the legacy 200.
- Mutations over GET get 405; bodies other than JSON get 415 (form and text bodies
  are how cross-site requests slip past CORS).
- Input is bounded before execution: NUL characters, list sizes and nesting.
- Every refusal is JSON with an `extensions.code` (BAD_REQUEST for a body or an
  operation name the server cannot use); an operation over the cost budget is 400,
  one the database could not serve at all 503 with `Retry-After`. Never a 500 for
  what a client sent.
- The explorer comes from the app's own files, never a CDN.
- Persisted documents (APQ, trusted documents) are resolved in gql.web.persisted,
  hooked in by `run`, `should_render_graphql_ide` and `execute_operation` below.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types.unset import UNSET

from gql.db import UNAVAILABLE_MESSAGE, DatabaseUnavailable, is_unavailable
from gql.domain.auth import authenticate
from gql.jsonio import encode_json
from gql.schema.build import build_schema
from gql.schema.context import Context
from gql.schema.limits import input_problem
from gql.schema.loaders import Loaders
from gql.settings import Settings
from gql.web import persisted
from gql.web.client import client_address, trusted_networks

log = logging.getLogger("portal.http")

GRAPHIQL_DIR = Path(__file__).parent / "static" / "graphiql"
GRAPHQL_RESPONSE = "application/graphql-response+json"
_NUL_ESCAPE = re.compile(r"\\u0000|\\u\{0+\}", re.IGNORECASE)
_CODES = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


def error_response(
    status: int, message: str, code: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """A refusal in the shape of a GraphQL response, so every client can read it."""
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status, headers=headers)


def unavailable_response() -> JSONResponse:
    return error_response(503, UNAVAILABLE_MESSAGE, "SERVICE_UNAVAILABLE", {"Retry-After": "1"})


def _accepts_graphql_response(accept: str) -> bool:
    """True when the client prefers application/graphql-response+json (or accepts only
    it) over application/json."""
    weights: dict[str, float] = {}
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        weights[media.strip().lower()] = q
    ours = weights.get(GRAPHQL_RESPONSE, 0.0)
    legacy = weights.get("application/json", 0.0)
    return ours > 0 and ours >= legacy


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


class PortalGraphQL(GraphQL[Context, None]):
    encode_json = staticmethod(encode_json)  # orjson

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            build_schema(settings),
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=True,
            multipart_uploads_enabled=False,
        )
        self.settings = settings
        self._trusted_proxies = trusted_networks(settings.trusted_proxies)
        self._graphiql_page = (GRAPHIQL_DIR / "index.html").read_text(encoding="utf-8")
        self.persisted = persisted.PersistedDocuments.from_settings(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope, receive=receive))
        except HTTPException as exc:
            code = _CODES.get(exc.status_code, "BAD_REQUEST")
            response = error_response(exc.status_code, exc.reason, code)
        except DatabaseUnavailable:
            response = unavailable_response()
        except Exception as exc:
            if not is_unavailable(exc):
                raise  # the app's last-resort handler logs it and answers with an error id
            log.warning("database unavailable: %s", type(exc).__name__)
            response = unavailable_response()
        await response(scope, receive, send)

    def decode_json(self, data: str | bytes) -> object:
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                raise HTTPException(400, "The request body is not valid UTF-8.") from None
        value = json.loads(data)
        if not isinstance(value, dict):
            raise HTTPException(400, "The request must be a JSON object.")
        return value

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        try:
            viewer = await authenticate(request.headers.get("authorization"))
        except Exception as exc:
            if is_unavailable(exc):
                raise DatabaseUnavailable from exc
            raise
        return Context(
            request=request,
            response=response,
            settings=self.settings,
            viewer=viewer,
            loaders=Loaders(viewer),
            client_address=client_address(request.scope, self._trusted_proxies),
        )

    async def get_sub_response(self, request: Request) -> Response:  # type: ignore[override]
        response = await super().get_sub_response(request)
        response.graphql_response = _accepts_graphql_response(  # type: ignore[attr-defined]
            request.headers.get("accept", "")
        )
        return response

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:  # type: ignore[override]
        return HTMLResponse(self._graphiql_page)

    async def parse_http_body(self, request: Any) -> Any:
        if request.method == "POST":
            media = (request.content_type or "").split(";")[0].strip().lower()
            if media != "application/json":
                raise HTTPException(415, "Send the request as application/json.")
        data = await super().parse_http_body(request)
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item.operation_name, (str, type(None))):
                raise HTTPException(400, "`operationName` must be a string or null.")
            # No text column stores NUL (PostgreSQL refuses it outright) and no valid
            # input holds one: refused once here instead of in every field.
            if (
                _has_nul(item.variables)
                or _has_nul(item.operation_name)
                or (
                    item.query is not None
                    and ("\x00" in item.query or _NUL_ESCAPE.search(item.query))
                )
            ):
                raise HTTPException(400, "Text in a request must not contain NUL characters.")
            if problem := input_problem(item.variables):
                raise HTTPException(400, problem)
        return data

    async def execute_single(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().execute_single(*args, **kwargs)
        except HTTPException as exc:
            if isinstance(exc.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, exc.reason) from exc  # a mutation over GET
            raise

    def create_response(self, response_data: Any, sub_response: Response) -> Response:  # type: ignore[override]
        errors = response_data.get("errors") or ()
        codes = {(e.get("extensions") or {}).get("code") for e in errors}
        data = response_data.get("data")
        nothing_done = data is None or not any(v is not None for v in data.values())
        # Refusals of the whole operation get a status a client can act on.
        if "QUERY_TOO_COMPLEX" in codes:
            sub_response.status_code = 400
        elif codes == {"SERVICE_UNAVAILABLE"} and nothing_done:
            sub_response.status_code = 503
            sub_response.headers["Retry-After"] = "1"
        response = super().create_response(response_data, sub_response)
        if getattr(sub_response, "graphql_response", False) and isinstance(response_data, dict):
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
            errors = response_data.get("errors") or []
            never_executed = (
                response_data.get("data") is None
                and errors
                and all("path" not in e for e in errors)
            )
            if never_executed and not sub_response.status_code:
                response_data = {k: v for k, v in response_data.items() if k != "data"}
                response.body = response.render(self.encode_json(response_data))
                response.headers["content-length"] = str(len(response.body))
                response.status_code = 400
        return response

    # --- persisted documents (gql.web.persisted) ------------------------------------

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:  # type: ignore[override]
        try:
            if isinstance(request, Request) and request.method == "GET":
                self.persisted.check_query_params(request.query_params)
            return await super().run(request, context, root_value)
        except persisted.Refusal as refusal:
            return refusal.response()

    def should_render_graphql_ide(self, request: Any) -> bool:
        # A GET that names a persisted document wants the result, whatever it accepts.
        return super().should_render_graphql_ide(
            request
        ) and not persisted.has_persisted_parameters(request.query_params)

    async def execute_operation(self, **kwargs: Any) -> Any:  # type: ignore[override]
        resolution = await self.persisted.resolve(kwargs["request_data"], kwargs["request_adapter"])
        kwargs["request_data"] = resolution.request_data
        kwargs["context"].trusted_document = resolution.trusted
        result = await super().execute_operation(**kwargs)
        self.persisted.settle(resolution, result)
        return result
