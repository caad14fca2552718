"""The perf-anchor loader's mapping (bench/perf_anchor_data.py), on a tiny data set:
its rows go into the test database's real tables (every required column present, every
foreign key satisfied) and the harness's query reads them back through the API."""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.connection import get_connection

from bench.perf_anchor_data import NO_POOL_NAME, PROJECT_QUERY, Reference, build, write
from gql.domain import ids

T = datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)


def _customer(id_: int, partner: int, name: str, pool: int | None) -> dict:
    return {
        "id": id_,
        "partner_id": partner,
        "company_name": name,
        "domain": f"c{id_}.example",
        "account_number": f"ACC-{id_}",
        "partner_support_access": True,
        "operator_support_access": id_ % 2 == 0,
        "street_address": None,
        "city": "Lyon",
        "state": None,
        "country": "FR",
        "postal_code": None,
        "manage_software_images": True,
        "gateway_pool_id": pool,
        "analytics_enabled": False,
        "created_at": T,
    }


REFERENCE = Reference(
    partners=[{"id": 1, "name": "Partner 01"}, {"id": 2, "name": "Partner 02"}],
    pools=[{"id": 1, "name": "gp-a"}, {"id": 2, "name": "gp-b"}],
    images=[{"id": 1, "version": "4.2.0"}, {"id": 2, "version": "5.0.0"}],
    licenses=[
        {"id": 1, "sku": "EL-STA", "edition": "Standard", "bandwidth_mbps": 100}
        | {"term_months": 12, "region": "EU"},
        {"id": 2, "sku": "EL-ENT", "edition": "Enterprise", "bandwidth_mbps": 500}
        | {"term_months": 36, "region": "NA"},
    ],
    # ordered by partner, company name, id, as the loader reads them
    customers=[
        _customer(10, 1, "Beta", 1),
        _customer(12, 1, "Beta", 2),  # a second "Beta": the project re-keys it
        _customer(13, 1, "Gamma", None),  # no pool: the stand-in one
        _customer(11, 1, "alpha", 2),
        _customer(20, 2, "Delta", 1),
    ],
    image_links=[
        {"customer_id": c, "software_image_id": i, "is_default": i == 1}
        for c in (10, 11, 12, 13, 20)
        for i in ((1, 2) if c == 10 else (1,))
    ],
    license_links=[
        {"customer_id": 10, "edge_license_id": 2},
        {"customer_id": 10, "edge_license_id": 1},
        {"customer_id": 20, "edge_license_id": 1},
    ],
    edges=[
        {"id": 100, "customer_id": 10, "name": "e1", "software_image_id": 2},
        {"id": 101, "customer_id": 10, "name": "e2", "software_image_id": None},
        {"id": 102, "customer_id": 13, "name": "e3", "software_image_id": 1},
        {"id": 103, "customer_id": 20, "name": "e4", "software_image_id": 1},
    ],
)


async def _insert_rows(load) -> None:
    conn = get_connection("default")
    postgres = conn.capabilities.dialect == "postgres"

    async def insert(table: str, columns, rows: list[tuple]) -> None:
        marks = ", ".join(f"${n}" if postgres else "?" for n in range(1, len(columns) + 1))
        names = ", ".join(f'"{c}"' for c in columns)
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608
        await conn.execute_many(sql, [list(r) for r in rows])

    await write(load, insert)


async def test_the_loaders_rows_fit_the_schema_and_serve_the_harness_query(gql) -> None:
    load = build(REFERENCE, "$argon2id$not-checked-here", datetime.now(UTC))
    assert load.rekeyed == [12]
    assert load.no_pool_id == 3
    assert load.no_pool_customers == 1
    await _insert_rows(load)

    body = await gql(PROJECT_QUERY, {"first": 50}, token=load.tokens["1"])
    assert "errors" not in body, body
    nodes = [e["node"] for e in body["data"]["customers"]["edges"]]
    # the project's order (company_name_key, id) is the reference's (company_name, id)
    assert [n["id"] for n in nodes] == [ids.encode("Customer", pk) for pk in (11, 10, 12, 13)]
    assert [n["companyName"] for n in nodes] == ["alpha", "Beta", "Beta", "Gamma"]
    beta = nodes[1]
    assert beta["address"] == {"city": "Lyon", "country": "FR"}
    assert beta["gatewayPool"] == {"id": ids.encode("GatewayPool", 1), "name": "gp-a"}
    assert {(i["image"]["version"], i["isDefault"]) for i in beta["softwareImages"]} == {
        ("4.2.0", True),
        ("5.0.0", False),
    }
    assert sorted(lic["edition"] for lic in beta["edgeLicenses"]) == ["ENTERPRISE", "STANDARD"]
    assert beta["edgeCount"] == 2
    assert nodes[3]["gatewayPool"]["name"] == NO_POOL_NAME
    assert [n["edgeCount"] for n in nodes] == [0, 2, 0, 1]

    other = await gql(PROJECT_QUERY, {"first": 50}, token=load.tokens["2"])
    assert [e["node"]["companyName"] for e in other["data"]["customers"]["edges"]] == ["Delta"]
