"""Who is calling: the authenticated user as resolvers and permissions see it."""

from __future__ import annotations

from dataclasses import dataclass

from models.enums import Role, TokenKind


@dataclass(frozen=True, slots=True)
class Viewer:
    user_id: int
    username: str
    role: Role
    partner_id: int | None
    token_id: int
    token_kind: TokenKind
    customer_id: int | None = None

    @property
    def is_operator(self) -> bool:
        return self.role.is_operator

    @property
    def is_partner(self) -> bool:
        return self.role.is_partner
