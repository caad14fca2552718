"""The perf-anchor data set mapped onto the project's tables (no I/O: tests use it too).

`build` turns the rows of the harness's reference database (perf_anchor) into rows of the
project's own tables; bench/load_perf_anchor.py reads and writes them. How the two
schemas differ is in the harness README ("Where the data differs"): a stand-in gateway
pool for customers without one, re-keyed duplicate company names, the default image as a
column, upper-case license editions, and the columns the reference does not have.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from gql.domain.security import new_token
from models.enums import LicenseEdition, Role, TokenKind

EPOCH = datetime(2020, 1, 1, tzinfo=UTC)  # for columns the reference data does not have
NO_POOL_NAME = "perf-anchor: no gateway pool"  # the stand-in for customers without one
USERNAME = "superuser@partner{:02d}.perf-anchor.example"
# The harness's query (perf-anchors bench/bench.py PROJECT_QUERY).
PROJECT_QUERY = """query Customers($first: Int!) {
  customers(first: $first, orderBy: NAME) {
    edges {
      node {
        id companyName domain accountNumber partnerSupportAccess operatorSupportAccess
        address { city country }
        gatewayPool { id name }
        softwareImages { isDefault image { id version } }
        edgeLicenses { id sku edition }
        edgeCount
      }
    }
  }
}"""

Row = Mapping[str, object]
# Writes rows into a table: COPY in the loader, plain INSERTs in the test.
Insert = Callable[[str, Sequence[str], list[tuple]], Awaitable[None]]


@dataclass
class Reference:
    """The perf_anchor rows, as bench/load_perf_anchor.py reads them."""

    partners: list[Row]  # id, name
    pools: list[Row]  # id, name
    images: list[Row]  # id, version
    licenses: list[Row]  # id, sku, edition, bandwidth_mbps, term_months, region
    customers: list[Row]  # every column; ordered by partner_id, company_name, id
    image_links: list[Row]  # customer_id, software_image_id, is_default
    license_links: list[Row]  # customer_id, edge_license_id
    edges: list[Row]  # id, customer_id, name, software_image_id


@dataclass
class Load:
    """Rows for the project's tables (in an order the foreign keys accept), and what
    load.json records."""

    tables: list[tuple[str, tuple[str, ...], list[tuple]]] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)  # partner id -> API token
    users: dict[str, str] = field(default_factory=dict)  # partner id -> username
    no_pool_id: int = 0
    no_pool_customers: int = 0
    rekeyed: list[int] = field(default_factory=list)

    def add(self, table: str, columns: str, rows: list[tuple]) -> None:
        self.tables.append((table, tuple(columns.split()), rows))


CUSTOMER_COLUMNS = (
    "id partner_id company_name company_name_key domain account_number account_number_key "
    "partner_support_access operator_support_access operator_user_management_access "
    "street_address city state country postal_code manage_software_images "
    "default_software_image_id gateway_pool_id analytics_enabled cloned_from_id "
    "created_at updated_at"
)


def _default_images(ref: Reference) -> dict[object, object]:
    found: dict[object, object] = {}
    for link in ref.image_links:
        if link["is_default"]:
            if link["customer_id"] in found:
                sys.exit(f"customer {link['customer_id']} has two default images")
            found[link["customer_id"]] = link["software_image_id"]
    return found


def _customers(ref: Reference, load: Load, default_image: dict) -> list[tuple]:
    rows, seen = [], set()
    for c in ref.customers:  # the first of equal names (in id order) keeps the plain key
        key = str(c["company_name"]).lower()
        if (c["partner_id"], key) in seen:  # the project keeps names unique per partner
            key = f"{key} #{c['id']:09d}"
            load.rekeyed.append(int(c["id"]))  # type: ignore[call-overload]
        seen.add((c["partner_id"], key))
        if c["id"] not in default_image:
            sys.exit(f"customer {c['id']} has no default image")
        load.no_pool_customers += c["gateway_pool_id"] is None
        pool = load.no_pool_id if c["gateway_pool_id"] is None else c["gateway_pool_id"]
        account = c["account_number"]
        same = [c[k] for k in ("street_address", "city", "state", "country", "postal_code")]
        rows.append(
            (c["id"], c["partner_id"], c["company_name"], key, c["domain"], account)
            + (str(account).lower(), c["partner_support_access"], c["operator_support_access"])
            + (False, *same, c["manage_software_images"], default_image[c["id"]], pool)
            + (c["analytics_enabled"], None, c["created_at"], c["created_at"])
        )
    return rows


def build(ref: Reference, password_hash: str, now: datetime) -> Load:
    """The project's rows for the reference data; exits on data it cannot map."""
    load = Load(no_pool_id=max((int(p["id"]) for p in ref.pools), default=0) + 1)  # type: ignore[call-overload]
    editions = {e.value for e in LicenseEdition}
    if bad := [r["id"] for r in ref.licenses if str(r["edition"]).upper() not in editions]:
        sys.exit(f"edge licenses {bad}: an edition without a LicenseEdition value")
    default_image = _default_images(ref)
    created = {c["id"]: c["created_at"] for c in ref.customers}
    customers = _customers(ref, load, default_image)
    pools = [*((p["id"], p["name"]) for p in ref.pools), (load.no_pool_id, NO_POOL_NAME)]
    partners = [p["id"] for p in ref.partners]

    load.add(
        "software_image",
        "id version description created_at",
        [(r["id"], r["version"], None, EPOCH) for r in ref.images],
    )
    load.add(
        "gateway_pool",
        "id name name_key description created_at",
        [(i, n, str(n).lower(), None, EPOCH) for i, n in pools],
    )
    load.add(
        "edge_license",
        "id sku edition bandwidth_mbps term_months region created_at",
        [
            (r["id"], r["sku"], str(r["edition"]).upper(), r["bandwidth_mbps"])
            + (r["term_months"], r["region"], EPOCH)
            for r in ref.licenses
        ],
    )
    load.add(
        "partner",
        "id name name_key edge_licensing_enabled created_at updated_at",
        [(r["id"], r["name"], str(r["name"]).lower(), True, EPOCH, EPOCH) for r in ref.partners],
    )
    # Every partner has the whole catalogue (and the stand-in pool).
    load.add(
        "partner_software_image",
        "partner_id image_id",
        [(p, r["id"]) for p in partners for r in ref.images],
    )
    load.add(
        "partner_gateway_pool", "partner_id pool_id", [(p, i) for p in partners for i, _ in pools]
    )
    load.add(
        "partner_edge_license",
        "partner_id license_id",
        [(p, r["id"]) for p in partners for r in ref.licenses],
    )
    load.add("customer", CUSTOMER_COLUMNS, customers)
    load.add(
        "customer_software_image",
        "customer_id image_id",
        [(r["customer_id"], r["software_image_id"]) for r in ref.image_links],
    )
    load.add(
        "customer_edge_license",
        "customer_id license_id",
        [(r["customer_id"], r["edge_license_id"]) for r in ref.license_links],
    )
    load.add(
        "edge",
        "id customer_id name model serial_number software_image_id created_at",
        [
            (r["id"], r["customer_id"], r["name"], None, None)
            # the project requires an image: the customer's default where the reference has none
            + (r["software_image_id"] or default_image[r["customer_id"]], created[r["customer_id"]])
            for r in ref.edges
        ],
    )
    _users_and_tokens(ref, load, password_hash, now)
    return load


