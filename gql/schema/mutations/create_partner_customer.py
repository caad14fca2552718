"""createPartnerCustomer: the Partner portal's New Customer page.

One pass checks every rule and collects every problem; then the customer, its initial
admin, its image and license assignments, the audit event and the idempotency record
are written in one transaction. The database decides uniqueness races.
"""

from __future__ import annotations

import strawberry
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from gql.domain import audit, idempotency, ids, scoping, system_properties, users
from gql.domain.customer_fields import CompanyDetails, check_company, duplicates
from gql.domain.customer_rules import Configuration, Requested, apply_rules, configuration_of
from gql.domain.problems import Problems
from gql.domain.security import hash_password
from gql.schema.context import Info
from gql.schema.errors import UserError, error_codes
from gql.schema.inputs import provided_fields
from gql.schema.mutations.customer_inputs import AddressInput
from gql.schema.permissions import IsPartnerAdmin, requires
from gql.schema.types.customer import Customer
from models.customer import Customer as CustomerRow
from models.customer import CustomerEdgeLicense, CustomerSoftwareImage
from models.enums import Role
from models.identity import Partner as PartnerRow

OPERATION = "createPartnerCustomer"


@strawberry.input(description="The customer's first admin account (its ENTERPRISE_SUPERUSER).")
class InitialAdminInput:
    username: str = strawberry.field(
        description="user@domain.com format, unique across the orchestrator."
    )
    password: str = strawberry.field(description="The password; the policy applies.")
    confirm_password: str = strawberry.field(description="The password again.")
    first_name: str | None = strawberry.field(default=None, description="First name.")
    last_name: str | None = strawberry.field(default=None, description="Last name.")
    phone: str | None = strawberry.field(default=None, description="International number.")
    mobile_phone: str | None = strawberry.field(default=None, description="International number.")
    contact_email: str | None = strawberry.field(
        default=None, description="Alerts on service status are sent here."
    )


@strawberry.input(description="The customer's configuration.")
class CustomerConfigurationInput:
    manage_software_images: bool | None = strawberry.field(
        default=False,
        description="Let the customer's superuser manage its images; when false exactly one "
        "image is assigned.",
    )
    software_image_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Images to assign; none: the partner's default image."
    )
    default_software_image_id: strawberry.ID | None = strawberry.field(
        default=None, description="The default among them."
    )
    gateway_pool_id: strawberry.ID | None = strawberry.field(
        default=None, description="The gateway pool; none: the partner's default pool."
    )
    edge_license_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Edge licenses to assign (needs partner edge licensing)."
    )
    analytics_enabled: bool | None = strawberry.field(
        default=False, description="Enable Analytics (needs the operator to have enabled it)."
    )


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
        description="Copy the configuration of one of the partner's customers (images, "
        "pool, licenses, analytics, access flags); explicit input overrides it.",
    )
    validate_only: bool | None = strawberry.field(
        default=False, description="Run every check and report every error; write nothing."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="Safe retries: the same key with the same input (within 24 hours) "
        "returns the first result instead of creating a second customer.",
    )


CreatePartnerCustomerErrorCode = error_codes(
    "CreatePartnerCustomerErrorCode",
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


@strawberry.type(description="A problem with createPartnerCustomer's input.")
class CreatePartnerCustomerError(UserError):
    code: CreatePartnerCustomerErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="The result of createPartnerCustomer.")
class CreatePartnerCustomerPayload:
    customer: Customer | None = strawberry.field(
        description="The new customer; null on failure and with validateOnly."
    )
    errors: list[CreatePartnerCustomerError] = strawberry.field(description="Empty on success.")


def _payload(problems: Problems, row: CustomerRow | None = None) -> CreatePartnerCustomerPayload:
    return CreatePartnerCustomerPayload(
        customer=Customer.from_row(row) if row else None,
        errors=problems.build(CreatePartnerCustomerError, CreatePartnerCustomerErrorCode),
    )


