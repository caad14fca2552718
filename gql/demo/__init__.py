"""`portal seed-demo`: a demo orchestrator for people trying the API.

Everything after the first operator is created by running the API's own mutations
as that operator, so the demo holds only what the API itself accepts (and writes
the same audit events). It fills an empty database only.
"""

from __future__ import annotations

from gql.demo import data, steps
from gql.demo.runner import As, DemoError, database_is_empty
from gql.domain import users
from gql.domain.problems import Problems
from gql.domain.viewer import Viewer
from models.enums import Role, TokenKind
from models.identity import User


async def seed_demo(*, if_empty: bool = False) -> list[str]:
    """Seeds the demo and returns the lines to print (the demo logins among them). On a
    database that holds data: with `if_empty`, the logins again when it is the demo's
    (so that `make run` always shows them), a note otherwise."""
    if not await database_is_empty():
        if not if_empty:
            raise DemoError("seed-demo fills an empty database only, and this one holds data.")
        if await User.exists(username_key=data.OPERATOR):
            return ["The demo data is already there.", *data.login_lines()]
        return ["The database already holds data (not the demo's); demo seeding skipped."]
    problems = Problems()
    new = users.NewUser(
        role=Role.OPERATOR_SUPERUSER,
        username=data.OPERATOR,
        password=data.DEMO_PASSWORD,
        first_name="Olga",
        last_name="Operator",
    )
    row = await users.register(new, None, problems)
    if row is None:
        raise DemoError(f"demo operator refused: {problems.items}")
    op = As(Viewer(row.id, row.username, Role.OPERATOR_SUPERUSER, None, 0, TokenKind.SESSION))
    catalogue = await steps.catalogue(op)
    for number, (name, spec) in enumerate(data.PARTNERS.items()):
        admin = await steps.partner(op, name, spec, catalogue)
        first = await steps.customers(admin, spec, catalogue["licenses"])
        if number == 0:
            await steps.customer_users(admin, first)
    return ["Demo data created.", *data.login_lines()]


__all__ = ["DEMO_PASSWORD", "DemoError", "seed_demo"]
DEMO_PASSWORD = data.DEMO_PASSWORD
