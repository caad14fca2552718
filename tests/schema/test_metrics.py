"""Operation metrics are labelled by what the schema bounds: root fields, or the names
of trusted documents; never by names that clients make up."""

from __future__ import annotations

import secrets

import httpx
import pytest
from graphql import parse
from prometheus_client import REGISTRY

from gql.schema.build import schema
from gql.schema.metrics import log_name, operation_labels


def _labels(document: str | None, name: str | None = None, *, trusted: bool = False):
    parsed = parse(document) if document is not None else None
    return operation_labels(schema._schema, parsed, name, trusted=trusted)


@pytest.mark.parametrize(
    ("document", "name", "expected"),
    [
        ("{ apiVersion }", None, (["apiVersion"], "query")),
        ("query Page { me { role } apiVersion me { id } }", None, (["apiVersion", "me"], "query")),
        # Through fragments and inline fragments, as a frontend writes its page queries.
        (
            "query { ...Page ... on Query { apiVersion } } fragment Page on Query { me { id } }",
            None,
            (["apiVersion", "me"], "query"),
        ),
        ("mutation M { logout { errors { code } } }", None, (["logout"], "mutation")),
        # Fields the schema does not have are the client's words: left out.
        ("{ apiVersion madeUpField }", None, (["apiVersion"], "query")),
        ("{ madeUpField }", None, (["invalid"], "query")),
        # Which operation runs: the one named, or the only one.
        ("query A { apiVersion } query B { me { id } }", "B", (["me"], "query")),
        ("query A { apiVersion } query B { me { id } }", None, (["invalid"], "unknown")),
        ("query A { apiVersion }", "Nope", (["invalid"], "unknown")),
        (None, None, (["invalid"], "unknown")),
        # Fragments that spread each other are walked once.
        (
            "{ ...A } fragment A on Query { apiVersion ...B } fragment B on Query { ...A }",
            None,
            (["apiVersion"], "query"),
        ),
        ("{ __typename }", None, (["__typename"], "query")),
    ],
)
def test_labels_are_root_fields_of_the_schema(document, name, expected) -> None:
    assert _labels(document, name) == expected


def test_a_trusted_document_is_labelled_by_its_operation_name() -> None:
    assert _labels("query CustomerList { apiVersion }", trusted=True) == (
        ["CustomerList"],
        "query",
    )
    # Without a name, the root fields serve.
    assert _labels("{ apiVersion }", trusted=True) == (["apiVersion"], "query")


def test_the_access_log_keeps_the_clients_name_when_well_formed() -> None:
    assert log_name("CustomerList") == "CustomerList"
    assert log_name(None) == "anonymous"
    assert log_name("x" * 65) == "invalid"
    assert log_name("drop table;") == "invalid"


def _count(operation: str, outcome: str = "ok") -> float:
    value = REGISTRY.get_sample_value(
        "portal_graphql_operations_total",
        {"operation": operation, "type": "query", "outcome": outcome},
    )
    return value or 0.0


async def test_random_operation_names_cannot_crowd_out_real_operations(
    client: httpx.AsyncClient,
) -> None:
    names = [f"Probe_{secrets.token_hex(8)}" for _ in range(200)]
    for name in names:
        response = await client.post(
            "/graphql", json={"query": f"query {name} {{ __typename }}", "operationName": name}
        )
        assert response.status_code == 200
    before = _count("apiVersion")
    response = await client.post("/graphql", json={"query": "query Version { apiVersion }"})
    assert response.status_code == 200
    assert _count("apiVersion") == before + 1
    text = (await client.get("/metrics")).text
    assert not any(name in text for name in names)
    assert 'operation="other"' not in text
