"""createEdge: adds an edge to a customer, on one of the customer's images and, while
the customer has edge licenses, provisioned with one of them."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, edges, ids, scoping
from gql.domain.customers.images import lock_customer
from gql.domain.problems import Problems
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
    edge_license_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The license type the edge is provisioned with: one of the customer's "
        "licenses; required while the customer has any.",
    )


CreateEdgeError = mutation_errors(
    "createEdge", "REQUIRED", "INVALID", "NOT_FOUND", "NOT_AVAILABLE", "LICENSE_REQUIRED"
)


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
    details = edges.check_details(
        problems, input.name, input.model, input.serial_number, name_required=True
    )
    async with in_transaction() as conn:
        customer = await lock_customer(pk, conn)
        if customer is None:
            problems.add("NOT_FOUND", "No such customer.", "customerId")
            return _failed(problems)
        image = await edges.choose_image(
            problems, customer, input.software_image_id, conn, "softwareImageId"
        )
        license_ = await edges.choose_license(
            problems, customer, input.edge_license_id, conn, "edgeLicenseId"
        )
        if problems:
            return _failed(problems)
        edge = await Edge.create(
            customer_id=customer.id,
            name=details.name,
            model=details.model,
            serial_number=details.serial_number,
            software_image_id=image,
            edge_license_id=license_,
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
                "name": details.name,
                "model": details.model,
                "serialNumber": details.serial_number,
                "softwareImageId": ids.encode("SoftwareImage", image),
                "edgeLicenseId": ids.encode("EdgeLicense", license_) if license_ else None,
            },
            using_db=conn,
        )
    return CreateEdgePayload(edge=EdgeDevice.from_row(edge), errors=[])
