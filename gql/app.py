"""The Starlette application: lifespan, routes and middleware."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from strawberry.asgi import GraphQL

from gql import db
from gql.auth import authenticate
from gql.context import Context
from gql.loaders import Loaders
from gql.observability import RequestLogMiddleware, configure_logging, metrics_response
from gql.schema import build_schema
from gql.settings import Settings

log = logging.getLogger("portal.app")

GRAPHIQL_DIR = Path(__file__).parent / "static" / "graphiql"


class PortalGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view, with the context built here and the explorer served
    from the app's own files instead of a CDN."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            build_schema(settings),
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=True,
            multipart_uploads_enabled=False,
        )
        self.settings = settings
        self._graphiql_page = (GRAPHIQL_DIR / "index.html").read_text(encoding="utf-8")

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        viewer = await authenticate(request.headers.get("authorization"))
        return Context(
            request=request,
            response=response,
            settings=self.settings,
            viewer=viewer,
            loaders=Loaders(viewer),
        )

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:  # type: ignore[override]
        return HTMLResponse(self._graphiql_page)

    async def parse_http_body(self, request: Any) -> Any:
        data = await super().parse_http_body(request)
        # No text column anywhere stores NUL (PostgreSQL refuses it outright), and no
        # legitimate input holds one: refuse it once here instead of in every field.
        for item in data if isinstance(data, list) else [data]:
            if (
                _has_nul(item.variables)
                or _has_nul(item.operation_name)
                or (
                    item.query is not None
                    and ("\x00" in item.query or _NUL_ESCAPE.search(item.query))
                )
            ):
                raise HTTPException(400, "Text in a request must not contain NUL characters.")
        return data


_NUL_ESCAPE = re.compile(r"\\u0000|\\u\{0+\}", re.IGNORECASE)


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


async def healthz(_: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(_: Request) -> JSONResponse:
    try:
        await db.ping()
    except Exception as exc:  # any failure means "not ready"; the reason goes to the log only
        log.warning("readiness check failed: %s", type(exc).__name__)
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


def create_app(settings: Settings | None = None, *, manage_database: bool = True) -> Starlette:
    """Builds the app. With `manage_database` off, the caller (a test) opens and closes
    the database itself."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if not manage_database:
            yield
            return
        await db.init_db(settings)
        try:
            yield
        finally:
            await db.close_db()

    routes = [
        Route("/graphql", PortalGraphQL(settings)),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics_response, methods=["GET"]),
    ]
    if settings.graphiql:
        routes.append(Mount("/graphiql", StaticFiles(directory=GRAPHIQL_DIR), name="graphiql"))

    middleware = [Middleware(RequestLogMiddleware)]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
                expose_headers=["X-Request-ID"],
                max_age=600,
            )
        )
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def app_factory() -> Starlette:
    """Entry point for `uvicorn --factory gql.app:app_factory` (and `portal serve`)."""
    settings = Settings.from_env()
    configure_logging(settings)
    return create_app(settings)