@strawberry.mutation(**requires(IsPartnerAdmin, "Creates a customer of the caller's partner."))
async def create_partner_customer(
    info: Info, input: CreatePartnerCustomerInput
) -> CreatePartnerCustomerPayload:
    viewer = info.context.user
    problems = Problems()
    partner = await scoping.partners(viewer).get(id=viewer.partner_id)
    if await system_properties.get_bool(system_properties.DISABLE_CREATE_ENTERPRISE):
        problems.add(
            "CREATION_DISABLED",
            "Creating customers is disabled on this orchestrator; ask your operator to enable it.",
        )
        return _payload(problems)

    key = idempotency.clean_key(problems, input.idempotency_key)
    fingerprint = idempotency.fingerprint(input)
    if key is not None and not input.validate_only:
        replayed = await _replay(partner.id, key, fingerprint, problems)
        if replayed is not None:
            return _payload(problems, replayed)
    if problems:
        return _payload(problems)

    company = check_company(problems, _company_details(input))
    source = None
    if input.clone_from_customer_id is not None:
        pk = ids.decode_as(input.clone_from_customer_id, "Customer")
        source = await scoping.own_customers(viewer).get_or_none(id=pk) if pk else None
        if source is None:
            problems.add("NOT_FOUND", "No such customer of your partner.", "cloneFromCustomerId")
    sent = provided_fields(info)
    flags = _access_flags(input, sent, source)
    sent_config = sent.get("configuration")
    cloned = await configuration_of(source) if source is not None else None
    config = await apply_rules(
        problems,
        partner,
        _requested(input, sent_config if isinstance(sent_config, dict) else {}, cloned),
    )
    admin = users.NewUser(
        role=Role.ENTERPRISE_SUPERUSER,
        username=input.admin.username,
        password=input.admin.password,
        partner_id=partner.id,
        first_name=input.admin.first_name,
        last_name=input.admin.last_name,
        phone=input.admin.phone,
        mobile_phone=input.admin.mobile_phone,
        contact_email=input.admin.contact_email,
        company=" ".join((company.name, company.domain)),
    )
    await users.validate(admin, problems, "admin")
    if input.admin.confirm_password != input.admin.password:
        problems.add("PASSWORD_MISMATCH", "The passwords do not match.", "admin", "confirmPassword")
    await duplicates(problems, partner.id, company, admin.username)
    if problems or input.validate_only:
        return _payload(problems)

    password_hash = await hash_password(admin.password)
    try:
        row = await _write(
            viewer, partner, company, flags, config, admin, password_hash, source, key, fingerprint
        )
    except IntegrityError:
        # Another request won a race for a unique value: report which, or replay it.
        if key is not None and (replay := await _replay(partner.id, key, fingerprint, problems)):
            return _payload(problems, replay)
        await duplicates(problems, partner.id, company, admin.username)
        if not problems:
            problems.add("DUPLICATE", "A customer with these details was just created.")
        return _payload(problems)
    return _payload(problems, row)


def _company_details(input: CreatePartnerCustomerInput) -> CompanyDetails:
    return CompanyDetails(
        name=input.company_name,
        domain=input.domain,
        account_number=input.account_number,
        address=input.address.to_domain() if input.address is not None else None,
    )


def _access_flags(
    input: CreatePartnerCustomerInput, sent: dict, source: CustomerRow | None
) -> dict[str, bool]:
    """Explicit input first, then the clone source, then the page's defaults."""
    flags = {}
    for attr, key, default in (
        ("partner_support_access", "partnerSupportAccess", True),
        ("operator_support_access", "operatorSupportAccess", True),
        ("operator_user_management_access", "operatorUserManagementAccess", False),
    ):
        value = getattr(input, attr)
        if key in sent and value is not None:
            flags[attr] = value
        elif source is not None:
            flags[attr] = getattr(source, attr)
        else:
            flags[attr] = default
    return flags


