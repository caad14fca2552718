"""Persisted documents: requests that name a GraphQL document by its SHA-256 hash.

- Automatic persisted queries (Apollo's protocol): a request carries
  `extensions.persistedQuery {version: 1, sha256Hash}`. Without `query`, the document
  comes from an in-process LRU store (bounded in documents and bytes); when it is not
  there the answer is the error `PersistedQueryNotFound` (code
  PERSISTED_QUERY_NOT_FOUND) with HTTP 200, as Apollo Server sends it: Apollo's
  persisted-query links retry with the document on that, and give up on persisted
  queries altogether after a 400 or 500. The retry sends `query` with the hash, which
  must be the document's (else 400 `provided sha does not match query`); a document
  that parses and validates is then stored.
- Trusted documents (PORTAL_TRUSTED_DOCUMENTS, gql.web.trusted): only the documents
  of the operator's manifest run, named by hash (the APQ extension, or `documentId` /
  `id` as the GraphQL-over-HTTP persisted-documents appendix has it: `sha256:<hex>`)
  or sent whole; any other document gets 400 PERSISTED_QUERY_NOT_ALLOWED, and nothing
  is stored.

The view calls `resolve` before executing and `settle` after; a `Refusal` becomes the
JSON answer.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from starlette.responses import JSONResponse
from strawberry.http import GraphQLRequestData
from strawberry.types.execution import PreExecutionError

from gql.settings import Settings
from gql.web.trusted import TrustedDocuments

MAX_DOCUMENTS = 1000
MAX_BYTES = 10 * 1024 * 1024
_HEX64 = re.compile(r"[0-9a-f]{64}")
_ID_KEYS = ("documentId", "id")


class Refusal(Exception):
    """An answer instead of execution: a GraphQL-shaped JSON body with one error."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def response(self) -> JSONResponse:
        body = {"errors": [{"message": self.message, "extensions": {"code": self.code}}]}
        return JSONResponse(body, status_code=self.status)


def _bad_request(message: str) -> Refusal:
    return Refusal(400, "BAD_REQUEST", message)


def sha256(document: str) -> str:
    # A lone surrogate (which JSON can carry) must not crash the hash: it cannot match.
    return hashlib.sha256(document.encode("utf-8", "surrogatepass")).hexdigest()


class DocumentCache:
    """The APQ store: least recently used documents go first, past `max_documents` or
    `max_bytes` (a document bigger than the whole budget is not kept)."""

    def __init__(self, max_documents: int = MAX_DOCUMENTS, max_bytes: int = MAX_BYTES) -> None:
        self.max_documents, self.max_bytes = max_documents, max_bytes
        self._documents: OrderedDict[str, str] = OrderedDict()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._documents)

    def get(self, digest: str) -> str | None:
        document = self._documents.get(digest)
        if document is not None:
            self._documents.move_to_end(digest)
        return document

    def put(self, digest: str, document: str) -> None:
        size = len(document.encode("utf-8", "surrogatepass"))
        if digest in self._documents or size > self.max_bytes:
            return
        self._documents[digest] = document
        self.bytes += size
        while len(self._documents) > self.max_documents or self.bytes > self.max_bytes:
            _, evicted = self._documents.popitem(last=False)
            self.bytes -= len(evicted.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True, slots=True)
class Resolution:
    request_data: GraphQLRequestData
    trusted: bool = False  # the document is one of the operator's trusted documents
    register: tuple[str, str] | None = None  # (hash, document) to store once it validated


def _apq_hash(extensions: Mapping[str, Any] | None) -> str | None:
    """The hash of `extensions.persistedQuery`, checked; None without the extension."""
    persisted = (extensions or {}).get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict):
        raise _bad_request("`extensions.persistedQuery` must be an object.")
    version = persisted.get("version")
    if type(version) is not int or version != 1:
        raise _bad_request("Unsupported persisted query version: send version 1.")
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or len(digest) != 64 or not _HEX64.fullmatch(digest.lower()):
        raise _bad_request("`extensions.persistedQuery.sha256Hash` must be 64 hexadecimal digits.")
    return digest.lower()


