"""Memory of a CSV export: a real `portal serve` process streams /export/edges.csv of
N edges while this script samples the server's resident memory.

    .venv/bin/python bench/export_memory.py 10000 100000

The rows are written straight into a throw-away SQLite database (the API would take
hours for 100k edges); the export itself runs through the API as a client uses it.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PORTAL = str(ROOT / ".venv" / "bin" / "portal")


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _fill(db: Path, edges: int) -> str:
    """A partner superuser with an API token, a customer and `edges` edges."""
    now = datetime.now(UTC).isoformat()
    token = "ppa_" + secrets.token_urlsafe(32)
    with sqlite3.connect(db) as c:
        c.execute(
            "INSERT INTO partner (id, name, name_key, edge_licensing_enabled, created_at,"
            " updated_at) VALUES (1, 'Bench', 'bench', 0, ?, ?)",
            (now, now),
        )
        c.execute(
            "INSERT INTO software_image (id, version, created_at) VALUES (1, '5.2.0', ?)", (now,)
        )
        c.execute(
            "INSERT INTO gateway_pool (id, name, name_key, created_at) VALUES (1, 'EU', 'eu', ?)",
            (now,),
        )
        c.execute(
            "INSERT INTO customer (id, partner_id, company_name, company_name_key, domain,"
            " account_number, account_number_key, partner_support_access, operator_support_access,"
            " operator_user_management_access, manage_software_images, default_software_image_id,"
            " gateway_pool_id, analytics_enabled, created_at, updated_at) VALUES"
            " (1, 1, 'Bench Co', 'bench co', 'bench.example', 'B-1', 'b-1', 1, 1, 0, 0, 1, 1, 0, ?, ?)",
            (now, now),
        )
        c.execute(
            "INSERT INTO app_user (id, role, partner_id, username, username_key, password_hash,"
            " disabled, created_at, updated_at) VALUES"
            " (1, 'PARTNER_SUPERUSER', 1, 'su@bench.example', 'su@bench.example', 'x', 0, ?, ?)",
            (now, now),
        )
        c.execute(
            "INSERT INTO auth_token (kind, user_id, token_hash, name, created_at) VALUES"
            " ('API', 1, ?, 'bench', ?)",
            (hashlib.sha256(token.encode()).hexdigest(), now),
        )
        c.executemany(
            "INSERT INTO edge (customer_id, name, model, serial_number, software_image_id,"
            " created_at) VALUES (1, ?, 'Edge 640', ?, 1, ?)",
            ((f"edge-{n:06}", f"SN{n:08}", now) for n in range(edges)),
        )
    return token


def run(edges: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite://{db}",
            "PORTAL_LOG_LEVEL": "warning",
            "PORTAL_WEBHOOK_WORKER": "false",
        }
        subprocess.run([PORTAL, "migrate"], env=env, check=True, capture_output=True)
        token = _fill(db, edges)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(
            [PORTAL, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            baseline = _rss_kib(server.pid)
            peak, done = baseline, threading.Event()

            def sample() -> None:
                nonlocal peak
                while not done.is_set():
                    peak = max(peak, _rss_kib(server.pid))
                    time.sleep(0.01)

            sampler = threading.Thread(target=sample)
            sampler.start()
            started, rows, size = time.perf_counter(), 0, 0
            with httpx.stream(
                "GET",
                f"http://127.0.0.1:{port}/export/edges.csv",
                headers={"Authorization": f"Bearer {token}"},
                timeout=600,
            ) as r:
                assert r.status_code == 200, r.status_code
                for chunk in r.iter_bytes():
                    rows += chunk.count(b"\n")
                    size += len(chunk)
            done.set()
            sampler.join()
            print(
                f"{edges:>7} edges: {rows - 1} rows, {size / 1e6:.1f} MB in "
                f"{time.perf_counter() - started:.1f} s; server RSS {baseline / 1024:.0f} MiB "
                f"before, {peak / 1024:.0f} MiB peak (+{(peak - baseline) / 1024:.1f} MiB)"
            )
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    for n in sys.argv[1:] or ["10000", "100000"]:
        run(int(n))