def _requested(
    input: CreatePartnerCustomerInput, sent: dict, cloned: Configuration | None
) -> Requested:
    given = input.configuration or CustomerConfigurationInput()
    here, there = ("configuration",), ("cloneFromCustomerId",)

    def pick(attr: str, key: str, clone_value: object, default: object) -> tuple[object, tuple]:
        value = getattr(given, attr)
        if key in sent and value is not None:
            return value, (*here, key)
        if cloned is not None:
            return clone_value, there
        return default, (*here, key)

    manage, _ = pick(
        "manage_software_images",
        "manageSoftwareImages",
        cloned and cloned.manage_software_images,
        False,
    )
    images, image_path = pick(
        "software_image_ids", "softwareImageIds", cloned and cloned.image_pks, None
    )
    default, default_path = pick(
        "default_software_image_id",
        "defaultSoftwareImageId",
        cloned and cloned.default_image_pk,
        None,
    )
    if "softwareImageIds" in sent and "defaultSoftwareImageId" not in sent:
        default, default_path = None, (*here, "defaultSoftwareImageId")
    pool, pool_path = pick("gateway_pool_id", "gatewayPoolId", cloned and cloned.pool_pk, None)
    licenses, license_path = pick(
        "edge_license_ids", "edgeLicenseIds", cloned and cloned.license_pks, None
    )
    analytics, analytics_path = pick(
        "analytics_enabled", "analyticsEnabled", cloned and cloned.analytics_enabled, False
    )
    return Requested(
        manage_software_images=bool(manage),
        image_ids=images,  # type: ignore[arg-type]
        image_path=image_path,
        default_image_id=default,  # type: ignore[arg-type]
        default_path=default_path,
        pool_id=pool,  # type: ignore[arg-type]
        pool_path=pool_path,
        license_ids=licenses,  # type: ignore[arg-type]
        license_path=license_path,
        analytics_enabled=bool(analytics),
        analytics_path=analytics_path,
    )


async def _replay(partner_id: int, key: str, digest: str, problems: Problems) -> CustomerRow | None:
    result_id = await idempotency.replay(partner_id, OPERATION, key, digest, problems)
    return await CustomerRow.get_or_none(id=result_id) if result_id is not None else None


async def _write(
    viewer,
    partner: PartnerRow,
    company,
    flags,
    config: Configuration,
    admin,
    password_hash,
    source: CustomerRow | None,
    key: str | None,
    fingerprint: str,
) -> CustomerRow:
    async with in_transaction() as conn:
        row = await CustomerRow.create(
            partner_id=partner.id,
            company_name=company.name,
            company_name_key=company.name.lower(),
            domain=company.domain,
            account_number=company.account_number,
            account_number_key=company.account_number.lower(),
            **company.address_fields(),
            **flags,
            manage_software_images=config.manage_software_images,
            default_software_image_id=config.default_image_pk,
            gateway_pool_id=config.pool_pk,
            analytics_enabled=config.analytics_enabled,
            cloned_from_id=source.id if source else None,
            using_db=conn,
        )
        await CustomerSoftwareImage.bulk_create(
            [CustomerSoftwareImage(customer_id=row.id, image_id=pk) for pk in config.image_pks],
            using_db=conn,
        )
        await CustomerEdgeLicense.bulk_create(
            [CustomerEdgeLicense(customer_id=row.id, license_id=pk) for pk in config.license_pks],
            using_db=conn,
        )
        user = await users.insert(admin, password_hash, conn, customer_id=row.id)
        if key is not None:
            await idempotency.remember(partner.id, OPERATION, key, fingerprint, row.id, conn)
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
                **flags,
                "manageSoftwareImages": config.manage_software_images,
                "softwareImageIds": [ids.encode("SoftwareImage", p) for p in config.image_pks],
                "defaultSoftwareImageId": ids.encode("SoftwareImage", config.default_image_pk),
                "gatewayPoolId": ids.encode("GatewayPool", config.pool_pk),
                "edgeLicenseIds": [ids.encode("EdgeLicense", p) for p in config.license_pks],
                "analyticsEnabled": config.analytics_enabled,
                "clonedFrom": ids.encode("Customer", source.id) if source else None,
                "admin": {"userId": ids.encode("User", user.id), "username": admin.username},
            },
            using_db=conn,
        )
    return row
