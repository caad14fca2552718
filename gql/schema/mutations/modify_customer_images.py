"""modifyCustomerImages: replaces the software images assigned to a customer, by the
same rules (gql.domain.customers.configuration) as creating and updating it.

The partner's admins may call it; so may the customer's own superuser while the
partner delegated image management to it (Manage Software Images), choosing among
the images the partner may assign."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, ids, scoping
from gql.domain.customers import configuration, records
from gql.domain.customers.images import lock_customer
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import CanModifyImages, requires
from gql.schema.types.customer import Customer
from models.identity import Partner


@strawberry.input(description="The images a customer should have from now on.")
class ModifyCustomerImagesInput:
    customer_id: strawberry.ID = strawberry.field(description="The customer.")
    software_image_ids: list[strawberry.ID] = strawberry.field(
        description="The full set of images (replaces the current one)."
    )
    default_software_image_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The default among them; may be omitted when the current default stays "
        "or exactly one image remains.",
    )


ModifyCustomerImagesError = mutation_errors(
    "modifyCustomerImages",
    "NOT_DELEGATED",
    "REQUIRED",
    "INVALID",
    "NOT_FOUND",
    "NOT_AVAILABLE",
    "SINGLE_IMAGE_ONLY",
    "DEFAULT_IMAGE_REQUIRED",
    "IMAGE_IN_USE",
)


@strawberry.type(description="The result of modifyCustomerImages.")
class ModifyCustomerImagesPayload:
    customer: Customer | None = strawberry.field(description="The customer as it now is.")
    errors: list[ModifyCustomerImagesError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(
    **requires(CanModifyImages, "Replaces the software images assigned to a customer.")
)
async def modify_customer_images(
    info: Info, input: ModifyCustomerImagesInput
) -> ModifyCustomerImagesPayload:
    viewer = info.context.user
    problems = Problems()
    pk = ids.decode_as(input.customer_id, "Customer")
    delegated = (
        await scoping.image_customers(viewer)
        .filter(id=pk)
        .values_list("manage_software_images", flat=True)
        if pk is not None
        else []
    )
    if not delegated:
        problems.add("NOT_FOUND", "No such customer of your partner.", "customerId")
    elif viewer.role.is_enterprise and not delegated[0]:
        problems.add(
            "NOT_DELEGATED",
            "Your partner manages this customer's software images; ask your partner.",
            "customerId",
        )
    if problems:
        return payload(ModifyCustomerImagesPayload, problems, customer=None)
    explicit = {"images": input.software_image_ids}
    if input.default_software_image_id is not None:
        explicit["default_image"] = input.default_software_image_id
    async with in_transaction() as conn:
        customer = await lock_customer(pk, conn)
        if customer is None:
            problems.add("NOT_FOUND", "No such customer of your partner.", "customerId")
            return payload(ModifyCustomerImagesPayload, problems, customer=None)
        partner = await Partner.filter(id=customer.partner_id).using_db(conn).get()
        state = await configuration.start(
            problems, partner, explicit, customer=customer, prefix=(), conn=conn
        )
        await configuration.plan_images(state)
        await configuration.guard_removals(state)
        before, after = state.before, state.after
        if problems:
            return payload(ModifyCustomerImagesPayload, problems, customer=None)
        customer.default_software_image_id = after.default_image
        await customer.save(
            using_db=conn, update_fields=["default_software_image_id", "updated_at"]
        )
        await records.store(customer, before, after, conn)
        await audit.record(
            viewer,
            "customer.images.modify",
            "Customer",
            customer.id,
            partner_id=customer.partner_id,
            customer_id=customer.id,
            changes={
                "softwareImageIds": [ids.encode("SoftwareImage", p) for p in after.images],
                "defaultSoftwareImageId": ids.encode("SoftwareImage", after.default_image),
            },
            using_db=conn,
        )
    return payload(ModifyCustomerImagesPayload, problems, customer=Customer.from_row(customer))
