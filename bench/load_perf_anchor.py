"""Load the perf-anchor data set into the project's own schema, in database perf_project.

The project's copy of the shared harness's `db/load_project.py`: perf-anchors' run-all.sh
runs this file instead when it exists (with the project's venv and PA_STATE set), so it
changes with the models. The mapping itself is in bench/perf_anchor_data.py, which
tests/bench/test_perf_anchor_data.py runs against the test database on a tiny data set.

1. (re)creates database perf_project, owned by role perf_anchor (the harness tells the
   project's statements apart by database), and runs the project's migrations;
2. reads every row of perf_anchor, maps it (`build`) and COPYs it with the same ids;
3. moves the id sequences past the copied ids, runs ANALYZE, checks that `orderBy: NAME`
   lists every partner's customers in the reference order, and writes $PA_STATE/load.json
   (mode 0600): the tokens by partner, the password, the stand-in pool, counts.

Settings: PA_STATE, PA_ADMIN_DSN (a superuser, to create the database), PA_DSN (the
source), PA_PROJECT_DSN (the target). It takes a few seconds.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
from perf_anchor_data import NO_POOL_NAME, Reference, build, write  # this file's folder

from gql.domain.security import hash_password

STATE = Path(os.environ.get("PA_STATE") or Path(__file__).resolve().parent / ".perf-anchor")
ADMIN_DSN = os.environ.get("PA_ADMIN_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
SOURCE_DSN = os.environ.get(
    "PA_DSN", "postgresql://perf_anchor:perf_anchor@127.0.0.1:5432/perf_anchor"
)
TARGET_DSN = os.environ.get(
    "PA_PROJECT_DSN", "postgresql://perf_anchor:perf_anchor@127.0.0.1:5432/perf_project"
)
ORDER = "SELECT partner_id, array_agg(id ORDER BY {}) AS ids FROM customer GROUP BY 1"
COUNTED = ("partner", "customer", "customer_software_image", "customer_edge_license", "edge")


async def read_reference(src: asyncpg.Connection) -> Reference:
    q = src.fetch
    return Reference(
        partners=await q("SELECT id, name FROM partner ORDER BY id"),
        pools=await q("SELECT id, name FROM gateway_pool ORDER BY id"),
        images=await q("SELECT id, version FROM software_image ORDER BY id"),
        licenses=await q(
            "SELECT id, sku, edition, bandwidth_mbps, term_months, region "
            "FROM edge_license ORDER BY id"
        ),
        customers=await q("SELECT * FROM customer ORDER BY partner_id, company_name, id"),
        image_links=await q(
            "SELECT customer_id, software_image_id, is_default "
            "FROM customer_software_image ORDER BY 1, 2"
        ),
        license_links=await q(
            "SELECT customer_id, edge_license_id FROM customer_edge_license ORDER BY 1, 2"
        ),
        edges=await q("SELECT id, customer_id, name, software_image_id FROM edge ORDER BY id"),
    )


def _migrate(url: str) -> None:
    portal = Path(sys.executable).with_name("portal")
    env = dict(os.environ, DATABASE_URL=url, PORTAL_LOG_LEVEL="warning")
    with tempfile.TemporaryDirectory() as cwd:  # nothing may land in a working directory
        out = subprocess.run([portal, "migrate"], env=env, cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"portal migrate failed ({out.returncode}): {out.stdout}{out.stderr}")


async def recreate_target() -> None:
    target = urlsplit(TARGET_DSN)
    admin = await asyncpg.connect(ADMIN_DSN)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{target.path[1:]}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{target.path[1:]}" OWNER "{target.username}"')
    finally:
        await admin.close()
    await asyncio.to_thread(_migrate, TARGET_DSN.replace("postgresql://", "postgres://", 1))


async def main() -> None:
    started = time.time()
    print(f"[project-db] recreating {urlsplit(TARGET_DSN).path[1:]} and migrating", flush=True)
    await recreate_target()
    src = await asyncpg.connect(SOURCE_DSN)
    try:
        ref = await read_reference(src)
        want = {
            r["partner_id"]: r["ids"] for r in await src.fetch(ORDER.format("company_name, id"))
        }
    finally:
        await src.close()
    password = secrets.token_urlsafe(18)
    load = build(ref, await hash_password(password), datetime.now(UTC))  # one hash, ~50 ms
    dst = await asyncpg.connect(TARGET_DSN)
    try:
        async with dst.transaction():

            async def copy(table: str, columns: Sequence[str], rows: list[tuple]) -> None:
                await dst.copy_records_to_table(table, records=rows, columns=list(columns))

            await write(load, copy)
            for table, _, _ in load.tables:  # explicit ids were copied: move sequences past
                await dst.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"greatest((SELECT max(id) FROM {table}), 1))"
                )
        await dst.execute("ANALYZE")
        got = {
            r["partner_id"]: r["ids"] for r in await dst.fetch(ORDER.format("company_name_key, id"))
        }
        counts = {t: await dst.fetchval(f"SELECT count(*) FROM {t}") for t in COUNTED}
    finally:
        await dst.close()
    if bad := sorted(p for p in want if want[p] != got.get(p)):
        sys.exit(f"ORDER BY company_name_key, id differs from the reference for partners {bad}")
    meta = {
        "database": urlsplit(TARGET_DSN).path[1:],
        "loaded": time.strftime("%Y-%m-%d %H:%M:%S"),
        "counts": counts,
        "no_pool_id": load.no_pool_id,
        "no_pool_name": NO_POOL_NAME,
        "no_pool_customers": load.no_pool_customers,
        "rekeyed_customers": load.rekeyed,
        "users": load.users,
        "password": password,
        "tokens": load.tokens,
    }
    STATE.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - a script, nothing else runs
    tmp = STATE / "load.tmp"
    tmp.write_text(json.dumps(meta, indent=1))
    tmp.chmod(0o600)
    tmp.replace(STATE / "load.json")
    print(
        f"[project-db] {counts}; stand-in pool {load.no_pool_id} for {load.no_pool_customers} "
        f"customers; {len(load.rekeyed)} names re-keyed; same order as perf_anchor for "
        f"{len(want)} partners; {STATE / 'load.json'} ({time.time() - started:.1f} s)",
        flush=True,
    )


if __name__ == "__main__":
    asyncio.run(main())
