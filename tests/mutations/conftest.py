"""Two partners set up by the operator: Acme (edge licensing on) and Globex (off)."""

from __future__ import annotations

import pytest

from tests.factories import make_catalogue, make_partner_world


@pytest.fixture
async def catalogue():
    return await make_catalogue()


@pytest.fixture
async def acme(gql, catalogue):
    return await make_partner_world(gql, "Acme", catalogue)


@pytest.fixture
async def globex(gql, catalogue):
    return await make_partner_world(
        gql,
        "Globex",
        catalogue,
        images=("4.5.2",),
        default_image="4.5.2",
        pools=("APAC",),
        default_pool="APAC",
        licenses=(),
        edge_licensing=False,
    )
