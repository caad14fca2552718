"""Test harness: a fresh database per run, emptied before every test.

The suite runs on SQLite by default. With TEST_DATABASE_URL=postgres://… it creates
a database of its own on that server, migrates it, and drops it at the end. When that
PostgreSQL cannot be reached the run fails; it never skips.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest
from starlette.applications import Starlette
from tortoise.contrib.test import truncate_all_models

from gql import db
from gql.settings import Settings
from gql.web.app import create_app
from models.enums import Role
from tests.factories import login, make_catalogue, make_partner_world, make_user

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


async def _admin_connection(url: str) -> asyncpg.Connection:
    try:
        return await asyncpg.connect(url, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.exit(
            f"TEST_DATABASE_URL points at a PostgreSQL that cannot be reached ({exc}); "
            "start it, or unset TEST_DATABASE_URL to test on SQLite only.",
            returncode=1,
        )


@pytest.fixture(scope="session")
async def database_url() -> AsyncIterator[str]:
    if not TEST_DATABASE_URL:
        with tempfile.TemporaryDirectory(prefix="portal-test-") as tmp:
            yield f"sqlite://{Path(tmp) / 'test.sqlite3'}"
        return
    if not TEST_DATABASE_URL.startswith(("postgres://", "postgresql://")):
        pytest.exit("TEST_DATABASE_URL must be a postgres:// URL", returncode=1)
    name = f"portal_test_{os.getpid()}_{secrets.token_hex(3)}"
    admin = await _admin_connection(TEST_DATABASE_URL)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield _with_database(TEST_DATABASE_URL, name)
    finally:
        admin = await _admin_connection(TEST_DATABASE_URL)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings.from_env({"DATABASE_URL": database_url, "PORTAL_DB_POOL_MAX": "20"})


@pytest.fixture(scope="session")
async def database(settings: Settings) -> AsyncIterator[Settings]:
    """The schema comes from the committed migrations, as in production: a model
    change without its migration fails the suite."""
    await db.migrate(settings)
    await db.init_db(settings)
    try:
        yield settings
    finally:
        await db.close_db()


@pytest.fixture(autouse=True)
async def clean_database(database: Settings) -> None:
    # Emptied before (not after) each test, so that a test that crashed cannot leak
    # rows into the next one.
    await truncate_all_models()


@pytest.fixture(scope="session")
def app(database: Settings) -> Starlette:
    return create_app(database, manage_database=False)


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


class GraphQLClient:
    """Posts GraphQL documents the way a frontend does and returns the decoded body."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        expect_status: int = 200,
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == expect_status, response.text
        return response.json()


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(client)


def pytest_report_header(config: pytest.Config) -> str:
    if TEST_DATABASE_URL:
        return f"database: PostgreSQL ({urlsplit(TEST_DATABASE_URL).hostname})"
    return "database: SQLite"


# Two partners set up by the operator: Acme (edge licensing on) and Globex (off).
@pytest.fixture
async def catalogue():
    return await make_catalogue()


@pytest.fixture
async def acme(gql, catalogue):
    return await make_partner_world(gql, "Acme", catalogue)


@pytest.fixture
async def globex(gql, catalogue):
    return await make_partner_world(
        gql,
        "Globex",
        catalogue,
        images=("4.5.2",),
        default_image="4.5.2",
        pools=("APAC",),
        default_pool="APAC",
        licenses=(),
        edge_licensing=False,
    )


@pytest.fixture
async def operator(gql):
    """The operator's superuser, logged in."""
    return await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "ops@vendor.example"))


@pytest.fixture
async def hooks_gql(database):
    """The API with private webhook targets allowed (the receiver is on loopback)."""
    app = create_app(
        dataclasses.replace(database, webhook_allow_private=True), manage_database=False
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield GraphQLClient(c)
