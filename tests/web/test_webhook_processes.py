"""Two real server processes deliver one outbox: every event reaches the receiver once.

Each `portal serve` runs its own webhook worker against the same PostgreSQL; the
deliveries are taken with FOR UPDATE SKIP LOCKED, so no two processes send the same.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from gql.settings import Settings
from models.webhook import DeliveryStatus, WebhookDelivery
from tests.factories import make_customer
from tests.schema.webhook_kit import CREATE, Receiver

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_two_processes_deliver_each_event_once(
    settings: Settings, hooks_gql, acme, tmp_path: Path
) -> None:
    if not settings.is_postgres:
        pytest.skip("several processes need PostgreSQL; the PostgreSQL run covers it")
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "PORTAL_WEBHOOK_ALLOW_PRIVATE": "true",
        "PORTAL_LOG_LEVEL": "warning",
        "PYTHONPATH": str(ROOT),
    }
    async with Receiver() as receiver:
        body = await hooks_gql(
            CREATE,
            {"input": {"url": receiver.url, "events": ["customer.create"]}},
            token=acme.superuser.token,
        )
        assert body["data"]["createWebhook"]["errors"] == []
        for n in range(8):
            await make_customer(hooks_gql, acme, f"Twice {n}")
        servers = [
            subprocess.Popen(  # noqa: ASYNC220 - server processes for the whole test
                [
                    sys.executable,
                    "-c",
                    "from gql.cli import main; main()",
                    "serve",
                    "--port",
                    str(_free_port()),
                ],
                cwd=tmp_path,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]
        try:
            for _ in range(600):  # until both workers have emptied the outbox (≤ 60 s)
                if not await WebhookDelivery.filter(status=DeliveryStatus.PENDING).exists():
                    break
                await asyncio.sleep(0.1)  # waiting on other processes, not on time
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=20)
    ids = [headers["webhook-id"] for headers, _ in receiver.requests]
    assert len(ids) == 8
    assert len(set(ids)) == 8
    assert await WebhookDelivery.filter(status=DeliveryStatus.DELIVERED).count() == 8
