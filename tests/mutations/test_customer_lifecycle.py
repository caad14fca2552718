"""modifyCustomerImages, the edge mutations, updatePartnerCustomer and
deletePartnerCustomer: their rules, the image race, permissions and tenancy."""

from __future__ import annotations

import asyncio

import pytest

from gql.domain import ids
from models.audit import AuditEvent
from models.customer import Customer, CustomerSoftwareImage, Edge
from models.identity import AuthToken, User
from models.system import SystemProperty
from tests.factories import login
from tests.mutations.test_create_partner_customer import PASSWORD, codes, create

MODIFY_IMAGES = """
mutation($input: ModifyCustomerImagesInput!) {
  modifyCustomerImages(input: $input) {
    customer { softwareImages { image { version } isDefault } defaultSoftwareImage { version } }
    errors { code field message }
  }
}
"""
CREATE_EDGE = """
mutation($input: CreateEdgeInput!) {
  createEdge(input: $input) {
    edge { id name model serialNumber softwareImage { version } }
    errors { code field message }
  }
}
"""
ASSIGN_IMAGE = """
mutation($input: AssignEdgeSoftwareImageInput!) {
  assignEdgeSoftwareImage(input: $input) {
    edge { softwareImage { version } } errors { code field message }
  }
}
"""
DELETE_EDGE = """
mutation($input: DeleteEdgeInput!) { deleteEdge(input: $input) { deletedId errors { code } } }
"""
UPDATE = """
mutation($input: UpdatePartnerCustomerInput!) {
  updatePartnerCustomer(input: $input) {
    customer {
      companyName domain accountNumber partnerSupportAccess operatorSupportAccess
      operatorUserManagementAccess address { city country } manageSoftwareImages
      softwareImages { image { version } isDefault } gatewayPool { name }
      edgeLicenses { sku } analyticsEnabled clonedFrom { companyName }
    }
    errors { code field message }
  }
}
"""
DELETE_CUSTOMER = """
mutation($input: DeletePartnerCustomerInput!) {
  deletePartnerCustomer(input: $input) { deletedId errors { code field message } }
}
"""
EDGES_OF = """
query($id: ID!) { customer(id: $id) { edgeCount edges(first: 2) {
  totalCount pageInfo { hasNextPage endCursor } nodes { name softwareImage { version } } } } }
"""


async def run(gql, document: str, token: str, **input_) -> dict:
    body = await gql(document, {"input": input_}, token=token)
    assert "errors" not in body, body
    return next(iter(body["data"].values()))


@pytest.fixture
async def managed(gql, acme):
    """An Acme customer that manages two images (5.0.1 default, 6.0.0)."""
    payload = await create(
        gql,
        acme,
        configuration={
            "manageSoftwareImages": True,
            "softwareImageIds": [acme.images["5.0.1"], acme.images["6.0.0"]],
            "defaultSoftwareImageId": acme.images["5.0.1"],
        },
    )
    assert payload["errors"] == []
    return payload["customer"]["id"]


async def add_edge(gql, token, customer_id, name, image=None) -> dict:
    payload = await run(
        gql,
        CREATE_EDGE,
        token,
        customerId=customer_id,
        name=name,
        **({"softwareImageId": image} if image else {}),
    )
    assert payload["errors"] == [], payload
    return payload["edge"]


# --- modifyCustomerImages ---------------------------------------------------------------


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


# --- edges ------------------------------------------------------------------------------


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


async def test_customer_edges_page_and_count(gql, acme, managed):
    for name in ("c-edge", "a-edge", "b-edge"):
        await add_edge(gql, acme.admin.token, managed, name)
    body = await gql(EDGES_OF, {"id": managed}, token=acme.admin.token)
    customer = body["data"]["customer"]
    assert customer["edgeCount"] == 3
    assert customer["edges"]["totalCount"] == 3
    assert [n["name"] for n in customer["edges"]["nodes"]] == ["a-edge", "b-edge"]
    assert customer["edges"]["pageInfo"]["hasNextPage"] is True


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


# --- updatePartnerCustomer --------------------------------------------------------------


