"""The PostgreSQL engine: Tortoise's asyncpg client with a bounded wait for a connection.

Tortoise acquires pool connections without a timeout, so under load a request would
queue for ever. Here every acquire waits at most `acquire_timeout` seconds and then
raises TimeoutError, which the API reports as a retryable error.
"""

from __future__ import annotations

from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient


class _BoundedPool:
    """Delegates to an asyncpg pool, giving every acquire a default timeout."""

    __slots__ = ("_pool", "_timeout")

    def __init__(self, pool: asyncpg.Pool, timeout: float) -> None:
        self._pool = pool
        self._timeout = timeout

    def acquire(self, *, timeout: float | None = None) -> Any:
        return self._pool.acquire(timeout=self._timeout if timeout is None else timeout)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pool, name)


class BoundedAsyncpgDBClient(AsyncpgDBClient):
    def __init__(self, *args: Any, acquire_timeout: float = 5.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acquire_timeout = float(acquire_timeout)

    async def create_pool(self, **kwargs: Any) -> Any:
        pool = await super().create_pool(**kwargs)
        return _BoundedPool(pool, self.acquire_timeout)


client_class = BoundedAsyncpgDBClient
