"""Documents and helpers shared by the test modules of this folder (a library,
not a test module)."""

from __future__ import annotations

from models.audit import AuditEvent
from models.customer import (
    Customer,
    CustomerEdgeLicense,
    CustomerSoftwareImage,
    IdempotencyRecord,
)
from models.identity import User

CREATE_EDGE = """
mutation($input: CreateEdgeInput!) {
  createEdge(input: $input) {
    edge { id name model serialNumber softwareImage { version } }
    errors { code field message }
  }
}
"""


ASSIGN_IMAGE = """
mutation($input: AssignEdgeSoftwareImageInput!) {
  assignEdgeSoftwareImage(input: $input) {
    edge { softwareImage { version } } errors { code field message }
  }
}
"""


DELETE_EDGE = """
mutation($input: DeleteEdgeInput!) { deleteEdge(input: $input) { deletedId errors { code } } }
"""


async def run(gql, document: str, token: str, **input_) -> dict:
    body = await gql(document, {"input": input_}, token=token)
    assert "errors" not in body, body
    return next(iter(body["data"].values()))


async def add_edge(gql, token, customer_id, name, image=None) -> dict:
    payload = await run(
        gql,
        CREATE_EDGE,
        token,
        customerId=customer_id,
        name=name,
        **({"softwareImageId": image} if image else {}),
    )
    assert payload["errors"] == [], payload
    return payload["edge"]


CREATE = """
mutation Create($input: CreatePartnerCustomerInput!) {
  createPartnerCustomer(input: $input) {
    customer {
      id companyName domain accountNumber
      partnerSupportAccess operatorSupportAccess operatorUserManagementAccess
      address { streetAddress city state country postalCode }
      manageSoftwareImages analyticsEnabled
      softwareImages { image { version } isDefault }
      defaultSoftwareImage { version }
      gatewayPool { name }
      edgeLicenses { sku }
      partner { name }
      clonedFrom { id companyName }
      users { role username phone piiRedacted }
      edgeCount
    }
    errors { code field message }
  }
}
"""


PASSWORD = "granite-harbor-violet-73-compass"


def new_input(**overrides) -> dict:
    base = {
        "companyName": "Initech",
        "domain": "initech.example",
        "accountNumber": "ACC-1001",
        "admin": {
            "username": "it@initech.example",
            "password": PASSWORD,
            "confirmPassword": PASSWORD,
        },
    }
    for key, value in overrides.items():
        if key == "admin":
            base["admin"] = {**base["admin"], **value}
        else:
            base[key] = value
    return base


def codes(payload: dict) -> set[tuple[str, tuple[str, ...]]]:
    return {(e["code"], tuple(e["field"] or ())) for e in payload["errors"]}


async def counts() -> tuple[int, ...]:
    return (
        await Customer.all().count(),
        await User.all().count(),
        await CustomerSoftwareImage.all().count(),
        await CustomerEdgeLicense.all().count(),
        await AuditEvent.all().count(),
        await IdempotencyRecord.all().count(),
    )


async def create(gql, world, token=None, **overrides) -> dict:
    body = await gql(CREATE, {"input": new_input(**overrides)}, token=token or world.admin.token)
    assert "errors" not in body, body
    return body["data"]["createPartnerCustomer"]
