"""assignEdgeLicense: gives an edge another of its customer's license types."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import edges, scoping
from gql.domain.customers.images import lock_customer
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanConfigureEdges, requires
from gql.schema.types.customer import EdgeDevice


@strawberry.input(description="An edge and the license type it should have.")
class AssignEdgeLicenseInput:
    edge_id: strawberry.ID = strawberry.field(description="The edge.")
    edge_license_id: strawberry.ID = strawberry.field(
        description="One of the licenses assigned to the edge's customer."
    )


AssignEdgeLicenseError = mutation_errors("assignEdgeLicense", "NOT_FOUND", "NOT_AVAILABLE")


@strawberry.type(description="The result of assignEdgeLicense.")
class AssignEdgeLicensePayload:
    edge: EdgeDevice | None = strawberry.field(description="The edge as it now is.")
    errors: list[AssignEdgeLicenseError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(
    **requires(CanConfigureEdges, "Gives an edge another of its customer's license types.")
)
async def assign_edge_license(
    info: Info, input: AssignEdgeLicenseInput
) -> AssignEdgeLicensePayload:
    viewer = info.context.user
    problems = Problems()
    edge = await scoping.find(scoping.configurable_edges(viewer), input.edge_id, "Edge")
    if edge is None:
        problems.add("NOT_FOUND", "No such edge.", "edgeId")
        return payload(AssignEdgeLicensePayload, problems, edge=None)
    async with in_transaction() as conn:
        # The customer's lock orders this against a concurrent removal of the license.
        customer = await lock_customer(edge.customer_id, conn)
        if customer is None:
            problems.add("NOT_FOUND", "No such edge.", "edgeId")
            return payload(AssignEdgeLicensePayload, problems, edge=None)
        license_ = await edges.check_license(
            problems, customer, input.edge_license_id, conn, "edgeLicenseId"
        )
        if problems or license_ is None:
            return payload(AssignEdgeLicensePayload, problems, edge=None)
        await edges.reassign(viewer, edge, customer, "edge_license_id", license_, conn)
    return payload(AssignEdgeLicensePayload, problems, edge=EdgeDevice.from_row(edge))
