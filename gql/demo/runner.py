"""Runs the API's own operations as a demo user, the way a client would."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from tortoise import Tortoise

from gql.domain.viewer import Viewer
from gql.schema.context import Context
from gql.schema.loaders import Loaders
from gql.settings import Settings


class DemoError(RuntimeError):
    pass


async def database_is_empty() -> bool:
    assert Tortoise.apps is not None
    for model in Tortoise.apps.get_models_iterable():
        if await model.exists():
            return False
    return True


class As:
    """Runs API operations as one demo user."""

    def __init__(self, viewer: Viewer) -> None:
        from gql.schema.build import build_schema

        self.viewer = viewer
        self.schema = build_schema(Settings())

    async def run(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        context = Context(
            request=Request({"type": "http", "headers": [], "state": {}}),
            response=None,
            settings=Settings(),
            viewer=self.viewer,
            loaders=Loaders(self.viewer),
        )
        result = await self.schema.execute(document, variables, context_value=context)
        if result.errors:
            raise DemoError(f"demo step failed: {result.errors[0].message}")
        payload = next(iter(result.data.values()))
        if payload.get("errors"):
            raise DemoError(f"demo step refused: {payload['errors']}")
        return payload
