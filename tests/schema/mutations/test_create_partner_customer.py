"""createPartnerCustomer: every rule of the New Customer page (docs/new-customer.md), with
its code and input path, and nothing written on any failure."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from gql.domain import ids
from models.audit import AuditEvent
from models.customer import (
    Customer,
    IdempotencyRecord,
)
from models.enums import Role
from models.identity import User
from models.system import SystemProperty
from tests.schema.customer_kit import PASSWORD, codes, counts, create


async def test_a_complete_create(gql, acme) -> None:
    payload = await create(
        gql,
        acme,
        companyName="  Initech  ",
        domain="Initech.Example.",
        accountNumber=" ACC-1001 ",
        address={
            "streetAddress": "1 Main St",
            "city": "Austin",
            "state": "TX",
            "country": "us",
            "postalCode": "78701",
        },
        admin={
            "firstName": "Bill",
            "lastName": "Lumbergh",
            "phone": "+1 512 555 0100",
            "mobilePhone": "+44 20 7946 0958",
            "contactEmail": "noc@initech.example",
        },
        configuration={
            "manageSoftwareImages": True,
            "softwareImageIds": [acme.images["5.0.1"], acme.images["6.0.0"]],
            "defaultSoftwareImageId": acme.images["6.0.0"],
            "gatewayPoolId": acme.pools["US"],
            "edgeLicenseIds": [acme.licenses["ENT-500"], acme.licenses["PRE-1G"]],
        },
    )
    assert payload["errors"] == []
    customer = payload["customer"]
    assert customer["companyName"] == "Initech"
    assert customer["domain"] == "initech.example"
    assert customer["accountNumber"] == "ACC-1001"
    assert customer["address"] == {
        "streetAddress": "1 Main St",
        "city": "Austin",
        "state": "TX",
        "country": "US",
        "postalCode": "78701",
    }
    assert (
        customer["partnerSupportAccess"],
        customer["operatorSupportAccess"],
        customer["operatorUserManagementAccess"],
    ) == (True, True, False)
    assert customer["softwareImages"] == [
        {"image": {"version": "5.0.1"}, "isDefault": False},
        {"image": {"version": "6.0.0"}, "isDefault": True},
    ]
    assert customer["gatewayPool"] == {"name": "US"}
    assert customer["edgeLicenses"] == [{"sku": "ENT-500"}, {"sku": "PRE-1G"}]
    assert customer["partner"] == {"name": "Acme"}
    assert customer["edgeCount"] == 0
    assert customer["users"] == [
        {
            "role": "ENTERPRISE_SUPERUSER",
            "username": "it@initech.example",
            "phone": "+15125550100",
            "piiRedacted": False,
        }
    ]
    admin = await User.get(username_key="it@initech.example")
    assert admin.password_hash.startswith("$argon2id$")
    assert admin.mobile_phone == "+442079460958"
    event = await AuditEvent.get(action="customer.create")
    assert event.changes["accountNumber"] == "ACC-1001"
    assert PASSWORD not in str(event.changes)


async def test_defaults_come_from_the_page_and_the_partner(gql, acme) -> None:
    customer = (await create(gql, acme))["customer"]
    assert customer["manageSoftwareImages"] is False
    assert customer["analyticsEnabled"] is False
    assert customer["softwareImages"] == [{"image": {"version": "5.2.0"}, "isDefault": True}]
    assert customer["gatewayPool"] == {"name": "EU"}
    assert customer["edgeLicenses"] == []


async def test_creation_disabled_by_the_operator(gql, acme) -> None:
    await SystemProperty.create(name="session.options.disableCreateEnterprise", value="true")
    before = await counts()
    payload = await create(gql, acme)
    assert codes(payload) == {("CREATION_DISABLED", ())}
    assert "ask your operator" in payload["errors"][0]["message"]
    assert await counts() == before


async def test_every_problem_is_reported_together_and_nothing_is_written(gql, acme) -> None:
    before = await counts()
    payload = await create(
        gql,
        acme,
        companyName=" ",
        domain="not a domain",
        accountNumber="",
        address={"country": "XX"},
        admin={
            "username": "not-an-email",
            "password": "short",
            "confirmPassword": "other",
            "phone": "12345",
            "contactEmail": "nope",
        },
    )
    assert payload["customer"] is None
    assert codes(payload) == {
        ("REQUIRED", ("input", "companyName")),
        ("INVALID", ("input", "domain")),
        ("REQUIRED", ("input", "accountNumber")),
        ("INVALID", ("input", "address", "country")),
        ("INVALID", ("input", "admin", "username")),
        ("PASSWORD_TOO_WEAK", ("input", "admin", "password")),
        ("PASSWORD_MISMATCH", ("input", "admin", "confirmPassword")),
        ("INVALID", ("input", "admin", "phone")),
        ("INVALID", ("input", "admin", "contactEmail")),
    }
    assert await counts() == before


async def test_blank_username_and_password_are_required(gql, acme) -> None:
    payload = await create(
        gql, acme, admin={"username": "  ", "password": "", "confirmPassword": ""}
    )
    assert {
        ("REQUIRED", ("input", "admin", "username")),
        ("REQUIRED", ("input", "admin", "password")),
    } <= codes(payload)


@pytest.mark.parametrize(
    ("password", "hint"),
    [
        ("initechinitech99", "too easy to guess"),  # the company name, repeated
        ("bill-rocks-purple-octopus-99", "must not contain the username"),
        ("x" * 257, "at most 256"),
    ],
)
async def test_password_policy_uses_the_customer_as_context(gql, acme, password, hint) -> None:
    payload = await create(
        gql,
        acme,
        admin={
            "username": "bill@initech.example",
            "password": password,
            "confirmPassword": password,
        },
    )
    assert codes(payload) == {("PASSWORD_TOO_WEAK", ("input", "admin", "password"))}
    assert hint in payload["errors"][0]["message"]


async def test_unique_values(gql, acme, globex) -> None:
    assert (await create(gql, acme))["errors"] == []
    # Account numbers and usernames are unique across the orchestrator, whatever the case.
    payload = await create(
        gql,
        globex,
        companyName="Initech",
        accountNumber="acc-1001",
        admin={"username": "IT@initech.example"},
    )
    assert codes(payload) == {
        ("DUPLICATE", ("input", "accountNumber")),
        ("DUPLICATE", ("input", "admin", "username")),
    }
    # Company names are unique within a partner only.
    same_partner = await create(
        gql,
        acme,
        companyName="INITECH",
        accountNumber="ACC-2",
        admin={"username": "b@initech.example"},
    )
    assert codes(same_partner) == {("DUPLICATE", ("input", "companyName"))}
    other_partner = await create(
        gql,
        globex,
        companyName="Initech",
        accountNumber="ACC-3",
        admin={"username": "c@initech.example"},
    )
    assert other_partner["errors"] == []


async def test_image_rules(gql, acme, globex) -> None:
    cases = [
        (
            {"softwareImageIds": [acme.images["4.5.2"]]},  # not assigned to Acme
            {("NOT_AVAILABLE", ("input", "configuration", "softwareImageIds", "0"))},
        ),
        (
            {"softwareImageIds": [acme.images["5.0.1"], acme.images["6.0.0"]]},
            {("SINGLE_IMAGE_ONLY", ("input", "configuration", "softwareImageIds"))},
        ),
        (
            {
                "manageSoftwareImages": True,
                "softwareImageIds": [acme.images["5.0.1"], acme.images["6.0.0"]],
            },
            {("DEFAULT_IMAGE_REQUIRED", ("input", "configuration", "defaultSoftwareImageId"))},
        ),
        (
            {
                "manageSoftwareImages": True,
                "softwareImageIds": [acme.images["5.0.1"]],
                "defaultSoftwareImageId": acme.images["6.0.0"],
            },
            {("DEFAULT_IMAGE_REQUIRED", ("input", "configuration", "defaultSoftwareImageId"))},
        ),
        (
            {"softwareImageIds": [acme.pools["EU"]]},  # an ID of the wrong type
            {("NOT_AVAILABLE", ("input", "configuration", "softwareImageIds", "0"))},
        ),
    ]
    for configuration, expected in cases:
        payload = await create(gql, acme, configuration=configuration)
        assert codes(payload) == expected, configuration
    assert await Customer.all().count() == 0
    single = await create(gql, acme, configuration={"softwareImageIds": [acme.images["6.0.0"]]})
    assert single["customer"]["softwareImages"] == [
        {"image": {"version": "6.0.0"}, "isDefault": True}
    ]


async def test_pool_license_and_analytics_rules(gql, acme, globex) -> None:
    payload = await create(
        gql,
        acme,
        configuration={
            "gatewayPoolId": acme.pools["APAC"],
            "edgeLicenseIds": [acme.licenses["STD-100"], acme.licenses["ENT-500"]],
            "analyticsEnabled": True,
        },
    )
    assert codes(payload) == {
        ("NOT_AVAILABLE", ("input", "configuration", "gatewayPoolId")),
        ("LICENSE_EDITION_MIX", ("input", "configuration", "edgeLicenseIds")),
        ("ANALYTICS_UNAVAILABLE", ("input", "configuration", "analyticsEnabled")),
    }
    disabled = await create(
        gql, globex, configuration={"edgeLicenseIds": [globex.licenses["STD-100"]]}
    )
    assert codes(disabled) == {
        ("EDGE_LICENSING_DISABLED", ("input", "configuration", "edgeLicenseIds"))
    }
    await SystemProperty.create(name="session.options.enableAnalytics", value="true")
    ok = await create(
        gql,
        acme,
        configuration={"analyticsEnabled": True, "edgeLicenseIds": [acme.licenses["STD-100"]]},
    )
    assert ok["errors"] == []
    assert ok["customer"]["analyticsEnabled"] is True


async def test_clone_copies_the_configuration_and_explicit_input_overrides_it(
    gql, acme, globex
) -> None:
    await SystemProperty.create(name="session.options.enableAnalytics", value="true")
    source = (
        await create(
            gql,
            acme,
            partnerSupportAccess=False,
            operatorUserManagementAccess=True,
            address={"city": "Austin"},
            configuration={
                "manageSoftwareImages": True,
                "softwareImageIds": [acme.images["5.0.1"], acme.images["6.0.0"]],
                "defaultSoftwareImageId": acme.images["5.0.1"],
                "gatewayPoolId": acme.pools["US"],
                "edgeLicenseIds": [acme.licenses["PRE-1G"]],
                "analyticsEnabled": True,
            },
        )
    )["customer"]
    clone = await create(
        gql,
        acme,
        companyName="Initrode",
        accountNumber="ACC-2",
        admin={"username": "it@initrode.example"},
        cloneFromCustomerId=source["id"],
        operatorSupportAccess=False,
        configuration={"gatewayPoolId": acme.pools["EU"]},
    )
    assert clone["errors"] == []
    copied = clone["customer"]
    # The access flags are consent given per customer: never copied, the page's
    # defaults unless given.
    assert copied["partnerSupportAccess"] is True
    assert copied["operatorUserManagementAccess"] is False
    assert copied["operatorSupportAccess"] is False  # given
    assert copied["manageSoftwareImages"] is True
    assert copied["softwareImages"] == source["softwareImages"]
    assert copied["gatewayPool"] == {"name": "EU"}  # overridden
    assert copied["edgeLicenses"] == [{"sku": "PRE-1G"}]
    assert copied["analyticsEnabled"] is True
    assert copied["address"]["city"] is None  # never copied
    assert copied["clonedFrom"] == {"id": source["id"], "companyName": "Initech"}
    assert [u["username"] for u in copied["users"]] == ["it@initrode.example"]

    other = await create(
        gql,
        globex,
        cloneFromCustomerId=source["id"],
        companyName="X",
        accountNumber="ACC-3",
        admin={"username": "x@x.example"},
    )
    assert codes(other) == {("NOT_FOUND", ("input", "cloneFromCustomerId"))}


async def test_clone_overrides_given_as_literals_count_too(gql, acme) -> None:
    source = (await create(gql, acme, partnerSupportAccess=False))["customer"]
    document = (
        'mutation { createPartnerCustomer(input: {companyName: "Lit", domain: "lit.example", '
        'accountNumber: "ACC-9", partnerSupportAccess: true, cloneFromCustomerId: "%s", '
        'admin: {username: "a@lit.example", password: "%s", confirmPassword: "%s"}}) '
        "{ customer { partnerSupportAccess } errors { code } } }"
    ) % (source["id"], PASSWORD, PASSWORD)
    body = await gql(document, token=acme.admin.token)
    assert body["data"]["createPartnerCustomer"] == {
        "customer": {"partnerSupportAccess": True},
        "errors": [],
    }


async def test_validate_only_checks_everything_and_writes_nothing(gql, acme) -> None:
    await create(gql, acme)
    before = await counts()
    clash = await create(gql, acme, validateOnly=True)
    assert codes(clash) == {
        ("DUPLICATE", ("input", "companyName")),
        ("DUPLICATE", ("input", "accountNumber")),
        ("DUPLICATE", ("input", "admin", "username")),
    }
    clean = await create(
        gql,
        acme,
        validateOnly=True,
        companyName="Other",
        accountNumber="ACC-2",
        admin={"username": "o@other.example"},
    )
    assert clean == {"customer": None, "errors": []}
    assert await counts() == before


async def test_idempotency_key(gql, acme) -> None:
    first = await create(gql, acme, idempotencyKey="psa-ticket-77")
    again = await create(gql, acme, idempotencyKey="psa-ticket-77")
    assert again["errors"] == []
    assert again["customer"]["id"] == first["customer"]["id"]
    assert await Customer.all().count() == 1
    changed = await create(gql, acme, idempotencyKey="psa-ticket-77", companyName="Other")
    assert codes(changed) == {("IDEMPOTENCY_KEY_REUSED", ("input", "idempotencyKey"))}
    # After 24 hours the key is free again; the input then meets the unique values.
    await IdempotencyRecord.all().update(created_at=datetime.now(UTC) - timedelta(hours=25))
    late = await create(gql, acme, idempotencyKey="psa-ticket-77")
    assert ("DUPLICATE", ("input", "accountNumber")) in codes(late)


async def test_idempotent_retries_racing_each_other_create_one_customer(gql, acme) -> None:
    results = await asyncio.gather(
        *[create(gql, acme, idempotencyKey="retry-storm") for _ in range(4)]
    )
    # Every retry gets the one customer, as if it had been the first call.
    assert {r["customer"]["id"] for r in results} == {results[0]["customer"]["id"]}
    assert all(r["errors"] == [] for r in results)
    assert await Customer.all().count() == 1


async def test_concurrent_creates_with_one_account_number(gql, acme) -> None:
    attempts = [
        create(gql, acme, companyName=f"Racer {n}", admin={"username": f"r{n}@race.example"})
        for n in range(6)
    ]
    results = await asyncio.gather(*attempts)
    winners = [r for r in results if r["customer"]]
    assert len(winners) == 1
    for loser in (r for r in results if not r["customer"]):
        assert codes(loser) == {("DUPLICATE", ("input", "accountNumber"))}
    assert await Customer.all().count() == 1
    assert await User.filter(role=Role.ENTERPRISE_SUPERUSER).count() == 1


async def test_the_initial_admin_can_read_its_own_customer(gql, acme) -> None:
    customer = (await create(gql, acme))["customer"]
    body = await gql(
        'mutation { login(input: {username: "it@initech.example", password: "%s"}) '
        "{ token user { role } } }" % PASSWORD
    )
    token = body["data"]["login"]["token"]
    assert body["data"]["login"]["user"] == {"role": "ENTERPRISE_SUPERUSER"}
    own = await gql(
        "query($id: ID!) { customer(id: $id) { companyName partner { name } } }",
        {"id": customer["id"]},
        token=token,
    )
    assert own["data"]["customer"] == {"companyName": "Initech", "partner": None}
    listed = await gql("{ customers { totalCount } }", token=token)
    assert listed["data"]["customers"]["totalCount"] == 1


async def test_ids_of_another_partner_are_not_found(gql, acme, globex) -> None:
    customer = (await create(gql, acme))["customer"]
    for document in (
        "query($id: ID!) { customer(id: $id) { id } }",
        "query($id: ID!) { node(id: $id) { id } }",
    ):
        body = await gql(document, {"id": customer["id"]}, token=globex.admin.token)
        assert next(iter(body["data"].values())) is None
    listed = await gql("{ customers { totalCount } }", token=globex.admin.token)
    assert listed["data"]["customers"]["totalCount"] == 0
    assert ids.decode_as(customer["id"], "Customer") is not None


async def test_user_management_needs_support_access_on_create(gql, acme) -> None:
    before = await counts()
    payload = await create(
        gql, acme, operatorSupportAccess=False, operatorUserManagementAccess=True
    )
    assert codes(payload) == {("INVALID", ("input", "operatorUserManagementAccess"))}
    assert await counts() == before
