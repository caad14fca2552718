"""A document's shape and cost, measured in time linear in its size.

Every selection set is measured once: a fragment's aliases, depth, directives and
field count are computed the first time it is spread and reused however often it is
spread again, so a fragment that spreads another twice, forty levels down, costs
forty steps rather than 2^40. The totals can still be astronomical; they are capped
at `CAP` so that arithmetic on them stays cheap.

The shape is checked before the standard validation rules run (some of them walk
fragments again); the cost, which needs the schema's types and the request's
variables, after them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    NullValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)

from gql.schema.pagination import DEFAULT_PAGE, MAX_PAGE

CAP = 10**15
# A list that is not paged (a customer's licenses, a mutation's errors) is counted as
# this many items: its size is bounded by the data, not by the request.
LIST_ESTIMATE = 10


@dataclass(frozen=True)
class Shape:
    """What one selection set asks for, fragments expanded."""

    aliases: int = 0
    depth: int = 0
    directives: int = 0
    fields: int = 0

    def __add__(self, other: Shape) -> Shape:
        return Shape(
            min(self.aliases + other.aliases, CAP),
            max(self.depth, other.depth),
            min(self.directives + other.directives, CAP),
            min(self.fields + other.fields, CAP),
        )


@dataclass
class Measured:
    """The shape of each operation of a document, and how many nodes were visited to
    measure it (the bound the tests hold validation to)."""

    operations: list[tuple[OperationDefinitionNode, Shape]]
    visited: int


def measure(document: DocumentNode) -> Measured:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    walker = _ShapeWalker(fragments)
    operations = [
        (d, walker.selections(d.selection_set) + _directives(d))
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    ]
    # Fragments no operation spreads still hold directives and fields to refuse.
    for name in fragments:
        walker.fragment(name)
    return Measured(operations, walker.visited)


def _directives(node: Any) -> Shape:
    return Shape(directives=len(node.directives or ()))


class _ShapeWalker:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.done: dict[str, Shape] = {}
        self.active: set[str] = set()
        self.visited = 0

    def fragment(self, name: str) -> Shape:
        if name in self.done:
            return self.done[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.active:
            return Shape()  # unknown fragments and cycles are validation errors of their own
        self.active.add(name)
        shape = self.selections(definition.selection_set) + _directives(definition)
        self.active.discard(name)
        self.done[name] = shape
        return shape

    def selections(self, selection_set: SelectionSetNode | None) -> Shape:
        total = Shape()
        if selection_set is None:
            return total
        for node in selection_set.selections:
            self.visited += 1
            total += _directives(node)
            if isinstance(node, FieldNode):
                inner = self.selections(node.selection_set)
                # Introspection (`__schema`, `__type`) is as deep as the schema's types:
                # it does not count towards depth, only towards fields.
                depth = 0 if node.name.value.startswith("__") else inner.depth + 1
                total += Shape(
                    aliases=inner.aliases + (1 if node.alias else 0),
                    depth=depth,
                    directives=inner.directives,
                    fields=inner.fields + 1,
                )
            elif isinstance(node, InlineFragmentNode):
                total += self.selections(node.selection_set)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value)
        return total


def most_repeated(document: DocumentNode, operation: OperationDefinitionNode) -> int:
    """The most fields an operation asks for at one response path (`customers.nodes.id`
    asked for by three fragments: 3), fragments expanded. The standard rule that checks
    such fields can be merged compares them in pairs, so this bounds its work.

    Walks the expanded operation: call it only once `measure` has bounded its fields."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    most = 0
    levels: list[list[SelectionSetNode]] = [[operation.selection_set]]
    while levels:
        groups: dict[str, list[FieldNode]] = {}
        pending = list(levels.pop())
        active: set[str] = set()
        while pending:
            for node in pending.pop().selections:
                if isinstance(node, FieldNode):
                    key = (node.alias or node.name).value
                    groups.setdefault(key, []).append(node)
                elif isinstance(node, InlineFragmentNode):
                    pending.append(node.selection_set)
                elif isinstance(node, FragmentSpreadNode):
                    definition = fragments.get(node.name.value)
                    if definition is not None and node.name.value not in active:
                        active.add(node.name.value)  # each fragment once per level: no cycles
                        pending.append(definition.selection_set)
        for group in groups.values():
            most = max(most, len(group))
            subs = [f.selection_set for f in group if f.selection_set is not None]
            if subs:
                levels.append(subs)
    return most


def cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: dict[str, Any] | None,
) -> int:
    """What an operation costs: a field costs 1, and a paged or list field multiplies
    the cost of what is under it by its page size (`first`, else the default page) or,
    for a list without pages, by LIST_ESTIMATE. Fragments are costed once per type."""
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    costing = _Costing(schema, fragments, variables or {})
    return costing.selections(operation.selection_set, root)


class _Costing:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.done: dict[str, int] = {}
        self.active: set[str] = set()

    def selections(self, selection_set: SelectionSetNode | None, parent: Any) -> int:
        if selection_set is None or parent is None:
            return 0
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selections(node.selection_set, inner)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value)
        return min(total, CAP)

    def fragment(self, name: str) -> int:
        if name in self.done:
            return self.done[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.active:
            return 0
        self.active.add(name)
        parent = self.schema.get_type(definition.type_condition.name.value)
        self.done[name] = self.selections(definition.selection_set, parent)
        self.active.discard(name)
        return self.done[name]

    def field(self, node: FieldNode, parent: GraphQLNamedType) -> int:
        name = node.name.value
        if name.startswith("__"):
            return 1  # introspection and __typename: bounded by the schema
        definition: GraphQLField | None = getattr(parent, "fields", {}).get(name)
        if definition is None:
            return 1
        inner = self.selections(node.selection_set, get_named_type(definition.type))
        return min(1 + self.multiplier(node, definition, parent) * inner, CAP)

    def multiplier(self, node: FieldNode, definition: GraphQLField, parent: Any) -> int:
        if "first" in definition.args:
            return self.page_size(node)
        if isinstance(parent, GraphQLObjectType) and parent.name.endswith("Connection"):
            return 1  # a connection's edges and nodes: its page, already counted
        field_type = definition.type
        if isinstance(field_type, GraphQLNonNull):
            field_type = field_type.of_type
        return LIST_ESTIMATE if isinstance(field_type, GraphQLList) else 1

    def page_size(self, node: FieldNode) -> int:
        value: Any = None
        for argument in node.arguments or ():
            if argument.name.value != "first":
                continue
            literal = argument.value
            if isinstance(literal, IntValueNode):
                value = int(literal.value)
            elif isinstance(literal, VariableNode):
                value = self.variables.get(literal.name.value)
            elif isinstance(literal, NullValueNode):
                value = None
        if not isinstance(value, int) or isinstance(value, bool):
            return DEFAULT_PAGE
        return max(0, min(value, MAX_PAGE))
