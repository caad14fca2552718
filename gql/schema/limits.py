"""Bounds on what one request may ask: a document's shape is checked by validation
rules, its variables before execution. Each refusal is a clear GraphQL or HTTP 400
error, never a 500."""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)

from gql.domain.validation import MAX_LIST

MAX_ALIASES = 30
MAX_DIRECTIVES = 50
MAX_INPUT_DEPTH = 10


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


class DirectiveCountRule(ValidationRule):
    """At most 50 directives in a document."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.count = 0

    def enter_directive(self, node: Any, *_: Any) -> None:
        self.count += 1
        if self.count == MAX_DIRECTIVES + 1:
            self.report_error(
                GraphQLError(f"The document uses more than {MAX_DIRECTIVES} directives.", node)
            )


class AliasCountRule(ValidationRule):
    """At most 30 aliases per operation, counting a fragment's aliases every time it is
    spread (a fragment of 30 aliases spread 30 times asks for 900 fields)."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        fragments = {
            d.name.value: d
            for d in self.context.document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }
        count = self._count(node.selection_set, fragments, set())
        if count > MAX_ALIASES:
            self.report_error(
                GraphQLError(
                    f"The operation uses {count} aliases (fragments counted each time they "
                    f"are used); at most {MAX_ALIASES} are allowed.",
                    node,
                )
            )

    def _count(
        self,
        selections: SelectionSetNode | None,
        fragments: dict[str, FragmentDefinitionNode],
        visiting: set[str],
    ) -> int:
        if selections is None:
            return 0
        total = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                total += 1 if selection.alias else 0
                total += self._count(selection.selection_set, fragments, visiting)
            elif isinstance(selection, InlineFragmentNode):
                total += self._count(selection.selection_set, fragments, visiting)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in fragments and name not in visiting:  # cycles are a validation error
                    total += self._count(
                        fragments[name].selection_set, fragments, visiting | {name}
                    )
            if total > MAX_ALIASES * 10:  # far past the limit: stop walking
                return total
        return total
