"""Pieces the mutation modules share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from gql import audit
from gql.errors import Problems
from gql.viewer import Viewer

T = TypeVar("T")
MAX_NAME = 200


def required_text(
    problems: Problems, value: str, label: str, *path: str, max_length: int = MAX_NAME
) -> str:
    """The trimmed value, noting REQUIRED when blank and INVALID when too long."""
    value = value.strip()
    if not value:
        problems.add("REQUIRED", f"Enter {label}.", *path)
    elif len(value) > max_length:
        problems.add("INVALID", f"Use at most {max_length} characters.", *path)
    return value


async def create_audited(
    viewer: Viewer,
    create: Callable[[Any], Awaitable[T]],
    *,
    action: str,
    target_type: str,
    changes: dict[str, Any],
    partner_id: int | None,
    problems: Problems,
    duplicate: tuple[str, ...],
    duplicate_message: str,
) -> T | None:
    """Creates a row and its audit event in one transaction. A unique-constraint
    violation becomes a DUPLICATE problem at `duplicate` (the database decides, so
    concurrent creates cannot both win)."""
    try:
        async with in_transaction() as conn:
            row = await create(conn)
            await audit.record(
                viewer,
                action,
                target_type,
                row.id,  # type: ignore[attr-defined]
                partner_id=partner_id,
                changes=changes,
                using_db=conn,
            )
    except IntegrityError:
        problems.add("DUPLICATE", duplicate_message, *duplicate)
        return None
    return row
