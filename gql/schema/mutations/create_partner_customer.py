"""createPartnerCustomer: the Partner portal's New Customer page.

The rules live in gql.domain.customers.create: one pass checks every rule and
collects every problem, then the customer, its initial admin, its assignments, the
audit event and the idempotency record are written in one transaction.
"""

from __future__ import annotations

import strawberry

from gql.domain import idempotency, users
from gql.domain.customers import create
from gql.domain.customers.company import CompanyDetails
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.inputs import provided_fields
from gql.schema.mutations.customer_inputs import (
    AddressInput,
    CustomerConfigurationInput,
    InitialAdminInput,
    explicit_configuration,
    explicit_flags,
)
from gql.schema.permissions import IsPartnerAdmin, requires
from gql.schema.types.customer import Customer
from models.enums import Role


@strawberry.input(description="A new customer, as the New Customer page enters it.")
class CreatePartnerCustomerInput:
    company_name: str = strawberry.field(description="The customer's company name.")
    domain: str = strawberry.field(description='A DNS domain name, e.g. "acme.example".')
    account_number: str = strawberry.field(description="Unique across the orchestrator.")
    partner_support_access: bool | None = strawberry.field(
        default=True, description="The partner's support team may view and troubleshoot edges."
    )
    operator_support_access: bool | None = strawberry.field(
        default=True, description="VeloCloud Support Access."
    )
    operator_user_management_access: bool | None = strawberry.field(
        default=False, description="VeloCloud User Management Access."
    )
    address: AddressInput | None = strawberry.field(default=None, description="The address.")
    admin: InitialAdminInput = strawberry.field(description="The initial admin account.")
    configuration: CustomerConfigurationInput | None = strawberry.field(
        default=None, description="Images, pool, licenses and analytics."
    )
    clone_from_customer_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Copy the configuration of one of the partner's customers (Manage "
        "Software Images, images and default, pool, licenses, analytics); explicit input "
        "overrides it. The access flags are never copied: they take the page's defaults "
        "unless given.",
    )
    validate_only: bool | None = strawberry.field(
        default=False, description="Run every check and report every error; write nothing."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="Safe retries: the same key with the same input (within 24 hours) "
        "returns the first result instead of creating a second customer.",
    )


CreatePartnerCustomerError = mutation_errors(
    "createPartnerCustomer",
    "REQUIRED",
    "INVALID",
    "DUPLICATE",
    "PASSWORD_MISMATCH",
    "PASSWORD_TOO_WEAK",
    "NOT_FOUND",
    "NOT_AVAILABLE",
    "CREATION_DISABLED",
    "EDGE_LICENSING_DISABLED",
    "ANALYTICS_UNAVAILABLE",
    "SINGLE_IMAGE_ONLY",
    "DEFAULT_IMAGE_REQUIRED",
    "LICENSE_EDITION_MIX",
    "IDEMPOTENCY_KEY_REUSED",
)


@strawberry.type(description="The result of createPartnerCustomer.")
class CreatePartnerCustomerPayload:
    customer: Customer | None = strawberry.field(
        description="The new customer; null on failure and with validateOnly."
    )
    errors: list[CreatePartnerCustomerError] = strawberry.field(description="Empty on success.")


def new_customer(input: CreatePartnerCustomerInput, sent: dict) -> create.NewCustomer:
    """The domain's view of one New Customer input (`sent`: the fields given)."""
    admin = input.admin
    return create.NewCustomer(
        company=CompanyDetails(
            name=input.company_name,
            domain=input.domain,
            account_number=input.account_number,
            address=input.address.to_domain() if input.address is not None else None,
        ),
        admin=users.NewUser(
            role=Role.ENTERPRISE_SUPERUSER,
            username=admin.username,
            password=admin.password,
            first_name=admin.first_name,
            last_name=admin.last_name,
            phone=admin.phone,
            mobile_phone=admin.mobile_phone,
            contact_email=admin.contact_email,
        ),
        confirm_password=admin.confirm_password,
        flags=explicit_flags(input, sent),
        configuration=explicit_configuration(input.configuration, sent),
        clone_from=input.clone_from_customer_id,
    )


def retry_of(problems: Problems, input: CreatePartnerCustomerInput) -> create.Retry:
    return create.Retry(
        key=idempotency.clean_key(problems, input.idempotency_key),
        fingerprint=idempotency.fingerprint(input),
    )


@strawberry.mutation(**requires(IsPartnerAdmin, "Creates a customer of the caller's partner."))
async def create_partner_customer(
    info: Info, input: CreatePartnerCustomerInput
) -> CreatePartnerCustomerPayload:
    problems = Problems()
    row = await create.create(
        problems,
        info.context.user,
        new_customer(input, provided_fields(info)),
        retry_of(problems, input),
        validate_only=bool(input.validate_only),
    )
    customer = Customer.from_row(row) if row is not None else None
    return payload(CreatePartnerCustomerPayload, problems, customer=customer)
