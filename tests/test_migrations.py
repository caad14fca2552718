"""Migrations: committed, complete, and the only way the schema is built."""

from __future__ import annotations

import os

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


async def test_0007_rebuilds_the_keys_and_parks_collisions(database: Settings, caplog) -> None:
    import importlib
    import logging

    from models.catalogue import GatewayPool
    from models.identity import Partner, User

    migration = importlib.import_module("models.migrations.0007_login_throttle_identity_keys")
    # Rows as the old lower() keys left them: distinct, but one name twice under NFKC
    # and case folding (fullwidth, and the sharp s).
    acme = await Partner.create(name="Acme", name_key="acme")
    wide = await Partner.create(
        name="\uff21\uff43\uff4d\uff45", name_key="\uff41\uff43\uff4d\uff45"
    )
    common = {"role": "OPERATOR_SUPPORT", "password_hash": "unused"}
    first = await User.create(
        username="strasse@x.example", username_key="strasse@x.example", **common
    )
    second = await User.create(
        username="Stra\u00dfe@x.example", username_key="stra\u00dfe@x.example", **common
    )
    pool = await GatewayPool.create(name="EU\u00a0West", name_key="eu\u00a0west")
    with caplog.at_level(logging.WARNING, logger="portal.migrations"):
        parked = await migration.rebuild_keys(get_connection("default"))
    assert sorted(parked) == [
        ("app_user", "username_key", second.id, first.id),
        ("partner", "name_key", wide.id, acme.id),
    ]
    assert (await Partner.get(id=acme.id)).name_key == "acme"
    assert (await Partner.get(id=wide.id)).name_key == f"PARKED-0007:{wide.id}"
    assert (await User.get(id=first.id)).username_key == "strasse@x.example"
    assert (await User.get(id=second.id)).username_key == f"PARKED-0007:{second.id}"
    assert (await GatewayPool.get(id=pool.id)).name_key == "eu west"
    lines = [r.getMessage() for r in caplog.records]
    assert f"migration 0007: app_user {second.id}: collides with app_user {first.id}" in lines[0]
    assert "Stra" not in " ".join(lines)  # ids only, never the names


async def _leading_index_columns(table: str) -> set[str]:
    """The first column of each index of `table` (unique ones and the primary key too)."""
    conn = get_connection("default")
    if conn.capabilities.dialect == "postgres":
        rows = await conn.execute_query_dict(
            "SELECT a.attname AS name FROM pg_index i "
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
            "WHERE i.indrelid = $1::regclass",
            [table],
        )
        return {r["name"] for r in rows}
    leading = set()
    for index in await conn.execute_query_dict(f'PRAGMA index_list("{table}")'):
        columns = await conn.execute_query_dict(f'PRAGMA index_info("{index["name"]}")')
        leading.update(c["name"] for c in columns if c["seqno"] == 0)
    return leading


async def test_every_foreign_key_column_leads_an_index(database: Settings) -> None:
    # PostgreSQL indexes no foreign key by itself: without one, a filter on the column
    # (a loader's `customer_id IN (…)`) and every delete of the parent row scan the table.
    missing = []
    for model in Tortoise.apps.get_models_iterable():
        table = model._meta.db_table
        leading = await _leading_index_columns(table)
        for name in model._meta.fk_fields:
            column = model._meta.fields_map[name].source_field or f"{name}_id"
            if column not in leading:
                missing.append(f"{table}.{column}")
    assert missing == []


def test_upgrading_a_sqlite_database_keeps_its_tokens_and_audit_actors(tmp_path) -> None:
    """Dropping a column must not rebuild app_user on SQLite: a rebuild drops the old
    table while foreign keys are on, which deleted every token and cleared every audit
    event's actor of an upgraded database. (The migrations run in subprocesses, as an
    operator runs them, so this process's database connection stays as it is.)"""
    import sqlite3
    import subprocess
    import sys
    from datetime import UTC, datetime

    from tests.factories import run_portal

    path = tmp_path / "upgrade.sqlite3"
    env = {"DATABASE_URL": f"sqlite://{path}"}
    to_0006 = "\n".join(
        [
            "import asyncio",
            "from tortoise import Tortoise",
            "from tortoise.migrations.api.migrate import migrate",
            "from gql.db import tortoise_config",
            "from gql.settings import Settings",
            "async def main():",
            "    config = tortoise_config(Settings.from_env())",
            "    await migrate(config=config, target='models.0006_webhooks')",
            "    await Tortoise.close_connections()",
            "asyncio.run(main())",
        ]
    )
    done = subprocess.run(
        [sys.executable, "-c", to_0006],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    now = datetime.now(UTC).isoformat()
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO app_user (id, role, username, username_key, password_hash, disabled,"
            " failed_logins, created_at, updated_at)"
            " VALUES (1, 'OPERATOR_SUPERUSER', 'a@x.example', 'a@x.example', 'h', 0, 0, ?, ?)",
            (now, now),
        )
        db.execute(
            "INSERT INTO auth_token (kind, user_id, token_hash, name, created_at)"
            " VALUES ('API', 1, 'hash', 'ci', ?)",
            (now,),
        )
        db.execute(
            "INSERT INTO audit_event (actor_id, action, target_type, target_id, changes,"
            " created_at) VALUES (1, 'user.create', 'User', '1', '{}', ?)",
            (now,),
        )
    migrated = run_portal("migrate", cwd=tmp_path, env=env)
    assert migrated.returncode == 0, migrated.stderr
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM auth_token").fetchone() == (1,)
        assert db.execute("SELECT actor_id FROM audit_event").fetchone() == (1,)
        columns = {row[1] for row in db.execute("PRAGMA table_info(app_user)")}
    assert not columns & {"failed_logins", "locked_until"}
