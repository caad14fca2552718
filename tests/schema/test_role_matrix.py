"""Role-by-operation matrix: every root field of the schema, tried by every role.

The expected outcome of each pair is decided here, field by field. A root field the
schema gains without a decision in ALLOWED fails `test_every_root_field_has_a_decision`.
"""

from __future__ import annotations

import pytest

from gql.schema.build import schema
from models.enums import Role
from models.identity import Partner
from tests.factories import session_for

ANONYMOUS = None
R = Role
OPERATORS = {R.OPERATOR_SUPERUSER, R.OPERATOR_SUPPORT}
CATALOGUE_READERS = OPERATORS | {R.PARTNER_SUPERUSER, R.PARTNER_STANDARD_ADMIN}
USER_MANAGERS = {R.OPERATOR_SUPERUSER, R.PARTNER_SUPERUSER}
EVERY_ROLE = set(Role)
PARTNER_ADMINS = {R.PARTNER_SUPERUSER, R.PARTNER_STANDARD_ADMIN}
EDGE_MANAGERS = PARTNER_ADMINS | {R.ENTERPRISE_SUPERUSER, R.ENTERPRISE_STANDARD_ADMIN}
EDGE_CONFIGURERS = EDGE_MANAGERS | {R.PARTNER_CUSTOMER_SUPPORT, R.OPERATOR_SUPPORT}
CUSTOMER_USER_MANAGERS = PARTNER_ADMINS | OPERATORS | {R.ENTERPRISE_SUPERUSER}
USER_ID = "VXNlcjow"  # User:0, which nobody can reach
PUBLIC = EVERY_ROLE | {ANONYMOUS}

