"""Many customers at once: each row through the same rules as one New Customer
(create.check), the rows checked against each other, password hashing in parallel off
the event loop (a bounded number at a time: argon2id takes 19 MiB and a core each).

Rows are written each in its own transaction, or, with `atomic`, all in one: then if
any row fails, none is created and every row reports its own problems (or none).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from gql.domain import idempotency, scoping
from gql.domain.customers import create
from gql.domain.customers.company import duplicates
from gql.domain.problems import Problems
from gql.domain.security import hash_password
from gql.domain.viewer import Viewer
from models.customer import Customer
from models.identity import Partner

MAX_ROWS = 100
# Rows checked at once (each a few queries), and passwords hashed at once.
CHECKS_AT_ONCE = 8
HASHES_AT_ONCE = 4


@dataclass
class Row:
    index: int  # its place in the input
    new: create.NewCustomer
    retry: create.Retry
    validate_only: bool = False
    problems: Problems = field(default_factory=Problems)
    customer: Customer | None = None
    replayed: bool = False  # `customer` is what an earlier call with its key made
    draft: create.Draft | None = None


async def create_many(
    problems: Problems, viewer: Viewer, rows: list[Row], *, atomic: bool, validate_only: bool
) -> None:
    """Fills each row's `customer` (new, or replayed for a known idempotency key) or
    its `problems`; call-level problems (creation disabled) go to `problems`."""
    partner = await scoping.partners(viewer).get(id=viewer.partner_id)
    if await create.creation_disabled(problems):
        return
    pending = [r for r in rows if not await _replayed(partner, r, validate_only)]
    gate = asyncio.Semaphore(CHECKS_AT_ONCE)

    async def check(row: Row) -> None:
        async with gate:
            row.draft = await create.check(row.problems, viewer, partner, row.new)

    await asyncio.gather(*(check(r) for r in pending))
    _collisions(pending)
    writable = [r for r in pending if not r.problems and not r.validate_only]
    if validate_only or (atomic and any(r.problems for r in rows)):
        return
    hashes = await _hashes(writable)
    if atomic:
        await _write_all(viewer, partner, writable, hashes)
        return
    for row, password_hash in zip(writable, hashes, strict=True):
        assert row.draft is not None
        row.customer = await create.store(
            row.problems, viewer, partner, row.draft, password_hash, row.retry
        )


async def _replayed(partner: Partner, row: Row, validate_only: bool) -> bool:
    if row.retry.key is None or validate_only or row.validate_only:
        return False
    row.customer = await create.replay(row.problems, partner.id, row.retry)
    row.replayed = row.customer is not None
    return row.replayed or bool(row.problems)


def _collisions(rows: list[Row]) -> None:
    """DUPLICATE on a later row that repeats an earlier row's account number, username
    or company name (compared as the database compares them)."""
    seen: dict[tuple[str, str], int] = {}
    for row in sorted(rows, key=lambda r: r.index):
        if row.draft is None:
            continue
        company, admin = row.draft.company, row.draft.admin
        for kind, value, path, message in (
            ("account", company.account_number, ("accountNumber",), "account number"),
            ("company", company.name, ("companyName",), "company name"),
            ("username", admin.username, ("admin", "username"), "username"),
        ):
            key = (kind, value.lower())
            if not value:
                continue
            if key in seen:
                row.problems.add(
                    "DUPLICATE", f"Row {seen[key]} of this call has the same {message}.", *path
                )
            else:
                seen[key] = row.index


async def _hashes(rows: list[Row]) -> list[str]:
    gate = asyncio.Semaphore(HASHES_AT_ONCE)

    async def one(row: Row) -> str:
        async with gate:
            return await hash_password(row.new.admin.password)

    return await asyncio.gather(*(one(r) for r in rows))


async def _write_all(viewer: Viewer, partner: Partner, rows: list[Row], hashes: list[str]) -> None:
    """Every row in one transaction; a unique value another request took meanwhile
    fails them all, and each row then reports what is taken."""
    try:
        async with in_transaction() as conn:
            for row, password_hash in zip(rows, hashes, strict=True):
                assert row.draft is not None
                row.customer = await create.write(viewer, partner, row.draft, password_hash, conn)
                if row.retry.key is not None:
                    await idempotency.remember(
                        partner.id,
                        create.OPERATION,
                        row.retry.key,
                        row.retry.fingerprint,
                        row.customer.id,
                        conn,
                    )
    except IntegrityError:
        for row in rows:
            row.customer = None
            assert row.draft is not None
            await duplicates(row.problems, partner.id, row.draft.company, row.draft.admin.username)
            if not row.problems:
                row.problems.add("DUPLICATE", "Another request took a value of this call.")
