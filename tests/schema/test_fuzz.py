"""Fuzzing: documents generated from the schema (hypothesis-graphql), sent as each role.
Whatever they ask, the answer is data, user errors or GraphQL errors: never a 5xx and
never INTERNAL_SERVER_ERROR."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import from_schema

from gql.schema.build import schema
from models.enums import Role
from tests.factories import session_for

SDL = schema.as_str()
EXAMPLES_PER_ROLE = 200


async def _token(role: Role, world) -> str:
    partner = world.partner if role.is_partner or role == Role.ENTERPRISE_SUPERUSER else None
    return await session_for(
        role, f"fuzz-{role.lower()}@fuzz.example", partner_id=partner.id if partner else None
    )


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: str(r or "ANONYMOUS"))
@settings(
    max_examples=EXAMPLES_PER_ROLE,
    deadline=None,
    derandomize=True,  # the same documents on every run: the suite stays deterministic
    suppress_health_check=list(HealthCheck),
)
@given(document=from_schema(SDL, allow_x00=False))
async def test_generated_documents_never_break_the_server(client, acme, role, document) -> None:
    # The fixtures live for the whole test, across its examples: one token per test.
    if role is not None and not hasattr(acme, "fuzz_token"):
        acme.fuzz_token = await _token(role, acme)
    headers = {"Authorization": f"Bearer {acme.fuzz_token}"} if role else {}
    response = await client.post("/graphql", json={"query": document}, headers=headers)
    assert response.status_code < 500, (document, response.text)
    if response.status_code == 200:
        body = response.json()
        codes = [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
        assert "INTERNAL_SERVER_ERROR" not in codes, (document, body)
