"""The demo seed: made through the API's own mutations, and its logins work."""

from __future__ import annotations

import pytest

from gql.demo import DEMO_PASSWORD, DemoError, seed_demo
from models.audit import AuditEvent
from models.customer import Customer, Edge
from models.identity import Partner, User

PARTNER_VIEW = """
{ me { role } softwareImages { version } viewerCapabilities { canCreateCustomer
  edgeLicensingEnabled analyticsAvailable } customers { totalCount } }
"""


async def test_demo_seeds_an_empty_database_and_its_logins_work(gql) -> None:
    lines = await seed_demo()
    assert DEMO_PASSWORD in "\n".join(lines)
    assert await Partner.all().count() == 2
    assert await User.filter(customer_id__isnull=True).count() == 8  # staff of every role
    assert await Customer.all().count() == 24
    assert await Customer.filter(cloned_from_id__isnull=False).count() > 0
    assert await Edge.all().count() > 24
    # One admin each, and a standard admin and a read-only user of the first.
    assert await User.filter(customer_id__isnull=False).count() == 26
    assert set(
        await User.filter(customer__company_name="Northwind Traders").values_list("role", flat=True)
    ) == {"ENTERPRISE_SUPERUSER", "ENTERPRISE_STANDARD_ADMIN", "ENTERPRISE_READ_ONLY"}
    # The licensing partner's edges carry one of their customer's licenses.
    acme_edges = Edge.filter(customer__partner__name="Acme Managed Networks")
    assert await acme_edges.count() > 0
    assert await acme_edges.filter(edge_license_id__isnull=True).count() == 0
    assert (
        await Edge.filter(edge_license_id__isnull=False)
        .exclude(customer__partner__name="Acme Managed Networks")
        .count()
        == 0
    )
    # Built through the mutations, so each step left its audit event.
    assert await AuditEvent.filter(action="partner.update").count() == 2
    assert await AuditEvent.filter(action="customer.create").count() == 24
    assert await AuditEvent.filter(action="edge.create").count() == await Edge.all().count()

    body = await gql(
        'mutation { login(input: {username: "ops@acme-msp.example", '
        f'password: "{DEMO_PASSWORD}"}}) {{ token errors {{ code }} }} }}'
    )
    token = body["data"]["login"]["token"]
    view = (await gql(PARTNER_VIEW, token=token))["data"]
    assert view["me"] == {"role": "PARTNER_STANDARD_ADMIN"}
    assert [i["version"] for i in view["softwareImages"]] == ["5.0.1", "5.2.0", "6.0.0"]
    assert view["customers"] == {"totalCount": 14}
    assert view["viewerCapabilities"] == {
        "canCreateCustomer": True,
        "edgeLicensingEnabled": True,
        "analyticsAvailable": True,
    }


async def test_demo_refuses_a_database_that_holds_data() -> None:
    await seed_demo()
    with pytest.raises(DemoError, match="empty database only"):
        await seed_demo()
    again = await seed_demo(if_empty=True)  # `make run` on a seeded database
    assert again[0] == "The demo data is already there."
    assert DEMO_PASSWORD in "\n".join(again)
    assert "viewer@northwindtraders.example" in "\n".join(again)
    assert await Partner.all().count() == 2


async def test_demo_skips_a_database_holding_other_data() -> None:
    await Partner.create(name="Real Partner", name_key="real partner")
    assert (await seed_demo(if_empty=True)) == [
        "The database already holds data (not the demo's); demo seeding skipped."
    ]
    assert await Partner.all().count() == 1


async def test_every_printed_demo_login_works(gql) -> None:
    lines = await seed_demo()
    usernames = [line.split()[0] for line in lines if "@" in line and "example" in line]
    assert len(usernames) == 12  # 2 operator, 3+3 partner, 2 customer admins, 2 customer users
    for username in usernames:
        body = await gql(
            "mutation($i: LoginInput!) { login(input: $i) { token errors { code } } }",
            {"i": {"username": username, "password": DEMO_PASSWORD}},
        )
        assert body["data"]["login"]["errors"] == [], username
