"""updatePartnerCustomer: only what is sent changes, the create rules apply, IMAGE_IN_USE,
access-flag events, clone, validateOnly and idempotency."""

from __future__ import annotations

from gql.domain import ids
from models.audit import AuditEvent
from models.customer import Customer
from models.system import SystemProperty
from tests.factories import make_customer
from tests.schema.customer_kit import add_edge, codes, create, run
from tests.schema.users_kit import UPDATE_CUSTOMER

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


async def test_user_management_needs_support_access(gql, acme) -> None:
    customer_id, _ = await make_customer(gql, acme, "Conflict")
    body = await gql(
        UPDATE_CUSTOMER,
        {
            "input": {
                "id": customer_id,
                "operatorSupportAccess": False,
                "operatorUserManagementAccess": True,
            }
        },
        token=acme.admin.token,
    )
    assert body["data"]["updatePartnerCustomer"]["errors"] == [
        {"code": "INVALID", "field": ["input", "operatorUserManagementAccess"]}
    ]
