"""The Starlette application: lifespan, routes and middleware."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from gql import db
from gql.db import UNAVAILABLE_MESSAGE, DatabaseUnavailable
from gql.domain import security
from gql.domain.webhooks import worker as webhook_worker
from gql.settings import Settings
from gql.web import schema_file
from gql.web.exports import export_customers, export_edges
from gql.web.middleware import BodySizeLimitMiddleware, SecurityHeadersMiddleware
from gql.web.observability import RequestLogMiddleware, configure_logging, metrics_response
from gql.web.request_connection import OneConnectionPerRequest
from gql.web.view import GRAPHIQL_DIR, PortalGraphQL

log = logging.getLogger("portal.app")

# What a permitted origin's scripts may send: the token and body type, the request id,
# tracing context (W3C Trace Context and Baggage, Sentry), Apollo Client's name and
# version headers, and an idempotency key.
CORS_REQUEST_HEADERS = (
    "Authorization",
    "Content-Type",
    "X-Request-ID",
    "traceparent",
    "tracestate",
    "baggage",
    "sentry-trace",
    "apollographql-client-name",
    "apollographql-client-version",
    "Idempotency-Key",
)


async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable before execution: %s", type(exc.__cause__).__name__)
    return JSONResponse(
        {
            "errors": [
                {"message": UNAVAILABLE_MESSAGE, "extensions": {"code": "SERVICE_UNAVAILABLE"}}
            ]
        },
        status_code=503,
        headers={"Retry-After": "1"},
    )


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    """The last resort: a fault of the server, logged with its traceback under an error
    id that the client gets instead."""
    error_id = uuid.uuid4().hex
    log.error("unexpected error (error id %s)", error_id, exc_info=exc)
    return JSONResponse(
        {
            "errors": [
                {
                    "message": "Unexpected error.",
                    "extensions": {"code": "INTERNAL_SERVER_ERROR", "errorId": error_id},
                }
            ]
        },
        status_code=500,
    )


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
    security.configure_hashing(settings.password_hash_concurrency)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if not manage_database:
            yield
            return
        await db.init_db(settings)
        stop = asyncio.Event()
        worker = (
            asyncio.create_task(
                webhook_worker.run(stop, allow_private=settings.webhook_allow_private)
            )
            if settings.webhook_worker
            else None
        )
        try:
            yield
        finally:
            stop.set()
            if worker is not None:
                await worker
            await db.close_db()

    graphql = PortalGraphQL(settings)
    routes = [
        Route("/graphql", graphql),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics_response, methods=["GET"]),
        Route("/export/customers.csv", export_customers, methods=["GET"]),
        Route("/export/edges.csv", export_edges, methods=["GET"]),
    ]
    if settings.publish_schema:
        routes.append(Route(schema_file.PATH, schema_file.schema_file(graphql.schema)))
    if settings.graphiql:
        routes.append(Mount("/graphiql", StaticFiles(directory=GRAPHIQL_DIR), name="graphiql"))

    middleware = [
        Middleware(RequestLogMiddleware),
        Middleware(SecurityHeadersMiddleware),
        Middleware(BodySizeLimitMiddleware, limit=settings.max_body_bytes),
        Middleware(OneConnectionPerRequest),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=list(CORS_REQUEST_HEADERS),
                expose_headers=["X-Request-ID"],
                max_age=600,
            )
        )
    return Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={DatabaseUnavailable: database_unavailable, Exception: unexpected_error},
    )


def app_factory() -> Starlette:
    """Entry point for `uvicorn --factory gql.web.app:app_factory` (and `portal serve`)."""
    settings = Settings.from_env()
    configure_logging(settings)
    return create_app(settings)
