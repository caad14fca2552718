"""The demo's data: catalogue, partners, their users, customers, and the API documents
the demo runs. Logins are derived from these tables, so they can be printed whether the
demo was seeded just now or earlier."""

from __future__ import annotations

from models.enums import Role

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


# The licenses demo customers of a licensing partner get, in turn (a clone has its
# source's); STANDARD is not mixed with the other editions.
DEMO_LICENSES = ["VC-ENT-500M-36-EMEA", "VC-PRE-1G-36-NA"]

# Further users of the first customer of the first partner (besides its initial admin).
CUSTOMER_USERS = [
    ("ops", Role.ENTERPRISE_STANDARD_ADMIN, "Ola", "Operations"),
    ("viewer", Role.ENTERPRISE_READ_ONLY, "Val", "Viewer"),
]


def slug(company: str) -> str:
    return "".join(c for c in company.lower() if c.isalnum())


def logins() -> list[tuple[str, str]]:
    """Every demo login and what it is."""
    out = [(OPERATOR, "OPERATOR_SUPERUSER"), ("support@orchestrator.example", "OPERATOR_SUPPORT")]
    for number, (name, spec) in enumerate(PARTNERS.items()):
        out += [
            (f"{local}@{spec['domain']}", f"{role.value} of {name}")
            for local, role, *_ in PARTNER_USERS
        ]
        company = COMPANIES[spec["customers"][0]]
        out.append((f"admin@{slug(company)}.example", f"ENTERPRISE_SUPERUSER of {company}"))
        if number == 0:
            out += [
                (f"{local}@{slug(company)}.example", f"{role.value} of {company}")
                for local, role, *_ in CUSTOMER_USERS
            ]
    return out


def login_lines() -> list[str]:
    width = max(len(u) for u, _ in logins())
    return [
        "Every demo account's password is:",
        f"  {DEMO_PASSWORD}",
        "Logins:",
        *(f"  {u.ljust(width)}  {what}" for u, what in logins()),
        "Log in with the `login` mutation; send the token as `Authorization: Bearer <token>`.",
    ]


CREATE_EDGE = """mutation($input: CreateEdgeInput!) {
  createEdge(input: $input) { edge { id } errors { field message } } }"""
CREATE_CUSTOMER = """mutation($input: CreatePartnerCustomerInput!) {
  createPartnerCustomer(input: $input) { customer { id } errors { field message } } }"""
SET_PROPERTY = """mutation($input: SetSystemPropertyInput!) {
  setSystemProperty(input: $input) { errors { message } } }"""
CREATE_OPERATOR_USER = """mutation($input: CreateOperatorUserInput!) {
  createOperatorUser(input: $input) { errors { message } } }"""
CREATE_IMAGE = """mutation($input: CreateSoftwareImageInput!) {
  createSoftwareImage(input: $input) { softwareImage { id } errors { message } } }"""
CREATE_POOL = """mutation($input: CreateGatewayPoolInput!) {
  createGatewayPool(input: $input) { gatewayPool { id } errors { message } } }"""
CREATE_LICENSE = """mutation($input: CreateEdgeLicenseInput!) {
  createEdgeLicense(input: $input) { edgeLicense { id } errors { message } } }"""
CREATE_PARTNER = """mutation($input: CreatePartnerInput!) {
  createPartner(input: $input) { partner { id } errors { message } } }"""
UPDATE_PARTNER = """mutation($input: UpdatePartnerInput!) {
  updatePartner(input: $input) { errors { message } } }"""
CREATE_PARTNER_USER = """mutation($input: CreatePartnerUserInput!) {
  createPartnerUser(input: $input) { user { id } errors { message } } }"""
CREATE_CUSTOMER_USER = """mutation($input: CreateCustomerUserInput!) {
  createCustomerUser(input: $input) { user { id } errors { field message } } }"""
