"""Which fields a request asks for below the current one, so a page can load exactly
that in a few set-based queries (a count only when `totalCount` is asked for, a
relation only when its field is)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from gql.schema.context import Info


def _fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, (FragmentSpread, InlineFragment)):
            yield from _fields(selection.selections)


def asked(info: Info) -> set[str]:
    """The names of the fields asked for directly under the current field."""
    return {f.name for field in info.selected_fields for f in _fields(field.selections)}


def node_fields(info: Info) -> set[str]:
    """The names of the fields asked for on the items of the current connection, under
    `nodes` and under `edges { node }`."""
    names: set[str] = set()
    for field in info.selected_fields:
        for child in _fields(field.selections):
            if child.name == "nodes":
                names.update(f.name for f in _fields(child.selections))
            elif child.name == "edges":
                for grandchild in _fields(child.selections):
                    if grandchild.name == "node":
                        names.update(f.name for f in _fields(grandchild.selections))
    return names


def prefetched(item: Any, name: str) -> Any:
    """A relation a page loaded with its items, or `MISSING` when it did not."""
    return item.prefetched.get(name, MISSING)


MISSING = object()
