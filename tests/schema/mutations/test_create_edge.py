"""createEdge (with assignEdgeSoftwareImage and deleteEdge): images, who may, tenancy."""

from __future__ import annotations

from gql.domain import ids
from models.customer import Customer, Edge
from tests.schema.customer_kit import (
    ASSIGN_IMAGE,
    CREATE_EDGE,
    DELETE_EDGE,
    PASSWORD,
    add_edge,
    codes,
    create,
    run,
)


async def test_edges_take_the_default_image_or_an_assigned_one(gql, acme, managed):
    edge = await add_edge(gql, acme.admin.token, managed, "  hq-1  ")
    assert edge["name"] == "hq-1"
    assert edge["softwareImage"] == {"version": "5.0.1"}
    refused = await run(
        gql,
        CREATE_EDGE,
        acme.admin.token,
        customerId=managed,
        name="x",
        softwareImageId=acme.images["5.2.0"],
    )
    assert codes(refused) == {("NOT_AVAILABLE", ("input", "softwareImageId"))}
    blank = await run(gql, CREATE_EDGE, acme.admin.token, customerId=managed, name=" ")
    assert codes(blank) == {("REQUIRED", ("input", "name"))}
    moved = await run(
        gql, ASSIGN_IMAGE, acme.admin.token, edgeId=edge["id"], softwareImageId=acme.images["6.0.0"]
    )
    assert moved == {"edge": {"softwareImage": {"version": "6.0.0"}}, "errors": []}
    not_assigned = await run(
        gql, ASSIGN_IMAGE, acme.admin.token, edgeId=edge["id"], softwareImageId=acme.images["5.2.0"]
    )
    assert codes(not_assigned) == {("NOT_AVAILABLE", ("input", "softwareImageId"))}


async def test_the_customers_own_admin_manages_its_edges_only(gql, acme, managed):
    await create(
        gql, acme, companyName="Other", accountNumber="ACC-O", admin={"username": "o@other.example"}
    )
    admin = await gql(
        'mutation { login(input: {username: "it@initech.example", password: "%s"})'
        " { token } }" % PASSWORD
    )
    token = admin["data"]["login"]["token"]
    edge = await add_edge(gql, token, managed, "own-edge")
    other = await Customer.get(company_name="Other")
    refused = await run(
        gql, CREATE_EDGE, token, customerId=ids.encode("Customer", other.id), name="sneaky"
    )
    assert codes(refused) == {("NOT_FOUND", ("input", "customerId"))}
    deleted = await run(gql, DELETE_EDGE, token, id=edge["id"])
    assert deleted == {"deletedId": edge["id"], "errors": []}
    assert not await Edge.filter(name="own-edge").exists()


async def test_another_partners_edges_are_not_found(gql, acme, globex, managed):
    edge = await add_edge(gql, acme.admin.token, managed, "acme-edge")
    for document, input_ in (
        (DELETE_EDGE, {"id": edge["id"]}),
        (ASSIGN_IMAGE, {"edgeId": edge["id"], "softwareImageId": acme.images["6.0.0"]}),
    ):
        payload = await run(gql, document, globex.admin.token, **input_)
        assert [e["code"] for e in payload["errors"]] == ["NOT_FOUND"]
    node = await gql(
        "query($id: ID!) { node(id: $id) { id } }", {"id": edge["id"]}, token=globex.admin.token
    )
    assert node["data"]["node"] is None
    assert await Edge.filter(name="acme-edge").exists()
