"""updateEdge and assignEdgeSoftwareImage by the roles the New Customer page's access
flags speak of: support may configure and troubleshoot edges of the customers that
allow it, and loses that on the next request when the flag goes off."""

from __future__ import annotations

from models.customer import Edge
from models.enums import Role
from tests.factories import login, make_customer, make_customer_user, make_user

CREATE_EDGE = """
mutation CreateEdge($input: CreateEdgeInput!) {
  createEdge(input: $input) { edge { id name } errors { code field } }
}
"""
UPDATE_EDGE = """
mutation UpdateEdge($input: UpdateEdgeInput!) {
  updateEdge(input: $input) { edge { id name model serialNumber } errors { code field } }
}
"""
ASSIGN_IMAGE = """
mutation Assign($input: AssignEdgeSoftwareImageInput!) {
  assignEdgeSoftwareImage(input: $input) { edge { softwareImage { version } } errors { code } }
}
"""
UPDATE_CUSTOMER = """
mutation Update($input: UpdatePartnerCustomerInput!) {
  updatePartnerCustomer(input: $input) { customer { id } errors { code field } }
}
"""


async def _edge(gql, token: str, customer_id: str, name: str = "branch-1") -> str:
    body = await gql(CREATE_EDGE, {"input": {"customerId": customer_id, "name": name}}, token=token)
    created = body["data"]["createEdge"]
    assert created["errors"] == [], created
    return created["edge"]["id"]


async def test_partner_support_configures_edges_while_the_customer_allows_it(gql, acme) -> None:
    customer_id, _ = await make_customer(gql, acme, "Supported")
    edge_id = await _edge(gql, acme.admin.token, customer_id)
    body = await gql(
        UPDATE_EDGE,
        {"input": {"id": edge_id, "name": "  branch-renamed ", "serialNumber": "SN-42"}},
        token=acme.support.token,
    )
    assert body["data"]["updateEdge"] == {
        "edge": {"id": edge_id, "name": "branch-renamed", "model": None, "serialNumber": "SN-42"},
        "errors": [],
    }
    assigned = await gql(
        ASSIGN_IMAGE,
        {"input": {"edgeId": edge_id, "softwareImageId": acme.images["5.2.0"]}},
        token=acme.support.token,
    )
    assert assigned["data"]["assignEdgeSoftwareImage"]["errors"] == []

    off = await gql(
        UPDATE_CUSTOMER,
        {"input": {"id": customer_id, "partnerSupportAccess": False}},
        token=acme.admin.token,
    )
    assert off["data"]["updatePartnerCustomer"]["errors"] == []
    # The same token, the next request: the edge is out of reach.
    refused = await gql(
        UPDATE_EDGE, {"input": {"id": edge_id, "name": "x"}}, token=acme.support.token
    )
    assert refused["data"]["updateEdge"] == {
        "edge": None,
        "errors": [{"code": "NOT_FOUND", "field": ["input", "id"]}],
    }
    assert (await Edge.get()).name == "branch-renamed"
    # Support never adds edges.
    forbidden = await gql(
        CREATE_EDGE, {"input": {"customerId": customer_id, "name": "x"}}, token=acme.support.token
    )
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_operator_support_follows_velocloud_support_access(gql, acme) -> None:
    customer_id, _ = await make_customer(gql, acme, "Vendor Supported")
    edge_id = await _edge(gql, acme.admin.token, customer_id)
    vendor = await login(gql, await make_user(Role.OPERATOR_SUPPORT, "help@vendor.example"))
    ok = await gql(UPDATE_EDGE, {"input": {"id": edge_id, "model": "Edge 640"}}, token=vendor.token)
    assert ok["data"]["updateEdge"]["errors"] == []
    await gql(
        UPDATE_CUSTOMER,
        {"input": {"id": customer_id, "operatorSupportAccess": False}},
        token=acme.admin.token,
    )
    gone = await gql(UPDATE_EDGE, {"input": {"id": edge_id, "model": "x"}}, token=vendor.token)
    assert [e["code"] for e in gone["data"]["updateEdge"]["errors"]] == ["NOT_FOUND"]


async def test_customer_roles_and_other_partners(gql, acme, globex) -> None:
    customer_id, admin = await make_customer(gql, acme, "Own Edges")
    standard = await make_customer_user(
        gql, customer_id, Role.ENTERPRISE_STANDARD_ADMIN, "std@ownedges.example"
    )
    viewer = await make_customer_user(
        gql, customer_id, Role.ENTERPRISE_READ_ONLY, "ro@ownedges.example"
    )
    edge_id = await _edge(gql, standard.token, customer_id)  # a standard admin adds edges
    renamed = await gql(UPDATE_EDGE, {"input": {"id": edge_id, "name": "hq"}}, token=admin.token)
    assert renamed["data"]["updateEdge"]["edge"]["name"] == "hq"
    read_only = await gql(UPDATE_EDGE, {"input": {"id": edge_id, "name": "x"}}, token=viewer.token)
    assert read_only["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    for token in (globex.admin.token, globex.support.token):
        other = await gql(UPDATE_EDGE, {"input": {"id": edge_id, "name": "x"}}, token=token)
        assert [e["code"] for e in other["data"]["updateEdge"]["errors"]] == ["NOT_FOUND"]
    blank = await gql(UPDATE_EDGE, {"input": {"id": edge_id, "name": "  "}}, token=admin.token)
    assert blank["data"]["updateEdge"]["errors"] == [
        {"code": "REQUIRED", "field": ["input", "name"]}
    ]
