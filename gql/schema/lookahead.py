"""Which fields a request asks for below the current one, so a page can load exactly
that in a few set-based queries (a count only when `totalCount` is asked for, a
relation only when its field is)."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from gql.schema.context import Info


def _fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, (FragmentSpread, InlineFragment)):
            yield from _fields(selection.selections)


def connection_fields(info: Info) -> tuple[set[str], set[str]]:
    """The fields asked for on the current connection (`totalCount`, `pageInfo` …) and
    those asked for on its items, under `nodes` and under `edges { node }`. Strawberry
    builds `selected_fields` anew at each access: read once."""
    on_connection: set[str] = set()
    on_items: set[str] = set()
    for field in info.selected_fields:
        for child in _fields(field.selections):
            on_connection.add(child.name)
            if child.name == "nodes":
                on_items.update(f.name for f in _fields(child.selections))
            elif child.name == "edges":
                for grandchild in _fields(child.selections):
                    if grandchild.name == "node":
                        on_items.update(f.name for f in _fields(grandchild.selections))
    return on_connection, on_items
