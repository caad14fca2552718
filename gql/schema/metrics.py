"""GraphQL operation metrics: counted and timed per operation, by a schema extension.

The HTTP side (request counts, latency, the `/metrics` route) lives in gql.web.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from prometheus_client import Counter, Histogram
from strawberry.extensions import SchemaExtension

_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

GRAPHQL_OPERATIONS = Counter(
    "portal_graphql_operations_total",
    "GraphQL operations executed, by name, type and outcome (ok or error).",
    ["operation", "type", "outcome"],
)
GRAPHQL_LATENCY = Histogram(
    "portal_graphql_operation_duration_seconds",
    "Time to execute a GraphQL operation.",
    ["operation", "type"],
    buckets=_BUCKETS,
)
GRAPHQL_ERRORS = Counter(
    "portal_graphql_errors_total", "GraphQL errors returned, by extensions.code.", ["code"]
)

_OPERATION_NAME = re.compile(r"^[_A-Za-z][_0-9A-Za-z]{0,63}$")
# Operation names come from clients: bound the label set so that no client can grow
# the metrics without limit.
_MAX_OPERATION_LABELS = 200
_seen_operations: set[str] = set()


def operation_label(name: str | None) -> str:
    if not name:
        return "anonymous"
    if not _OPERATION_NAME.match(name):
        return "invalid"
    if name in _seen_operations:
        return name
    if len(_seen_operations) >= _MAX_OPERATION_LABELS:
        return "other"
    _seen_operations.add(name)
    return name


class OperationMetrics(SchemaExtension):
    """Counts and times every GraphQL operation, and notes its name for the access log."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        ctx = self.execution_context
        name = operation_label(ctx.operation_name)
        op_type = ctx.operation_type.value if ctx.operation_type else "unknown"
        errors = (ctx.result.errors if ctx.result else None) or ctx.pre_execution_errors or []
        GRAPHQL_OPERATIONS.labels(name, op_type, "error" if errors else "ok").inc()
        GRAPHQL_LATENCY.labels(name, op_type).observe(time.perf_counter() - started)
        for error in errors:
            code = (error.extensions or {}).get("code", "GRAPHQL_VALIDATION_FAILED")
            GRAPHQL_ERRORS.labels(str(code)).inc()
        request = getattr(ctx.context, "request", None)
        if request is not None:
            request.scope.setdefault("state", {})["operation"] = name
