"""createEdgeLicense: adds an edge license type to the operator's catalogue."""

from __future__ import annotations

import strawberry

from gql.domain.problems import Problems
from gql.domain.validation import text
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.mutations.common import create_audited
from gql.schema.permissions import IsOperatorSuperUser, requires
from gql.schema.types.catalogue import EdgeLicense, LicenseEdition
from models.catalogue import EdgeLicense as EdgeLicenseRow

MAX_BANDWIDTH_MBPS = 100_000
MAX_TERM_MONTHS = 120


@strawberry.input(description="A new edge license type.")
class CreateEdgeLicenseInput:
    sku: str = strawberry.field(description="The SKU, unique.")
    edition: LicenseEdition = strawberry.field(description="The edition.")
    bandwidth_mbps: int = strawberry.field(
        description="Licensed bandwidth in Mbit/s (1 to 100000)."
    )
    term_months: int = strawberry.field(description="Term in months (1 to 120).")
    region: str = strawberry.field(description="The region where it is valid.")


CreateEdgeLicenseError = mutation_errors("createEdgeLicense", "REQUIRED", "INVALID", "DUPLICATE")


@strawberry.type(description="The result of createEdgeLicense.")
class CreateEdgeLicensePayload:
    edge_license: EdgeLicense | None = strawberry.field(description="The new license type.")
    errors: list[CreateEdgeLicenseError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(IsOperatorSuperUser, "Adds an edge license type to the catalogue."))
async def create_edge_license(
    info: Info, input: CreateEdgeLicenseInput
) -> CreateEdgeLicensePayload:
    viewer = info.context.user
    problems = Problems()
    sku = text(problems, input.sku, "a SKU", "sku", max_length=64)
    region = text(problems, input.region, "a region", "region", max_length=64)
    if not 1 <= input.bandwidth_mbps <= MAX_BANDWIDTH_MBPS:
        problems.add(
            "INVALID", f"Bandwidth must be 1 to {MAX_BANDWIDTH_MBPS} Mbit/s.", "bandwidthMbps"
        )
    if not 1 <= input.term_months <= MAX_TERM_MONTHS:
        problems.add("INVALID", f"The term must be 1 to {MAX_TERM_MONTHS} months.", "termMonths")
    row = None
    if not problems:
        fields = {
            "sku": sku,
            "edition": input.edition.value,
            "bandwidth_mbps": input.bandwidth_mbps,
            "term_months": input.term_months,
            "region": region,
        }
        row = await create_audited(
            viewer,
            lambda conn: EdgeLicenseRow.create(**fields, using_db=conn),
            action="edgeLicense.create",
            target_type="EdgeLicense",
            changes=fields,
            partner_id=None,
            problems=problems,
            duplicate=("sku",),
            duplicate_message="A license with this SKU exists.",
        )
    return payload(
        CreateEdgeLicensePayload, problems, edge_license=EdgeLicense.from_row(row) if row else None
    )
