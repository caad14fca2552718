"""updatePartnerCustomer: changes any field of the New Customer page but the admin.

The rules live in gql.domain.customers.update: fields the input leaves out stay as
they are; what it sends is checked by the same rules as on creation, plus
IMAGE_IN_USE for images that edges still run. Turning an access flag on or off
writes an event of its own, as the orchestrator's ENTERPRISE_ENABLE_PROXY_ACCESS does.
"""

from __future__ import annotations

import strawberry

from gql.domain import idempotency, ids, scoping
from gql.domain.customers import update
from gql.domain.customers.create import Retry
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.inputs import provided_fields
from gql.schema.mutations.customer_inputs import (
    AddressInput,
    CustomerConfigurationInput,
    explicit_configuration,
    explicit_flags,
)
from gql.schema.permissions import IsPartnerAdmin, requires
from gql.schema.types.customer import Customer


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
        description="Take the configuration of another of the partner's customers (not its "
        "access flags); fields sent explicitly win.",
    )
    validate_only: bool | None = strawberry.field(
        default=False, description="Run every check and report every error; write nothing."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="Safe retries: the same key with the same input (within 24 hours) "
        "returns the customer without applying the change again.",
    )


UpdatePartnerCustomerError = mutation_errors(
    "updatePartnerCustomer",
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
    "LICENSE_IN_USE",
    "LICENSE_EDITION_MIX",
    "IDEMPOTENCY_KEY_REUSED",
)


@strawberry.type(description="The result of updatePartnerCustomer.")
class UpdatePartnerCustomerPayload:
    customer: Customer | None = strawberry.field(
        description="The customer as it now is; null on failure and with validateOnly."
    )
    errors: list[UpdatePartnerCustomerError] = strawberry.field(description="Empty on success.")


def _change(input: UpdatePartnerCustomerInput, sent: dict) -> update.CustomerChange:
    return update.CustomerChange(
        company_name=input.company_name if "companyName" in sent else None,
        domain=input.domain if "domain" in sent else None,
        account_number=input.account_number if "accountNumber" in sent else None,
        address=input.address.to_domain() if input.address is not None else None,
        address_sent="address" in sent,
        flags=explicit_flags(input, sent),
        configuration=explicit_configuration(input.configuration, sent),
        clone_from=input.clone_from_customer_id,
    )


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
        return payload(UpdatePartnerCustomerPayload, problems, customer=None)
    retry = Retry(
        key=idempotency.clean_key(problems, input.idempotency_key),
        fingerprint=idempotency.fingerprint(input),
    )
    row = await update.update(
        problems,
        viewer,
        pk,
        _change(input, provided_fields(info)),
        retry,
        validate_only=bool(input.validate_only),
    )
    customer = Customer.from_row(row) if row is not None else None
    return payload(UpdatePartnerCustomerPayload, problems, customer=customer)
