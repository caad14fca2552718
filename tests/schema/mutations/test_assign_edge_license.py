"""Licensed edges: an edge is provisioned with one of its customer's license types; a
license an edge uses cannot leave the customer; licenses can be picked by edition and
region."""

from __future__ import annotations

import asyncio

from gql.domain import ids
from models.audit import AuditEvent
from models.customer import CustomerEdgeLicense, Edge
from tests.factories import make_customer

CREATE_EDGE = """
mutation CreateEdge($input: CreateEdgeInput!) {
  createEdge(input: $input) { edge { id edgeLicense { sku } } errors { code field } }
}
"""
ASSIGN = """
mutation Assign($input: AssignEdgeLicenseInput!) {
  assignEdgeLicense(input: $input) { edge { edgeLicense { sku } } errors { code field } }
}
"""
UPDATE_CUSTOMER = """
mutation Update($input: UpdatePartnerCustomerInput!) {
  updatePartnerCustomer(input: $input) {
    customer { edgeLicenses { sku } } errors { code field message }
  }
}
"""


async def test_edges_take_one_of_their_customers_licenses(gql, acme, globex) -> None:
    customer_id, admin = await make_customer(
        gql,
        acme,
        "Licensed",
        configuration={"edgeLicenseIds": [acme.licenses["ENT-500"], acme.licenses["PRE-1G"]]},
    )
    missing = await gql(
        CREATE_EDGE, {"input": {"customerId": customer_id, "name": "e1"}}, token=admin.token
    )
    assert missing["data"]["createEdge"]["errors"] == [
        {"code": "LICENSE_REQUIRED", "field": ["input", "edgeLicenseId"]}
    ]
    foreign = await gql(
        CREATE_EDGE,
        {
            "input": {
                "customerId": customer_id,
                "name": "e1",
                "edgeLicenseId": acme.licenses["STD-100"],
            }
        },
        token=admin.token,
    )
    assert foreign["data"]["createEdge"]["errors"] == [
        {"code": "NOT_AVAILABLE", "field": ["input", "edgeLicenseId"]}
    ]
    created = await gql(
        CREATE_EDGE,
        {
            "input": {
                "customerId": customer_id,
                "name": "e1",
                "edgeLicenseId": acme.licenses["ENT-500"],
            }
        },
        token=admin.token,
    )
    edge = created["data"]["createEdge"]["edge"]
    assert edge["edgeLicense"] == {"sku": "ENT-500"}
    moved = await gql(
        ASSIGN,
        {"input": {"edgeId": edge["id"], "edgeLicenseId": acme.licenses["PRE-1G"]}},
        token=acme.support.token,  # partner support may configure the edge
    )
    assert moved["data"]["assignEdgeLicense"] == {
        "edge": {"edgeLicense": {"sku": "PRE-1G"}},
        "errors": [],
    }
    assert await AuditEvent.filter(action="edge.license.assign").count() == 1
    for token in (globex.admin.token, globex.support.token):  # another partner
        other = await gql(
            ASSIGN,
            {"input": {"edgeId": edge["id"], "edgeLicenseId": acme.licenses["ENT-500"]}},
            token=token,
        )
        assert other["data"]["assignEdgeLicense"]["errors"] == [
            {"code": "NOT_FOUND", "field": ["input", "edgeId"]}
        ]

    # PRE-1G is in use: it cannot leave the customer, and the message names the edge.
    refused = await gql(
        UPDATE_CUSTOMER,
        {
            "input": {
                "id": customer_id,
                "configuration": {"edgeLicenseIds": [acme.licenses["ENT-500"]]},
            }
        },
        token=acme.admin.token,
    )
    assert refused["data"]["updatePartnerCustomer"] == {
        "customer": None,
        "errors": [
            {
                "code": "LICENSE_IN_USE",
                "field": ["input", "configuration", "edgeLicenseIds"],
                "message": "License PRE-1G is still used by 1 edge: e1. Give them another "
                "license first.",
            }
        ],
    }
    kept = await gql(
        UPDATE_CUSTOMER,
        {
            "input": {
                "id": customer_id,
                "configuration": {"edgeLicenseIds": [acme.licenses["PRE-1G"]]},
            }
        },
        token=acme.admin.token,
    )
    assert kept["data"]["updatePartnerCustomer"]["customer"] == {
        "edgeLicenses": [{"sku": "PRE-1G"}]
    }


