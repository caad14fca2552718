"""modifyCustomerImages by the customer's own superuser: only while its partner
delegated image management (Manage Software Images), among the partner's images."""

from __future__ import annotations

from models.audit import AuditEvent
from models.enums import Role
from tests.factories import make_customer, make_customer_user

MODIFY = """
mutation Modify($input: ModifyCustomerImagesInput!) {
  modifyCustomerImages(input: $input) {
    customer { softwareImages { image { version } isDefault } }
    errors { code field message }
  }
}
"""
CAPABILITIES = "{ viewerCapabilities { canManageSoftwareImages canManageEdges } }"


async def test_the_customers_superuser_modifies_images_when_delegated(gql, acme, globex) -> None:
    customer_id, admin = await make_customer(
        gql,
        acme,
        "Delegated",
        configuration={
            "manageSoftwareImages": True,
            "softwareImageIds": [acme.images["5.2.0"]],
        },
    )
    caps = await gql(CAPABILITIES, token=admin.token)
    assert caps["data"]["viewerCapabilities"] == {
        "canManageSoftwareImages": True,
        "canManageEdges": True,
    }
    body = await gql(
        MODIFY,
        {
            "input": {
                "customerId": customer_id,
                "softwareImageIds": [acme.images["5.2.0"], acme.images["6.0.0"]],
                "defaultSoftwareImageId": acme.images["6.0.0"],
            }
        },
        token=admin.token,
    )
    result = body["data"]["modifyCustomerImages"]
    assert result["errors"] == []
    assert result["customer"]["softwareImages"] == [
        {"image": {"version": "5.2.0"}, "isDefault": False},
        {"image": {"version": "6.0.0"}, "isDefault": True},
    ]
    event = await AuditEvent.get(action="customer.images.modify")
    assert event.actor_username == admin.username  # the audit names the actor

    # Among the images its partner may assign: 4.5.2 is Globex's only.
    body = await gql(
        MODIFY,
        {"input": {"customerId": customer_id, "softwareImageIds": [acme.images["4.5.2"]]}},
        token=admin.token,
    )
    assert [e["code"] for e in body["data"]["modifyCustomerImages"]["errors"]] == ["NOT_AVAILABLE"]


async def test_not_delegated_and_other_customers(gql, acme) -> None:
    customer_id, admin = await make_customer(gql, acme, "Managed")
    caps = await gql(CAPABILITIES, token=admin.token)
    assert caps["data"]["viewerCapabilities"]["canManageSoftwareImages"] is False
    refused = await gql(
        MODIFY,
        {"input": {"customerId": customer_id, "softwareImageIds": [acme.images["6.0.0"]]}},
        token=admin.token,
    )
    assert refused["data"]["modifyCustomerImages"] == {
        "customer": None,
        "errors": [
            {
                "code": "NOT_DELEGATED",
                "field": ["input", "customerId"],
                "message": "Your partner manages this customer's software images; ask your "
                "partner.",
            }
        ],
    }
    other_id, _ = await make_customer(
        gql, acme, "Neighbour", configuration={"manageSoftwareImages": True}
    )
    not_found = await gql(
        MODIFY,
        {"input": {"customerId": other_id, "softwareImageIds": [acme.images["6.0.0"]]}},
        token=admin.token,
    )
    assert [e["code"] for e in not_found["data"]["modifyCustomerImages"]["errors"]] == ["NOT_FOUND"]
    # The customer's standard admin never modifies images.
    standard = await make_customer_user(
        gql, customer_id, Role.ENTERPRISE_STANDARD_ADMIN, "std@managed.example"
    )
    forbidden = await gql(
        MODIFY,
        {"input": {"customerId": customer_id, "softwareImageIds": [acme.images["6.0.0"]]}},
        token=standard.token,
    )
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
