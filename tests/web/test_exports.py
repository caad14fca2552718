"""CSV exports: the caller's customers and edges, user-identifiable cells only where
the caller may see them, formulas neutralised, 401 without a token."""

from __future__ import annotations

import csv
import io

from gql.domain import exports
from tests.factories import CUSTOMER_ADMIN_PASSWORD, make_customer

CREATE_EDGE = """
mutation CreateEdge($input: CreateEdgeInput!) {
  createEdge(input: $input) { edge { id } errors { code } }
}
"""


def _table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def _export(client, path: str, token: str | None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await client.get(path, headers=headers)


async def test_customers_as_the_caller_sees_them(client, gql, acme, globex) -> None:
    await make_customer(
        gql,
        acme,
        "=HYPERLINK(evil)",
        domain="formula.example",
        accountNumber="ACC-FORMULA",
        admin={
            "username": "admin@formula.example",
            "password": CUSTOMER_ADMIN_PASSWORD,
            "confirmPassword": CUSTOMER_ADMIN_PASSWORD,
            "contactEmail": "noc@formula.example",
        },
    )
    hidden_id, _ = await make_customer(gql, acme, "Quiet", partnerSupportAccess=False)
    await make_customer(gql, globex, "Elsewhere")

    response = await _export(client, "/export/customers.csv", acme.admin.token)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.text.splitlines()[0] == ",".join(exports.CUSTOMER_COLUMNS)
    rows = _table(response.text)
    assert all(list(r) == exports.CUSTOMER_COLUMNS and None not in r.values() for r in rows)
    assert sorted(r["companyName"] for r in rows) == ["'=HYPERLINK(evil)", "Quiet"]
    assert {(r["adminUsername"], r["adminContactEmail"]) for r in rows} == {
        ("admin@formula.example", "noc@formula.example"),
        ("admin@quiet.example", ""),
    }
    assert all(r["partner"] == "Acme" for r in rows)

    # Partner support: only customers that allow it, and never who their users are.
    support = _table((await _export(client, "/export/customers.csv", acme.support.token)).text)
    assert [r["companyName"] for r in support] == ["'=HYPERLINK(evil)"]
    assert support[0]["adminUsername"] == ""
    assert support[0]["adminContactEmail"] == ""
    assert hidden_id not in {r["id"] for r in support}


async def test_edges_and_refusals(client, gql, acme, globex) -> None:
    customer_id, admin = await make_customer(gql, acme, "Edged")
    for name in ("b-edge", "+cmd|calc"):
        body = await gql(
            CREATE_EDGE, {"input": {"customerId": customer_id, "name": name}}, token=admin.token
        )
        assert body["data"]["createEdge"]["errors"] == []
    rows = _table((await _export(client, "/export/edges.csv", admin.token)).text)
    assert sorted(r["name"] for r in rows) == ["'+cmd|calc", "b-edge"]
    assert {r["customer"] for r in rows} == {"Edged"}
    assert {r["softwareImage"] for r in rows} == {"5.2.0"}
    other = _table((await _export(client, "/export/edges.csv", globex.admin.token)).text)
    assert other == []
    for path in ("/export/customers.csv", "/export/edges.csv"):
        refused = await _export(client, path, None)
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"] == "Bearer"
        assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        bad = await _export(client, path, "ppa_not-a-token")
        assert bad.status_code == 401


async def test_exports_read_in_batches(client, gql, acme, monkeypatch) -> None:
    monkeypatch.setattr(exports, "BATCH", 2)
    for n in range(5):
        await make_customer(gql, acme, f"Batch {n}")
    rows = _table((await _export(client, "/export/customers.csv", acme.admin.token)).text)
    assert [r["companyName"] for r in rows] == [f"Batch {n}" for n in range(5)]