def _users_and_tokens(ref: Reference, load: Load, password_hash: str, now: datetime) -> None:
    """One PARTNER_SUPERUSER per partner, all with the same password hash, and one API
    token each (only the SHA-256 is stored, as the project does)."""
    users, tokens = [], []
    for n, p in enumerate(ref.partners, start=1):
        username = USERNAME.format(p["id"])
        users.append(
            (n, Role.PARTNER_SUPERUSER.value, p["id"], None, username, username.lower())
            + (password_hash, "Perf", f"Anchor {p['id']:02d}", False, EPOCH, EPOCH)
        )
        token, token_hash = new_token()
        load.tokens[str(p["id"])], load.users[str(p["id"])] = token, username
        expires = now + timedelta(days=365)
        tokens.append((n, TokenKind.API.value, n, token_hash, "perf-anchor", now, expires))
    load.add(
        "app_user",
        "id role partner_id customer_id username username_key password_hash first_name "
        "last_name disabled created_at updated_at",
        users,
    )
    load.add("auth_token", "id kind user_id token_hash name created_at expires_at", tokens)


async def write(load: Load, insert: Insert) -> None:
    for table, columns, rows in load.tables:
        if rows:
            await insert(table, columns, rows)
        print(f"[project-db]   {table:<24} {len(rows):>6} rows", flush=True)
