"""modifyCustomerImages, the edge mutations, updatePartnerCustomer and
deletePartnerCustomer: their rules, the image race, permissions and tenancy."""

from __future__ import annotations

import logging

import pytest
from graphql import GraphQLObjectType, get_named_type, is_leaf_type, is_non_null_type

from gql.domain import ids
from gql.domain.security import hash_password
from gql.schema.build import schema
from models.customer import Customer, CustomerEdgeLicense, CustomerSoftwareImage, Edge
from models.enums import Role
from models.identity import User
from tests.factories import login, make_user
from tests.schema.customer_kit import add_edge

EDGES_OF = """
query($id: ID!) { customer(id: $id) { edgeCount edges(first: 2) {
  totalCount pageInfo { hasNextPage endCursor } nodes { name softwareImage { version } } } } }
"""


async def test_customer_edges_page_and_count(gql, acme, managed):
    for name in ("c-edge", "a-edge", "b-edge"):
        await add_edge(gql, acme.admin.token, managed, name)
    body = await gql(EDGES_OF, {"id": managed}, token=acme.admin.token)
    customer = body["data"]["customer"]
    assert customer["edgeCount"] == 3
    assert customer["edges"]["totalCount"] == 3
    assert [n["name"] for n in customer["edges"]["nodes"]] == ["a-edge", "b-edge"]
    assert customer["edges"]["pageInfo"]["hasNextPage"] is True


PAGE = """
query Page($first: Int, $after: String, $search: String, $orderBy: CustomerOrderBy,
           $descending: Boolean) {
  customers(first: $first, after: $after, search: $search, orderBy: $orderBy,
            descending: $descending) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { companyName } }
    nodes { accountNumber }
  }
}
"""


RICH_PAGE = """
query Rich($first: Int) {
  customers(first: $first) {
    nodes {
      companyName address { city } softwareImages { image { version } isDefault }
      defaultSoftwareImage { version } gatewayPool { name } edgeLicenses { sku }
      partner { name } clonedFrom { id } users { username piiRedacted } edgeCount
    }
  }
}
"""


USERS_OF = """
query($id: ID!) { customer(id: $id) { users { role piiRedacted username contactEmail } } }
"""


@pytest.fixture
def world(catalogue, acme, globex):
    return {"catalogue": catalogue, "acme": acme, "globex": globex}


async def add_customers(world, partner_world, names: list[str], **flags) -> list[Customer]:
    """Customers written directly (the create mutation has its own tests), each with an
    image, a license, an admin and two edges, so that every relation has rows."""
    catalogue = world["catalogue"]
    image, pool = catalogue["images"]["5.2.0"], catalogue["pools"]["EU"]
    password_hash = await hash_password("not-used-in-these-tests-00")
    rows = []
    for name in names:
        slug = name.lower().replace(" ", "")
        customer = await Customer.create(
            partner_id=partner_world.partner.id,
            company_name=name,
            company_name_key=name.lower(),
            domain=f"{slug}.example",
            account_number=f"ACC-{slug}",
            account_number_key=f"acc-{slug}",
            default_software_image_id=image,
            gateway_pool_id=pool,
            city="Austin",
            **flags,
        )
        await CustomerSoftwareImage.create(customer=customer, image_id=image)
        await User.create(
            role=Role.ENTERPRISE_SUPERUSER,
            partner_id=partner_world.partner.id,
            customer=customer,
            username=f"admin@{slug}.example",
            username_key=f"admin@{slug}.example",
            password_hash=password_hash,
            contact_email=f"noc@{slug}.example",
        )
        for n in range(2):
            await Edge.create(customer=customer, name=f"edge-{n}", software_image_id=image)
        rows.append(customer)
    return rows


async def test_pages_follow_cursors_to_the_end(gql, world) -> None:
    acme = world["acme"]
    await add_customers(world, acme, [f"Customer {n:02}" for n in range(7)])
    seen, after = [], None
    while True:
        body = await gql(PAGE, {"first": 3, "after": after}, token=acme.admin.token)
        page = body["data"]["customers"]
        assert page["totalCount"] == 7
        seen += [e["node"]["companyName"] for e in page["edges"]]
        assert [n["accountNumber"] for n in page["nodes"]] == [
            f"ACC-{e['node']['companyName'].lower().replace(' ', '')}" for e in page["edges"]
        ]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [f"Customer {n:02}" for n in range(7)]
    assert page["pageInfo"]["hasPreviousPage"] is True


