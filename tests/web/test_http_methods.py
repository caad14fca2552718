"""Mutations are never run over GET."""

from __future__ import annotations

import httpx

from models.identity import Partner


async def test_mutations_are_refused_over_get(client: httpx.AsyncClient, operator) -> None:
    response = await client.get(
        "/graphql",
        params={"query": 'mutation { createPartner(input: {name: "Via GET"}) { partner { id } } }'},
        headers={"Authorization": f"Bearer {operator.token}"},
    )
    assert response.status_code == 405  # as the GraphQL-over-HTTP spec asks
    assert "data" not in response.text
    assert not await Partner.filter(name="Via GET").exists()
