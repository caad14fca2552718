"""setSystemProperty: the operator sets an orchestrator-wide switch or value."""

from __future__ import annotations

import strawberry
from tortoise.transactions import in_transaction

from gql.domain import audit, system_properties
from gql.domain.problems import Problems
from gql.schema.context import Info
from gql.schema.errors import mutation_errors, payload
from gql.schema.permissions import IsOperatorSuperUser, requires
from gql.schema.types.system import SystemProperty
from models.system import SystemProperty as SystemPropertyRow


@strawberry.input(description="A property and its new value.")
class SetSystemPropertyInput:
    name: str = strawberry.field(description="One of the properties `systemProperties` lists.")
    value: str = strawberry.field(description='The value as text; booleans "true"/"false".')


SetSystemPropertyError = mutation_errors("setSystemProperty", "NOT_FOUND", "INVALID")


@strawberry.type(description="The result of setSystemProperty.")
class SetSystemPropertyPayload:
    system_property: SystemProperty | None = strawberry.field(description="The property.")
    errors: list[SetSystemPropertyError] = strawberry.field(description="Empty on success.")


@strawberry.mutation(**requires(IsOperatorSuperUser, "Sets a system property."))
async def set_system_property(
    info: Info, input: SetSystemPropertyInput
) -> SetSystemPropertyPayload:
    viewer = info.context.user
    problems = Problems()
    name = input.name.strip()
    spec = system_properties.KNOWN.get(name)
    value = ""
    if spec is None:
        problems.add(
            "NOT_FOUND",
            f"Unknown property; known: {', '.join(sorted(system_properties.KNOWN))}.",
            "name",
        )
    else:
        try:
            value = spec.normalize(input.value)
        except ValueError as exc:
            problems.add("INVALID", f"{name} {exc}.", "value")
    if problems:
        return payload(SetSystemPropertyPayload, problems, system_property=None)
    assert spec is not None
    async with in_transaction() as conn:
        row, created = await SystemPropertyRow.get_or_create(
            name=name, defaults={"value": value}, using_db=conn
        )
        old = None if created else row.value
        if not created and row.value != value:
            row.value = value
            await row.save(using_db=conn, update_fields=["value", "updated_at"])
        await audit.record(
            viewer,
            "systemProperty.set",
            "SystemProperty",
            name,
            partner_id=None,
            changes={"value": value, "previous": old},
            using_db=conn,
        )
    return SetSystemPropertyPayload(
        system_property=SystemProperty.of(name, value),
        errors=[],
    )