async def test_search_and_order(gql, world) -> None:
    acme = world["acme"]
    await add_customers(world, acme, ["Zeta Corp", "Alpha Ltd", "Midway Inc"])
    body = await gql(PAGE, {"search": "ALPHA"}, token=acme.admin.token)
    assert [n["companyName"] for n in _names(body)] == ["Alpha Ltd"]
    by_domain = await gql(PAGE, {"search": "midwayinc.exa"}, token=acme.admin.token)
    assert [n["companyName"] for n in _names(by_domain)] == ["Midway Inc"]
    by_account = await gql(PAGE, {"search": "acc-zeta"}, token=acme.admin.token)
    assert [n["companyName"] for n in _names(by_account)] == ["Zeta Corp"]
    # LIKE wildcards in the search text match themselves only.
    assert _names(await gql(PAGE, {"search": "%"}, token=acme.admin.token)) == []
    newest = await gql(PAGE, {"orderBy": "CREATED_AT", "descending": True}, token=acme.admin.token)
    assert [n["companyName"] for n in _names(newest)] == ["Midway Inc", "Alpha Ltd", "Zeta Corp"]
    by_name = await gql(PAGE, {}, token=acme.admin.token)
    assert [n["companyName"] for n in _names(by_name)] == ["Alpha Ltd", "Midway Inc", "Zeta Corp"]


def _names(body: dict) -> list[dict]:
    return [e["node"] for e in body["data"]["customers"]["edges"]]


async def test_page_size_and_cursor_are_checked(gql, world) -> None:
    token = world["acme"].admin.token
    too_big = await gql(PAGE, {"first": 101}, token=token)
    assert too_big["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "between 0 and 100" in too_big["errors"][0]["message"]
    forged = await gql(PAGE, {"after": "bm90LWEtY3Vyc29y"}, token=token)
    assert forged["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_who_sees_which_customer(gql, world) -> None:
    acme, globex = world["acme"], world["globex"]
    await add_customers(world, acme, ["Open Co"])
    await add_customers(
        world, acme, ["Private Co"], partner_support_access=False, operator_support_access=False
    )
    await add_customers(world, globex, ["Globex Client"])
    vendor = await login(gql, await make_user(Role.OPERATOR_SUPPORT, "help@vendor.example"))
    operator = await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "ops@vendor.example"))

    async def names(token: str) -> list[str]:
        return [n["companyName"] for n in _names(await gql(PAGE, {}, token=token))]

    assert await names(acme.admin.token) == ["Open Co", "Private Co"]
    assert await names(acme.support.token) == ["Open Co"]
    assert await names(globex.admin.token) == ["Globex Client"]
    assert await names(vendor.token) == ["Globex Client", "Open Co"]
    assert await names(operator.token) == ["Globex Client", "Open Co", "Private Co"]


async def test_support_roles_never_see_user_identifiable_information_unless_allowed(
    gql, world
) -> None:
    acme = world["acme"]
    closed, opened = await add_customers(world, acme, ["Closed Co", "Opened Co"])
    await Customer.filter(id=opened.id).update(operator_user_management_access=True)
    vendor = await login(gql, await make_user(Role.OPERATOR_SUPPORT, "help@vendor.example"))

    async def users(token: str, customer: Customer) -> list[dict]:
        body = await gql(USERS_OF, {"id": ids.encode("Customer", customer.id)}, token=token)
        return body["data"]["customer"]["users"]

    hidden = {
        "role": "ENTERPRISE_SUPERUSER",
        "piiRedacted": True,
        "username": None,
        "contactEmail": None,
    }
    assert await users(acme.support.token, opened) == [hidden]
    assert await users(vendor.token, closed) == [hidden]
    shown = await users(vendor.token, opened)
    assert shown[0]["piiRedacted"] is False
    assert shown[0]["contactEmail"] == "noc@openedco.example"
    assert (await users(acme.admin.token, closed))[0]["username"] == "admin@closedco.example"


async def _statements(gql, token: str, caplog, first: int) -> int:
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="tortoise.db_client"):
        body = await gql(RICH_PAGE, {"first": first}, token=token)
    assert "errors" not in body, body
    assert len(body["data"]["customers"]["nodes"]) == first
    return len([r for r in caplog.records if r.name == "tortoise.db_client"])


async def test_a_page_of_50_costs_the_statements_of_a_page_of_5(gql, world, caplog) -> None:
    acme = world["acme"]
    await add_customers(world, acme, [f"Customer {n:02}" for n in range(50)])
    await gql("{ me { id } }", token=acme.admin.token)  # settle the token's last-used time
    five = await _statements(gql, acme.admin.token, caplog, 5)
    fifty = await _statements(gql, acme.admin.token, caplog, 50)
    assert 5 <= five == fifty <= 12


