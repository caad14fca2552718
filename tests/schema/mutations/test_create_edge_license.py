"""createEdgeLicense: every problem reported, nothing written."""

from __future__ import annotations

from models.audit import AuditEvent
from models.catalogue import EdgeLicense
from tests.schema.catalogue_kit import _errors

CREATE_LICENSE = """
mutation($input: CreateEdgeLicenseInput!) {
  createEdgeLicense(input: $input) { edgeLicense { id sku edition } errors { code field } }
}
"""


async def test_edge_license_reports_every_problem_and_writes_nothing(gql, operator) -> None:
    events_before = await AuditEvent.all().count()
    body = await gql(
        CREATE_LICENSE,
        {
            "input": {
                "sku": " ",
                "edition": "PREMIUM",
                "bandwidthMbps": 0,
                "termMonths": 121,
                "region": "",
            }
        },
        token=operator.token,
    )
    payload = body["data"]["createEdgeLicense"]
    assert payload["edgeLicense"] is None
    assert _errors(payload) == {
        ("REQUIRED", ("input", "sku")),
        ("REQUIRED", ("input", "region")),
        ("INVALID", ("input", "bandwidthMbps")),
        ("INVALID", ("input", "termMonths")),
    }
    assert await EdgeLicense.all().count() == 0
    assert await AuditEvent.all().count() == events_before
    ok = await gql(
        CREATE_LICENSE,
        {
            "input": {
                "sku": "VC-ENT-100M-12",
                "edition": "ENTERPRISE",
                "bandwidthMbps": 100,
                "termMonths": 12,
                "region": "EMEA",
            }
        },
        token=operator.token,
    )
    assert ok["data"]["createEdgeLicense"]["edgeLicense"]["edition"] == "ENTERPRISE"
