"""Fixtures shared by the test modules of this folder."""

from __future__ import annotations

import pytest

from gql.domain import ids
from models.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from models.enums import LicenseEdition, Role
from tests.factories import login, make_partner, make_user
from tests.schema.customer_kit import create
from tests.schema.login_kit import Clock, install_clock


@pytest.fixture
async def managed(gql, acme):
    """An Acme customer that manages two images (5.0.1 default, 6.0.0)."""
    payload = await create(
        gql,
        acme,
        configuration={
            "manageSoftwareImages": True,
            "softwareImageIds": [acme.images["5.0.1"], acme.images["6.0.0"]],
            "defaultSoftwareImageId": acme.images["5.0.1"],
        },
    )
    assert payload["errors"] == []
    return payload["customer"]["id"]


@pytest.fixture
async def world(gql):
    acme = await make_partner("Acme Networks")
    globex = await make_partner("Globex")
    operator = await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "ops@vendor.example"))
    acme_su = await login(
        gql, await make_user(Role.PARTNER_SUPERUSER, "su@acme.example", partner=acme)
    )
    globex_su = await login(
        gql, await make_user(Role.PARTNER_SUPERUSER, "su@globex.example", partner=globex)
    )
    return {
        "acme": acme,
        "globex": globex,
        "op": operator,
        "acme_su": acme_su,
        "globex_su": globex_su,
    }


@pytest.fixture
async def partner_catalogue():
    """A bare catalogue of the operator's (no partner assigned yet)."""
    images = [await SoftwareImage.create(version=v) for v in ("5.0.0", "5.2.1", "6.0.0")]
    pools = [await GatewayPool.create(name=n, name_key=n.lower()) for n in ("EU", "US")]
    license_ = await EdgeLicense.create(
        sku="VC-STD-50M-12",
        edition=LicenseEdition.STANDARD,
        bandwidth_mbps=50,
        term_months=12,
        region="EU",
    )
    return {
        "images": [ids.encode("SoftwareImage", i.id) for i in images],
        "pools": [ids.encode("GatewayPool", p.id) for p in pools],
        "license": ids.encode("EdgeLicense", license_.id),
    }


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The login throttle's clock, moved by the test instead of waiting."""
    return install_clock(monkeypatch)
