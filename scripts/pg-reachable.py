"""Exits 0 when the PostgreSQL of the URL given accepts a connection; otherwise prints
why (the server's own words: a wrong database, user or password, or no server) without
the URL's password, and exits 1. Used by `make test-postgres`."""

import asyncio
import sys
from urllib.parse import urlsplit

import asyncpg


async def main(url: str) -> int:
    parts = urlsplit(url)
    where = f"{parts.hostname}:{parts.port or 5432}/{parts.path.lstrip('/') or 'postgres'}"
    try:
        connection = await asyncpg.connect(url, timeout=5)
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"PostgreSQL at {where} cannot be used: {reason}")
        return 1
    await connection.close()
    return 0


sys.exit(asyncio.run(main(sys.argv[1])))
