"""Safe retries for partner integrations: an idempotency key remembers, for 24 hours,
which input a create or update was made with and which object it produced."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from gql.domain.problems import Problems
from models.customer import IdempotencyRecord

WINDOW = timedelta(hours=24)
MAX_KEY = 200


def fingerprint(input: Any) -> str:
    """The input's identity (the retry switches themselves excluded)."""
    data = dataclasses.asdict(input)
    data.pop("idempotency_key", None)
    data.pop("validate_only", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def clean_key(problems: Problems, raw: str | None) -> str | None:
    key = (raw or "").strip() or None
    if key is not None and len(key) > MAX_KEY:
        problems.add("INVALID", f"Use at most {MAX_KEY} characters.", "idempotencyKey")
        return None
    return key


async def replay(
    partner_id: int, operation: str, key: str, digest: str, problems: Problems
) -> int | None:
    """The id of the object a recent call with this key produced, or None; a problem
    when the key was used with a different input."""
    record = await IdempotencyRecord.get_or_none(
        partner_id=partner_id,
        operation=operation,
        key=key,
        created_at__gte=datetime.now(UTC) - WINDOW,
    )
    if record is None:
        return None
    if record.request_hash != digest:
        problems.add(
            "IDEMPOTENCY_KEY_REUSED",
            "This idempotency key was used with a different input; use a new key.",
            "idempotencyKey",
        )
        return None
    return record.result_id


async def remember(
    partner_id: int,
    operation: str,
    key: str,
    digest: str,
    result_id: int,
    conn: BaseDBAsyncClient,
) -> None:
    """Records the result inside the caller's transaction. The unique index on
    (partner, operation, key) makes a racing twin fail, to be replayed instead."""
    await (
        IdempotencyRecord.filter(
            partner_id=partner_id,
            operation=operation,
            key=key,
            created_at__lt=datetime.now(UTC) - WINDOW,
        )
        .using_db(conn)
        .delete()
    )  # an expired record of the same key
    await IdempotencyRecord.create(
        partner_id=partner_id,
        operation=operation,
        key=key,
        request_hash=digest,
        result_id=result_id,
        using_db=conn,
    )
