"""Every type that implements Node is found by `node(id:)` only through a scope."""

from __future__ import annotations

import inspect

from gql.domain import scoping
from gql.schema.build import schema
from gql.schema.nodes import KEYED_NODE_TYPES, NODE_TYPES


def test_every_node_type_has_a_scoped_entry_and_no_entry_is_stray() -> None:
    implementing = {
        name
        for name, graphql_type in schema._schema.type_map.items()
        if any(i.name == "Node" for i in getattr(graphql_type, "interfaces", ()))
    }
    assert implementing == set(NODE_TYPES) | set(KEYED_NODE_TYPES)
    assert not set(NODE_TYPES) & set(KEYED_NODE_TYPES)
    scopes = {f for _, f in inspect.getmembers(scoping, inspect.isfunction)}
    for name, entry in {**NODE_TYPES, **KEYED_NODE_TYPES}.items():
        assert entry.scope in scopes, f"{name} is not read through gql.domain.scoping"
