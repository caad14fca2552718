"""createSoftwareImage: adds an image to the operator's catalogue."""

from __future__ import annotations

import strawberry

from gql.domain.problems import Problems
from gql.domain.validation import MAX_TEXT, optional_text, text
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.mutations.common import create_audited
from gql.schema.permissions import IsOperatorSuperUser, requires
from gql.schema.types.catalogue import SoftwareImage
from models.catalogue import SoftwareImage as SoftwareImageRow


@strawberry.input(description="A new software image.")
class CreateSoftwareImageInput:
    version: str = strawberry.field(description="The image's version, unique.")
    description: str | None = strawberry.field(default=None, description="Notes on the image.")


CreateSoftwareImageError = mutation_errors(
    "createSoftwareImage", "REQUIRED", "INVALID", "DUPLICATE"
)


@strawberry.type(description="The result of createSoftwareImage.")
class CreateSoftwareImagePayload:
    software_image: SoftwareImage | None = strawberry.field(description="The new image.")
    errors: list[CreateSoftwareImageError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(IsOperatorSuperUser, "Adds a software image to the catalogue."))
async def create_software_image(
    info: Info, input: CreateSoftwareImageInput
) -> CreateSoftwareImagePayload:
    viewer = info.context.user
    problems = Problems()
    version = text(problems, input.version, "a version", "version", max_length=64)
    description = optional_text(problems, input.description, "description", max_length=MAX_TEXT)
    row = None
    if not problems:
        row = await create_audited(
            viewer,
            lambda conn: SoftwareImageRow.create(
                version=version, description=description, using_db=conn
            ),
            action="softwareImage.create",
            target_type="SoftwareImage",
            changes={"version": version, "description": description},
            partner_id=None,
            problems=problems,
            duplicate=("version",),
            duplicate_message="An image with this version exists.",
        )
    return payload(
        CreateSoftwareImagePayload,
        problems,
        software_image=SoftwareImage.from_row(row) if row else None,
    )