async def test_a_customer_without_licenses_needs_none(gql, globex) -> None:
    customer_id, admin = await make_customer(gql, globex, "Unlicensed")
    created = await gql(
        CREATE_EDGE, {"input": {"customerId": customer_id, "name": "e1"}}, token=admin.token
    )
    assert created["data"]["createEdge"]["edge"]["edgeLicense"] is None


async def test_licenses_by_edition_and_region(gql, acme) -> None:
    customer_id, _ = await make_customer(
        gql,
        acme,
        "By Region",
        configuration={"edgeLicenseSelection": {"edition": "PREMIUM", "region": "eu"}},
    )
    body = await gql(
        UPDATE_CUSTOMER,
        {
            "input": {
                "id": customer_id,
                "configuration": {
                    "edgeLicenseIds": [acme.licenses["ENT-500"]],
                    "edgeLicenseSelection": {"edition": "PREMIUM", "region": "EU"},
                },
            }
        },
        token=acme.admin.token,
    )
    assert body["data"]["updatePartnerCustomer"]["customer"] == {
        "edgeLicenses": [{"sku": "ENT-500"}, {"sku": "PRE-1G"}]
    }
    none = await gql(
        UPDATE_CUSTOMER,
        {
            "input": {
                "id": customer_id,
                "configuration": {"edgeLicenseSelection": {"edition": "PREMIUM", "region": "APAC"}},
            }
        },
        token=acme.admin.token,
    )
    assert none["data"]["updatePartnerCustomer"]["errors"][0]["code"] == "NOT_AVAILABLE"
    assert none["data"]["updatePartnerCustomer"]["errors"][0]["field"] == [
        "input",
        "configuration",
        "edgeLicenseSelection",
    ]


async def test_a_license_removal_racing_an_assignment_never_strands_an_edge(gql, acme) -> None:
    """The customer's row lock orders the two: either the edge takes PRE-1G and the
    removal is refused (LICENSE_IN_USE), or the removal wins and the assignment finds
    the license gone. Never an edge on a license its customer lacks. (Without the lock
    in assignEdgeLicense, an edge was stranded within 12 rounds on PostgreSQL.)"""
    customer_id, admin = await make_customer(
        gql,
        acme,
        "Racing",
        configuration={"edgeLicenseIds": [acme.licenses["ENT-500"], acme.licenses["PRE-1G"]]},
    )
    customer_pk = ids.decode_as(customer_id, "Customer")
    for round_ in range(12):
        await Edge.filter(customer_id=customer_pk).delete()
        restored = await gql(
            UPDATE_CUSTOMER,
            {
                "input": {
                    "id": customer_id,
                    "configuration": {
                        "edgeLicenseIds": [acme.licenses["ENT-500"], acme.licenses["PRE-1G"]]
                    },
                }
            },
            token=acme.admin.token,
        )
        assert restored["data"]["updatePartnerCustomer"]["errors"] == []
        created = await gql(
            CREATE_EDGE,
            {
                "input": {
                    "customerId": customer_id,
                    "name": f"edge-{round_}",
                    "edgeLicenseId": acme.licenses["ENT-500"],
                }
            },
            token=admin.token,
        )
        edge_id = created["data"]["createEdge"]["edge"]["id"]
        removal, assignment = await asyncio.gather(
            gql(
                UPDATE_CUSTOMER,
                {
                    "input": {
                        "id": customer_id,
                        "configuration": {"edgeLicenseIds": [acme.licenses["ENT-500"]]},
                    }
                },
                token=acme.admin.token,
            ),
            gql(
                ASSIGN,
                {"input": {"edgeId": edge_id, "edgeLicenseId": acme.licenses["PRE-1G"]}},
                token=acme.superuser.token,
            ),
        )
        removed = removal["data"]["updatePartnerCustomer"]["errors"] == []
        assigned = assignment["data"]["assignEdgeLicense"]["errors"] == []
        licenses = set(
            await CustomerEdgeLicense.filter(customer_id=customer_pk).values_list(
                "license_id", flat=True
            )
        )
        in_use = set(
            await Edge.filter(customer_id=customer_pk).values_list("edge_license_id", flat=True)
        )
        assert in_use <= licenses, (removal, assignment)
        assert removed != assigned, (removal, assignment)
