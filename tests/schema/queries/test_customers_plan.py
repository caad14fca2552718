"""PostgreSQL's plans for the customers page: with realistic row counts and ANALYZEd
statistics, no statement of the page scans a whole customer, link or edge table.

The statements are the ones the page really ran (Tortoise logs each with its values just
before it executes), and each is EXPLAINed with those values. Tiny tables would prove
nothing (PostgreSQL rightly reads a few pages sequentially), so the data is the
perf-anchor harness's shape: 20 partners x 200 customers, 5 edges each.
"""

from __future__ import annotations

import json
import logging

import pytest
from tortoise.connection import get_connection

from models.enums import Role
from tests.factories import session_for

PAGE = """
query Customers($first: Int!) {
  customers(first: $first, orderBy: NAME) {
    edges { node {
      id companyName domain accountNumber partnerSupportAccess operatorSupportAccess
      address { city country } gatewayPool { id name }
      softwareImages { isDefault image { id version } } edgeLicenses { id sku edition } edgeCount
    } }
  }
}
"""

PARTNERS, CUSTOMERS, EDGES = 20, 200, 5
# The link tables (two integers a row, about 20 pages here) are read whole even through
# their unique (customer_id, …) index: rightly, at this size. Customers and edges are not.
BIG_TABLES = {"customer", "edge"}

FILL = f"""
INSERT INTO software_image (id, version, created_at) VALUES (1, '5.0.0', now());
INSERT INTO gateway_pool (id, name, name_key, created_at) VALUES (1, 'EU', 'eu', now());
INSERT INTO edge_license (id, sku, edition, bandwidth_mbps, term_months, region, created_at)
  VALUES (1, 'EL-STD', 'STANDARD', 100, 12, 'EU', now());
INSERT INTO partner (id, name, name_key, edge_licensing_enabled, created_at, updated_at)
  SELECT p, 'Partner ' || p, 'partner ' || p, true, now(), now()
  FROM generate_series(1, {PARTNERS}) p;
INSERT INTO customer (id, partner_id, company_name, company_name_key, domain, account_number,
    account_number_key, partner_support_access, operator_support_access,
    operator_user_management_access, manage_software_images, default_software_image_id,
    gateway_pool_id, analytics_enabled, city, country, created_at, updated_at)
  SELECT c, (c - 1) % {PARTNERS} + 1, 'Company ' || c, 'company ' || c, 'c' || c || '.example',
         'ACC-' || c, 'acc-' || c, true, true, false, false, 1, 1, false, 'Lyon', 'FR',
         now(), now()
  FROM generate_series(1, {PARTNERS * CUSTOMERS}) c;
INSERT INTO customer_software_image (customer_id, image_id)
  SELECT c, 1 FROM generate_series(1, {PARTNERS * CUSTOMERS}) c;
INSERT INTO customer_edge_license (customer_id, license_id)
  SELECT c, 1 FROM generate_series(1, {PARTNERS * CUSTOMERS}) c;
INSERT INTO edge (customer_id, name, software_image_id, created_at)
  SELECT (e - 1) / {EDGES} + 1, 'edge-' || e, 1, now()
  FROM generate_series(1, {PARTNERS * CUSTOMERS * EDGES}) e;
ANALYZE;
"""  # noqa: S608 - the numbers above, nothing from outside


def _scans(plan: dict) -> list[tuple[str, str, str | None]]:
    """(node type, relation, index) of every node of a JSON plan that reads a relation."""
    found = []
    if "Relation Name" in plan:
        found.append((plan["Node Type"], plan["Relation Name"], plan.get("Index Name")))
    for child in plan.get("Plans", []):
        found.extend(_scans(child))
    return found


async def test_the_customers_page_reads_indexes_not_whole_tables(database, gql, caplog) -> None:
    if not database.is_postgres:
        pytest.skip("PostgreSQL's planner; the PostgreSQL run covers it")
    conn = get_connection("default")
    await conn.execute_script(FILL)
    token = await session_for(Role.PARTNER_SUPERUSER, "su@partner7.example", partner_id=7)
    await gql("{ me { id } }", token=token)  # settle the token's last-used time

    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="tortoise.db_client"):
        body = await gql(PAGE, {"first": 50}, token=token)
    assert "errors" not in body, body
    assert len(body["data"]["customers"]["edges"]) == 50
    statements = [r.args for r in caplog.records if r.name == "tortoise.db_client"]
    assert len(statements) == 4  # the token; the page with pools and edge counts; links

    scans: dict[str, list] = {}
    for sql, values in statements:
        _, rows = await conn.execute_query(f"EXPLAIN (FORMAT JSON) {sql}", list(values or []))
        plan = rows[0]["QUERY PLAN"]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        scans[sql] = _scans(plan[0]["Plan"])
    whole = [(sql, s) for sql, found in scans.items() for s in found if s[0] == "Seq Scan"]
    assert [(sql, s) for sql, s in whole if s[1] in BIG_TABLES] == []
    edge_reads = [s for found in scans.values() for s in found if s[1] == "edge"]
    assert edge_reads, scans  # the edge count ran, and read edge's customer_id index
    assert all(index and "custome" in index for _, _, index in edge_reads), edge_reads
