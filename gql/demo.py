"""`portal seed-demo`: a demo orchestrator for people trying the API.

The demo is written through the same code paths as the API, so it can only hold what
the API itself would accept. It fills an empty database only.
"""

from __future__ import annotations

from tortoise import Tortoise


class DemoError(RuntimeError):
    pass


async def database_is_empty() -> bool:
    assert Tortoise.apps is not None
    for model in Tortoise.apps.get_models_iterable():
        if await model.exists():
            return False
    return True


async def seed_demo(*, if_empty: bool = False) -> list[str]:
    """Seeds the demo and returns the lines to print (the demo logins among them)."""
    if not await database_is_empty():
        if if_empty:
            return ["The database already holds data; demo seeding skipped."]
        raise DemoError("seed-demo fills an empty database only, and this one holds data.")
    # The catalogue, partners, users and customers arrive with the issues that build
    # them; until then there is nothing to seed and no login to print.
    return ["Nothing to seed yet: the demo has no accounts until users exist."]
