"""PostgreSQL: waiting for a pool connection is bounded."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from gql.pg import BoundedAsyncpgDBClient
from gql.settings import Settings


async def test_a_request_waits_a_bounded_time_for_a_connection(settings: Settings) -> None:
    if not settings.is_postgres:
        pytest.skip("PostgreSQL pool behaviour; the PostgreSQL run covers it")
    url = urlsplit(settings.database_url)
    client = BoundedAsyncpgDBClient(
        connection_name="bounded-test",
        user=url.username,
        password=url.password,
        host=url.hostname,
        port=url.port or 5432,
        database=url.path.lstrip("/"),
        minsize=1,
        maxsize=1,
        acquire_timeout=0.2,
    )
    await client.create_connection(with_db=True)
    try:
        async with client.acquire_connection() as held:
            assert await held.fetchval("SELECT 1") == 1
            with pytest.raises(TimeoutError):
                async with client.acquire_connection():
                    pass
        # Once released, the connection is available again.
        async with client.acquire_connection() as again:
            assert await again.fetchval("SELECT 2") == 2
    finally:
        await client.close()