# field -> (document, roles that may use it)
ALLOWED: dict[str, tuple[str, set]] = {
    "apiVersion": ("{ apiVersion }", PUBLIC),
    "me": ("{ me { id } }", PUBLIC),
    "node": ('{ node(id: "UGFydG5lcjox") { id } }', EVERY_ROLE),
    "partners": ("{ partners { id } }", OPERATORS),
    "systemProperties": ("{ systemProperties { name } }", OPERATORS),
    "apiTokens": ("{ apiTokens { id } }", USER_MANAGERS),
    "users": ("{ users { id } }", USER_MANAGERS),
    "auditEvents": ("{ auditEvents { totalCount } }", USER_MANAGERS),
    "customer": ('{ customer(id: "Q3VzdG9tZXI6MA==") { id } }', EVERY_ROLE),
    "customers": ("{ customers { totalCount } }", EVERY_ROLE),
    "viewerCapabilities": ("{ viewerCapabilities { canCreateCustomer } }", EVERY_ROLE),
    "softwareImages": ("{ softwareImages { id } }", CATALOGUE_READERS),
    "gatewayPools": ("{ gatewayPools { id } }", CATALOGUE_READERS),
    "edgeLicenses": ("{ edgeLicenses { id } }", CATALOGUE_READERS),
    "login": (
        'mutation { login(input: {username: "a@b.example", password: "x"}) { token } }',
        PUBLIC,
    ),
    "logout": ("mutation { logout { endedSessions } }", EVERY_ROLE),
    "createApiToken": (
        'mutation { createApiToken(input: {name: "ci"}) { token } }',
        USER_MANAGERS,
    ),
    "revokeApiToken": (
        'mutation { revokeApiToken(input: {id: "QXBpVG9rZW46MA=="}) { apiToken { id } } }',
        USER_MANAGERS,
    ),
    "setSystemProperty": (
        'mutation { setSystemProperty(input: {name: "session.options.enableAnalytics", '
        'value: "true"}) { systemProperty { value } } }',
        {R.OPERATOR_SUPERUSER},
    ),
    "createPartner": (
        'mutation { createPartner(input: {name: "Matrix Partner"}) { partner { id } } }',
        {R.OPERATOR_SUPERUSER},
    ),
    "updatePartner": (
        'mutation { updatePartner(input: {id: "UGFydG5lcjow", name: "X"}) { partner { id } } }',
        {R.OPERATOR_SUPERUSER},
    ),
    "createPartnerCustomer": (
        'mutation { createPartnerCustomer(input: {companyName: "", domain: "", '
        'accountNumber: "", admin: {username: "", password: "", confirmPassword: ""}}) '
        "{ errors { code } } }",
        {R.PARTNER_SUPERUSER, R.PARTNER_STANDARD_ADMIN},
    ),
    "createPartnerCustomers": (
        "mutation { createPartnerCustomers(input: {customers: []}) { createdCount } }",
        PARTNER_ADMINS,
    ),
    "updatePartnerCustomer": (
        'mutation { updatePartnerCustomer(input: {id: "Q3VzdG9tZXI6MA=="}) { errors { code } } }',
        {R.PARTNER_SUPERUSER, R.PARTNER_STANDARD_ADMIN},
    ),
    "deletePartnerCustomer": (
        'mutation { deletePartnerCustomer(input: {id: "Q3VzdG9tZXI6MA=="}) { errors { code } } }',
        {R.PARTNER_SUPERUSER},
    ),
    "modifyCustomerImages": (
        'mutation { modifyCustomerImages(input: {customerId: "Q3VzdG9tZXI6MA==", '
        "softwareImageIds: []}) { errors { code } } }",
        PARTNER_ADMINS | {R.ENTERPRISE_SUPERUSER},
    ),
    "createEdge": (
        'mutation { createEdge(input: {customerId: "Q3VzdG9tZXI6MA==", name: "e"}) '
        "{ errors { code } } }",
        EDGE_MANAGERS,
    ),
    "assignEdgeSoftwareImage": (
        'mutation { assignEdgeSoftwareImage(input: {edgeId: "RWRnZTow", '
        'softwareImageId: "U29mdHdhcmVJbWFnZTow"}) { errors { code } } }',
        EDGE_CONFIGURERS,
    ),
    "updateEdge": (
        'mutation { updateEdge(input: {id: "RWRnZTow", name: "e"}) { errors { code } } }',
        EDGE_CONFIGURERS,
    ),
    "assignEdgeLicense": (
        'mutation { assignEdgeLicense(input: {edgeId: "RWRnZTow", '
        'edgeLicenseId: "RWRnZUxpY2Vuc2U6MA=="}) { errors { code } } }',
        EDGE_CONFIGURERS,
    ),
    "createCustomerUser": (
        'mutation { createCustomerUser(input: {customerId: "Q3VzdG9tZXI6MA==", '
        'role: ENTERPRISE_READ_ONLY, username: "v@c.example", password: "x", '
        'confirmPassword: "x"}) { errors { code } } }',
        CUSTOMER_USER_MANAGERS,
    ),
    "updateCustomerUser": (
        'mutation { updateCustomerUser(input: {id: "%s", disabled: true}) { errors { code } } }'
        % USER_ID,
        CUSTOMER_USER_MANAGERS,
    ),
    "resetUserPassword": (
        'mutation { resetUserPassword(input: {id: "%s", password: "x", confirmPassword: "x"}) '
        "{ errors { code } } }" % USER_ID,
        CUSTOMER_USER_MANAGERS,
    ),
    "unlockUser": (
        'mutation { unlockUser(input: {id: "%s"}) { errors { code } } }' % USER_ID,
        CUSTOMER_USER_MANAGERS,
    ),
    "deleteCustomerUser": (
        'mutation { deleteCustomerUser(input: {id: "%s"}) { errors { code } } }' % USER_ID,
        CUSTOMER_USER_MANAGERS,
    ),
    "deleteEdge": (
        'mutation { deleteEdge(input: {id: "RWRnZTow"}) { errors { code } } }',
        EDGE_MANAGERS,
    ),
    "createPartnerUser": (
        "mutation { createPartnerUser(input: {role: PARTNER_STANDARD_ADMIN, "
        'username: "new@partner.example", password: "x"}) { user { id } } }',
        USER_MANAGERS,
    ),
    "createOperatorUser": (
        "mutation { createOperatorUser(input: {role: OPERATOR_SUPPORT, "
        'username: "new@vendor.example", password: "x"}) { user { id } } }',
        {R.OPERATOR_SUPERUSER},
    ),
    "createSoftwareImage": (
        'mutation { createSoftwareImage(input: {version: "5.2.0"}) { softwareImage { id } } }',
        {R.OPERATOR_SUPERUSER},
    ),
    "createGatewayPool": (
        'mutation { createGatewayPool(input: {name: "EU"}) { gatewayPool { id } } }',
        {R.OPERATOR_SUPERUSER},
    ),
    "webhooks": ("{ webhooks { id } }", USER_MANAGERS),
    "createWebhook": (
        'mutation { createWebhook(input: {url: "https://93.184.216.34/h", events: ["*"]}) '
        "{ errors { code } } }",
        USER_MANAGERS,
    ),
    "updateWebhook": (
        'mutation { updateWebhook(input: {id: "V2ViaG9vazow"}) { errors { code } } }',
        USER_MANAGERS,
    ),
    "deleteWebhook": (
        'mutation { deleteWebhook(input: {id: "V2ViaG9vazow"}) { errors { code } } }',
        USER_MANAGERS,
    ),
    "redeliverWebhookDelivery": (
        'mutation { redeliverWebhookDelivery(input: {id: "V2ViaG9va0RlbGl2ZXJ5OjA="}) '
        "{ errors { code } } }",
        USER_MANAGERS,
    ),
    "createEdgeLicense": (
        'mutation { createEdgeLicense(input: {sku: "SKU-1", edition: STANDARD, '
        'bandwidthMbps: 100, termMonths: 12, region: "EU"}) { edgeLicense { id } } }',
        {R.OPERATOR_SUPERUSER},
    ),
}


