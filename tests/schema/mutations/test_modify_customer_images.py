"""modifyCustomerImages by the partner's admins: the image rules, IMAGE_IN_USE naming the
edges, and the race between a removal and an edge's assignment."""

from __future__ import annotations

import asyncio

from gql.domain import ids
from models.audit import AuditEvent
from models.customer import CustomerSoftwareImage, Edge
from tests.schema.customer_kit import ASSIGN_IMAGE, add_edge, codes, create, run

MODIFY_IMAGES = """
mutation($input: ModifyCustomerImagesInput!) {
  modifyCustomerImages(input: $input) {
    customer { softwareImages { image { version } isDefault } defaultSoftwareImage { version } }
    errors { code field message }
  }
}
"""


async def test_images_are_replaced_and_the_default_kept_while_it_stays(gql, acme, managed):
    payload = await run(
        gql,
        MODIFY_IMAGES,
        acme.admin.token,
        customerId=managed,
        softwareImageIds=[acme.images["5.0.1"], acme.images["5.2.0"]],
    )
    assert payload["errors"] == []
    assert payload["customer"]["softwareImages"] == [
        {"image": {"version": "5.0.1"}, "isDefault": True},
        {"image": {"version": "5.2.0"}, "isDefault": False},
    ]
    event = await AuditEvent.get(action="customer.images.modify")
    assert event.customer_id == ids.decode_as(managed, "Customer")


async def test_image_rules_on_modify(gql, acme, globex, managed):
    cases = [
        ({"softwareImageIds": []}, {("REQUIRED", ("input", "softwareImageIds"))}),
        (
            {"softwareImageIds": [acme.images["4.5.2"]]},
            {("NOT_AVAILABLE", ("input", "softwareImageIds", "0"))},
        ),
        (
            {"softwareImageIds": [acme.images["5.2.0"], acme.images["6.0.0"]]},
            {("DEFAULT_IMAGE_REQUIRED", ("input", "defaultSoftwareImageId"))},
        ),
        (
            {
                "softwareImageIds": [acme.images["6.0.0"]],
                "defaultSoftwareImageId": acme.images["5.0.1"],
            },
            {("DEFAULT_IMAGE_REQUIRED", ("input", "defaultSoftwareImageId"))},
        ),
    ]
    for input_, expected in cases:
        payload = await run(gql, MODIFY_IMAGES, acme.admin.token, customerId=managed, **input_)
        assert codes(payload) == expected, input_
    single = (
        await create(
            gql,
            acme,
            companyName="Single",
            accountNumber="ACC-S",
            admin={"username": "s@single.example"},
        )
    )["customer"]["id"]
    payload = await run(
        gql,
        MODIFY_IMAGES,
        acme.admin.token,
        customerId=single,
        softwareImageIds=[acme.images["5.0.1"], acme.images["6.0.0"]],
        defaultSoftwareImageId=acme.images["5.0.1"],
    )
    assert codes(payload) == {("SINGLE_IMAGE_ONLY", ("input", "softwareImageIds"))}
    other = await run(
        gql,
        MODIFY_IMAGES,
        globex.admin.token,
        customerId=managed,
        softwareImageIds=[globex.images["4.5.2"]],
    )
    assert codes(other) == {("NOT_FOUND", ("input", "customerId"))}


async def test_an_image_in_use_cannot_be_removed_and_the_edges_are_named(gql, acme, managed):
    await add_edge(gql, acme.admin.token, managed, "branch-berlin", acme.images["6.0.0"])
    await add_edge(gql, acme.admin.token, managed, "branch-austin", acme.images["6.0.0"])
    payload = await run(
        gql,
        MODIFY_IMAGES,
        acme.admin.token,
        customerId=managed,
        softwareImageIds=[acme.images["5.0.1"]],
    )
    assert codes(payload) == {("IMAGE_IN_USE", ("input", "softwareImageIds"))}
    message = payload["errors"][0]["message"]
    assert "6.0.0" in message
    assert "branch-austin, branch-berlin" in message
    assert (
        await CustomerSoftwareImage.filter(customer_id=ids.decode_as(managed, "Customer")).count()
        == 2
    )


async def test_a_removal_racing_an_assignment_never_strands_an_edge(gql, acme, managed):
    """The customer lock orders the two: either the edge moves to 6.0.0 and the removal
    is refused, or the removal wins and the assignment is refused. Never both."""
    customer_pk = ids.decode_as(managed, "Customer")
    for round_ in range(5):
        await Edge.filter(customer_id=customer_pk).delete()
        await run(
            gql,
            MODIFY_IMAGES,
            acme.admin.token,
            customerId=managed,
            softwareImageIds=[acme.images["5.0.1"], acme.images["6.0.0"]],
            defaultSoftwareImageId=acme.images["5.0.1"],
        )
        edge = await add_edge(gql, acme.admin.token, managed, f"edge-{round_}")
        removal, assignment = await asyncio.gather(
            run(
                gql,
                MODIFY_IMAGES,
                acme.admin.token,
                customerId=managed,
                softwareImageIds=[acme.images["5.0.1"]],
            ),
            run(
                gql,
                ASSIGN_IMAGE,
                acme.superuser.token,
                edgeId=edge["id"],
                softwareImageId=acme.images["6.0.0"],
            ),
        )
        assigned = set(
            await CustomerSoftwareImage.filter(customer_id=customer_pk).values_list(
                "image_id", flat=True
            )
        )
        edge_images = set(
            await Edge.filter(customer_id=customer_pk).values_list("software_image_id", flat=True)
        )
        assert edge_images <= assigned, (removal, assignment)
        assert (removal["errors"] == []) != (assignment["errors"] == [])