async def test_update_changes_only_what_is_sent(gql, acme, managed):
    payload = await run(
        gql,
        UPDATE,
        acme.admin.token,
        id=managed,
        companyName=" Initech Two ",
        address={"city": "Lyon", "country": "fr"},
        configuration={"gatewayPoolId": acme.pools["US"]},
    )
    assert payload["errors"] == []
    customer = payload["customer"]
    assert customer["companyName"] == "Initech Two"
    assert customer["domain"] == "initech.example"
    assert customer["address"] == {"city": "Lyon", "country": "FR"}
    assert customer["gatewayPool"] == {"name": "US"}
    # The configuration defaults (manageSoftwareImages false) did not apply: not sent.
    assert customer["manageSoftwareImages"] is True
    assert len(customer["softwareImages"]) == 2
    event = await AuditEvent.filter(action="customer.update").order_by("-id").first()
    assert event.changes["companyName"] == "Initech Two"
    assert "manageSoftwareImages" not in event.changes


async def test_update_applies_the_create_rules(gql, acme, globex, managed):
    await create(
        gql,
        acme,
        companyName="Taken Co",
        accountNumber="ACC-T",
        admin={"username": "t@taken.example"},
    )
    payload = await run(
        gql,
        UPDATE,
        acme.admin.token,
        id=managed,
        companyName="taken co",
        accountNumber="acc-t",
        domain="bad domain",
        configuration={
            "edgeLicenseIds": [acme.licenses["STD-100"], acme.licenses["PRE-1G"]],
            "analyticsEnabled": True,
            "manageSoftwareImages": False,
        },
    )
    assert codes(payload) == {
        ("DUPLICATE", ("input", "companyName")),
        ("DUPLICATE", ("input", "accountNumber")),
        ("INVALID", ("input", "domain")),
        ("LICENSE_EDITION_MIX", ("input", "configuration", "edgeLicenseIds")),
        ("ANALYTICS_UNAVAILABLE", ("input", "configuration", "analyticsEnabled")),
        ("SINGLE_IMAGE_ONLY", ("input", "configuration", "manageSoftwareImages")),
    }
    unchanged = await Customer.get(id=ids.decode_as(managed, "Customer"))
    assert unchanged.company_name == "Initech"
    other = await run(gql, UPDATE, globex.admin.token, id=managed, companyName="Stolen")
    assert codes(other) == {("NOT_FOUND", ("input", "id"))}


async def test_update_refuses_to_remove_an_image_in_use(gql, acme, managed):
    await add_edge(gql, acme.admin.token, managed, "pinned", acme.images["6.0.0"])
    payload = await run(
        gql,
        UPDATE,
        acme.admin.token,
        id=managed,
        configuration={"softwareImageIds": [acme.images["5.0.1"]]},
    )
    assert codes(payload) == {("IMAGE_IN_USE", ("input", "configuration", "softwareImageIds"))}
    assert "pinned" in payload["errors"][0]["message"]


async def test_access_flag_toggles_write_their_own_events(gql, acme, managed):
    payload = await run(
        gql,
        UPDATE,
        acme.admin.token,
        id=managed,
        partnerSupportAccess=False,
        operatorUserManagementAccess=True,
        operatorSupportAccess=True,
    )
    assert payload["errors"] == []
    actions = set(
        await AuditEvent.filter(action__startswith="customer.access.").values_list(
            "action", flat=True
        )
    )
    # operatorSupportAccess was already on: no event for it.
    assert actions == {
        "customer.access.partnerSupport.disable",
        "customer.access.operatorUserManagement.enable",
    }


async def test_update_clone_validate_only_and_idempotency(gql, acme, managed):
    await SystemProperty.create(name="session.options.enableAnalytics", value="true")
    source = await create(
        gql,
        acme,
        companyName="Template",
        accountNumber="ACC-TPL",
        admin={"username": "t@tpl.example"},
        partnerSupportAccess=False,
        configuration={"analyticsEnabled": True, "edgeLicenseIds": [acme.licenses["ENT-500"]]},
    )
    source_id = source["customer"]["id"]
    dry = await run(
        gql, UPDATE, acme.admin.token, id=managed, cloneFromCustomerId=source_id, validateOnly=True
    )
    assert dry == {"customer": None, "errors": []}
    assert (await Customer.get(id=ids.decode_as(managed, "Customer"))).analytics_enabled is False
    cloned = await run(
        gql,
        UPDATE,
        acme.admin.token,
        id=managed,
        cloneFromCustomerId=source_id,
        configuration={"manageSoftwareImages": True},
        idempotencyKey="k-1",
    )
    assert cloned["errors"] == []
    customer = cloned["customer"]
    assert customer["analyticsEnabled"] is True
    assert customer["edgeLicenses"] == [{"sku": "ENT-500"}]
    assert customer["partnerSupportAccess"] is True  # consent is not cloned
    assert customer["clonedFrom"] == {"companyName": "Template"}
    events = await AuditEvent.filter(action="customer.update").count()
    again = await run(
        gql,
        UPDATE,
        acme.admin.token,
        id=managed,
        cloneFromCustomerId=source_id,
        configuration={"manageSoftwareImages": True},
        idempotencyKey="k-1",
    )
    assert again["errors"] == []
    assert await AuditEvent.filter(action="customer.update").count() == events
    reused = await run(
        gql, UPDATE, acme.admin.token, id=managed, companyName="X", idempotencyKey="k-1"
    )
    assert codes(reused) == {("IDEMPOTENCY_KEY_REUSED", ("input", "idempotencyKey"))}


