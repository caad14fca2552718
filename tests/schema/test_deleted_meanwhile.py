"""A customer deleted between a mutation finding it and locking it: NOT_FOUND, as if
it had never been there, and never an internal error.

The race is made deterministic by deleting the customer at the moment the mutation
takes its lock (the window a concurrent deletePartnerCustomer falls into)."""

from __future__ import annotations

import pytest

from gql.domain import ids
from gql.domain.customers import images
from models.customer import Customer, Edge
from tests.schema.customer_kit import ASSIGN_IMAGE, CREATE_EDGE, add_edge, run

MODIFY = """
mutation($input: ModifyCustomerImagesInput!) {
  modifyCustomerImages(input: $input) { customer { id } errors { code field } }
}
"""
UPDATE = """
mutation($input: UpdatePartnerCustomerInput!) {
  updatePartnerCustomer(input: $input) { customer { id } errors { code field } }
}
"""


@pytest.fixture
def deleted_when_locked(monkeypatch):
    """Every lock_customer finds the customer gone (its edges and users first)."""
    real = images.lock_customer

    async def delete_then_lock(customer_id, conn):
        await Edge.filter(customer_id=customer_id).delete()
        await Customer.filter(id=customer_id).delete()
        return await real(customer_id, conn)

    for module in (
        "gql.schema.mutations.create_edge",
        "gql.schema.mutations.assign_edge_software_image",
        "gql.schema.mutations.modify_customer_images",
        "gql.domain.customers.update",
    ):
        monkeypatch.setattr(f"{module}.lock_customer", delete_then_lock)


async def test_mutations_on_a_customer_deleted_meanwhile_answer_not_found(
    gql, acme, managed, deleted_when_locked
) -> None:
    token = acme.admin.token
    edge = await Edge.create(
        customer_id=ids.decode_as(managed, "Customer"),
        name="edge-1",
        software_image_id=ids.decode(acme.images["5.0.1"])[1],
    )
    outcomes = {
        "createEdge": await run(gql, CREATE_EDGE, token, customerId=managed, name="late"),
        "assignEdgeSoftwareImage": await run(
            gql,
            ASSIGN_IMAGE,
            token,
            edgeId=ids.encode("Edge", edge.id),
            softwareImageId=acme.images["6.0.0"],
        ),
    }
    assert not await Customer.exists(id=ids.decode_as(managed, "Customer"))
    for name, result in outcomes.items():
        assert [e["code"] for e in result["errors"]] == ["NOT_FOUND"], name


async def test_changing_a_customer_deleted_meanwhile_answers_not_found(
    gql, acme, managed, deleted_when_locked
) -> None:
    token = acme.admin.token
    modify = await run(
        gql, MODIFY, token, customerId=managed, softwareImageIds=[acme.images["5.0.1"]]
    )
    assert modify["errors"] == [{"code": "NOT_FOUND", "field": ["input", "customerId"]}]
    assert modify["customer"] is None


async def test_updating_a_customer_deleted_meanwhile_answers_not_found(
    gql, acme, managed, deleted_when_locked
) -> None:
    update = await run(gql, UPDATE, acme.admin.token, id=managed, companyName="Renamed Co")
    assert update["errors"] == [{"code": "NOT_FOUND", "field": ["input", "id"]}]
    assert update["customer"] is None


async def test_an_edge_added_before_the_delete_still_works(gql, acme, managed) -> None:
    """Without the race, the same calls succeed (the fixture above is what fails them)."""
    edge = await add_edge(gql, acme.admin.token, managed, "edge-ok")
    assert edge["name"] == "edge-ok"
