"""Relay connections: `first`/`after` paging with opaque cursors, at most 100 a page."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Generic, TypeVar

import strawberry

from gql.schema.errors import ApiError

T = TypeVar("T")
MAX_PAGE = 100
DEFAULT_PAGE = 20


# The paging arguments every connection field takes.
First = Annotated[
    int | None, strawberry.argument(description="Page size, 0 to 100 (20 if omitted).")
]
After = Annotated[str | None, strawberry.argument(description="Start after this cursor.")]


@strawberry.type(description="Where a page stands in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page.")
    start_cursor: str | None = strawberry.field(description="The cursor of the first item.")
    end_cursor: str | None = strawberry.field(
        description="The cursor of the last item: pass it as `after` for the next page."
    )


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset after which the page starts (0 for no cursor)."""
    if cursor is None:
        return 0
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode("ascii")).decode().partition(":")
        if kind == "offset" and value.isdigit() and len(value) < 10:
            return int(value) + 1
    except (binascii.Error, UnicodeError, ValueError):
        pass
    raise ApiError("`after` is not a cursor this API gave out.", code="BAD_USER_INPUT")


def encode_key(pk: int) -> str:
    """A keyset cursor: "after the row with this key" (stable while rows are added)."""
    return base64.urlsafe_b64encode(f"key:{pk}".encode()).decode()


def decode_key(cursor: str | None) -> int:
    """The key after which a keyset page starts (0 for no cursor)."""
    if cursor is None:
        return 0
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode("ascii")).decode().partition(":")
        if (
            kind == "key"
            and value.isdigit()
            and len(value) < 19
            and encode_key(int(value)) == cursor
        ):
            return int(value)
    except (binascii.Error, UnicodeError, ValueError):
        pass
    raise ApiError("`after` is not a cursor this API gave out.", code="BAD_USER_INPUT")


def keyset_connection(items: list[T], keys: list[int], size: int, total: int) -> Connection[T]:
    """A keyset page: `items` (size + 1 of them at most) with their keys."""
    shown = items[:size]
    edges = [Edge(cursor=encode_key(k), node=item) for item, k in zip(shown, keys, strict=False)]
    info = PageInfo(
        has_next_page=len(items) > size,
        has_previous_page=False,  # a feed is read forward only
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(total_count=total, page_info=info, edges=edges)


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if not 0 <= first <= MAX_PAGE:
        raise ApiError(f"`first` must be between 0 and {MAX_PAGE}.", code="BAD_USER_INPUT")
    return first


@strawberry.type(description="An item of a page with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Pass as `after` to start after this item.")
    node: T = strawberry.field(description="The item.")


def build_page(items: list[T], offset: int, size: int, total: int) -> tuple[list, PageInfo]:
    """(edges, pageInfo) of the items fetched from `offset` (size + 1 of them at most)."""
    shown = items[:size]
    edges = [Edge(cursor=encode_cursor(offset + i), node=item) for i, item in enumerate(shown)]
    info = PageInfo(
        has_next_page=len(items) > size or offset + len(shown) < total,
        has_previous_page=offset > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return edges, info


@strawberry.type(description="A page of a list, Relay style.")
class Connection(Generic[T]):
    total_count: int = strawberry.field(description="How many items there are in all.")
    page_info: PageInfo = strawberry.field(description="Where this page stands.")
    edges: list[Edge[T]] = strawberry.field(description="The items of this page with cursors.")

    @strawberry.field(description="The items of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [e.node for e in self.edges]


def connection(items: list[T], offset: int, size: int, total: int) -> Connection[T]:
    """The page of `items` fetched from `offset` (size + 1 of them at most)."""
    edges, info = build_page(items, offset, size, total)
    return Connection(total_count=total, page_info=info, edges=edges)