# --- deletePartnerCustomer --------------------------------------------------------------


async def test_delete_is_refused_while_edges_remain_then_removes_users_and_tokens(
    gql, acme, managed
):
    edge = await add_edge(gql, acme.admin.token, managed, "last-edge")
    admin = await gql(
        'mutation { login(input: {username: "it@initech.example", password: "%s"})'
        " { token } }" % PASSWORD
    )
    customer_token = admin["data"]["login"]["token"]
    refused = await run(gql, DELETE_CUSTOMER, acme.superuser.token, id=managed)
    assert codes(refused) == {("CUSTOMER_HAS_EDGES", ("input", "id"))}
    assert "1 edge" in refused["errors"][0]["message"]
    await run(gql, DELETE_EDGE, acme.admin.token, id=edge["id"])
    deleted = await run(gql, DELETE_CUSTOMER, acme.superuser.token, id=managed)
    assert deleted == {"deletedId": managed, "errors": []}
    pk = ids.decode_as(managed, "Customer")
    assert not await Customer.filter(id=pk).exists()
    assert not await User.filter(customer_id=pk).exists()
    assert not await AuthToken.filter(user__username_key="it@initech.example").exists()
    me = await gql("{ me { id } }", token=customer_token)
    assert me["data"]["me"] is None
    event = await AuditEvent.get(action="customer.delete")
    assert event.changes["removedUsers"] == ["it@initech.example"]


async def test_only_the_partners_superuser_deletes_and_only_its_own(gql, acme, globex, managed):
    body = await gql(DELETE_CUSTOMER, {"input": {"id": managed}}, token=acme.admin.token)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    other = await run(gql, DELETE_CUSTOMER, globex.superuser.token, id=managed)
    assert codes(other) == {("NOT_FOUND", ("input", "id"))}
    assert await Customer.filter(id=ids.decode_as(managed, "Customer")).exists()


# --- auditEvents ------------------------------------------------------------------------


async def test_audit_log_is_per_partner_and_filters_by_customer_and_action(
    gql, acme, globex, managed
):
    await add_edge(gql, acme.admin.token, managed, "logged-edge")
    await create(
        gql,
        globex,
        companyName="Globex Client",
        accountNumber="ACC-G",
        admin={"username": "g@globex-client.example"},
    )
    query = """query($customer: ID, $action: String) { auditEvents(customerId: $customer,
      action: $action) { totalCount nodes { action targetType targetId changes
      actor { username role } } } }"""
    mine = await gql(query, {"customer": managed}, token=acme.superuser.token)
    events = mine["data"]["auditEvents"]["nodes"]
    assert [e["action"] for e in events] == ["edge.create", "customer.create"]
    assert events[0]["actor"] == {
        "username": "admin@acme.example",
        "role": "PARTNER_STANDARD_ADMIN",
    }
    assert events[0]["changes"]["name"] == "logged-edge"
    assert all(PASSWORD not in str(e["changes"]) for e in events)
    creates = await gql(query, {"action": "customer.create"}, token=acme.superuser.token)
    assert creates["data"]["auditEvents"]["totalCount"] == 1  # Globex's is not Acme's
    theirs = await gql(query, {"customer": managed}, token=globex.superuser.token)
    assert theirs["data"]["auditEvents"]["totalCount"] == 0
    operator = await login(gql, await _operator())
    everything = await gql(query, {"action": "customer.create"}, token=operator.token)
    assert everything["data"]["auditEvents"]["totalCount"] == 2


async def _operator():
    from models.enums import Role
    from tests.factories import make_user

    return await make_user(Role.OPERATOR_SUPERUSER, "ops@vendor.example")
