"""deleteEdge: removes an edge from its customer."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, ids, scoping
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanManageEdges, requires


@strawberry.input(description="The edge to delete.")
class DeleteEdgeInput:
    id: strawberry.ID = strawberry.field(description="The edge.")


DeleteEdgeError = mutation_errors("deleteEdge", "NOT_FOUND")


@strawberry.type(description="The result of deleteEdge.")
class DeleteEdgePayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted edge's ID.")
    errors: list[DeleteEdgeError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(CanManageEdges, "Deletes an edge."))
async def delete_edge(info: Info, input: DeleteEdgeInput) -> DeleteEdgePayload:
    viewer = info.context.user
    pk = ids.decode_as(input.id, "Edge")
    async with in_transaction() as conn:
        edge = None
        if pk is not None:
            edge = (
                await scoping.manageable_edges(viewer)
                .using_db(conn)
                .select_related("customer")
                .get_or_none(id=pk)
            )
        if edge is None:
            problems = Problems()
            problems.add("NOT_FOUND", "No such edge.", "id")
            return payload(DeleteEdgePayload, problems, deleted_id=None)
        await edge.delete(using_db=conn)
        await audit.record(
            viewer,
            "edge.delete",
            "Edge",
            pk,
            partner_id=edge.customer.partner_id,
            customer_id=edge.customer_id,
            changes={"name": edge.name},
            using_db=conn,
        )
    return DeleteEdgePayload(deleted_id=input.id, errors=[])
