"""Documents and helpers shared by the test modules of this folder (a library,
not a test module)."""

from __future__ import annotations

from gql.domain import ids
from models.identity import Partner

UPDATE = """
mutation($input: UpdatePartnerInput!) {
  updatePartner(input: $input) {
    partner {
      name edgeLicensingEnabled
      softwareImages { image { version } isDefault }
      defaultSoftwareImage { version }
      gatewayPools { pool { name } isDefault }
      defaultGatewayPool { name }
      edgeLicenses { sku }
    }
    errors { code field message }
  }
}
"""


async def _update(gql, operator, partner: Partner, **fields) -> dict:
    body = await gql(
        UPDATE, {"input": {"id": ids.encode("Partner", partner.id), **fields}}, token=operator.token
    )
    return body["data"]["updatePartner"]
