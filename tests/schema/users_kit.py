"""Documents and helpers shared by the test modules of this folder (a library,
not a test module)."""

from __future__ import annotations

CREATE = """
mutation Create($input: CreateCustomerUserInput!) {
  createCustomerUser(input: $input) {
    user { id role username piiRedacted disabled } errors { code field message }
  }
}
"""


UPDATE = """
mutation Update($input: UpdateCustomerUserInput!) {
  updateCustomerUser(input: $input) { user { id role disabled firstName } errors { code field } }
}
"""


RESET = """
mutation Reset($input: ResetUserPasswordInput!) {
  resetUserPassword(input: $input) { user { id lockedUntil } errors { code field } }
}
"""


UNLOCK = """
mutation Unlock($input: UnlockUserInput!) {
  unlockUser(input: $input) { user { id lockedUntil } errors { code } }
}
"""


DELETE = """
mutation Delete($input: DeleteCustomerUserInput!) {
  deleteCustomerUser(input: $input) { deletedId errors { code field } }
}
"""


UPDATE_CUSTOMER = """
mutation UpdateCustomer($input: UpdatePartnerCustomerInput!) {
  updatePartnerCustomer(input: $input) { customer { id } errors { code field } }
}
"""


ME = "{ me { id } }"


PASSWORD = "umbrella-quarry-lantern-94-fjord"


NEW_PASSWORD = "harbour-velvet-kestrel-83-plinth"


def _new(customer_id: str, role: str, username: str) -> dict:
    return {
        "customerId": customer_id,
        "role": role,
        "username": username,
        "password": PASSWORD,
        "confirmPassword": PASSWORD,
        "firstName": "Nina",
    }
