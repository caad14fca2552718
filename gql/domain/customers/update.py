"""Changing a customer: any field of the New Customer page but its admin.

Only what the input sends changes; what it sends is checked by the same rules as on
creation (the same `configuration.plan`), plus IMAGE_IN_USE for images that edges
still run. The customer's row is locked for the whole check-and-write, so a
concurrent edge cannot take an image that is being removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from gql.domain import audit, idempotency, ids
from gql.domain.customers import configuration, records
from gql.domain.customers.access import ACCESS_FLAGS, flag_events, resolve_flags
from gql.domain.customers.company import Address, CompanyDetails, check_company, duplicates
from gql.domain.customers.create import Retry, clone_source
from gql.domain.customers.images import lock_customer
from gql.domain.identifiers import identifier_key
from gql.domain.problems import Problems
from gql.domain.viewer import Viewer
from models.customer import Customer
from models.identity import Partner

OPERATION = "updatePartnerCustomer"
_COMPANY = (
    ("company_name", "companyName"),
    ("domain", "domain"),
    ("account_number", "accountNumber"),
)


@dataclass
class CustomerChange:
    """What the input sends; None (or absent from a dict) stays as it is."""

    company_name: str | None = None
    domain: str | None = None
    account_number: str | None = None
    address: Address | None = None
    address_sent: bool = False
    flags: dict[str, bool] = field(default_factory=dict)
    configuration: dict[str, Any] = field(default_factory=dict)
    clone_from: str | None = None


@dataclass
class _Plan:
    """What the update will write, gathered while checking."""

    fields: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, Any] = field(default_factory=dict)
    before: records.Configuration | None = None
    after: records.Configuration | None = None


def _details(change: CustomerChange, customer: Customer) -> CompanyDetails:
    return CompanyDetails(
        name=customer.company_name if change.company_name is None else change.company_name,
        domain=customer.domain if change.domain is None else change.domain,
        account_number=(
            customer.account_number if change.account_number is None else change.account_number
        ),
        address=change.address,
    )


async def _company(problems: Problems, customer: Customer, change: CustomerChange, plan: _Plan):
    # Only what the input sends is checked: a value stored before a rule was tightened
    # (a domain IDNA 2003 allowed, a name that mixes scripts, a key parked by
    # migration 0007) does not block other changes of the customer.
    checked = Problems()
    details = check_company(checked, _details(change, customer))
    await duplicates(checked, customer.partner_id, details, None, exclude_customer=customer.id)
    sent = {key for attr, key in _COMPANY if getattr(change, attr) is not None}
    if change.address_sent:
        sent.add("address")
    problems.items += [item for item in checked.items if item[2] and item[2][1] in sent]
    for attr, key in _COMPANY:
        value = getattr(details, "name" if attr == "company_name" else attr)
        if getattr(change, attr) is not None and value != getattr(customer, attr):
            plan.fields[attr] = value
            plan.changes[key] = value
    if "companyName" in plan.changes:
        plan.fields["company_name_key"] = identifier_key(details.name)
    if "accountNumber" in plan.changes:
        plan.fields["account_number_key"] = identifier_key(details.account_number)
    if change.address_sent:
        plan.fields.update(details.address_fields())
        plan.changes["address"] = details.address_fields()


async def check(
    problems: Problems, viewer: Viewer, customer: Customer, change: CustomerChange, conn
) -> _Plan:
    """Every rule on the change of a locked customer, adding every problem found."""
    plan = _Plan()
    await _company(problems, customer, change, plan)
    source = await clone_source(problems, viewer, change.clone_from)
    flags = resolve_flags(problems, change.flags, customer)
    for attr, (key, _, _) in ACCESS_FLAGS.items():
        if flags[attr] != getattr(customer, attr):
            plan.fields[attr] = plan.changes[key] = flags[attr]
    cloned = await records.configuration_of(source) if source is not None else None
    partner = await Partner.filter(id=customer.partner_id).using_db(conn).get()
    state = await configuration.plan(
        problems, partner, change.configuration, cloned=cloned, customer=customer, conn=conn
    )
    await configuration.guard_removals(state)
    await configuration.guard_license_removals(state)
    plan.before, plan.after = state.before, state.after
    plan.fields.update(records.row_fields(plan.after))
    plan.changes.update(records.changes(plan.before, plan.after))
    if source is not None:
        plan.fields["cloned_from_id"] = source.id
        plan.changes["clonedFrom"] = ids.encode("Customer", source.id)
    return plan


async def _apply(viewer: Viewer, customer: Customer, plan: _Plan, conn) -> None:
    for attr, value in plan.fields.items():
        setattr(customer, attr, value)
    await customer.save(using_db=conn)
    await records.store(customer, plan.before, plan.after, conn)
    changes = dict(plan.changes)
    events = [*flag_events(changes), ("customer.update", changes)]
    for action, event_changes in events:
        await audit.record(
            viewer,
            action,
            "Customer",
            customer.id,
            partner_id=customer.partner_id,
            customer_id=customer.id,
            changes=event_changes,
            using_db=conn,
        )


async def update(
    problems: Problems,
    viewer: Viewer,
    customer_pk: int,
    change: CustomerChange,
    retry: Retry,
    *,
    validate_only: bool = False,
) -> Customer | None:
    """The customer as it now is (or, for a retry, as the first call left it); None
    with problems, or with validateOnly."""
    if retry.key is not None and not validate_only:
        replayed = await _replay(problems, customer_pk, retry)
        if replayed is not None or problems:
            return replayed
    try:
        async with in_transaction() as conn:
            customer = await lock_customer(customer_pk, conn)
            if customer is None:  # deleted since the caller found it
                problems.add("NOT_FOUND", "No such customer.", "id")
                return None
            plan = await check(problems, viewer, customer, change, conn)
            if problems or validate_only:
                return None
            await _apply(viewer, customer, plan, conn)
            if retry.key is not None:
                await idempotency.remember(
                    customer.partner_id, OPERATION, retry.key, retry.fingerprint, customer.id, conn
                )
    except IntegrityError:
        if retry.key is not None and (replayed := await _replay(problems, customer_pk, retry)):
            return replayed
        customer = await Customer.get(id=customer_pk)
        details = _details(change, customer)
        await duplicates(problems, customer.partner_id, details, None, exclude_customer=customer_pk)
        if not problems:
            problems.add("DUPLICATE", "These details were just taken by another customer.")
        return None
    return customer


async def _replay(problems: Problems, customer_pk: int, retry: Retry) -> Customer | None:
    assert retry.key is not None
    customer = await Customer.get(id=customer_pk)
    result_id = await idempotency.replay(
        customer.partner_id, OPERATION, retry.key, retry.fingerprint, problems
    )
    return customer if result_id == customer_pk else None