# Root queries the contract makes non-null: a refusal nulls `data`, as for mutations.
NON_NULL_QUERIES = {"webhooks"}


def _root_fields() -> set[str]:
    gql_schema = schema._schema
    return set(gql_schema.query_type.fields) | set(gql_schema.mutation_type.fields)


def _mutation_fields() -> set[str]:
    return set(schema._schema.mutation_type.fields)


def test_every_root_field_has_a_decision() -> None:
    assert set(ALLOWED) == _root_fields()


async def _token_for(role: Role) -> str:
    partner = await Partner.create(name=f"P {role}", name_key=f"p {role}".lower())
    partner_id = partner.id if role.is_partner else None
    return await session_for(role, f"{role.lower()}@matrix.example", partner_id=partner_id)


@pytest.mark.parametrize("field", sorted(ALLOWED))
@pytest.mark.parametrize("role", [ANONYMOUS, *Role], ids=lambda r: str(r or "ANONYMOUS"))
async def test_role_may_or_may_not_use_the_field(gql, field: str, role: Role | None) -> None:
    document, allowed = ALLOWED[field]
    token = await _token_for(role) if role else None
    body = await gql(document, token=token)
    codes = [
        e.get("extensions", {}).get("code")
        for e in body.get("errors", [])
        if e.get("path", [None])[0] == field
    ]
    if role in allowed:
        assert codes == [], body
        assert body["data"][field] is not None or field in {"me", "node", "customer"}, body
    else:
        expected = "UNAUTHENTICATED" if role is None else "FORBIDDEN"
        assert codes == [expected], body
        if field in _mutation_fields() or field in NON_NULL_QUERIES:
            # Payloads are non-null by contract, so a refused mutation nulls `data`.
            assert body["data"] is None, body
        else:
            # Guarded queries are nullable: the refusal leaves the rest intact.
            assert body["data"] == {field: None}, body
