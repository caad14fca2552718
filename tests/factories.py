"""Builders of test data, and helpers several test modules share.

What goes through the application's own code: users (`make_user`: users.register, so
the password policy, normalisation and the audit event apply), logins (`login`: the
login mutation), customers (`make_customer`: the createPartnerCustomer mutation) and
the `portal` command (`run_portal`: a subprocess).

What is written directly to the database, bypassing the API, to set a scene quickly:
partners (`make_partner`), the operator's catalogue (`make_catalogue`), a partner with
what it may assign (`make_partner_world` writes the partner and its links, then makes
its three users through `make_user`), and a further customer user's role and customer
(`make_customer_user` makes the user through `make_user`, then sets both columns).
"""

from __future__ import annotations

from dataclasses import dataclass

from gql.domain import users
from gql.domain.problems import Problems
from models.customer import Customer
from models.enums import Role
from models.identity import Partner, User

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
    row = await users.register(new, None, problems)
    assert row is not None, problems.items
    return Account(row.id, row.username, role, row.partner_id)


async def login(gql, account: Account, password: str = STRONG_PASSWORD) -> Account:
    body = await gql(LOGIN, {"input": {"username": account.username, "password": password}})
    payload = body["data"]["login"]
    assert payload["errors"] == [], payload
    account.token = payload["token"]
    return account


@dataclass
class PartnerWorld:
    """A partner set up by the operator, with its catalogue and its users."""

    partner: Partner
    images: dict[str, str]  # version -> global ID
    pools: dict[str, str]  # name -> global ID
    licenses: dict[str, str]  # sku -> global ID
    admin: Account
    superuser: Account
    support: Account


async def make_catalogue() -> dict[str, dict[str, int]]:
    from models.catalogue import EdgeLicense, GatewayPool, SoftwareImage
    from models.enums import LicenseEdition

    images = {
        v: (await SoftwareImage.create(version=v)).id for v in ("4.5.2", "5.0.1", "5.2.0", "6.0.0")
    }
    pools = {
        n: (await GatewayPool.create(name=n, name_key=n.lower())).id for n in ("EU", "US", "APAC")
    }
    licenses = {}
    for sku, edition in (
        ("STD-100", LicenseEdition.STANDARD),
        ("ENT-500", LicenseEdition.ENTERPRISE),
        ("PRE-1G", LicenseEdition.PREMIUM),
    ):
        licenses[sku] = (
            await EdgeLicense.create(
                sku=sku, edition=edition, bandwidth_mbps=100, term_months=12, region="EU"
            )
        ).id
    return {"images": images, "pools": pools, "licenses": licenses}


async def make_partner_world(
    gql,
    name: str,
    catalogue: dict[str, dict[str, int]],
    *,
    images: tuple[str, ...] = ("5.0.1", "5.2.0", "6.0.0"),
    default_image: str = "5.2.0",
    pools: tuple[str, ...] = ("EU", "US"),
    default_pool: str = "EU",
    licenses: tuple[str, ...] = ("STD-100", "ENT-500", "PRE-1G"),
    edge_licensing: bool = True,
) -> PartnerWorld:
    from gql.domain import ids
    from models.catalogue import PartnerEdgeLicense, PartnerGatewayPool, PartnerSoftwareImage

    partner = await Partner.create(
        name=name,
        name_key=name.lower(),
        edge_licensing_enabled=edge_licensing,
        default_software_image_id=catalogue["images"][default_image],
        default_gateway_pool_id=catalogue["pools"][default_pool],
    )
    for v in images:
        await PartnerSoftwareImage.create(partner=partner, image_id=catalogue["images"][v])
    for p in pools:
        await PartnerGatewayPool.create(partner=partner, pool_id=catalogue["pools"][p])
    for s in licenses:
        await PartnerEdgeLicense.create(partner=partner, license_id=catalogue["licenses"][s])
    slug = name.lower().replace(" ", "")
    accounts = []
    for local, role in (
        ("admin", Role.PARTNER_STANDARD_ADMIN),
        ("su", Role.PARTNER_SUPERUSER),
        ("help", Role.PARTNER_CUSTOMER_SUPPORT),
    ):
        accounts.append(
            await login(gql, await make_user(role, f"{local}@{slug}.example", partner=partner))
        )
    return PartnerWorld(
        partner=partner,
        images={v: ids.encode("SoftwareImage", pk) for v, pk in catalogue["images"].items()},
        pools={n: ids.encode("GatewayPool", pk) for n, pk in catalogue["pools"].items()},
        licenses={s: ids.encode("EdgeLicense", pk) for s, pk in catalogue["licenses"].items()},
        admin=accounts[0],
        superuser=accounts[1],
        support=accounts[2],
    )


CREATE_CUSTOMER = """
mutation CreateCustomer($input: CreatePartnerCustomerInput!) {
  createPartnerCustomer(input: $input) { customer { id } errors { code field message } }
}
"""
CUSTOMER_ADMIN_PASSWORD = "quarterly-stapler-basement-51"


async def make_customer(gql, world: PartnerWorld, name: str, **overrides) -> tuple[str, Account]:
    """A customer created through createPartnerCustomer by the partner's admin, and its
    initial admin (an ENTERPRISE_SUPERUSER), logged in."""
    slug = name.lower().replace(" ", "")
    admin = {
        "username": f"admin@{slug}.example",
        "password": CUSTOMER_ADMIN_PASSWORD,
        "confirmPassword": CUSTOMER_ADMIN_PASSWORD,
    }
    given = {
        "companyName": name,
        "domain": f"{slug}.example",
        "accountNumber": f"ACC-{slug.upper()}",
        "admin": admin,
        **overrides,
    }
    body = await gql(CREATE_CUSTOMER, {"input": given}, token=world.admin.token)
    created = body["data"]["createPartnerCustomer"]
    assert created["errors"] == [], created
    user = await User.get(username_key=given["admin"]["username"])
    account = Account(user.id, user.username, Role.ENTERPRISE_SUPERUSER, world.partner.id)
    return created["customer"]["id"], await login(gql, account, given["admin"]["password"])


async def make_customer_user(gql, customer_id: str, role: Role, username: str) -> Account:
    """A further user of a customer, written directly (role and customer set), logged in."""
    from gql.domain import ids

    customer_pk = ids.decode_as(customer_id, "Customer")
    customer = await Customer.get(id=customer_pk)
    account = await make_user(role, username)
    await User.filter(id=account.id).update(customer_id=customer_pk, partner_id=customer.partner_id)
    return await login(gql, account)


def run_portal(*args: str, cwd, env: dict[str, str] | None = None, timeout: float = 120):
    """The `portal` command in a subprocess, as a user runs it (the project importable
    from any working directory, DATABASE_URL only as given)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[1])
    full = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full["PYTHONPATH"] = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", "import sys; from gql.cli import main; main(sys.argv[1:])", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


async def session_for(role: Role, username: str, *, partner_id: int | None = None) -> str:
    """A session token of a user written directly (no password: the matrix and fuzz
    tests need a caller of each role, not a login)."""
    from datetime import UTC, datetime, timedelta

    from gql.domain.security import new_token
    from models.enums import TokenKind
    from models.identity import AuthToken

    user = await User.create(
        role=role,
        partner_id=partner_id,
        username=username,
        username_key=username,
        password_hash="unused",
    )
    token, token_hash = new_token()
    await AuthToken.create(
        kind=TokenKind.SESSION,
        user_id=user.id,
        token_hash=token_hash,
        expires_at=datetime.now(UTC) + timedelta(hours=1),
    )
    return token
