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


NODE = "query Node($id: ID!) { node(id: $id) { id } }"


async def test_only_the_canonical_id_finds_an_object(gql, acme) -> None:
    import base64

    from gql.domain import ids
    from tests.factories import make_customer

    customer_id, _ = await make_customer(gql, acme, "Canonical")
    pk = ids.decode_as(customer_id, "Customer")
    found = await gql(NODE, {"id": customer_id}, token=acme.admin.token)
    assert found["data"]["node"] == {"id": customer_id}
    for raw in (f"Customer:0{pk}", f"Customer:{pk}\x00", "Customer:\u00b2", "Customer:\u0662"):
        other = base64.urlsafe_b64encode(raw.encode()).decode()
        body = await gql(NODE, {"id": other}, token=acme.admin.token)
        assert body == {"data": {"node": None}}, raw
    body = await gql(NODE, {"id": customer_id + "=="}, token=acme.admin.token)
    assert body == {"data": {"node": None}}
