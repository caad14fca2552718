"""Trusted documents (PORTAL_TRUSTED_DOCUMENTS): only the operator's documents run,
named by hash or sent whole; the file is checked at start-up."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY

from gql.settings import Settings, SettingsError
from gql.web.app import create_app
from gql.web.trusted import ManifestError, TrustedDocuments

VERSION = "query TrustedVersion { apiVersion }"
ANONYMOUS = "{ apiVersion me { id } }"
MUTATION = "mutation TrustedLogout { logout { endedSessions errors { code } } }"
NOT_ALLOWED = {
    "errors": [
        {
            "message": "This server runs only its trusted documents, and this is not one.",
            "extensions": {"code": "PERSISTED_QUERY_NOT_ALLOWED"},
        }
    ]
}


def sha(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def apq(digest: str) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    path = tmp_path / "persisted-documents.json"
    path.write_text(json.dumps({sha(d): d for d in (VERSION, ANONYMOUS, MUTATION)}))
    return path


@pytest.fixture
async def trusted(database: Settings, manifest: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings.from_env(
        {"DATABASE_URL": database.database_url, "PORTAL_TRUSTED_DOCUMENTS": str(manifest)}
    )
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield c


@pytest.mark.parametrize(
    "body",
    [
        {"extensions": apq(sha(VERSION))},
        {"documentId": f"sha256:{sha(VERSION)}"},
        {"documentId": sha(VERSION)},
        {"id": sha(VERSION)},
        {"query": VERSION},
        {"query": VERSION, "extensions": apq(sha(VERSION))},
    ],
    ids=["apq", "documentId", "bare documentId", "id", "whole", "whole with hash"],
)
async def test_trusted_documents_run_by_hash_or_whole(
    trusted: httpx.AsyncClient, body: dict
) -> None:
    response = await trusted.post("/graphql", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["apiVersion"]


async def test_by_hash_over_get(trusted: httpx.AsyncClient) -> None:
    for params in (
        {"documentId": f"sha256:{sha(VERSION)}"},
        {"extensions": json.dumps(apq(sha(VERSION)))},
    ):
        response = await trusted.get("/graphql", params=params, headers={"Accept": "*/*"})
        assert response.json()["data"]["apiVersion"]
    mutation = await trusted.get("/graphql", params={"documentId": f"sha256:{sha(MUTATION)}"})
    assert mutation.status_code == 405


@pytest.mark.parametrize(
    "body",
    [
        {"query": "{ apiVersion }"},
        {"query": VERSION + " "},  # identical means identical
        {"query": "{ __schema { types { name } } }"},
        {"query": "{ apiVersion }", "extensions": apq(sha("{ apiVersion }"))},
    ],
)
async def test_any_other_document_is_refused(trusted: httpx.AsyncClient, body: dict) -> None:
    response = await trusted.post("/graphql", json=body)
    assert response.status_code == 400
    assert response.json() == NOT_ALLOWED
    modern = await trusted.post(
        "/graphql", json=body, headers={"Accept": "application/graphql-response+json"}
    )
    assert modern.status_code == 400
    # Nothing is learnt from a refused document.
    again = await trusted.post("/graphql", json={"extensions": apq(sha(body["query"]))})
    assert again.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_unknown_hashes(trusted: httpx.AsyncClient) -> None:
    unknown = sha("{ apiVersion }")
    by_apq = await trusted.post("/graphql", json={"extensions": apq(unknown)})
    assert by_apq.status_code == 200  # Apollo's links then send the document: refused
    assert by_apq.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    by_id = await trusted.post("/graphql", json={"documentId": f"sha256:{unknown}"})
    assert by_id.status_code == 400
    assert by_id.json() == {
        "errors": [
            {
                "message": f"No trusted document has the id sha256:{unknown}.",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }


@pytest.mark.parametrize(
    "document_id",
    [
        "x" * 100_000,
        "sha256:" + "g" * 64,
        "md5:" + "0" * 32,
        "0" * 32,
        "x-mine:abc",
        "sha256:" + "0" * 63,
        12345,
        ["sha256:" + "0" * 64],
        {"sha256": "0" * 64},
    ],
)
async def test_malformed_document_ids_are_400_json(
    trusted: httpx.AsyncClient, document_id: object
) -> None:
    response = await trusted.post("/graphql", json={"documentId": document_id})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert len(error["message"]) < 200


async def test_named_trusted_operations_are_labelled_by_name(trusted: httpx.AsyncClient) -> None:
    def count(operation: str) -> float:
        labels = {"operation": operation, "type": "query", "outcome": "ok"}
        return REGISTRY.get_sample_value("portal_graphql_operations_total", labels) or 0

    before = (count("TrustedVersion"), count("me"))
    await trusted.post("/graphql", json={"documentId": f"sha256:{sha(VERSION)}"})
    await trusted.post("/graphql", json={"documentId": f"sha256:{sha(ANONYMOUS)}"})
    assert (count("TrustedVersion"), count("me")) == (before[0] + 1, before[1] + 1)


def _load(tmp_path: Path, content: str | bytes) -> TrustedDocuments:
    path = tmp_path / "m.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return TrustedDocuments.load(str(path))


def test_manifest_keys_may_carry_the_prefix_and_capitals(tmp_path: Path) -> None:
    documents = _load(
        tmp_path,
        json.dumps({f"sha256:{sha(VERSION)}": VERSION, sha(ANONYMOUS).upper(): ANONYMOUS}),
    )
    assert documents.get(sha(VERSION)) == VERSION
    assert documents.get(sha(ANONYMOUS)) == ANONYMOUS
    assert len(documents) == 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe{", "not UTF-8 text"),
        ("{", "not JSON (Expecting property name enclosed in double quotes at line 1, column 2)"),
        ("[]", "must be a JSON object of sha256 hash to GraphQL document"),
        ("{}", "holds no documents, so every request would be refused"),
        (json.dumps({"abc": VERSION}), "the key 'abc' is not a sha256 hash"),
        (json.dumps({"0" * 32: VERSION}), "is not a sha256 hash (64 hexadecimal digits)"),
        (json.dumps({sha(VERSION): 5}), "is not a string"),
        (json.dumps({sha(ANONYMOUS): VERSION}), "is not the sha256 of its document"),
        (json.dumps({sha("{ nope("): "{ nope("}), "does not parse: Syntax Error"),
        (
            json.dumps({sha("fragment F on Query { a }"): "fragment F on Query { a }"}),
            "no operation",
        ),
    ],
)
def test_a_bad_manifest_says_why_in_one_line(tmp_path: Path, content, reason: str) -> None:
    with pytest.raises(ManifestError) as caught:
        _load(tmp_path, content)
    message = str(caught.value)
    assert message.startswith(f"PORTAL_TRUSTED_DOCUMENTS={tmp_path / 'm.json'}: ")
    assert reason in message
    assert "\n" not in message
    assert isinstance(caught.value, SettingsError)


def test_a_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"cannot read it \(No such file or directory\)"):
        TrustedDocuments.load(str(tmp_path / "missing.json"))


def test_the_app_refuses_to_start_with_a_bad_manifest(database: Settings, tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "DATABASE_URL": database.database_url,
            "PORTAL_TRUSTED_DOCUMENTS": str(tmp_path / "missing.json"),
        }
    )
    with pytest.raises(ManifestError):
        create_app(settings, manage_database=False)
