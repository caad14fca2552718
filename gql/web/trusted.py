"""The operator's trusted documents (PORTAL_TRUSTED_DOCUMENTS): a JSON object of
SHA-256 hash → GraphQL document, as GraphQL Code Generator's client preset
(`persistedDocuments`) and Relay (`persistConfig` with SHA256) write it. Read once at
start-up; a file that cannot be used stops the start with one line saying why.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from graphql import GraphQLError, OperationDefinitionNode, parse

from gql.settings import SettingsError

_KEY = re.compile(r"(?:sha256:)?([0-9a-f]{64})")


class ManifestError(SettingsError):
    """The trusted-documents file cannot be used; the message says why, in one line."""


def _shown(key: str) -> str:
    return repr(key if len(key) <= 80 else key[:77] + "...")


class TrustedDocuments:
    def __init__(self, documents: dict[str, str], source: str = "") -> None:
        self._documents = documents
        self.source = source

    def __len__(self) -> int:
        return len(self._documents)

    def get(self, digest: str) -> str | None:
        return self._documents.get(digest)

    @classmethod
    def load(cls, path: str) -> TrustedDocuments:
        where = f"PORTAL_TRUSTED_DOCUMENTS={path}"
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ManifestError(f"{where}: cannot read it ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise ManifestError(f"{where}: not UTF-8 text") from None
        try:
            manifest = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ManifestError(
                f"{where}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
            ) from None
        if not isinstance(manifest, dict):
            raise ManifestError(
                f"{where}: must be a JSON object of sha256 hash to GraphQL document"
            )
        if not manifest:
            raise ManifestError(f"{where}: holds no documents, so every request would be refused")
        return cls(
            {_checked_key(where, key): _checked(where, key, doc) for key, doc in manifest.items()},
            source=path,
        )


def _checked_key(where: str, key: str) -> str:
    match = _KEY.fullmatch(key.lower()) if len(key) <= 71 else None
    if match is None:
        raise ManifestError(
            f"{where}: the key {_shown(key)} is not a sha256 hash (64 hexadecimal digits); "
            "generate the manifest with sha256"
        )
    return match.group(1)


def _checked(where: str, key: str, document: object) -> str:
    if not isinstance(document, str):
        raise ManifestError(f"{where}: the document of {_shown(key)} is not a string")
    digest = hashlib.sha256(document.encode("utf-8", "surrogatepass")).hexdigest()
    if digest != _checked_key(where, key):
        raise ManifestError(
            f"{where}: {_shown(key)} is not the sha256 of its document (the hash must be "
            "taken over the document text exactly as the file holds it)"
        )
    try:
        parsed = parse(document)
    except GraphQLError as exc:
        reason = exc.message.splitlines()[0]
        raise ManifestError(
            f"{where}: the document of {_shown(key)} does not parse: {reason}"
        ) from None
    if not any(isinstance(d, OperationDefinitionNode) for d in parsed.definitions):
        raise ManifestError(f"{where}: the document of {_shown(key)} holds no operation")
    return document
