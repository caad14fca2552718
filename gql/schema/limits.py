"""Bounds on what one request may ask, each refusal a clear error, never a 500.

- Variables: list sizes and nesting, checked before anything else (`input_problem`).
- The document's shape (aliases, depth, directives, fields with fragments expanded),
  measured in linear time (gql.schema.shape) before the standard validation rules,
  some of which walk fragments again and would be slow on a fragment bomb.
- The standard rules, cached per document.
- The operation's cost against the budget (`PORTAL_MAX_QUERY_COST`), with the
  request's variables; refused with 400 `QUERY_TOO_COMPLEX`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    ListValueNode,
    ValidationRule,
    get_operation_ast,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from gql.domain.validation import MAX_LIST
from gql.schema.shape import cost, measure, most_repeated

MAX_ALIASES = 30
MAX_DEPTH = 12
MAX_DIRECTIVES = 50
# Fields with every fragment expanded: far above any real screen's needs (GraphiQL's
# introspection query expands to a few hundred), far below what would take the
# standard validation rules long to check.
MAX_FIELDS = 2_000
# Fields at one response path (`id` asked for by several fragments): the standard rule
# that checks they can be merged compares them in pairs.
MAX_REPEATS = 30
MAX_INPUT_DEPTH = 10
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"


def input_problem(value: Any, depth: int = 0) -> str | None:
    """Why the variables are refused (a list over 100 items, nesting over 10 levels),
    or None."""
    if depth > MAX_INPUT_DEPTH:
        return f"Variables nest deeper than {MAX_INPUT_DEPTH} levels."
    if isinstance(value, list):
        if len(value) > MAX_LIST:
            return f"A list in the variables holds more than {MAX_LIST} items."
        items = value
    elif isinstance(value, dict):
        items = list(value.values())
    else:
        return None
    for item in items:
        if problem := input_problem(item, depth + 1):
            return problem
    return None


class ListSizeRule(ValidationRule):
    """Literal lists in the document hold at most 100 items."""

    def enter_list_value(self, node: ListValueNode, *_: Any) -> None:
        if len(node.values) > MAX_LIST:
            self.report_error(GraphQLError(f"A list holds more than {MAX_LIST} items.", node))


def shape_problem(document: DocumentNode) -> GraphQLError | None:
    """The first bound an operation of the document breaks, as a validation error."""
    for operation, shape in measure(document).operations:
        for found, limit, what in (
            (shape.aliases, MAX_ALIASES, "aliases (fragments counted each time they are used)"),
            (shape.depth, MAX_DEPTH, "levels of nested fields"),
            (shape.directives, MAX_DIRECTIVES, "directives"),
            (shape.fields, MAX_FIELDS, "fields once its fragments are expanded"),
        ):
            if found > limit:
                amount = f"{found:,}" if found < 10**9 else "over a billion"
                return GraphQLError(
                    f"The operation asks for {amount} {what}; at most {limit:,} are allowed.",
                    operation,
                    extensions={"code": VALIDATION_FAILED},
                )
        if (repeats := most_repeated(document, operation)) > MAX_REPEATS:
            return GraphQLError(
                f"The operation asks for one field {repeats} times at the same place; at "
                f"most {MAX_REPEATS} are allowed.",
                operation,
                extensions={"code": VALIDATION_FAILED},
            )
    return None


@lru_cache(maxsize=256)
def _checked(
    schema: GraphQLSchema, document: DocumentNode, rules: tuple[type[ValidationRule], ...]
) -> tuple[GraphQLError, ...]:
    """The document's validation errors. Keyed by the parsed document, which the
    parser cache hands out again for the same text."""
    problem = shape_problem(document)
    if problem is not None:
        return (problem,)
    errors = validate_document(schema, document, rules)
    for error in errors:
        error.extensions = {**(error.extensions or {}), "code": VALIDATION_FAILED}
    return tuple(errors)


class DocumentLimits(SchemaExtension):
    """Validates a document within the bounds above (in place of Strawberry's own
    validation step) and refuses an operation over the cost budget."""

    def __init__(self, *, max_cost: int, rules: tuple[type[ValidationRule], ...] = ()) -> None:
        super().__init__()
        self.max_cost = max_cost
        self.rules = rules

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        assert document is not None
        schema = context.schema._schema
        errors = list(_checked(schema, document, (*context.validation_rules, *self.rules)))
        if not errors:
            operation = get_operation_ast(document, context.operation_name)
            spent = cost(schema, document, operation, context.variables) if operation else 0
            state = getattr(getattr(context.context, "request", None), "state", None)
            if state is not None:
                state.query_cost = spent
            if spent > self.max_cost:
                errors.append(too_complex(spent, self.max_cost))
        context.pre_execution_errors = errors
        yield


class QueryTooComplex(GraphQLError):
    """An operation over the cost budget: answered with HTTP 400."""


def too_complex(spent: int, budget: int) -> GraphQLError:
    amount = f"{spent:,}" if spent < 10**12 else "over a trillion"
    return QueryTooComplex(
        f"The operation would cost {amount}, over the budget of {budget:,}: ask for "
        "smaller pages or fewer fields.",
        extensions={"code": "QUERY_TOO_COMPLEX", "cost": spent, "maxCost": budget},
    )
