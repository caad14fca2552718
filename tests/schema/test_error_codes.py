"""Every code a mutation can report is in its enum: checked when the schema is built."""

from __future__ import annotations

import pytest
import strawberry

from gql.domain import users
from gql.domain.customers import configuration
from gql.domain.problems import Problems
from gql.schema.build import Mutation
from gql.schema.codes import check_mutations, reachable_codes
from gql.schema.errors import mutation_errors, payload

ProbeError = mutation_errors("probe", "REQUIRED")


@strawberry.type
class ProbePayload:
    ok: bool | None
    errors: list[ProbeError]


@strawberry.type
class ProbeMutation:
    @strawberry.mutation
    def probe(self) -> ProbePayload:
        problems = Problems()
        problems.add("IMAGE_IN_USE", "still used")
        return payload(ProbePayload, problems, ok=None)


def test_a_code_missing_from_the_enum_stops_the_schema() -> None:
    with pytest.raises(TypeError, match=r"probe can report \['IMAGE_IN_USE'\]"):
        check_mutations(ProbeMutation)


def test_the_real_schema_passes_the_check() -> None:
    check_mutations(Mutation)  # also run at import; here so that a failure names itself


def test_codes_are_found_through_called_and_handed_on_functions() -> None:
    # register → validate → check_password → (a worker thread) → the strength check
    assert {"REQUIRED", "INVALID", "DUPLICATE", "PASSWORD_TOO_WEAK"} <= reachable_codes(
        users.register
    )
    # image planning reaches the image rules but neither licenses nor analytics
    image_codes = reachable_codes(configuration.plan_images)
    assert {"SINGLE_IMAGE_ONLY", "DEFAULT_IMAGE_REQUIRED", "NOT_AVAILABLE"} <= image_codes
    assert not image_codes & {"LICENSE_EDITION_MIX", "ANALYTICS_UNAVAILABLE", "IMAGE_IN_USE"}


def test_payload_builds_the_mutations_own_error_type() -> None:
    problems = Problems()
    problems.add("REQUIRED", "Enter a name.", "name")
    built = payload(ProbePayload, problems, ok=None)
    assert [(e.code.value, e.field, e.message) for e in built.errors] == [
        ("REQUIRED", ["input", "name"], "Enter a name.")
    ]
    assert payload(ProbePayload, None, ok=True).errors == []
