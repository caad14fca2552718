"""The background loop each server process runs: take due deliveries as slots free
up and send each in its own task, so a slow or dead receiver holds up only its own
deliveries (each waits at most the request timeout)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

from gql.domain.webhooks.delivery import claim, send

log = logging.getLogger("portal.webhooks")

POLL_SECONDS = 1.0
AT_ONCE = 16


async def run(stop: asyncio.Event, *, allow_private: bool) -> None:
    running: set[asyncio.Task] = set()
    while not stop.is_set():
        taken: list[int] = []
        try:
            if len(running) < AT_ONCE:
                taken = await claim(datetime.now(UTC), AT_ONCE - len(running))
        except Exception as exc:  # the database is away: try again on the next poll
            log.warning("webhook worker could not take deliveries: %s", type(exc).__name__)
        for pk in taken:
            task = asyncio.create_task(send(pk, allow_private=allow_private))
            running.add(task)
            task.add_done_callback(running.discard)
        if not taken:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), POLL_SECONDS)
    for task in running:
        task.cancel()
