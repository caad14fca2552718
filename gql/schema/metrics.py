"""GraphQL operation metrics: counted and timed per operation, by a schema extension.

Every label value is bounded by the server, never by what a client sends, so that no
caller can crowd out another's series. An operation is labelled by its root fields
(one sample for each distinct root field of the schema that it selects; `invalid` when
it selects none, as when it does not parse), or, when it came from the operator's
trusted documents, by its operation name (bounded by that list). The name a client
gives its operation goes to the access log only.

The HTTP side (request counts, latency, the `/metrics` route) lives in gql.web.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from prometheus_client import Counter, Histogram
from strawberry.extensions import SchemaExtension

_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

GRAPHQL_OPERATIONS = Counter(
    "portal_graphql_operations_total",
    "GraphQL operations executed, by root field (or trusted operation name), type and "
    "outcome (ok or error); an operation with several root fields counts under each.",
    ["operation", "type", "outcome"],
)
GRAPHQL_LATENCY = Histogram(
    "portal_graphql_operation_duration_seconds",
    "Time to execute a GraphQL operation, by root field (or trusted operation name).",
    ["operation", "type"],
    buckets=_BUCKETS,
)
GRAPHQL_ERRORS = Counter(
    "portal_graphql_errors_total", "GraphQL errors returned, by extensions.code.", ["code"]
)

INVALID = "invalid"
_META_FIELDS = frozenset({"__typename", "__schema", "__type"})
_OPERATION_NAME = re.compile(r"^[_A-Za-z][_0-9A-Za-z]{0,63}$")


def log_name(name: str | None) -> str:
    """The client's operation name as the access log shows it (one line per request, so
    any well-formed name may appear there)."""
    if not name:
        return "anonymous"
    return name if _OPERATION_NAME.match(name) else INVALID


def selected_operation(
    document: DocumentNode | None, name: str | None
) -> OperationDefinitionNode | None:
    """The operation a request runs: the one named, or the document's only one."""
    if document is None:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if not name:
        return operations[0] if len(operations) == 1 else None
    return next((op for op in operations if op.name and op.name.value == name), None)


def root_fields(
    schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode
) -> list[str]:
    """The distinct root fields the operation selects (through fragments too), sorted.
    Names the schema does not have are left out: they are the client's, not ours."""
    root = schema.get_root_type(operation.operation)
    if root is None:
        return []
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    found: set[str] = set()
    spread: set[str] = set()
    pending: list[SelectionSetNode] = [operation.selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                name = selection.name.value
                if name in root.fields or name in _META_FIELDS:
                    found.add(name)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is not None and selection.name.value not in spread:
                    spread.add(selection.name.value)
                    pending.append(fragment.selection_set)
    return sorted(found)


def operation_labels(
    schema: GraphQLSchema,
    document: DocumentNode | None,
    operation_name: str | None,
    *,
    trusted: bool = False,
) -> tuple[list[str], str]:
    """The `operation` label values of one operation and its `type` label."""
    operation = selected_operation(document, operation_name)
    if document is None or operation is None:
        return [INVALID], "unknown"
    op_type = operation.operation.value
    if trusted and operation.name is not None:
        return [operation.name.value], op_type
    return root_fields(schema, document, operation) or [INVALID], op_type


class OperationMetrics(SchemaExtension):
    """Counts and times every GraphQL operation, and notes its name for the access log."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        elapsed = time.perf_counter() - started
        ctx = self.execution_context
        labels, op_type = operation_labels(
            ctx.schema._schema,
            ctx.graphql_document,
            ctx.operation_name,
            trusted=getattr(ctx.context, "trusted_document", False),
        )
        errors = (ctx.result.errors if ctx.result else None) or ctx.pre_execution_errors or []
        outcome = "error" if errors else "ok"
        for label in labels:
            GRAPHQL_OPERATIONS.labels(label, op_type, outcome).inc()
            GRAPHQL_LATENCY.labels(label, op_type).observe(elapsed)
        for error in errors:
            code = (error.extensions or {}).get("code", "GRAPHQL_VALIDATION_FAILED")
            GRAPHQL_ERRORS.labels(str(code)).inc()
        request = getattr(ctx.context, "request", None)
        if request is not None:
            request.scope.setdefault("state", {})["operation"] = log_name(ctx.operation_name)
