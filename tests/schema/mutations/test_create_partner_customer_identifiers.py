"""createPartnerCustomer: account numbers, company names and usernames are unique
however they are spelt, look-alike scripts are refused, domains follow IDNA 2008."""

from __future__ import annotations

import asyncio

import pytest

from models.customer import Customer
from tests.schema.customer_kit import codes, counts, create

FULLWIDTH = "\uff21\uff23\uff23-\uff11\uff10\uff10\uff11"  # ACC-1001, fullwidth
ARABIC_DIGITS = "ACC-\u0661\u0660\u0660\u0661"
CYRILLIC = "\u0410CC-1001"  # a Cyrillic A, then Latin


async def _taken(gql, acme) -> None:
    assert (await create(gql, acme))["errors"] == []  # ACC-1001, Initech, it@initech.example


@pytest.mark.parametrize("account", [FULLWIDTH, ARABIC_DIGITS, "acc-1001", " ACC-1001\u00a0"])
async def test_another_spelling_of_a_taken_account_number_is_a_duplicate(
    gql, acme, account
) -> None:
    await _taken(gql, acme)
    before = await counts()
    payload = await create(
        gql,
        acme,
        accountNumber=account,
        companyName="Other",
        admin={"username": "x@other.example"},
    )
    assert payload["errors"] == [
        {
            "code": "DUPLICATE",
            "field": ["input", "accountNumber"],
            "message": "This account number is taken.",
        }
    ]
    assert await counts() == before


async def test_a_look_alike_account_number_is_invalid_and_says_why(gql, acme) -> None:
    await _taken(gql, acme)
    payload = await create(
        gql, acme, accountNumber=CYRILLIC, companyName="Other", admin={"username": "x@o.example"}
    )
    assert payload["errors"] == [
        {
            "code": "INVALID",
            "field": ["input", "accountNumber"],
            "message": "A word mixes Latin and Cyrillic letters, which look alike; write each "
            "word in one script.",
        }
    ]


async def test_company_names_and_usernames_are_compared_the_same_way(gql, acme) -> None:
    await _taken(gql, acme)
    payload = await create(
        gql,
        acme,
        accountNumber="ACC-2002",
        companyName="\uff29nitech",  # a fullwidth I
        admin={"username": "IT@\uff49nitech.example"},
    )
    assert codes(payload) == {
        ("DUPLICATE", ("input", "companyName")),
        ("DUPLICATE", ("input", "admin", "username")),
    }
    look_alike = await create(
        gql,
        acme,
        accountNumber="ACC-2003",
        companyName="Contoso",
        admin={"username": "\u0456t@contoso.example"},  # a Cyrillic i
    )
    assert codes(look_alike) == {("INVALID", ("input", "admin", "username"))}


async def test_names_are_kept_normalised(gql, acme) -> None:
    payload = await create(
        gql,
        acme,
        companyName="Contoso\u00a0Retail",
        accountNumber="\uff23\uff2f-\uff17",
        domain="XN--BCHER-KVA.example",
    )
    assert payload["errors"] == []
    customer = payload["customer"]
    assert (customer["companyName"], customer["accountNumber"]) == ("Contoso Retail", "CO-7")
    assert customer["domain"] == "b\u00fccher.example"
    zero_width = await create(
        gql,
        acme,
        companyName="Contoso\u200bRetail",
        accountNumber="ACC-9",
        admin={"username": "z@contoso.example"},
    )
    assert codes(zero_width) == {("INVALID", ("input", "companyName"))}


@pytest.mark.parametrize("domain", ["\u2603.example", "exa_mple.com", "a..example"])
async def test_domains_that_idna_2008_refuses_are_invalid(gql, acme, domain) -> None:
    assert codes(await create(gql, acme, domain=domain)) == {("INVALID", ("input", "domain"))}


async def test_concurrent_creates_of_one_account_number_spelt_two_ways(gql, acme) -> None:
    results = await asyncio.gather(
        create(
            gql,
            acme,
            accountNumber="ACC-5005",
            companyName="One",
            admin={"username": "a@one.example"},
        ),
        create(
            gql,
            acme,
            accountNumber="\uff21\uff23\uff23-5005",
            companyName="Two",
            admin={"username": "b@two.example"},
        ),
    )
    assert sorted(bool(r["errors"]) for r in results) == [False, True]
    assert await Customer.filter(account_number_key="acc-5005").count() == 1
