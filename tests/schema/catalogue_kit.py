"""Documents and helpers shared by the test modules of this folder (a library,
not a test module)."""

from __future__ import annotations

CREATE_PARTNER = """
mutation($input: CreatePartnerInput!) {
  createPartner(input: $input) { partner { id name edgeLicensingEnabled } errors { code field } }
}
"""


CREATE_IMAGE = """
mutation($input: CreateSoftwareImageInput!) {
  createSoftwareImage(input: $input) { softwareImage { id version } errors { code field } }
}
"""


CREATE_POOL = """
mutation($input: CreateGatewayPoolInput!) {
  createGatewayPool(input: $input) { gatewayPool { id name } errors { code field } }
}
"""


def _errors(payload: dict) -> set[tuple[str, tuple[str, ...]]]:
    return {(e["code"], tuple(e["field"])) for e in payload["errors"]}
