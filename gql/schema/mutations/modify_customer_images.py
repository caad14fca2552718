"""modifyCustomerImages: replaces the software images assigned to a customer."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, ids, scoping
from gql.domain.customer_images import check_removals, lock_customer, replace_images
from gql.domain.customer_rules import choose_images
from gql.domain.problems import Problems
from gql.domain.validation import MAX_LIST
from gql.schema.context import Info
from gql.schema.errors import UserError, error_codes
from gql.schema.permissions import IsPartnerAdmin, requires
from gql.schema.types.customer import Customer
from models.catalogue import PartnerSoftwareImage


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


ModifyCustomerImagesErrorCode = error_codes(
    "ModifyCustomerImagesErrorCode",
    "REQUIRED",
    "INVALID",
    "NOT_FOUND",
    "NOT_AVAILABLE",
    "SINGLE_IMAGE_ONLY",
    "DEFAULT_IMAGE_REQUIRED",
    "IMAGE_IN_USE",
)


@strawberry.type(description="A problem with modifyCustomerImages's input.")
class ModifyCustomerImagesError(UserError):
    code: ModifyCustomerImagesErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="The result of modifyCustomerImages.")
class ModifyCustomerImagesPayload:
    customer: Customer | None = strawberry.field(description="The customer as it now is.")
    errors: list[ModifyCustomerImagesError] = strawberry.field(description="Empty on success.")


def _failed(problems: Problems) -> ModifyCustomerImagesPayload:
    return ModifyCustomerImagesPayload(
        customer=None,
        errors=problems.build(ModifyCustomerImagesError, ModifyCustomerImagesErrorCode),
    )


@strawberry.mutation(
    **requires(IsPartnerAdmin, "Replaces the software images assigned to a customer.")
)
async def modify_customer_images(
    info: Info, input: ModifyCustomerImagesInput
) -> ModifyCustomerImagesPayload:
    viewer = info.context.user
    problems = Problems()
    pk = ids.decode_as(input.customer_id, "Customer")
    if pk is None or not await scoping.own_customers(viewer).filter(id=pk).exists():
        problems.add("NOT_FOUND", "No such customer of your partner.", "customerId")
        return _failed(problems)
    if not input.software_image_ids:
        problems.add("REQUIRED", "Assign at least one image.", "softwareImageIds")
        return _failed(problems)
    if len(input.software_image_ids) > MAX_LIST:
        problems.add("INVALID", f"Give at most {MAX_LIST} images.", "softwareImageIds")
        return _failed(problems)
    async with in_transaction() as conn:
        customer = await lock_customer(pk, conn)
        available = set(
            await PartnerSoftwareImage.filter(partner_id=customer.partner_id)
            .using_db(conn)
            .values_list("image_id", flat=True)
        )
        default = None
        if input.default_software_image_id is not None:
            default = ids.decode_as(input.default_software_image_id, "SoftwareImage")
            if default not in available:
                problems.add(
                    "NOT_AVAILABLE",
                    "This image is not available to your partner.",
                    "defaultSoftwareImageId",
                )
        chosen = choose_images(
            problems,
            available,
            input.software_image_ids,
            manage=customer.manage_software_images,
            default=default,
            current_default=customer.default_software_image_id,
            image_path=("softwareImageIds",),
            default_path=("defaultSoftwareImageId",),
        )
        if chosen is not None:
            await check_removals(problems, customer.id, chosen[0], conn, "softwareImageIds")
        if problems or chosen is None:
            return _failed(problems)
        keep, default_pk = chosen
        await replace_images(customer, keep, default_pk, conn)
        await audit.record(
            viewer,
            "customer.images.modify",
            "Customer",
            customer.id,
            partner_id=customer.partner_id,
            customer_id=customer.id,
            changes={
                "softwareImageIds": [ids.encode("SoftwareImage", p) for p in keep],
                "defaultSoftwareImageId": ids.encode("SoftwareImage", default_pk),
            },
            using_db=conn,
        )
    return ModifyCustomerImagesPayload(customer=Customer.from_row(customer), errors=[])
