"""`portal seed-demo`: a demo orchestrator for people trying the API.

Everything after the first operator is created by running the API's own mutations
as that operator, so the demo holds only what the API itself accepts (and writes
the same audit events). It fills an empty database only.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from tortoise import Tortoise

from gql.domain import ids, users
from gql.domain.problems import Problems
from gql.domain.viewer import Viewer
from gql.schema.context import Context
from gql.schema.loaders import Loaders
from gql.settings import Settings
from models.enums import Role, TokenKind

# One passphrase for every demo account: it passes the password policy, and it is
# printed, so the demo is for trying the API, never for production data.
DEMO_PASSWORD = "demo-portal-lantern-orchard-42"  # noqa: S105
OPERATOR = "operator@orchestrator.example"

IMAGES = [
    ("4.5.2", "Long-term support"),
    ("5.0.1", None),
    ("5.2.0", "Recommended"),
    ("6.0.0", "Early access"),
]
POOLS = [
    ("EU Central", "Frankfurt and Amsterdam gateways"),
    ("US East", None),
    ("APAC", "Singapore and Sydney gateways"),
]
LICENSES = [
    ("VC-STD-100M-12-EMEA", "STANDARD", 100, 12, "EMEA"),
    ("VC-ENT-500M-36-EMEA", "ENTERPRISE", 500, 36, "EMEA"),
    ("VC-PRE-1G-36-NA", "PREMIUM", 1000, 36, "North America"),
]
PARTNERS = {
    "Acme Managed Networks": {
        "edge_licensing": True,
        "domain": "acme-msp.example",
        "images": ["5.0.1", "5.2.0", "6.0.0"],
        "default_image": "5.2.0",
        "pools": ["EU Central", "US East"],
        "default_pool": "EU Central",
        "licenses": ["VC-STD-100M-12-EMEA", "VC-ENT-500M-36-EMEA", "VC-PRE-1G-36-NA"],
        "customers": (0, 14),
    },
    "Globex Connect": {
        "edge_licensing": False,
        "domain": "globex-connect.example",
        "images": ["4.5.2", "5.2.0"],
        "default_image": "4.5.2",
        "pools": ["APAC"],
        "default_pool": "APAC",
        "licenses": [],
        "customers": (14, 24),
    },
}
PARTNER_USERS = [
    ("admin", Role.PARTNER_SUPERUSER, "Pat", "Owner"),
    ("ops", Role.PARTNER_STANDARD_ADMIN, "Sam", "Admin"),
    ("helpdesk", Role.PARTNER_CUSTOMER_SUPPORT, "Kim", "Support"),
]


class DemoError(RuntimeError):
    pass


async def database_is_empty() -> bool:
    assert Tortoise.apps is not None
    for model in Tortoise.apps.get_models_iterable():
        if await model.exists():
            return False
    return True


class _As:
    """Runs API operations as one demo user."""

    def __init__(self, viewer: Viewer) -> None:
        from gql.schema.build import build_schema

        self.viewer = viewer
        self.schema = build_schema(Settings())

    async def run(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        context = Context(
            request=Request({"type": "http", "headers": [], "state": {}}),
            response=None,
            settings=Settings(),
            viewer=self.viewer,
            loaders=Loaders(self.viewer),
        )
        result = await self.schema.execute(document, variables, context_value=context)
        if result.errors:
            raise DemoError(f"demo step failed: {result.errors[0].message}")
        payload = next(iter(result.data.values()))
        if payload.get("errors"):
            raise DemoError(f"demo step refused: {payload['errors']}")
        return payload


async def seed_demo(*, if_empty: bool = False) -> list[str]:
    """Seeds the demo and returns the lines to print (the demo logins among them)."""
    if not await database_is_empty():
        if if_empty:
            return ["The database already holds data; demo seeding skipped."]
        raise DemoError("seed-demo fills an empty database only, and this one holds data.")

    problems = Problems()
    new = users.NewUser(
        role=Role.OPERATOR_SUPERUSER,
        username=OPERATOR,
        password=DEMO_PASSWORD,
        first_name="Olga",
        last_name="Operator",
    )
    row = await users.register(new, None, problems)
    if row is None:
        raise DemoError(f"demo operator refused: {problems.items}")
    op = _As(Viewer(row.id, row.username, Role.OPERATOR_SUPERUSER, None, 0, TokenKind.SESSION))
    logins = [(OPERATOR, "OPERATOR_SUPERUSER")]

    await op.run(
        _SET_PROPERTY, {"input": {"name": "session.options.enableAnalytics", "value": "true"}}
    )
    await op.run(
        _CREATE_OPERATOR_USER,
        {
            "input": {
                "role": "OPERATOR_SUPPORT",
                "username": "support@orchestrator.example",
                "password": DEMO_PASSWORD,
                "firstName": "Sven",
                "lastName": "Support",
            }
        },
    )
    logins.append(("support@orchestrator.example", "OPERATOR_SUPPORT"))

    image_ids = {}
    for version, description in IMAGES:
        payload = await op.run(
            _CREATE_IMAGE, {"input": {"version": version, "description": description}}
        )
        image_ids[version] = payload["softwareImage"]["id"]
    pool_ids = {}
    for name, description in POOLS:
        payload = await op.run(_CREATE_POOL, {"input": {"name": name, "description": description}})
        pool_ids[name] = payload["gatewayPool"]["id"]
    license_ids = {}
    for sku, edition, mbps, months, region in LICENSES:
        payload = await op.run(
            _CREATE_LICENSE,
            {
                "input": {
                    "sku": sku,
                    "edition": edition,
                    "bandwidthMbps": mbps,
                    "termMonths": months,
                    "region": region,
                }
            },
        )
        license_ids[sku] = payload["edgeLicense"]["id"]

    for name, spec in PARTNERS.items():
        partner = (
            await op.run(
                _CREATE_PARTNER,
                {"input": {"name": name, "edgeLicensingEnabled": spec["edge_licensing"]}},
            )
        )["partner"]
        await op.run(
            _UPDATE_PARTNER,
            {
                "input": {
                    "id": partner["id"],
                    "softwareImageIds": [image_ids[v] for v in spec["images"]],
                    "defaultSoftwareImageId": image_ids[spec["default_image"]],
                    "gatewayPoolIds": [pool_ids[p] for p in spec["pools"]],
                    "defaultGatewayPoolId": pool_ids[spec["default_pool"]],
                    "edgeLicenseIds": [license_ids[s] for s in spec["licenses"]],
                }
            },
        )
        admin = None
        for local, role, first, last in PARTNER_USERS:
            username = f"{local}@{spec['domain']}"
            created = await op.run(
                _CREATE_PARTNER_USER,
                {
                    "input": {
                        "partnerId": partner["id"],
                        "role": role.value,
                        "username": username,
                        "password": DEMO_PASSWORD,
                        "firstName": first,
                        "lastName": last,
                    }
                },
            )
            logins.append((username, f"{role.value} of {name}"))
            if role == Role.PARTNER_SUPERUSER:
                user_pk = ids.decode_as(created["user"]["id"], "User")
                partner_pk = ids.decode_as(partner["id"], "Partner")
                assert user_pk is not None
                assert partner_pk is not None
                admin = _As(Viewer(user_pk, username, role, partner_pk, 0, TokenKind.SESSION))
        assert admin is not None
        customers = await _customers(admin, spec)
        # One customer admin per partner is enough to show; all share the password.
        logins.extend((u, f"ENTERPRISE_SUPERUSER of {c}") for u, c in customers[:1])

    width = max(len(u) for u, _ in logins)
    return [
        "Demo data created. Every demo account's password is:",
        f"  {DEMO_PASSWORD}",
        "Logins:",
        *(f"  {u.ljust(width)}  {what}" for u, what in logins),
        "Log in with the `login` mutation; send the token as `Authorization: Bearer <token>`.",
    ]


COMPANIES = [
    "Northwind Traders",
    "Contoso Retail",
    "Fabrikam Health",
    "Tailspin Toys",
    "Woodgrove Bank",
    "Litware Labs",
    "Proseware Logistics",
    "Adatum Energy",
    "Lucerne Publishing",
    "Wingtip Hotels",
    "Coho Vineyard",
    "Alpine Ski House",
    "Blue Yonder Air",
    "Humongous Insurance",
    "Margie's Travel",
    "Southridge Video",
    "Trey Research",
    "Wide World Importers",
    "Graphic Design Institute",
    "School of Fine Art",
    "Consolidated Messenger",
    "City Power & Light",
    "VanArsdel Ltd",
    "Bellows College",
]
EDGE_MODELS = ["Edge 610", "Edge 620", "Edge 640", "Edge 680", "Edge 840"]


async def _customers(admin: _As, spec: dict[str, Any]) -> list[tuple[str, str]]:
    """Customers of one partner, created with the New Customer mutation (some cloned
    from the first), and a few edges each. Returns (admin username, company) pairs."""
    prefix = spec["domain"].split(".")[0].split("-")[0].upper()
    created: list[tuple[str, str]] = []
    first_id = None
    start, stop = spec["customers"]
    for n, company in enumerate(COMPANIES[start:stop]):
        slug = "".join(c for c in company.lower() if c.isalnum())
        username = f"admin@{slug}.example"
        payload = await admin.run(
            _CREATE_CUSTOMER,
            {
                "input": {
                    "companyName": company,
                    "domain": f"{slug}.example",
                    "accountNumber": f"{prefix}-{1001 + n}",
                    "partnerSupportAccess": n % 5 != 4,
                    "operatorUserManagementAccess": n % 4 == 0,
                    "address": {
                        "city": ["Berlin", "Austin", "Singapore", "Lyon"][n % 4],
                        "country": ["DE", "US", "SG", "FR"][n % 4],
                    },
                    "admin": {
                        "username": username,
                        "password": DEMO_PASSWORD,
                        "confirmPassword": DEMO_PASSWORD,
                        "firstName": "Demo",
                        "lastName": "Admin",
                        "contactEmail": f"noc@{slug}.example",
                    },
                    "cloneFromCustomerId": first_id if n % 3 == 2 else None,
                }
            },
        )
        first_id = first_id or payload["customer"]["id"]
        created.append((username, company))
        for e in range(n % 6):
            await admin.run(
                _CREATE_EDGE,
                {
                    "input": {
                        "customerId": payload["customer"]["id"],
                        "name": f"{slug[:12]}-branch-{e + 1:02}",
                        "model": EDGE_MODELS[(n + e) % len(EDGE_MODELS)],
                        "serialNumber": f"VC{start + n:03}{e:02}",
                    }
                },
            )
    return created


_CREATE_EDGE = """mutation($input: CreateEdgeInput!) {
  createEdge(input: $input) { edge { id } errors { field message } } }"""
_CREATE_CUSTOMER = """mutation($input: CreatePartnerCustomerInput!) {
  createPartnerCustomer(input: $input) { customer { id } errors { field message } } }"""
_SET_PROPERTY = """mutation($input: SetSystemPropertyInput!) {
  setSystemProperty(input: $input) { errors { message } } }"""
_CREATE_OPERATOR_USER = """mutation($input: CreateOperatorUserInput!) {
  createOperatorUser(input: $input) { errors { message } } }"""
_CREATE_IMAGE = """mutation($input: CreateSoftwareImageInput!) {
  createSoftwareImage(input: $input) { softwareImage { id } errors { message } } }"""
_CREATE_POOL = """mutation($input: CreateGatewayPoolInput!) {
  createGatewayPool(input: $input) { gatewayPool { id } errors { message } } }"""
_CREATE_LICENSE = """mutation($input: CreateEdgeLicenseInput!) {
  createEdgeLicense(input: $input) { edgeLicense { id } errors { message } } }"""
_CREATE_PARTNER = """mutation($input: CreatePartnerInput!) {
  createPartner(input: $input) { partner { id } errors { message } } }"""
_UPDATE_PARTNER = """mutation($input: UpdatePartnerInput!) {
  updatePartner(input: $input) { errors { message } } }"""
_CREATE_PARTNER_USER = """mutation($input: CreatePartnerUserInput!) {
  createPartnerUser(input: $input) { user { id } errors { message } } }"""
