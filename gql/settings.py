"""Configuration from the environment, in one typed object.

Defaults suit a laptop (a SQLite file, GraphiQL and introspection on); production
switches are explicit. Every variable is documented in the README.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

DEFAULT_DATABASE_URL = "sqlite://portal.sqlite3"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingsError(ValueError):
    """An environment variable holds a value the service cannot use."""


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def _number(env: Mapping[str, str], name: str, default: float, *, minimum: float) -> float:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum:g}, not {raw!r}")
    return value


def _int(env: Mapping[str, str], name: str, default: int, *, minimum: int) -> int:
    value = _number(env, name, default, minimum=minimum)
    if value != int(value):
        raise SettingsError(f"{name} must be a whole number, not {env[name]!r}")
    return int(value)


def _choice(env: Mapping[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    value = (env.get(name) or default).strip().lower()
    if value not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(choices)}, not {env[name]!r}")
    return value


def _networks(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """Comma-separated addresses or networks (CIDR), each checked."""
    networks = []
    for part in env.get(name, "").split(","):
        if not part.strip():
            continue
        try:
            networks.append(str(ipaddress.ip_network(part.strip(), strict=False)))
        except ValueError:
            raise SettingsError(
                f"{name} must list IP addresses or networks (e.g. 10.0.0.0/8), not {part!r}"
            ) from None
    return tuple(networks)


def _default_hash_concurrency() -> int:
    return max(1, (os.cpu_count() or 2) // 2)


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    # PostgreSQL connection pool, per server process.
    db_pool_min: int = 1
    db_pool_max: int = 10
    # Seconds a request may wait for a free pool connection before it is refused.
    db_pool_timeout: float = 5.0
    # Seconds one SQL statement may run.
    db_statement_timeout: float = 30.0
    # SQLite: milliseconds a writer waits for the database lock.
    sqlite_busy_timeout_ms: int = 5000
    graphiql: bool = True
    introspection: bool = True
    # Serve the SDL at GET /graphql/schema.graphql (whether or not introspection is on).
    publish_schema: bool = True
    # A JSON file of sha256 -> GraphQL document: when set, only those documents run.
    trusted_documents: str | None = None
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    # The largest request body accepted, in bytes.
    max_body_bytes: int = 1_048_576
    # The most an operation may cost (gql.schema.shape: a field 1, a page multiplies).
    max_query_cost: int = 50_000
    log_level: str = "info"
    log_format: Literal["text", "json"] = "text"
    # Webhooks to loopback, private, link-local or multicast addresses, and over plain
    # http: for development and tests only.
    webhook_allow_private: bool = False
    # Whether this process delivers webhooks in the background (every process may).
    webhook_worker: bool = True
    # The reverse proxies (addresses or networks) whose X-Forwarded-For is believed;
    # with none, the client address is the peer's.
    trusted_proxies: tuple[str, ...] = field(default_factory=tuple)
    # How many argon2 password hashes or verifications may run at once per process.
    password_hash_concurrency: int = field(default_factory=_default_hash_concurrency)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite://")

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        d = cls()
        url = (env.get("DATABASE_URL") or DEFAULT_DATABASE_URL).strip()
        if not url.startswith(("sqlite://", "postgres://", "postgresql://")):
            raise SettingsError(
                "DATABASE_URL must start with sqlite:// or postgres:// "
                f"(got a URL with scheme {url.split(':', 1)[0]!r})"
            )
        pool_min = _int(env, "PORTAL_DB_POOL_MIN", d.db_pool_min, minimum=0)
        pool_max = _int(env, "PORTAL_DB_POOL_MAX", d.db_pool_max, minimum=1)
        if pool_min > pool_max:
            raise SettingsError("PORTAL_DB_POOL_MIN must not exceed PORTAL_DB_POOL_MAX")
        raw_origins = env.get("PORTAL_CORS_ORIGINS", "").split(",")
        origins = tuple(o.strip().rstrip("/") for o in raw_origins if o.strip())
        return cls(
            database_url=url,
            db_pool_min=pool_min,
            db_pool_max=pool_max,
            db_pool_timeout=_number(env, "PORTAL_DB_POOL_TIMEOUT", d.db_pool_timeout, minimum=0.1),
            db_statement_timeout=_number(
                env, "PORTAL_DB_STATEMENT_TIMEOUT", d.db_statement_timeout, minimum=0.1
            ),
            sqlite_busy_timeout_ms=_int(
                env, "PORTAL_SQLITE_BUSY_TIMEOUT_MS", d.sqlite_busy_timeout_ms, minimum=0
            ),
            graphiql=_bool(env, "PORTAL_GRAPHIQL", d.graphiql),
            introspection=_bool(env, "PORTAL_INTROSPECTION", d.introspection),
            publish_schema=_bool(env, "PORTAL_PUBLISH_SCHEMA", d.publish_schema),
            trusted_documents=(env.get("PORTAL_TRUSTED_DOCUMENTS") or "").strip() or None,
            cors_origins=origins,
            max_body_bytes=_int(env, "PORTAL_MAX_BODY_BYTES", d.max_body_bytes, minimum=1024),
            max_query_cost=_int(env, "PORTAL_MAX_QUERY_COST", d.max_query_cost, minimum=1),
            log_level=_choice(
                env, "PORTAL_LOG_LEVEL", d.log_level, ("debug", "info", "warning", "error")
            ),
            log_format=_choice(env, "PORTAL_LOG_FORMAT", d.log_format, ("text", "json")),  # type: ignore[arg-type]
            webhook_allow_private=_bool(
                env, "PORTAL_WEBHOOK_ALLOW_PRIVATE", d.webhook_allow_private
            ),
            webhook_worker=_bool(env, "PORTAL_WEBHOOK_WORKER", d.webhook_worker),
            trusted_proxies=_networks(env, "PORTAL_TRUSTED_PROXIES"),
            password_hash_concurrency=_int(
                env,
                "PORTAL_PASSWORD_HASH_CONCURRENCY",
                d.password_hash_concurrency,
                minimum=1,
            ),
        )
