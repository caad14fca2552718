"""Which input fields a client actually sent.

GraphQL fills in an input field's default before a resolver runs, so a resolver cannot
tell `partnerSupportAccess: true` from an omitted field. Cloning a customer needs that
difference (what the input gives explicitly overrides the source), so the raw request
variables are kept on the context and the argument's syntax tree is walked here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import ListValueNode, ObjectValueNode, VariableNode
from strawberry.extensions import SchemaExtension

from gql.schema.context import Info

# A tree of the fields sent: {"configuration": {"gatewayPoolId": True}, "companyName": True};
# a list of input objects gives a list of such trees.
Provided = dict[str, Any]


class KeepRawVariables(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        if context is not None and hasattr(context, "raw_variables"):
            context.raw_variables = dict(self.execution_context.variables or {})
        yield


def provided_fields(info: Info, argument: str = "input") -> Provided:
    """The fields of `argument` that the request itself contains (explicit nulls too)."""
    variables = info.context.raw_variables or {}
    for node in info._raw_info.field_nodes[0].arguments:
        if node.name.value == argument:
            found = _walk(node.value, variables)
            return found if isinstance(found, dict) else {}
    return {}


def _walk(node: Any, variables: dict[str, Any]) -> Any:
    if isinstance(node, VariableNode):
        return _from_value(variables.get(node.name.value))
    if isinstance(node, ListValueNode):
        return [_walk(item, variables) for item in node.values]
    if isinstance(node, ObjectValueNode):
        return {
            field.name.value: _walk(field.value, variables)
            for field in node.fields
            if not (
                isinstance(field.value, VariableNode) and field.value.name.value not in variables
            )
        }
    return True


def _from_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _from_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_from_value(item) for item in value]
    return True
