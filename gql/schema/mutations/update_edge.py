"""updateEdge: configures an edge's name, model and serial number.

Configuring and troubleshooting edges is what Partner Support Access and VeloCloud
Support Access grant, so the support roles may call it on the customers that allow
them, besides the partner's admins and the customer's own admins.
"""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, edges, ids, scoping
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.inputs import provided_fields
from gql.schema.permissions import CanConfigureEdges, requires
from gql.schema.types.customer import EdgeDevice

_FIELDS = (("name", "name"), ("model", "model"), ("serial_number", "serialNumber"))


@strawberry.input(description="What to change of an edge; omitted fields stay as they are.")
class UpdateEdgeInput:
    id: strawberry.ID = strawberry.field(description="The edge.")
    name: str | None = strawberry.field(default=None, description="The edge's name.")
    model: str | None = strawberry.field(
        default=None, description="The hardware model; null clears it."
    )
    serial_number: str | None = strawberry.field(
        default=None, description="The serial number; null clears it."
    )


UpdateEdgeError = mutation_errors("updateEdge", "REQUIRED", "INVALID", "NOT_FOUND")


@strawberry.type(description="The result of updateEdge.")
class UpdateEdgePayload:
    edge: EdgeDevice | None = strawberry.field(description="The edge as it now is.")
    errors: list[UpdateEdgeError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(CanConfigureEdges, "Configures an edge's details."))
async def update_edge(info: Info, input: UpdateEdgeInput) -> UpdateEdgePayload:
    viewer = info.context.user
    problems = Problems()
    sent = provided_fields(info)
    details = edges.check_details(
        problems,
        input.name if "name" in sent else None,
        input.model,
        input.serial_number,
        name_required="name" in sent,
    )
    pk = ids.decode_as(input.id, "Edge")
    async with in_transaction() as conn:
        edge = None
        if pk is not None:
            edge = (
                await scoping.configurable_edges(viewer)
                .using_db(conn)
                .select_for_update()
                .get_or_none(id=pk)
            )
        if edge is None:
            problems.add("NOT_FOUND", "No such edge.", "id")
        if problems or edge is None:
            return payload(UpdateEdgePayload, problems, edge=None)
        changes = {}
        for attr, key in _FIELDS:
            value = getattr(details, attr)
            if key in sent and value != getattr(edge, attr):
                setattr(edge, attr, value)
                changes[key] = value
        await edge.save(using_db=conn, update_fields=[attr for attr, _ in _FIELDS])
        customer = await edge.customer.using_db(conn)  # type: ignore[attr-defined]
        await audit.record(
            viewer,
            "edge.update",
            "Edge",
            edge.id,
            partner_id=customer.partner_id,
            customer_id=customer.id,
            changes=changes,
            using_db=conn,
        )
    return payload(UpdateEdgePayload, problems, edge=EdgeDevice.from_row(edge))
