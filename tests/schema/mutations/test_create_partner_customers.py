"""createPartnerCustomers: many customers in one call, each row by the rules of
createPartnerCustomer, rows checked against each other, atomic or row by row."""

from __future__ import annotations

from models.customer import Customer
from models.identity import User

BULK = """
mutation Bulk($input: CreatePartnerCustomersInput!) {
  createPartnerCustomers(input: $input) {
    createdCount
    results { index customer { companyName accountNumber } errors { code field message } }
    errors { code field }
  }
}
"""
PASSWORD = "quarterly-stapler-basement-51"


def _row(n: int, **overrides) -> dict:
    return {
        "companyName": f"Bulk {n}",
        "domain": f"bulk{n}.example",
        "accountNumber": f"BULK-{n}",
        "admin": {
            "username": f"admin@bulk{n}.example",
            "password": PASSWORD,
            "confirmPassword": PASSWORD,
        },
        **overrides,
    }


async def test_rows_are_created_and_failures_reported_per_row(gql, acme) -> None:
    rows = [
        _row(0),
        _row(1, admin={"username": "a@b.example", "password": "x", "confirmPassword": "x"}),
        _row(2, accountNumber="BULK-0"),  # collides with row 0
        _row(3, configuration={"gatewayPoolId": acme.pools["APAC"]}),  # not Acme's
        _row(4, idempotencyKey="crm-4"),
    ]
    body = await gql(BULK, {"input": {"customers": rows}}, token=acme.admin.token)
    result = body["data"]["createPartnerCustomers"]
    assert result["errors"] == []
    assert result["createdCount"] == 2
    assert [r["index"] for r in result["results"]] == [0, 1, 2, 3, 4]
    by_index = {r["index"]: r for r in result["results"]}
    assert by_index[0]["customer"] == {"companyName": "Bulk 0", "accountNumber": "BULK-0"}
    assert by_index[1]["errors"] == [
        {
            "code": "PASSWORD_TOO_WEAK",
            "field": ["input", "customers", "1", "admin", "password"],
            "message": by_index[1]["errors"][0]["message"],
        }
    ]
    assert by_index[2]["errors"][0]["code"] == "DUPLICATE"
    assert by_index[2]["errors"][0]["field"] == ["input", "customers", "2", "accountNumber"]
    assert [(e["code"], e["field"]) for e in by_index[3]["errors"]] == [
        ("NOT_AVAILABLE", ["input", "customers", "3", "configuration", "gatewayPoolId"])
    ]
    assert by_index[4]["customer"]["accountNumber"] == "BULK-4"
    assert await Customer.all().count() == 2

    # A retry of the whole call: row 4 replays by its key, nothing new is made of it.
    again = await gql(
        BULK, {"input": {"customers": [_row(4, idempotencyKey="crm-4")]}}, token=acme.admin.token
    )
    replay = again["data"]["createPartnerCustomers"]
    assert replay["createdCount"] == 0
    assert replay["results"][0]["customer"]["accountNumber"] == "BULK-4"
    assert await Customer.all().count() == 2


async def test_atomic_creates_all_or_none(gql, acme) -> None:
    failing = [_row(10), _row(11, domain="not a domain")]
    body = await gql(
        BULK, {"input": {"customers": failing, "atomic": True}}, token=acme.admin.token
    )
    result = body["data"]["createPartnerCustomers"]
    assert result["createdCount"] == 0
    assert [r["customer"] for r in result["results"]] == [None, None]
    assert result["results"][0]["errors"] == []
    assert result["results"][1]["errors"][0]["field"] == ["input", "customers", "1", "domain"]
    assert await Customer.all().count() == 0
    assert await User.filter(customer_id__isnull=False).count() == 0

    ok = await gql(
        BULK,
        {"input": {"customers": [_row(10), _row(11)], "atomic": True}},
        token=acme.admin.token,
    )
    assert ok["data"]["createPartnerCustomers"]["createdCount"] == 2
    assert await Customer.all().count() == 2


async def test_validate_only_and_limits(gql, acme) -> None:
    dry = await gql(
        BULK,
        {"input": {"customers": [_row(20), _row(21)], "validateOnly": True}},
        token=acme.admin.token,
    )
    assert dry["data"]["createPartnerCustomers"]["createdCount"] == 0
    assert all(r["errors"] == [] for r in dry["data"]["createPartnerCustomers"]["results"])
    assert await Customer.all().count() == 0
    forbidden = await gql(BULK, {"input": {"customers": [_row(30)]}}, token=acme.support.token)
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