def _document_id(raw: Any) -> str:
    """The hash in a `documentId` (`sha256:<hex>`, or the bare hex)."""
    if not isinstance(raw, str):
        raise _bad_request("`documentId` must be a string.")
    value = raw.lower()
    value = value.removeprefix("sha256:") if len(value) == 71 else value
    if not _HEX64.fullmatch(value):
        raise _bad_request("`documentId` must be sha256:<64 hexadecimal digits>.")
    return value


def has_persisted_parameters(params: Mapping[str, Any]) -> bool:
    """A GET that names a document rather than sending one (never the explorer)."""
    return any(params.get(key) for key in ("extensions", *_ID_KEYS))


class PersistedDocuments:
    def __init__(self, trusted: TrustedDocuments | None = None, cache: DocumentCache | None = None):
        self.trusted = trusted
        self.cache = cache if cache is not None else DocumentCache()

    @classmethod
    def from_settings(cls, settings: Settings) -> PersistedDocuments:
        path = settings.trusted_documents
        return cls(TrustedDocuments.load(path) if path else None)

    @staticmethod
    def check_query_params(params: Mapping[str, Any]) -> None:
        """A GET's `extensions` must be a JSON object (refused here as JSON, never later
        as a crash or a text answer)."""
        raw = params.get("extensions")
        if raw is None:
            return
        try:
            value = json.loads(raw)
        except ValueError:
            raise _bad_request("`extensions` is not valid JSON.") from None
        if not isinstance(value, dict):
            raise _bad_request("`extensions` must be a JSON object.")

    async def resolve(self, data: Any, request: Any) -> Resolution:
        """The request with its document in `query`, or a Refusal."""
        if not isinstance(data, GraphQLRequestData):  # a batch: refused before this
            return Resolution(data)
        digest = _apq_hash(data.extensions)
        if data.query is not None:
            return self._sent_whole(data, digest)
        if digest is not None:
            document = self.trusted.get(digest) if self.trusted else self.cache.get(digest)
            if document is None:
                raise Refusal(200, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound")
            return Resolution(replace(data, query=document), trusted=self.trusted is not None)
        raw_id = await _raw_document_id(request)
        if raw_id is None:
            return Resolution(data)  # no document at all: the view says so
        if self.trusted is None:
            raise _bad_request(
                "This server keeps no trusted documents: send the document in `query`."
            )
        document_id = _document_id(raw_id)
        document = self.trusted.get(document_id)
        if document is None:
            raise Refusal(
                400,
                "PERSISTED_QUERY_NOT_FOUND",
                f"No trusted document has the id sha256:{document_id}.",
            )
        return Resolution(replace(data, query=document), trusted=True)

    def _sent_whole(self, data: GraphQLRequestData, digest: str | None) -> Resolution:
        assert data.query is not None
        if digest is None and self.trusted is None:
            return Resolution(data)
        actual = sha256(data.query)
        if digest is not None and actual != digest:
            raise _bad_request("provided sha does not match query")
        if self.trusted is not None:
            if self.trusted.get(actual) is None:
                raise Refusal(
                    400,
                    "PERSISTED_QUERY_NOT_ALLOWED",
                    "This server runs only its trusted documents, and this is not one.",
                )
            return Resolution(data, trusted=True)
        return Resolution(data, register=(actual, data.query))

    def settle(self, resolution: Resolution, result: Any) -> None:
        """Stores an APQ document once it has parsed and validated."""
        if resolution.register and not isinstance(result, PreExecutionError):
            self.cache.put(*resolution.register)


async def _raw_document_id(request: Any) -> Any:
    """`documentId` (or `id`) of the request, from the URL of a GET or the JSON body."""
    if request.method == "GET":
        params: Mapping[str, Any] = request.query_params
    else:
        try:
            params = json.loads(await request.get_body())
        except ValueError:
            return None
        if not isinstance(params, dict):
            return None
    return next((params[key] for key in _ID_KEYS if params.get(key) is not None), None)
