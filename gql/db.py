"""The database: Tortoise configuration, start-up, shutdown and migrations.

SQLite is the embedded default; PostgreSQL (asyncpg) is production and the way to
run several server processes. Both are configured from `Settings`.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.connection import get_connection, get_connections
from tortoise.exceptions import DBConnectionError
from tortoise.migrations.api import migrate as tortoise_migrate

from gql.pg import BoundedAsyncpgDBClient, RequestConnection
from gql.settings import Settings
from models import MODEL_MODULES

# Any fixed 64-bit number, shared by every process that migrates this database.
log = logging.getLogger("portal.db")
_MIGRATION_LOCK_KEY = 0x706F7274616C  # "portal"

APP_LABEL = "models"
MIGRATIONS_MODULE = "models.migrations"


def connection_config(settings: Settings) -> dict[str, Any]:
    db = expand_db_url(settings.database_url)
    credentials = db["credentials"]
    if settings.is_sqlite:
        credentials.update(
            journal_mode="WAL",
            synchronous="NORMAL",  # durable enough in WAL mode, and far fewer fsyncs
            foreign_keys="ON",
            busy_timeout=settings.sqlite_busy_timeout_ms,
        )
        return db
    credentials.update(
        minsize=settings.db_pool_min,
        maxsize=settings.db_pool_max,
        acquire_timeout=settings.db_pool_timeout,
        command_timeout=settings.db_statement_timeout,
        timeout=10,  # seconds to open one new connection
    )
    return {"engine": "gql.pg", "credentials": credentials}


def tortoise_config(settings: Settings) -> dict[str, Any]:
    return {
        "connections": {"default": connection_config(settings)},
        "apps": {
            APP_LABEL: {
                "models": list(MODEL_MODULES),
                "migrations": MIGRATIONS_MODULE,
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def init_db(settings: Settings) -> None:
    """Open the connections. The global fallback lets request tasks (which uvicorn runs
    outside the lifespan's task) reach the same Tortoise context."""
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)


async def close_db() -> None:
    await Tortoise.close_connections()


async def migrate(settings: Settings, *, progress: bool = False) -> list[str]:
    """Apply pending migrations; returns the names applied."""
    applied: list[str] = []

    def on_progress(event: str, app_label: str, name: str) -> None:
        if event == "apply_done":
            applied.append(f"{app_label}.{name}")
            if progress:
                log.info("applied migration %s.%s", app_label, name)

    async with _migration_lock(settings):
        try:
            await tortoise_migrate(config=tortoise_config(settings), progress=on_progress)
        finally:
            await Tortoise.close_connections()
    return applied


@asynccontextmanager
async def _migration_lock(settings: Settings) -> AsyncIterator[None]:
    """Several server processes may start at once against one PostgreSQL: a session
    advisory lock lets one of them migrate while the others wait, then find nothing to
    do. (SQLite serves one process, and its own write lock covers the rest.)"""
    if not settings.is_postgres:
        yield
        return
    import asyncpg

    conn = await asyncpg.connect(settings.database_url, timeout=10)
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", _MIGRATION_LOCK_KEY)
        yield
    finally:
        await conn.close()  # closing the session releases the lock


async def _nothing() -> None:
    return None


@asynccontextmanager
async def request_connection() -> AsyncIterator[Callable[[], Awaitable[None]]]:
    """On PostgreSQL, every statement of the block (and of the tasks it starts) uses one
    pool connection, taken at the first statement; the yielded function gives it back
    early, once the request needs it no more. (SQLite has one connection anyway.)"""
    client = get_connection("default")
    if not isinstance(client, BoundedAsyncpgDBClient):
        yield _nothing
        return
    shared = RequestConnection(client)
    token = get_connections().set("default", shared)
    try:
        yield shared.release
    finally:
        get_connections().reset(token)
        await shared.release()


async def lend_connection() -> None:
    """The request's connection back to the pool until its next statement (on
    PostgreSQL, outside a transaction): for waits that are not the database's."""
    client = get_connection("default")
    if isinstance(client, RequestConnection):
        await client.lend()


async def ping(within: float = 2.0) -> None:
    """A trivial query; raises when the database is unreachable."""
    async with asyncio.timeout(within):
        await get_connection("default").execute_query("SELECT 1")


def __getattr__(name: str) -> Any:
    # `tortoise -c gql.db.TORTOISE_ORM makemigrations` reads the config from here.
    if name == "TORTOISE_ORM":
        return tortoise_config(Settings.from_env())
    raise AttributeError(name)


# Faults of the database's availability, not of the request: the client should retry.
_UNAVAILABLE = (
    TimeoutError,
    asyncio.TimeoutError,
    ConnectionError,
    DBConnectionError,
    asyncpg.PostgresConnectionError,  # SQLSTATE class 08
    asyncpg.CannotConnectNowError,  # the server is starting up
    asyncpg.AdminShutdownError,  # the server is shutting down or restarting
    asyncpg.CrashShutdownError,
    asyncpg.exceptions.ConnectionDoesNotExistError,  # the connection died mid-query
    asyncpg.QueryCanceledError,  # statement_timeout, or cancelled by an administrator
    asyncpg.TooManyConnectionsError,  # the server's max_connections reached
    asyncpg.InsufficientResourcesError,  # SQLSTATE class 53: out of memory, disk …
)


def _sqlite_busy(exc: BaseException) -> bool:
    """SQLite's writer lock held past the busy timeout: as transient as an outage."""
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc) for word in ("database is locked", "database is busy")
    )


class DatabaseUnavailable(Exception):
    """Raised outside GraphQL execution (authenticating a request) when the database
    cannot be reached; the app answers 503 with a GraphQL-shaped body."""


UNAVAILABLE_MESSAGE = "The service is briefly unavailable; retry shortly."


def is_unavailable(exc: BaseException | None) -> bool:
    """The database cannot be reached, whatever wraps it (Tortoise re-raises driver
    errors as its own OperationalError, keeping the driver's as the cause)."""
    for _ in range(6):
        if exc is None:
            return False
        if isinstance(exc, _UNAVAILABLE) or _sqlite_busy(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
