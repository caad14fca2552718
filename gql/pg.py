"""The PostgreSQL engine: Tortoise's asyncpg client with a bounded wait for a connection,
and one connection for all of a request's statements.

Tortoise acquires pool connections without a timeout, so under load a request would
queue for ever. Here every acquire waits at most `acquire_timeout` seconds and then
raises TimeoutError, which the API reports as a retryable error.

Tortoise also takes a pool connection for every statement, and asyncpg resets each one
on release (a round trip of four statements): a page of seven statements paid seven
acquires and seven resets. `RequestConnection` takes one connection at a request's first
statement and keeps it until the request gives it back; its statements take turns on it
(a lock), and a transaction opened in the request runs on it too.
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
from tortoise.backends.base.client import NestedTransactionContext, TransactionContext
from tortoise.connection import get_connections
from tortoise.exceptions import TransactionManagementError


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


class _Turn:
    """The request's connection for one statement, under the request's lock; a pool
    connection of its own when the request has answered meanwhile."""

    __slots__ = ("_own", "_owner")

    def __init__(self, owner: RequestConnection) -> None:
        self._owner = owner
        self._own: Any = None

    async def __aenter__(self) -> asyncpg.Connection:
        owner = self._owner
        await owner._lock.acquire()
        if owner._released:
            owner._lock.release()
            self._own = owner._parent.acquire_connection()
            return await self._own.__aenter__()
        try:
            return await owner._ensure()
        except BaseException:
            owner._lock.release()
            raise

    async def __aexit__(self, *exc: Any) -> None:
        if self._own is not None:
            await self._own.__aexit__(*exc)
        else:
            self._owner._lock.release()


class RequestConnection(AsyncpgDBClient):
    """A client whose statements all use one pool connection, taken lazily. After
    `release()` (the request has answered), any late statement (a task the request
    started) goes back to taking its own pool connection."""

    def __init__(self, parent: BoundedAsyncpgDBClient) -> None:  # no super(): a view
        self._parent = parent
        self.log = parent.log
        self.connection_name = parent.connection_name
        self.fetch_inserted = parent.fetch_inserted
        self._connection: asyncpg.Connection | None = None
        self._lock = asyncio.Lock()
        self._released = False
        self._transactions = 0  # open on the connection, which must then stay held

    async def _ensure(self) -> asyncpg.Connection:
        if self._connection is None:
            parent = self._parent
            if parent._pool is None:  # the pool opens on the first statement, as Tortoise's
                async with parent._pool_init_lock:
                    if parent._pool is None:
                        await parent.create_connection(with_db=True)
            self._connection = await parent._pool.acquire()
        return self._connection

    def acquire_connection(self) -> Any:
        return _Turn(self)

    def _in_transaction(self) -> TransactionContext:
        return _RequestTransactionContext(self)

    async def lend(self) -> None:
        """Gives the connection back while the request waits on something that is not
        the database (argon2): a flood of logins must not hold the pool while it queues
        for the hashing slots. The next statement takes one again. Not while a
        transaction is open on it."""
        if self._released or self._transactions:
            return
        async with self._lock:
            if self._transactions or self._connection is None:
                return
            connection, self._connection = self._connection, None
            await self._parent._pool.release(connection)

    async def release(self) -> None:
        """Gives the connection back to the pool (asyncpg rolls back what is left open)."""
        if self._released:
            return
        self._released = True
        async with self._lock:  # a statement still running finishes first
            connection, self._connection = self._connection, None
            if connection is not None:
                await self._parent._pool.release(connection)

    async def close(self) -> None:  # the pool is the parent's
        await self.release()


class _RequestTransaction(TransactionWrapper):
    """Tortoise's asyncpg transaction on the request's connection, taking turns on it
    with the request's other statements (so `begin`, `commit` and `rollback` too)."""

    def __init__(self, owner: RequestConnection | _RequestTransaction) -> None:
        super().__init__(owner)
        self._lock = owner._lock
        self._owner = owner

    def _in_transaction(self) -> TransactionContext:
        return NestedTransactionContext(_RequestTransaction(self))

    async def begin(self) -> None:
        async with self._lock:
            await super().begin()

    async def commit(self) -> None:
        async with self._lock:
            await super().commit()

    async def rollback(self) -> None:
        async with self._lock:
            await super().rollback()


class _RequestTransactionContext(TransactionContext):
    def __init__(self, owner: RequestConnection) -> None:
        self.owner = owner
        self.connection_name = owner.connection_name
        self._own: TransactionContext | None = None

    async def __aenter__(self) -> Any:
        client = None
        async with self.owner._lock:
            if not self.owner._released:
                await self.owner._ensure()
                client = _RequestTransaction(self.owner)
                await TransactionWrapper.begin(client)  # unlocked: the lock is held here
                self.owner._transactions += 1
        if client is None:  # the request has answered: a pool connection of its own
            self._own = self.owner._parent._in_transaction()
            return await self._own.__aenter__()
        self.client = client  # type: ignore[assignment]
        self.token = get_connections().set(self.connection_name, client)
        return client

    async def __aexit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        if self._own is not None:
            await self._own.__aexit__(exc_type, exc_val, exc_tb)
            return
        try:
            if not self.client._finalized:
                if exc_type is None:
                    await self.client.commit()
                elif exc_type is not TransactionManagementError:  # as Tortoise's own
                    await self.client.rollback()
        finally:
            self.owner._transactions -= 1
            get_connections().reset(self.token)


client_class = BoundedAsyncpgDBClient
