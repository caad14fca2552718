"""The per-request context every resolver and permission class receives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import strawberry
from starlette.requests import Request
from starlette.responses import Response

from gql.domain.viewer import Viewer
from gql.settings import Settings

if TYPE_CHECKING:  # the loaders build API types, which import this module
    from gql.schema.loaders import Loaders


@dataclass(slots=True)
class Context:
    request: Request
    response: Response | None
    settings: Settings
    viewer: Viewer | None
    loaders: Loaders
    # The request's variables as sent, before GraphQL filled in defaults (gql.inputs).
    raw_variables: dict | None = None
    # The document is one of the operator's trusted documents (set by gql.web.persisted),
    # so its operation name is a bounded metrics label.
    trusted_document: bool = False
    # The client's IP address: the peer's, or from X-Forwarded-For when the peer is one
    # of PORTAL_TRUSTED_PROXIES (gql.web.client).
    client_address: str | None = None

    @property
    def user(self) -> Viewer:
        """The caller, on fields whose permission class requires a login."""
        if self.viewer is None:  # a field without its IsAuthenticated guard: a bug
            raise RuntimeError("field needs a permission class that requires a login")
        return self.viewer

    @property
    def request_id(self) -> str:
        return self.request.scope.get("state", {}).get("request_id", "")


Info = strawberry.Info[Context, None]
