"""assignEdgeSoftwareImage: moves an edge to another of its customer's images."""

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


@strawberry.input(description="An edge and the image it should run.")
class AssignEdgeSoftwareImageInput:
    edge_id: strawberry.ID = strawberry.field(description="The edge.")
    software_image_id: strawberry.ID = strawberry.field(
        description="One of the images assigned to the edge's customer."
    )


AssignEdgeSoftwareImageError = mutation_errors(
    "assignEdgeSoftwareImage", "NOT_FOUND", "NOT_AVAILABLE"
)


@strawberry.type(description="The result of assignEdgeSoftwareImage.")
class AssignEdgeSoftwareImagePayload:
    edge: EdgeDevice | None = strawberry.field(description="The edge as it now is.")
    errors: list[AssignEdgeSoftwareImageError] = strawberry.field(description="Empty on success.")


def _failed(problems: Problems) -> AssignEdgeSoftwareImagePayload:
    return payload(AssignEdgeSoftwareImagePayload, problems, edge=None)


@strawberry.mutation(
    **requires(CanConfigureEdges, "Moves an edge to one of its customer's software images.")
)
async def assign_edge_software_image(
    info: Info, input: AssignEdgeSoftwareImageInput
) -> AssignEdgeSoftwareImagePayload:
    viewer = info.context.user
    problems = Problems()
    edge = await scoping.find(scoping.configurable_edges(viewer), input.edge_id, "Edge")
    if edge is None:
        problems.add("NOT_FOUND", "No such edge.", "edgeId")
        return _failed(problems)
    async with in_transaction() as conn:
        # The customer's lock orders this against a concurrent removal of the image.
        customer = await lock_customer(edge.customer_id, conn)
        if customer is None:
            problems.add("NOT_FOUND", "No such edge.", "edgeId")
            return _failed(problems)
        image = await edges.choose_image(
            problems, customer, input.software_image_id, conn, "softwareImageId"
        )
        if problems:
            return _failed(problems)
        await edges.reassign(viewer, edge, customer, "software_image_id", image, conn)
    return AssignEdgeSoftwareImagePayload(edge=EdgeDevice.from_row(edge), errors=[])
