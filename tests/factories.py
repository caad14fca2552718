"""Builders for test data, through the same code paths as the API."""

from __future__ import annotations

from dataclasses import dataclass

from gql import users
from gql.errors import Problems
from models.enums import Role
from models.identity import Partner

# Long, random-looking passphrases that pass the policy.
STRONG_PASSWORD = "umbrella-quarry-lantern-94-fjord"
OTHER_STRONG_PASSWORD = "velvet-orchard-compass-27-glacier"

LOGIN = """
mutation Login($input: LoginInput!) {
  login(input: $input) { token expiresAt user { id role username } errors { code field message } }
}
"""


@dataclass
class Account:
    id: int
    username: str
    role: Role
    partner_id: int | None
    token: str = ""


async def make_partner(name: str, *, edge_licensing: bool = False) -> Partner:
    return await Partner.create(
        name=name, name_key=name.lower(), edge_licensing_enabled=edge_licensing
    )


async def make_user(
    role: Role, username: str, *, partner: Partner | None = None, password: str = STRONG_PASSWORD
) -> Account:
    problems = Problems()
    new = users.NewUser(
        role=role, username=username, password=password, partner_id=partner.id if partner else None
    )
    await users.validate(new, problems)
    row = await users.create(new, None, problems) if not problems else None
    assert row is not None, problems.items
    return Account(row.id, row.username, role, row.partner_id)


async def login(gql, account: Account, password: str = STRONG_PASSWORD) -> Account:
    body = await gql(LOGIN, {"input": {"username": account.username, "password": password}})
    payload = body["data"]["login"]
    assert payload["errors"] == [], payload
    account.token = payload["token"]
    return account
