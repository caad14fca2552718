"""deletePartnerCustomer: refused while edges remain; its users and tokens go with it."""

from __future__ import annotations

from gql.domain import ids
from models.audit import AuditEvent
from models.customer import Customer
from models.identity import AuthToken, User
from tests.schema.customer_kit import DELETE_EDGE, PASSWORD, add_edge, codes, run

DELETE_CUSTOMER = """
mutation($input: DeletePartnerCustomerInput!) {
  deletePartnerCustomer(input: $input) { deletedId errors { code field message } }
}
"""


async def test_delete_is_refused_while_edges_remain_then_removes_users_and_tokens(
    gql, acme, managed
):
    edge = await add_edge(gql, acme.admin.token, managed, "last-edge")
    admin = await gql(
        'mutation { login(input: {username: "it@initech.example", password: "%s"})'
        " { token } }" % PASSWORD
    )
    customer_token = admin["data"]["login"]["token"]
    refused = await run(gql, DELETE_CUSTOMER, acme.superuser.token, id=managed)
    assert codes(refused) == {("CUSTOMER_HAS_EDGES", ("input", "id"))}
    assert "1 edge" in refused["errors"][0]["message"]
    await run(gql, DELETE_EDGE, acme.admin.token, id=edge["id"])
    deleted = await run(gql, DELETE_CUSTOMER, acme.superuser.token, id=managed)
    assert deleted == {"deletedId": managed, "errors": []}
    pk = ids.decode_as(managed, "Customer")
    assert not await Customer.filter(id=pk).exists()
    assert not await User.filter(customer_id=pk).exists()
    assert not await AuthToken.filter(user__username_key="it@initech.example").exists()
    me = await gql("{ me { id } }", token=customer_token)
    assert me["data"]["me"] is None
    event = await AuditEvent.get(action="customer.delete")
    assert event.changes["removedUsers"] == ["it@initech.example"]


async def test_only_the_partners_superuser_deletes_and_only_its_own(gql, acme, globex, managed):
    body = await gql(DELETE_CUSTOMER, {"input": {"id": managed}}, token=acme.admin.token)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    other = await run(gql, DELETE_CUSTOMER, globex.superuser.token, id=managed)
    assert codes(other) == {("NOT_FOUND", ("input", "id"))}
    assert await Customer.filter(id=ids.decode_as(managed, "Customer")).exists()
