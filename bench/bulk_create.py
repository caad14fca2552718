"""createPartnerCustomers with 100 valid rows against a real `portal serve` process
pinned to one core (taskset), on a throw-away SQLite database.

    .venv/bin/python bench/bulk_create.py [rows] [runs]
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PORTAL = str(ROOT / ".venv" / "bin" / "portal")
PASSWORD = "quarterly-stapler-basement-51"
BULK = """mutation($i: CreatePartnerCustomersInput!) {
  createPartnerCustomers(input: $i) { createdCount results { errors { code } } } }"""


def _login(client: httpx.Client, username: str) -> str:
    body = client.post(
        "/graphql",
        json={
            "query": "mutation($i: LoginInput!) { login(input: $i) { token } }",
            "variables": {
                "i": {"username": username, "password": "demo-portal-lantern-orchard-42"}
            },
        },
    ).json()
    return body["data"]["login"]["token"]


def main(rows: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite://{Path(tmp) / 'bench.sqlite3'}",
            "PORTAL_LOG_LEVEL": "warning",
            "PORTAL_WEBHOOK_WORKER": "false",
        }
        subprocess.run([PORTAL, "seed-demo"], env=env, check=True, capture_output=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(
            ["taskset", "-c", "0", PORTAL, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
                for _ in range(100):
                    try:
                        client.get("/healthz")
                        break
                    except httpx.HTTPError:
                        time.sleep(0.1)
                token = _login(client, "ops@acme-msp.example")
                for run in range(runs):
                    customers = [
                        {
                            "companyName": f"Bench {run}-{n}",
                            "domain": f"b{run}-{n}.example",
                            "accountNumber": f"BENCH-{run}-{n}",
                            "admin": {
                                "username": f"admin@b{run}-{n}.example",
                                "password": PASSWORD,
                                "confirmPassword": PASSWORD,
                            },
                        }
                        for n in range(rows)
                    ]
                    started = time.perf_counter()
                    body = client.post(
                        "/graphql",
                        headers={"Authorization": f"Bearer {token}"},
                        json={"query": BULK, "variables": {"i": {"customers": customers}}},
                    ).json()
                    elapsed = time.perf_counter() - started
                    created = body["data"]["createPartnerCustomers"]["createdCount"]
                    print(f"run {run + 1}: {created}/{rows} created in {elapsed:.2f} s on one core")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 100, int(sys.argv[2]) if len(sys.argv) > 2 else 3
    )
