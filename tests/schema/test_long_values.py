"""Over-long values are refused before any query, with the field named, and never
reach the log: not the database's error, not the value."""

from __future__ import annotations

import logging

import pytest

from tests.schema.customer_kit import CREATE, PASSWORD, new_input
from tests.schema.users_kit import CREATE as CREATE_USER

LONG = "L" * 300 + "-the-value-itself"
HUGE = "H" * 5000 + "-the-value-itself"


def _no_value_logged(caplog) -> None:
    for record in caplog.records:
        text = record.getMessage() + str(record.__dict__.get("exc_text") or "")
        assert "-the-value-itself" not in text, record.name


async def test_login_with_an_over_long_username(gql, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    body = await gql(
        "mutation($i: LoginInput!) { login(input: $i) { token errors { code } } }",
        {"i": {"username": LONG + "@x.example", "password": PASSWORD}},
    )
    assert body["data"]["login"]["token"] is None
    assert body["data"]["login"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    _no_value_logged(caplog)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("companyName", LONG),
        ("accountNumber", LONG),
        ("domain", LONG + ".example"),
        ("admin", {"firstName": HUGE}),
        ("admin", {"username": LONG + "@x.example"}),
        ("address", {"city": HUGE}),
    ],
)
async def test_create_customer_with_over_long_values(gql, acme, caplog, field, value) -> None:
    caplog.set_level(logging.DEBUG)
    body = await gql(CREATE, {"input": new_input(**{field: value})}, token=acme.admin.token)
    assert "errors" not in body, body
    payload = body["data"]["createPartnerCustomer"]
    assert payload["customer"] is None
    assert payload["errors"], payload
    assert all(e["code"] == "INVALID" for e in payload["errors"]), payload
    assert payload["errors"][0]["field"][1] == field
    _no_value_logged(caplog)


async def test_create_customer_user_with_over_long_names(gql, acme, managed, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    for field in ("firstName", "lastName", "contactEmail", "phone"):
        body = await gql(
            CREATE_USER,
            {
                "input": {
                    "customerId": managed,
                    "username": "new@initech.example",
                    "password": PASSWORD,
                    "confirmPassword": PASSWORD,
                    "role": "ENTERPRISE_STANDARD_ADMIN",
                    field: HUGE,
                }
            },
            token=acme.admin.token,
        )
        assert "errors" not in body, body
        errors = body["data"]["createCustomerUser"]["errors"]
        assert [e["field"] for e in errors] == [["input", field]], (field, errors)
    _no_value_logged(caplog)


async def test_audit_events_filtered_by_an_over_long_action(gql, acme, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    body = await gql(
        "query($a: String) { auditEvents(action: $a) { totalCount } }",
        {"a": HUGE},
        token=acme.superuser.token,
    )
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    _no_value_logged(caplog)
