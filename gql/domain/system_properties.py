"""The orchestrator's system properties that this API knows, typed and validated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gql.domain.security import DEFAULT_PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH
from models.system import SystemProperty

DISABLE_CREATE_ENTERPRISE = "session.options.disableCreateEnterprise"
ENABLE_ANALYTICS = "session.options.enableAnalytics"
PASSWORD_MIN_LENGTH = "security.password.minLength"  # noqa: S105 - a property name


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value not in ("true", "false"):
        raise ValueError('must be "true" or "false"')
    return value == "true"


def _parse_min_length(raw: str) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        raise ValueError("must be a whole number") from None
    if not 8 <= value <= PASSWORD_MAX_LENGTH:
        raise ValueError(f"must be between 8 and {PASSWORD_MAX_LENGTH}")
    return value


@dataclass(frozen=True, slots=True)
class PropertySpec:
    name: str
    default: str
    description: str
    parse: Callable[[str], object]

    def normalize(self, raw: str) -> str:
        """The canonical text of a valid value; ValueError with the reason otherwise."""
        return str(self.parse(raw)).lower() if self.parse is _parse_bool else str(self.parse(raw))


KNOWN: dict[str, PropertySpec] = {
    spec.name: spec
    for spec in (
        PropertySpec(
            DISABLE_CREATE_ENTERPRISE,
            "false",
            "When true, partners cannot create new customers.",
            _parse_bool,
        ),
        PropertySpec(
            ENABLE_ANALYTICS,
            "false",
            "When true, partners may enable Analytics for their customers.",
            _parse_bool,
        ),
        PropertySpec(
            PASSWORD_MIN_LENGTH,
            str(DEFAULT_PASSWORD_MIN_LENGTH),
            "The fewest characters a password may have (8 to 256).",
            _parse_min_length,
        ),
    )
}


async def effective_values() -> dict[str, str]:
    """Every known property with its value (the default where the operator set none)."""
    stored = dict(await SystemProperty.filter(name__in=list(KNOWN)).values_list("name", "value"))
    return {name: stored.get(name, spec.default) for name, spec in KNOWN.items()}


async def current(name: str) -> object:
    """One property's typed value (its default where the operator set none)."""
    spec = KNOWN[name]
    raw = await SystemProperty.filter(name=name).first().values_list("value", flat=True)
    return spec.parse(raw if raw is not None else spec.default)


async def get_bool(name: str) -> bool:
    return bool(await current(name))


async def password_min_length() -> int:
    return int(await current(PASSWORD_MIN_LENGTH))  # type: ignore[call-overload]