def _every_field(type_: GraphQLObjectType, path: tuple[str, ...] = ()) -> str:
    """A selection of every field of a type that needs no arguments, and of the object
    types under it, each type once per path (so a page asks for everything a client
    could, without going round in circles)."""
    parts = []
    for name, definition in type_.fields.items():
        if any(is_non_null_type(a.type) for a in definition.args.values()):
            continue
        inner = get_named_type(definition.type)
        if is_leaf_type(inner):
            parts.append(name)
            continue
        on_path = (*path, type_.name)
        if (
            isinstance(inner, GraphQLObjectType)
            and inner.name not in on_path
            and (sub := _every_field(inner, on_path))
        ):
            page = "(first: 2)" if "first" in definition.args else ""
            parts.append(f"{name}{page} {{ {sub} }}")
    return " ".join(parts)


async def test_every_field_of_customers_and_edges_costs_a_fixed_number_of_statements(
    gql, world, caplog
) -> None:
    """However many customers and edges a page holds, each level of it is one batch."""
    customer_type = schema._schema.get_type("Customer")
    assert isinstance(customer_type, GraphQLObjectType)
    selection = _every_field(customer_type)
    for field in ("edges", "softwareImage", "edgeLicense", "users", "userConnection"):
        assert field in selection  # the lists under the list are all there
    query = f"query($first: Int) {{ customers(first: $first) {{ nodes {{ {selection} }} }} }}"
    acme = world["acme"]
    await add_customers(world, acme, [f"Customer {n:02}" for n in range(30)])
    await gql("{ me { id } }", token=acme.admin.token)  # settle the token's last-used time
    counts = []
    for first in (2, 10):
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="tortoise.db_client"):
            body = await gql(query, {"first": first}, token=acme.admin.token)
        assert "errors" not in body, body
        nodes = body["data"]["customers"]["nodes"]
        assert len(nodes) == first
        assert all(len(n["edges"]["nodes"]) == 2 for n in nodes)
        counts.append(len([r for r in caplog.records if r.name == "tortoise.db_client"]))
    assert counts[0] == counts[1], counts


LIST_PAGE = """query Customers($first: Int!) {
  customers(first: $first, orderBy: NAME) { edges { node {
    id companyName domain accountNumber partnerSupportAccess operatorSupportAccess
    address { city country } gatewayPool { id name }
    softwareImages { isDefault image { id version } } edgeLicenses { id sku edition } edgeCount
  } } }
}"""


async def test_the_customer_list_is_four_statements_with_authentication(gql, world, caplog) -> None:
    """The list a partner's frontend shows: authentication, the page (with its pools and
    edge counts), its images, its licenses; no COUNT, as totalCount is not asked for."""
    acme = world["acme"]
    await add_customers(world, acme, [f"Customer {n:02}" for n in range(50)])
    await gql("{ me { id } }", token=acme.admin.token)  # settle the token's last-used time
    for first in (5, 50):
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="tortoise.db_client"):
            body = await gql(LIST_PAGE, {"first": first}, token=acme.admin.token)
        nodes = [e["node"] for e in body["data"]["customers"]["edges"]]
        assert len(nodes) == first
        assert nodes[0]["edgeCount"] == 2
        assert nodes[0]["gatewayPool"]["name"] == "EU"
        assert [i["image"]["version"] for i in nodes[0]["softwareImages"]] == ["5.2.0"]
        statements = [r.getMessage() for r in caplog.records if r.name == "tortoise.db_client"]
        assert len(statements) == 4, statements
        assert not any("COUNT(*)" in s and "edge_count" not in s for s in statements)


async def test_a_page_shows_what_each_customer_shows_on_its_own(gql, world) -> None:
    """The page loads its relations in bulk; one customer loads them one by one. Both
    paths give the same answer."""
    acme = world["acme"]
    customers = await add_customers(world, acme, ["Alpha Co", "Beta Co", "Gamma Co"])
    licenses = list(world["catalogue"]["licenses"].values())
    for n, customer in enumerate(customers):  # none, one and two licenses
        for license_id in licenses[:n]:
            await CustomerEdgeLicense.create(customer=customer, license_id=license_id)
    fields = LIST_PAGE.split("node {", 1)[1].rsplit("} } }", 1)[0]
    page = await gql(LIST_PAGE, {"first": 10}, token=acme.admin.token)
    nodes = [e["node"] for e in page["data"]["customers"]["edges"]]
    assert len(nodes) == 3
    for node in nodes:
        alone = await gql(
            f"query($id: ID!) {{ customer(id: $id) {{ {fields} }} }}",
            {"id": node["id"]},
            token=acme.admin.token,
        )
        assert alone["data"]["customer"] == node
    assert [len(n["edgeLicenses"]) for n in nodes] == [0, 1, 2]
