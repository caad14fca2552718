"""Logs, request ids and Prometheus metrics.

One log line per HTTP request (request id, method, path, GraphQL operation, status,
duration), as text or JSON. Metrics are kept per process; with several server
processes, `portal serve` points prometheus_client at a shared directory so that
`/metrics` answers for all of them.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
import re
import time
import uuid
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gql.settings import Settings

access_log = logging.getLogger("portal.access")

# --- logging ---------------------------------------------------------------------------

_STD_ATTRS = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}

# The id of the request being served, on every log line written while serving it
# (error lines with tracebacks too), so an error id leads to its request.
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STD_ATTRS})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


_QUIET_LOGGERS = ("tortoise", "aiosqlite", "asyncpg")


def configure_logging(settings: Settings) -> None:
    """One handler on the root logger, which uvicorn's loggers reach too: every line
    in one format, each with the request id (or "-" outside a request)."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    for name in ("uvicorn", "uvicorn.error"):  # through the root handler, not their own
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    root.setLevel(settings.log_level.upper())
    # The access line below replaces uvicorn's own.
    logging.getLogger("uvicorn.access").disabled = True
    # Tortoise and the database drivers log every statement with its values at DEBUG
    # (password hashes, token hashes, e-mail addresses, phone numbers): never let those
    # into the log, whatever the log level.
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


# --- metrics ---------------------------------------------------------------------------

_HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

HTTP_REQUESTS = Counter(
    "portal_http_requests_total", "HTTP requests served.", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "portal_http_request_duration_seconds",
    "Time to serve an HTTP request.",
    ["method", "route"],
    buckets=_HTTP_BUCKETS,
)

_KNOWN_ROUTES = {
    "/graphql",
    "/graphql/schema.graphql",
    "/healthz",
    "/readyz",
    "/metrics",
    "/export/customers.csv",
    "/export/edges.csv",
}


def _route_label(path: str) -> str:
    if path in _KNOWN_ROUTES:
        return path
    if path.startswith("/graphiql/"):
        return "/graphiql/*"
    return "other"


def metrics_response(_: Request) -> Response:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest()
    return Response(body, media_type=CONTENT_TYPE_LATEST)


# --- the per-request middleware ------------------------------------------------------------

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


class RequestLogMiddleware:
    """Gives each request an id (`X-Request-ID`, kept from the client when well-formed),
    then logs and counts it once it is answered."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        token = request_id_var.set(request_id)
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except ClientDisconnect:
            # The client hung up before its request was read (a closed tab, a load
            # generator stopping): nothing to answer, and no fault of the server.
            status = 499
            access_log.info("client disconnected before its request was read")
        finally:
            elapsed = time.perf_counter() - started
            route = _route_label(scope["path"])
            HTTP_REQUESTS.labels(scope["method"], route, str(status)).inc()
            HTTP_LATENCY.labels(scope["method"], route).observe(elapsed)
            operation = state.get("operation")
            cost = state.get("query_cost")
            access_log.info(
                "%s %s %s%s%s %.1fms",
                scope["method"],
                scope["path"],
                status,
                f" {operation}" if operation else "",
                f" cost={cost}" if cost is not None else "",
                elapsed * 1000,
                extra={
                    "request_id": request_id,
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "operation": operation,
                    "cost": cost,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )
            request_id_var.reset(token)
