"""updatePartnerCustomer: changes any field of the New Customer page but the admin.

Fields the input leaves out stay as they are; what it sends is checked by the same
rules as on creation, plus IMAGE_IN_USE for images that edges still run. Turning an
access flag on or off writes an event of its own, as the orchestrator's
ENTERPRISE_ENABLE_PROXY_ACCESS does.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import strawberry
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from gql.domain import audit, idempotency, ids, scoping
from gql.domain.customer_fields import CompanyDetails, check_company, duplicates
from gql.domain.customer_images import (
    assigned_images,
    check_removals,
    lock_customer,
    replace_images,
)
from gql.domain.customer_rules import (
    check_analytics,
    check_licenses,
    check_pool,
    choose_images,
    configuration_of,
    partner_images,
)
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import UserError, error_codes
from gql.schema.inputs import provided_fields
from gql.schema.mutations.create_partner_customer import CustomerConfigurationInput
from gql.schema.mutations.customer_inputs import AddressInput
from gql.schema.permissions import IsPartnerAdmin, requires
from gql.schema.types.customer import Customer
from models.customer import Customer as CustomerRow
from models.customer import CustomerEdgeLicense
from models.identity import Partner as PartnerRow

OPERATION = "updatePartnerCustomer"
ACCESS_FLAGS = {
    "partner_support_access": ("partnerSupportAccess", "partnerSupport"),
    "operator_support_access": ("operatorSupportAccess", "operatorSupport"),
    "operator_user_management_access": ("operatorUserManagementAccess", "operatorUserManagement"),
}


@strawberry.input(description="What to change of a customer; omitted fields stay as they are.")
class UpdatePartnerCustomerInput:
    id: strawberry.ID = strawberry.field(description="The customer.")
    company_name: str | None = strawberry.field(default=None, description="The company name.")
    domain: str | None = strawberry.field(default=None, description="The DNS domain.")
    account_number: str | None = strawberry.field(
        default=None, description="Unique across the orchestrator."
    )
    partner_support_access: bool | None = strawberry.field(
        default=None, description="Partner Support Access."
    )
    operator_support_access: bool | None = strawberry.field(
        default=None, description="VeloCloud Support Access."
    )
    operator_user_management_access: bool | None = strawberry.field(
        default=None, description="VeloCloud User Management Access."
    )
    address: AddressInput | None = strawberry.field(
        default=None, description="The whole address (replaces the current one)."
    )
    configuration: CustomerConfigurationInput | None = strawberry.field(
        default=None,
        description="Configuration fields to change; only those sent change (images replace "
        "the set, licenses replace the set).",
    )
    clone_from_customer_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Take the configuration and access flags of another of the partner's "
        "customers; fields sent explicitly win.",
    )
    validate_only: bool | None = strawberry.field(
        default=False, description="Run every check and report every error; write nothing."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="Safe retries: the same key with the same input (within 24 hours) "
        "returns the customer without applying the change again.",
    )


UpdatePartnerCustomerErrorCode = error_codes(
    "UpdatePartnerCustomerErrorCode",
    "REQUIRED",
    "INVALID",
    "DUPLICATE",
    "NOT_FOUND",
    "NOT_AVAILABLE",
    "EDGE_LICENSING_DISABLED",
    "ANALYTICS_UNAVAILABLE",
    "SINGLE_IMAGE_ONLY",
    "DEFAULT_IMAGE_REQUIRED",
    "IMAGE_IN_USE",
    "LICENSE_EDITION_MIX",
    "IDEMPOTENCY_KEY_REUSED",
)


@strawberry.type(description="A problem with updatePartnerCustomer's input.")
class UpdatePartnerCustomerError(UserError):
    code: UpdatePartnerCustomerErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="The result of updatePartnerCustomer.")
class UpdatePartnerCustomerPayload:
    customer: Customer | None = strawberry.field(
        description="The customer as it now is; null on failure and with validateOnly."
    )
    errors: list[UpdatePartnerCustomerError] = strawberry.field(description="Empty on success.")


def _payload(problems: Problems, row: CustomerRow | None = None) -> UpdatePartnerCustomerPayload:
    return UpdatePartnerCustomerPayload(
        customer=Customer.from_row(row) if row else None,
        errors=problems.build(UpdatePartnerCustomerError, UpdatePartnerCustomerErrorCode),
    )


@dataclasses.dataclass
class _Plan:
    """What the update will write, gathered while checking."""

    fields: dict[str, Any] = dataclasses.field(default_factory=dict)
    images: tuple[list[int], int] | None = None
    licenses: list[int] | None = None
    changes: dict[str, Any] = dataclasses.field(default_factory=dict)


@strawberry.mutation(
    **requires(IsPartnerAdmin, "Changes a customer of the caller's partner (not its admin).")
)
async def update_partner_customer(
    info: Info, input: UpdatePartnerCustomerInput
) -> UpdatePartnerCustomerPayload:
    viewer = info.context.user
    problems = Problems()
    pk = ids.decode_as(input.id, "Customer")
    if pk is None or not await scoping.own_customers(viewer).filter(id=pk).exists():
        problems.add("NOT_FOUND", "No such customer of your partner.", "id")
        return _payload(problems)
    key = idempotency.clean_key(problems, input.idempotency_key)
    fingerprint = idempotency.fingerprint(input)
    if key is not None and not input.validate_only:
        replayed = await _replay(pk, key, fingerprint, problems)
        if replayed is not None:
            return _payload(problems, replayed)
    if problems:
        return _payload(problems)

    sent = provided_fields(info)
    partner = await scoping.partners(viewer).get(id=viewer.partner_id)
    try:
        async with in_transaction() as conn:
            customer = await lock_customer(pk, conn)
            plan = await _check(problems, partner, customer, input, sent, viewer, conn)
            if problems or input.validate_only:
                return _payload(problems)
            await _apply(customer, plan, conn)
            await _audit(viewer, customer, plan, conn)
            if key is not None:
                await idempotency.remember(
                    partner.id, OPERATION, key, fingerprint, customer.id, conn
                )
    except IntegrityError:
        if key is not None and (replayed := await _replay(pk, key, fingerprint, problems)):
            return _payload(problems, replayed)
        details = _details(input, customer)
        await duplicates(problems, partner.id, details, None, exclude_customer=pk)
        if not problems:
            problems.add("DUPLICATE", "These details were just taken by another customer.")
        return _payload(problems)
    return _payload(problems, customer)


def _details(input: UpdatePartnerCustomerInput, customer: CustomerRow) -> CompanyDetails:
    return CompanyDetails(
        name=customer.company_name if input.company_name is None else input.company_name,
        domain=customer.domain if input.domain is None else input.domain,
        account_number=(
            customer.account_number if input.account_number is None else input.account_number
        ),
        address=input.address.to_domain() if input.address is not None else None,
    )


async def _check(
    problems: Problems,
    partner: PartnerRow,
    customer: CustomerRow,
    input: UpdatePartnerCustomerInput,
    sent: dict[str, Any],
    viewer,
    conn,
) -> _Plan:
    plan = _Plan()
    details = check_company(problems, _details(input, customer))
    for attr, key, value in (
        ("company_name", "companyName", details.name),
        ("domain", "domain", details.domain),
        ("account_number", "accountNumber", details.account_number),
    ):
        if key in sent and getattr(input, attr) is not None and value != getattr(customer, attr):
            plan.fields[attr] = value
            plan.changes[key] = value
    if "companyName" in plan.changes:
        plan.fields["company_name_key"] = details.name.lower()
    if "accountNumber" in plan.changes:
        plan.fields["account_number_key"] = details.account_number.lower()
    if "address" in sent:
        address = details.address_fields()
        plan.fields.update(address)
        plan.changes["address"] = address
    await duplicates(problems, partner.id, details, None, exclude_customer=customer.id)

    source = None
    if input.clone_from_customer_id is not None:
        source_pk = ids.decode_as(input.clone_from_customer_id, "Customer")
        source = (
            await scoping.own_customers(viewer).get_or_none(id=source_pk) if source_pk else None
        )
        if source is None:
            problems.add("NOT_FOUND", "No such customer of your partner.", "cloneFromCustomerId")
    for attr, (key, _) in ACCESS_FLAGS.items():
        value = getattr(input, attr) if key in sent else None
        if value is None and source is not None:
            value = getattr(source, attr)
        if value is not None and value != getattr(customer, attr):
            plan.fields[attr] = value
            plan.changes[key] = value
    await _check_configuration(problems, partner, customer, input, sent, source, plan, conn)
    if source is not None:
        plan.fields["cloned_from_id"] = source.id
        plan.changes["clonedFrom"] = ids.encode("Customer", source.id)
    return plan


async def _check_configuration(
    problems: Problems,
    partner: PartnerRow,
    customer: CustomerRow,
    input: UpdatePartnerCustomerInput,
    sent: dict[str, Any],
    source: CustomerRow | None,
    plan: _Plan,
    conn,
) -> None:
    given = input.configuration or CustomerConfigurationInput()
    sent_config = sent.get("configuration") if isinstance(sent.get("configuration"), dict) else {}
    cloned = await configuration_of(source) if source is not None else None
    here, there = ("configuration",), ("cloneFromCustomerId",)

    def wanted(attr: str, key: str, clone_value: Any) -> tuple[Any, tuple[str, ...]] | None:
        """(value, path) when the update sets this field, None when it stays."""
        value = getattr(given, attr)
        if key in sent_config and value is not None:
            return value, (*here, key)
        if cloned is not None:
            return clone_value, there
        return None

    manage = wanted(
        "manage_software_images", "manageSoftwareImages", cloned and cloned.manage_software_images
    )
    effective_manage = customer.manage_software_images if manage is None else manage[0]
    if manage is not None and manage[0] != customer.manage_software_images:
        plan.fields["manage_software_images"] = manage[0]
        plan.changes["manageSoftwareImages"] = manage[0]

    images = wanted("software_image_ids", "softwareImageIds", cloned and cloned.image_pks)
    default = wanted(
        "default_software_image_id", "defaultSoftwareImageId", cloned and cloned.default_image_pk
    )
    current = await assigned_images(customer.id, conn)
    if images is not None or default is not None or manage is not None:
        image_ids = images[0] if images is not None else current
        image_path = images[1] if images is not None else (*here, "manageSoftwareImages")
        default_pk = None
        default_path = default[1] if default is not None else (*here, "defaultSoftwareImageId")
        available = await partner_images(partner.id)
        if default is not None:
            default_pk = (
                default[0]
                if isinstance(default[0], int)
                else ids.decode_as(default[0], "SoftwareImage")
            )
            if default_pk not in available:
                problems.add(
                    "NOT_AVAILABLE", "This image is not available to your partner.", *default_path
                )
        if images is not None and not image_ids:
            problems.add("REQUIRED", "Assign at least one image.", *image_path)
            chosen = None
        else:
            # Images the customer already has stay assignable even if the partner has
            # since lost them; new ones must be available to the partner.
            chosen = choose_images(
                problems,
                available | set(current),
                image_ids,
                manage=effective_manage,
                default=default_pk,
                current_default=customer.default_software_image_id,
                image_path=image_path,
                default_path=default_path,
            )
        if chosen is not None:
            await check_removals(problems, customer.id, chosen[0], conn, *image_path)
            plan.images = chosen
            plan.changes["softwareImageIds"] = [ids.encode("SoftwareImage", p) for p in chosen[0]]
            plan.changes["defaultSoftwareImageId"] = ids.encode("SoftwareImage", chosen[1])

    pool = wanted("gateway_pool_id", "gatewayPoolId", cloned and cloned.pool_pk)
    if pool is not None:
        pool_pk = await check_pool(problems, partner, pool[0], pool[1])
        if pool_pk is not None and pool_pk != customer.gateway_pool_id:
            plan.fields["gateway_pool_id"] = pool_pk
            plan.changes["gatewayPoolId"] = ids.encode("GatewayPool", pool_pk)

    licenses = wanted("edge_license_ids", "edgeLicenseIds", cloned and cloned.license_pks)
    if licenses is not None:
        plan.licenses = await check_licenses(problems, partner, licenses[0], licenses[1])
        plan.changes["edgeLicenseIds"] = [ids.encode("EdgeLicense", p) for p in plan.licenses]

    analytics = wanted("analytics_enabled", "analyticsEnabled", cloned and cloned.analytics_enabled)
    if analytics is not None and analytics[0] != customer.analytics_enabled:
        await check_analytics(problems, analytics[0], analytics[1])
        plan.fields["analytics_enabled"] = analytics[0]
        plan.changes["analyticsEnabled"] = analytics[0]


async def _apply(customer: CustomerRow, plan: _Plan, conn) -> None:
    for attr, value in plan.fields.items():
        setattr(customer, attr, value)
    await customer.save(using_db=conn)
    if plan.images is not None:
        await replace_images(customer, *plan.images, conn)
    if plan.licenses is not None:
        await CustomerEdgeLicense.filter(customer_id=customer.id).using_db(conn).delete()
        await CustomerEdgeLicense.bulk_create(
            [CustomerEdgeLicense(customer_id=customer.id, license_id=p) for p in plan.licenses],
            using_db=conn,
        )


async def _audit(viewer, customer: CustomerRow, plan: _Plan, conn) -> None:
    changes = dict(plan.changes)
    for key, name in ACCESS_FLAGS.values():
        if key in changes:
            enabled = changes.pop(key)
            await audit.record(
                viewer,
                f"customer.access.{name}.{'enable' if enabled else 'disable'}",
                "Customer",
                customer.id,
                partner_id=customer.partner_id,
                customer_id=customer.id,
                changes={key: enabled},
                using_db=conn,
            )
    await audit.record(
        viewer,
        "customer.update",
        "Customer",
        customer.id,
        partner_id=customer.partner_id,
        customer_id=customer.id,
        changes=changes,
        using_db=conn,
    )


async def _replay(
    customer_pk: int, key: str, digest: str, problems: Problems
) -> CustomerRow | None:
    customer = await CustomerRow.get(id=customer_pk)
    result_id = await idempotency.replay(customer.partner_id, OPERATION, key, digest, problems)
    return customer if result_id == customer_pk else None
