"""One text check for every name: control characters and over-long values are refused
with INVALID before anything is written, in every mutation that takes a name."""

from __future__ import annotations

import pytest

from models.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from models.customer import Edge
from models.identity import Partner
from tests.factories import login, make_user

CREATE_PARTNER = """mutation($input: CreatePartnerInput!) {
  createPartner(input: $input) { partner { id } errors { code field } } }"""
CREATE_POOL = """mutation($input: CreateGatewayPoolInput!) {
  createGatewayPool(input: $input) { gatewayPool { id } errors { code field } } }"""
CREATE_IMAGE = """mutation($input: CreateSoftwareImageInput!) {
  createSoftwareImage(input: $input) { softwareImage { id } errors { code field } } }"""
CREATE_LICENSE = """mutation($input: CreateEdgeLicenseInput!) {
  createEdgeLicense(input: $input) { edgeLicense { id } errors { code field } } }"""
CREATE_EDGE = """mutation($input: CreateEdgeInput!) {
  createEdge(input: $input) { edge { id } errors { code field } } }"""
CREATE_CUSTOMER = """mutation($input: CreatePartnerCustomerInput!) {
  createPartnerCustomer(input: $input) { customer { id } errors { code field } } }"""

BELL = "Acme\u0007Networks"
BIDI = "Acme\u202eskrowteN"  # a right-to-left override (format character)


@pytest.fixture
async def operator(gql):
    from models.enums import Role

    return await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "op@orchestrator.example"))


@pytest.mark.parametrize("bad", [BELL, BIDI, "x" * 201])
async def test_catalogue_and_partner_names(gql, operator, bad) -> None:
    cases = [
        (CREATE_PARTNER, "createPartner", {"name": bad}, ["input", "name"], Partner),
        (CREATE_POOL, "createGatewayPool", {"name": bad}, ["input", "name"], GatewayPool),
        (
            CREATE_IMAGE,
            "createSoftwareImage",
            {"version": bad, "description": "ok"},
            ["input", "version"],
            SoftwareImage,
        ),
        (
            CREATE_POOL,
            "createGatewayPool",
            {"name": "EU West", "description": bad * 20},
            ["input", "description"],
            GatewayPool,
        ),
        (
            CREATE_LICENSE,
            "createEdgeLicense",
            {
                "sku": "SKU-1",
                "edition": "STANDARD",
                "bandwidthMbps": 10,
                "termMonths": 12,
                "region": bad,
            },
            ["input", "region"],
            EdgeLicense,
        ),
    ]
    for document, field, given, path, model in cases:
        before = await model.all().count()
        body = await gql(document, {"input": given}, token=operator.token)
        result = body["data"][field]
        assert result["errors"] == [{"code": "INVALID", "field": path}], (field, result)
        assert await model.all().count() == before


async def test_edge_names_and_serials(gql, acme) -> None:
    created = await gql(
        CREATE_CUSTOMER,
        {
            "input": {
                "companyName": "Initech",
                "domain": "initech.example",
                "accountNumber": "ACC-1",
                "admin": {
                    "username": "it@initech.example",
                    "password": "quarterly-stapler-basement-51",
                    "confirmPassword": "quarterly-stapler-basement-51",
                },
            }
        },
        token=acme.admin.token,
    )
    customer_id = created["data"]["createPartnerCustomer"]["customer"]["id"]
    body = await gql(
        CREATE_EDGE,
        {
            "input": {
                "customerId": customer_id,
                "name": BELL,
                "serialNumber": "S" * 65,
                "model": "Edge\n610",
            }
        },
        token=acme.admin.token,
    )
    errors = body["data"]["createEdge"]["errors"]
    assert sorted(e["field"][-1] for e in errors) == ["model", "name", "serialNumber"]
    assert {e["code"] for e in errors} == {"INVALID"}
    assert await Edge.all().count() == 0


async def test_company_and_person_names(gql, acme) -> None:
    body = await gql(
        CREATE_CUSTOMER,
        {
            "input": {
                "companyName": BELL,
                "domain": "initech.example",
                "accountNumber": "ACC-2",
                "address": {"city": "Austin\u0008", "streetAddress": "x" * 201},
                "admin": {
                    "username": "it@initech.example",
                    "password": "quarterly-stapler-basement-51",
                    "confirmPassword": "quarterly-stapler-basement-51",
                    "firstName": BIDI,
                    "lastName": "y" * 101,
                },
            }
        },
        token=acme.admin.token,
    )
    errors = body["data"]["createPartnerCustomer"]["errors"]
    assert sorted(tuple(e["field"][1:]) for e in errors) == [
        ("address", "city"),
        ("address", "streetAddress"),
        ("admin", "firstName"),
        ("admin", "lastName"),
        ("companyName",),
    ]
    assert {e["code"] for e in errors} == {"INVALID"}
