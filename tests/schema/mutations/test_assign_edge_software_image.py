"""assignEdgeSoftwareImage: only an image its customer has; support may, on customers
that allow it; another partner's edge is not found."""

from __future__ import annotations

from models.customer import Edge
from tests.factories import make_customer

CREATE_EDGE = """
mutation CreateEdge($input: CreateEdgeInput!) {
  createEdge(input: $input) { edge { id } errors { code } }
}
"""
ASSIGN = """
mutation Assign($input: AssignEdgeSoftwareImageInput!) {
  assignEdgeSoftwareImage(input: $input) {
    edge { softwareImage { version } } errors { code field }
  }
}
"""


async def test_images_of_the_customer_only(gql, acme, globex) -> None:
    customer_id, admin = await make_customer(
        gql,
        acme,
        "Imaged",
        configuration={
            "manageSoftwareImages": True,
            "softwareImageIds": [acme.images["5.2.0"], acme.images["6.0.0"]],
            "defaultSoftwareImageId": acme.images["5.2.0"],
        },
    )
    created = await gql(
        CREATE_EDGE, {"input": {"customerId": customer_id, "name": "e1"}}, token=admin.token
    )
    edge_id = created["data"]["createEdge"]["edge"]["id"]
    moved = await gql(
        ASSIGN,
        {"input": {"edgeId": edge_id, "softwareImageId": acme.images["6.0.0"]}},
        token=acme.support.token,
    )
    assert moved["data"]["assignEdgeSoftwareImage"] == {
        "edge": {"softwareImage": {"version": "6.0.0"}},
        "errors": [],
    }
    refused = await gql(
        ASSIGN,
        {"input": {"edgeId": edge_id, "softwareImageId": acme.images["5.0.1"]}},
        token=admin.token,
    )
    assert refused["data"]["assignEdgeSoftwareImage"]["errors"] == [
        {"code": "NOT_AVAILABLE", "field": ["input", "softwareImageId"]}
    ]
    other = await gql(
        ASSIGN,
        {"input": {"edgeId": edge_id, "softwareImageId": acme.images["5.2.0"]}},
        token=globex.admin.token,
    )
    assert other["data"]["assignEdgeSoftwareImage"]["errors"] == [
        {"code": "NOT_FOUND", "field": ["input", "edgeId"]}
    ]
    from gql.domain import ids

    assert (await Edge.get()).software_image_id == ids.decode_as(
        acme.images["6.0.0"], "SoftwareImage"
    )
