"""deleteEdge: the partner's admins and the customer's own admins; never support,
never another partner."""

from __future__ import annotations

from models.audit import AuditEvent
from models.customer import Edge
from tests.factories import make_customer

CREATE_EDGE = """
mutation CreateEdge($input: CreateEdgeInput!) {
  createEdge(input: $input) { edge { id } errors { code } }
}
"""
DELETE = """
mutation Delete($input: DeleteEdgeInput!) {
  deleteEdge(input: $input) { deletedId errors { code field } }
}
"""


async def test_who_deletes_an_edge(gql, acme, globex) -> None:
    customer_id, admin = await make_customer(gql, acme, "Pruned")
    created = await gql(
        CREATE_EDGE, {"input": {"customerId": customer_id, "name": "e1"}}, token=admin.token
    )
    edge_id = created["data"]["createEdge"]["edge"]["id"]
    forbidden = await gql(DELETE, {"input": {"id": edge_id}}, token=acme.support.token)
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    other = await gql(DELETE, {"input": {"id": edge_id}}, token=globex.admin.token)
    assert other["data"]["deleteEdge"] == {
        "deletedId": None,
        "errors": [{"code": "NOT_FOUND", "field": ["input", "id"]}],
    }
    gone = await gql(DELETE, {"input": {"id": edge_id}}, token=admin.token)
    assert gone["data"]["deleteEdge"] == {"deletedId": edge_id, "errors": []}
    assert await Edge.all().count() == 0
    assert await AuditEvent.filter(action="edge.delete").count() == 1
