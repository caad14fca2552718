"""Login throttling by username and client address (the login_throttle table, which
replaces the per-user failure count and lock), and the keys of unique names rebuilt
with models.keys.identifier_key (NFKC and case folding instead of lower()).

Rows whose new keys collide: the oldest row (lowest id) keeps the key; each later one
gets a parked key ("PARKED-0007:<id>", which no name can produce since keys are
case-folded) and a WARNING line naming the table, the column and both ids (never the
values). A parked row keeps working, but its name is not found by its key (a parked
user's password login finds the older user) until the name is changed or the row is
deleted. Keys too long for their column once normalised are parked the same way.
"""

import logging

from tortoise import fields, migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads

from models.keys import identifier_key

log = logging.getLogger("portal.migrations")

# (table, the name's column, its key column, the key's length, what the key is unique within)
KEYED = (
    ("app_user", "username", "username_key", 254, ()),
    ("customer", "account_number", "account_number_key", 64, ()),
    ("customer", "company_name", "company_name_key", 200, ("partner_id",)),
    ("partner", "name", "name_key", 200, ()),
    ("gateway_pool", "name", "name_key", 200, ()),
)


def parked_key(pk: int) -> str:
    return f"PARKED-0007:{pk}"


async def rebuild_keys(client) -> list[tuple[str, str, int, int | None]]:
    """Recomputes every key; returns the parked rows as (table, key column, id, the id
    of the row that kept the key, or None when the key was too long)."""
    first, second = ("$1", "$2") if client.capabilities.dialect == "postgres" else ("?", "?")
    parked: list[tuple[str, str, int, int | None]] = []
    for table, column, key_column, length, scope in KEYED:
        scope_sql = "".join(f', "{c}"' for c in scope)
        rows = await client.execute_query_dict(
            f'SELECT id, "{column}" AS value, "{key_column}" AS key{scope_sql} '
            f'FROM "{table}" ORDER BY id'
        )
        kept: dict[tuple, int] = {}
        changed: dict[int, str] = {}
        for row in rows:
            key = identifier_key(row["value"])
            owner = kept.get((*(row[c] for c in scope), key))
            if owner is not None or len(key) > length:
                parked.append((table, key_column, row["id"], owner))
                log.warning(
                    "migration 0007: %s %s: %s; its %s is parked as %s until the name is "
                    "changed",
                    table,
                    row["id"],
                    f"collides with {table} {owner}" if owner else "the key is too long",
                    key_column,
                    parked_key(row["id"]),
                )
                key = parked_key(row["id"])
            else:
                kept[(*(row[c] for c in scope), key)] = row["id"]
            if key != row["key"]:
                changed[row["id"]] = key
        update = f'UPDATE "{table}" SET "{key_column}" = {first} WHERE id = {second}'
        # Two passes, so that no intermediate state breaks the unique index.
        for pk in changed:
            await client.execute_query(update, [f"REBUILD-0007:{pk}", pk])
        for pk, key in changed.items():
            await client.execute_query(update, [key, pk])
    return parked


async def _rebuild(apps, schema_editor) -> None:
    await rebuild_keys(schema_editor.client)


class _DropColumn(ops.RemoveField):
    """Drops the column in place (PostgreSQL, and SQLite since 3.35). Tortoise's own
    RemoveField rebuilds the table on SQLite, dropping the old one while foreign keys
    are on: that deleted every token (ON DELETE CASCADE) and cleared every audit
    event's actor (SET NULL) of an upgraded database."""

    async def database_forward(self, app_label, old_state, new_state, state_editor=None):
        if not state_editor:
            return
        model = old_state.apps.get_model(f"{app_label}.{self.model_name}")
        column = model._meta.fields_map[self.name].source_field or self.name
        await state_editor.client.execute_script(
            f'ALTER TABLE "{model._meta.db_table}" DROP COLUMN "{column}"'
        )


class Migration(migrations.Migration):
    dependencies = [('models', '0006_webhooks')]

    initial = False

    operations = [
        ops.CreateModel(
            name='LoginThrottle',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=300)),
                ('recent', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('failures', fields.IntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('sequence', fields.IntField(default=0)),
                ('updated_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'login_throttle', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Password-login attempts of one username or one client address.'},
            bases=['Model'],
        ),
        _DropColumn(model_name='User', name='failed_logins'),
        _DropColumn(model_name='User', name='locked_until'),
            ops.RunPython(_rebuild),
    ]
