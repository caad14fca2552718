"""Creating a customer: the New Customer page's rules, then one transaction.

`check` runs every rule and collects every problem (uniqueness included, so
validateOnly reports what a real create would); `write` stores the customer, its
initial admin, its assignments and the audit event together; `create` adds the
operator's switch, idempotent retries and the database's word on uniqueness races.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from gql.domain import audit, idempotency, ids, scoping, system_properties, users
from gql.domain.customers import configuration, records
from gql.domain.customers.access import resolve_flags
from gql.domain.customers.company import CompanyDetails, check_company, duplicates
from gql.domain.identifiers import identifier_key
from gql.domain.problems import Problems
from gql.domain.security import hash_password
from gql.domain.viewer import Viewer
from models.customer import Customer
from models.identity import Partner

OPERATION = "createPartnerCustomer"


@dataclass
class NewCustomer:
    """What the New Customer page sends. `flags` and `configuration` hold only the
    parts the input gave explicitly (what it leaves out comes from the clone source
    or the defaults)."""

    company: CompanyDetails
    admin: users.NewUser
    confirm_password: str
    flags: dict[str, bool] = field(default_factory=dict)
    configuration: dict[str, Any] = field(default_factory=dict)
    clone_from: str | None = None


@dataclass
class Draft:
    """A new customer that passed every rule, ready to write."""

    company: CompanyDetails
    admin: users.NewUser
    flags: dict[str, bool]
    config: records.Configuration
    source: Customer | None


async def creation_disabled(problems: Problems) -> bool:
    if await system_properties.get_bool(system_properties.DISABLE_CREATE_ENTERPRISE):
        problems.add(
            "CREATION_DISABLED",
            "Creating customers is disabled on this orchestrator; ask your operator to enable it.",
        )
        return True
    return False


async def clone_source(problems: Problems, viewer: Viewer, global_id: str | None):
    """The customer to clone: one of the caller's partner's; NOT_FOUND otherwise."""
    if global_id is None:
        return None
    pk = ids.decode_as(global_id, "Customer")
    source = await scoping.own_customers(viewer).get_or_none(id=pk) if pk else None
    if source is None:
        problems.add("NOT_FOUND", "No such customer of your partner.", "cloneFromCustomerId")
    return source


async def check(problems: Problems, viewer: Viewer, partner: Partner, new: NewCustomer) -> Draft:
    """Runs every rule of the page on `new`, adding every problem found."""
    company = check_company(problems, new.company)
    source = await clone_source(problems, viewer, new.clone_from)
    cloned = await records.configuration_of(source) if source is not None else None
    config = (await configuration.plan(problems, partner, new.configuration, cloned=cloned)).after
    new.admin.partner_id = partner.id
    new.admin.company = f"{company.name} {company.domain}"
    await users.validate(new.admin, problems, "admin")
    users.check_confirmation(problems, new.admin.password, new.confirm_password, "admin")
    await duplicates(problems, partner.id, company, new.admin.username)
    return Draft(company, new.admin, resolve_flags(problems, new.flags, None), config, source)


async def write(
    viewer: Viewer, partner: Partner, draft: Draft, password_hash: str, conn
) -> Customer:
    """Stores the checked customer inside the caller's transaction."""
    company, config = draft.company, draft.config
    row = await Customer.create(
        partner_id=partner.id,
        company_name=company.name,
        company_name_key=identifier_key(company.name),
        domain=company.domain,
        account_number=company.account_number,
        account_number_key=identifier_key(company.account_number),
        **company.address_fields(),
        **draft.flags,
        **records.row_fields(config),
        cloned_from_id=draft.source.id if draft.source else None,
        using_db=conn,
    )
    await records.store(row, None, config, conn)
    admin = await users.insert(draft.admin, password_hash, conn, customer_id=row.id)
    await audit.record(
        viewer,
        "customer.create",
        "Customer",
        row.id,
        partner_id=partner.id,
        customer_id=row.id,
        changes={
            "companyName": company.name,
            "domain": company.domain,
            "accountNumber": company.account_number,
            **company.address_fields(),
            **draft.flags,
            **records.changes(None, config),
            "clonedFrom": ids.encode("Customer", draft.source.id) if draft.source else None,
            "admin": {"userId": ids.encode("User", admin.id), "username": draft.admin.username},
        },
        using_db=conn,
    )
    return row


@dataclass
class Retry:
    """The idempotency of one call: its key (None: not idempotent) and input digest."""

    key: str | None
    fingerprint: str


async def create(
    problems: Problems,
    viewer: Viewer,
    new: NewCustomer,
    retry: Retry,
    *,
    validate_only: bool = False,
) -> Customer | None:
    """The new customer (or, for a retry, the one the first call made); None with
    problems, or with validateOnly."""
    partner = await scoping.partners(viewer).get(id=viewer.partner_id)
    if await creation_disabled(problems):
        return None
    if retry.key is not None and not validate_only:
        replayed = await replay(problems, partner.id, retry)
        if replayed is not None or problems:
            return replayed
    draft = await check(problems, viewer, partner, new)
    if problems or validate_only:
        return None
    password_hash = await hash_password(draft.admin.password)
    return await store(problems, viewer, partner, draft, password_hash, retry)


async def store(
    problems: Problems,
    viewer: Viewer,
    partner: Partner,
    draft: Draft,
    password_hash: str,
    retry: Retry,
) -> Customer | None:
    """Writes a checked customer with its idempotency record in one transaction. A
    unique-constraint race lost to another request becomes DUPLICATE, or the replay of
    that request when it had the same key."""
    try:
        async with in_transaction() as conn:
            row = await write(viewer, partner, draft, password_hash, conn)
            if retry.key is not None:
                await idempotency.remember(
                    partner.id, OPERATION, retry.key, retry.fingerprint, row.id, conn
                )
    except IntegrityError:
        if retry.key is not None and (replayed := await replay(problems, partner.id, retry)):
            return replayed
        await duplicates(problems, partner.id, draft.company, draft.admin.username)
        if not problems:
            problems.add("DUPLICATE", "A customer with these details was just created.")
        return None
    return row


async def replay(problems: Problems, partner_id: int, retry: Retry) -> Customer | None:
    """The customer an earlier call with this key made, if any."""
    assert retry.key is not None
    result_id = await idempotency.replay(
        partner_id, OPERATION, retry.key, retry.fingerprint, problems
    )
    return await Customer.get_or_none(id=result_id) if result_id is not None else None
