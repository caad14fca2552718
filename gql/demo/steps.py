"""The demo's steps: the operator's catalogue, partners and their staff, customers
(some cloned) with licensed edges, and a customer's further users."""

from __future__ import annotations

from typing import Any

from gql.demo import data
from gql.demo.runner import As
from gql.domain import ids
from gql.domain.viewer import Viewer
from models.enums import Role, TokenKind


async def catalogue(op: As) -> dict[str, dict[str, str]]:
    """The operator's settings and catalogue; the catalogue's IDs by version, name, SKU."""
    await op.run(
        data.SET_PROPERTY,
        {"input": {"name": "session.options.enableAnalytics", "value": "true"}},
    )
    await op.run(
        data.CREATE_OPERATOR_USER,
        {
            "input": {
                "role": "OPERATOR_SUPPORT",
                "username": "support@orchestrator.example",
                "password": data.DEMO_PASSWORD,
                "firstName": "Sven",
                "lastName": "Support",
            }
        },
    )
    images, pools, licenses = {}, {}, {}
    for version, description in data.IMAGES:
        given = {"version": version, "description": description}
        images[version] = (await op.run(data.CREATE_IMAGE, {"input": given}))["softwareImage"]["id"]
    for name, description in data.POOLS:
        given = {"name": name, "description": description}
        pools[name] = (await op.run(data.CREATE_POOL, {"input": given}))["gatewayPool"]["id"]
    for sku, edition, mbps, months, region in data.LICENSES:
        given = {
            "sku": sku,
            "edition": edition,
            "bandwidthMbps": mbps,
            "termMonths": months,
            "region": region,
        }
        licenses[sku] = (await op.run(data.CREATE_LICENSE, {"input": given}))["edgeLicense"]["id"]
    return {"images": images, "pools": pools, "licenses": licenses}


async def partner(op: As, name: str, spec: dict[str, Any], catalogue: dict) -> As:
    """A partner with what it may assign and its staff; returns its superuser."""
    given = {"name": name, "edgeLicensingEnabled": spec["edge_licensing"]}
    partner = (await op.run(data.CREATE_PARTNER, {"input": given}))["partner"]
    images, pools = catalogue["images"], catalogue["pools"]
    await op.run(
        data.UPDATE_PARTNER,
        {
            "input": {
                "id": partner["id"],
                "softwareImageIds": [images[v] for v in spec["images"]],
                "defaultSoftwareImageId": images[spec["default_image"]],
                "gatewayPoolIds": [pools[p] for p in spec["pools"]],
                "defaultGatewayPoolId": pools[spec["default_pool"]],
                "edgeLicenseIds": [catalogue["licenses"][s] for s in spec["licenses"]],
            }
        },
    )
    admin = None
    for local, role, first, last in data.PARTNER_USERS:
        username = f"{local}@{spec['domain']}"
        created = await op.run(
            data.CREATE_PARTNER_USER,
            {
                "input": {
                    "partnerId": partner["id"],
                    "role": role.value,
                    "username": username,
                    "password": data.DEMO_PASSWORD,
                    "firstName": first,
                    "lastName": last,
                }
            },
        )
        if role == Role.PARTNER_SUPERUSER:
            user_pk = ids.decode_as(created["user"]["id"], "User")
            partner_pk = ids.decode_as(partner["id"], "Partner")
            assert user_pk is not None
            assert partner_pk is not None
            admin = As(Viewer(user_pk, username, role, partner_pk, 0, TokenKind.SESSION))
    assert admin is not None
    return admin


async def customers(admin: As, spec: dict[str, Any], license_ids: dict[str, str]) -> str:
    """Customers of one partner, created with the New Customer mutation (some cloned
    from the first), and a few edges each, licensed where the customer has licenses.
    Returns the first customer's ID."""
    prefix = spec["domain"].split(".")[0].split("-")[0].upper()
    first_id = None
    start, stop = spec["customers"]
    for n, company in enumerate(data.COMPANIES[start:stop]):
        clone = first_id is not None and n % 3 == 2
        sku = _license_for(spec, n, clone)
        customer_id = await _customer(
            admin, prefix, n, company, sku and license_ids[sku], clone and first_id
        )
        first_id = first_id or customer_id
        for e in range(n % 6):
            await admin.run(
                data.CREATE_EDGE,
                {
                    "input": {
                        "customerId": customer_id,
                        "name": f"{data.slug(company)[:12]}-branch-{e + 1:02}",
                        "model": data.EDGE_MODELS[(n + e) % len(data.EDGE_MODELS)],
                        "serialNumber": f"VC{start + n:03}{e:02}",
                        "edgeLicenseId": sku and license_ids[sku],
                    }
                },
            )
    assert first_id is not None
    return first_id


def _license_for(spec: dict[str, Any], n: int, clone: bool) -> str | None:
    """The license a demo customer gets (a clone has its source's: the first's)."""
    if not spec["licenses"]:
        return None
    return data.DEMO_LICENSES[0 if clone else n % len(data.DEMO_LICENSES)]


async def _customer(
    admin: As, prefix: str, n: int, company: str, license_id: str | None, clone_of
) -> str:
    slug = data.slug(company)
    configuration = None if clone_of else {"edgeLicenseIds": [license_id] if license_id else None}
    payload = await admin.run(
        data.CREATE_CUSTOMER,
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
                    "username": f"admin@{slug}.example",
                    "password": data.DEMO_PASSWORD,
                    "confirmPassword": data.DEMO_PASSWORD,
                    "firstName": "Demo",
                    "lastName": "Admin",
                    "contactEmail": f"noc@{slug}.example",
                },
                "configuration": configuration,
                "cloneFromCustomerId": clone_of or None,
            }
        },
    )
    return payload["customer"]["id"]


async def customer_users(admin: As, customer_id: str) -> None:
    company = data.COMPANIES[0]
    for local, role, first, last in data.CUSTOMER_USERS:
        await admin.run(
            data.CREATE_CUSTOMER_USER,
            {
                "input": {
                    "customerId": customer_id,
                    "role": role.value,
                    "username": f"{local}@{data.slug(company)}.example",
                    "password": data.DEMO_PASSWORD,
                    "confirmPassword": data.DEMO_PASSWORD,
                    "firstName": first,
                    "lastName": last,
                }
            },
        )
