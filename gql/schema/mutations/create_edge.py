"""createEdge: adds an edge to a customer, on one of the customer's images."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, ids, scoping
from gql.domain.customers.images import assigned_images, lock_customer
from gql.domain.problems import Problems
from gql.domain.validation import text
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanManageEdges, requires
from gql.schema.types.customer import EdgeDevice
from models.customer import Edge


@strawberry.input(description="A new edge.")
class CreateEdgeInput:
    customer_id: strawberry.ID = strawberry.field(description="The customer.")
    name: str = strawberry.field(description="The edge's name.")
    model: str | None = strawberry.field(default=None, description="The hardware model.")
    serial_number: str | None = strawberry.field(default=None, description="The serial number.")
    software_image_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="One of the customer's images; the customer's default if omitted.",
    )


CreateEdgeError = mutation_errors("createEdge", "REQUIRED", "INVALID", "NOT_FOUND", "NOT_AVAILABLE")


@strawberry.type(description="The result of createEdge.")
class CreateEdgePayload:
    edge: EdgeDevice | None = strawberry.field(description="The new edge.")
    errors: list[CreateEdgeError] = strawberry.field(description="Empty on success.")


def _failed(problems: Problems) -> CreateEdgePayload:
    return payload(CreateEdgePayload, problems, edge=None)


@strawberry.mutation(**requires(CanManageEdges, "Adds an edge to a customer."))
async def create_edge(info: Info, input: CreateEdgeInput) -> CreateEdgePayload:
    viewer = info.context.user
    problems = Problems()
    pk = ids.decode_as(input.customer_id, "Customer")
    if pk is None or not await scoping.manageable_customers(viewer).filter(id=pk).exists():
        problems.add("NOT_FOUND", "No such customer.", "customerId")
        return _failed(problems)
    name = text(problems, input.name, "the edge's name", "name")
    model = text(problems, input.model, "a model", "model", max_length=64, required=False)
    serial = text(
        problems,
        input.serial_number,
        "a serial number",
        "serialNumber",
        max_length=64,
        required=False,
    )
    async with in_transaction() as conn:
        customer = await lock_customer(pk, conn)
        image = customer.default_software_image_id
        if input.software_image_id is not None:
            image = ids.decode_as(input.software_image_id, "SoftwareImage")
            if image not in await assigned_images(customer.id, conn):
                problems.add(
                    "NOT_AVAILABLE",
                    "This image is not assigned to the customer.",
                    "softwareImageId",
                )
        if problems:
            return _failed(problems)
        edge = await Edge.create(
            customer_id=customer.id,
            name=name,
            model=model,
            serial_number=serial,
            software_image_id=image,
            using_db=conn,
        )
        await audit.record(
            viewer,
            "edge.create",
            "Edge",
            edge.id,
            partner_id=customer.partner_id,
            customer_id=customer.id,
            changes={
                "name": name,
                "model": model,
                "serialNumber": serial,
                "softwareImageId": ids.encode("SoftwareImage", image),
            },
            using_db=conn,
        )
    return CreateEdgePayload(edge=EdgeDevice.from_row(edge), errors=[])
