"""Migrations: committed, complete, and the only way the schema is built."""

from __future__ import annotations

from tortoise import Tortoise
from tortoise.connection import get_connection
from tortoise.migrations.autodetector import MigrationAutodetector

from gql import db
from gql.settings import Settings


async def test_models_have_no_changes_missing_from_the_migrations(database: Settings) -> None:
    # The equivalent of `makemigrations --check`: a model change without its committed
    # migration fails here.
    config = db.tortoise_config(database)["apps"]
    writers = await MigrationAutodetector(Tortoise.apps, config).changes()
    assert [w.name for w in writers] == []


async def test_migrating_an_up_to_date_database_applies_nothing(database: Settings) -> None:
    assert await db.migrate(database) == []
    await db.init_db(database)  # migrate() closed the shared connections; reopen them


async def test_migrations_created_every_model_table(database: Settings) -> None:
    conn = get_connection("default")
    for model in Tortoise.apps.get_models_iterable():
        table = model._meta.db_table
        rows = await conn.execute_query_dict(f'SELECT COUNT(*) AS n FROM "{table}"')  # noqa: S608
        assert rows[0]["n"] == 0
