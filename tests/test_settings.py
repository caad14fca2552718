"""Configuration from the environment: safe defaults, and clear refusals."""

from __future__ import annotations

import pytest

from gql.db import connection_config
from gql.settings import DEFAULT_DATABASE_URL, Settings, SettingsError


def test_defaults_suit_a_laptop() -> None:
    s = Settings.from_env({})
    assert s.database_url == DEFAULT_DATABASE_URL == "sqlite://portal.sqlite3"
    assert s.is_sqlite
    assert not s.is_postgres
    assert s.graphiql
    assert s.introspection
    assert s.publish_schema
    assert s.trusted_documents is None
    assert s.cors_origins == ()
    assert (s.log_level, s.log_format) == ("info", "text")


def test_values_are_read_and_typed() -> None:
    s = Settings.from_env(
        {
            "DATABASE_URL": "postgres://app:pw@db.internal:5433/portal",
            "PORTAL_DB_POOL_MIN": "2",
            "PORTAL_DB_POOL_MAX": "30",
            "PORTAL_DB_POOL_TIMEOUT": "1.5",
            "PORTAL_GRAPHIQL": "off",
            "PORTAL_INTROSPECTION": "false",
            "PORTAL_PUBLISH_SCHEMA": "no",
            "PORTAL_TRUSTED_DOCUMENTS": " /etc/portal/persisted-documents.json ",
            "PORTAL_CORS_ORIGINS": "https://portal.example, https://ops.example/",
            "PORTAL_LOG_LEVEL": "WARNING",
            "PORTAL_LOG_FORMAT": "json",
        }
    )
    assert s.is_postgres
    assert (s.db_pool_min, s.db_pool_max, s.db_pool_timeout) == (2, 30, 1.5)
    assert not s.graphiql
    assert not s.introspection
    assert not s.publish_schema
    assert s.trusted_documents == "/etc/portal/persisted-documents.json"
    assert s.cors_origins == ("https://portal.example", "https://ops.example")
    assert (s.log_level, s.log_format) == ("warning", "json")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL must start with"),
        ({"PORTAL_GRAPHIQL": "maybe"}, "PORTAL_GRAPHIQL must be true or false"),
        ({"PORTAL_DB_POOL_MAX": "0"}, "PORTAL_DB_POOL_MAX must be at least 1"),
        ({"PORTAL_DB_POOL_MAX": "ten"}, "PORTAL_DB_POOL_MAX must be a number"),
        ({"PORTAL_DB_POOL_MAX": "2.5"}, "PORTAL_DB_POOL_MAX must be a whole number"),
        ({"PORTAL_DB_POOL_MIN": "5", "PORTAL_DB_POOL_MAX": "2"}, "must not exceed"),
        ({"PORTAL_DB_POOL_TIMEOUT": "0"}, "PORTAL_DB_POOL_TIMEOUT must be at least"),
        ({"PORTAL_LOG_FORMAT": "xml"}, "PORTAL_LOG_FORMAT must be one of text, json"),
    ],
)
def test_bad_values_are_refused_by_name(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_bad_database_url_does_not_echo_credentials() -> None:
    with pytest.raises(SettingsError) as excinfo:
        Settings.from_env({"DATABASE_URL": "mysql://root:s3cret@host/db"})
    assert "s3cret" not in str(excinfo.value)


def test_sqlite_connection_has_wal_busy_timeout_and_foreign_keys() -> None:
    creds = connection_config(Settings.from_env({}))["credentials"]
    assert creds["file_path"] == "portal.sqlite3"
    assert creds["journal_mode"] == "WAL"
    assert creds["foreign_keys"] == "ON"
    assert creds["busy_timeout"] == 5000


def test_postgres_connection_has_explicit_pool_and_bounded_wait() -> None:
    settings = Settings.from_env(
        {
            "DATABASE_URL": "postgres://app@db:5432/portal",
            "PORTAL_DB_POOL_MAX": "7",
            "PORTAL_DB_POOL_TIMEOUT": "2",
        }
    )
    config = connection_config(settings)
    assert config["engine"] == "gql.pg"
    creds = config["credentials"]
    assert (creds["minsize"], creds["maxsize"], creds["acquire_timeout"]) == (1, 7, 2.0)
    assert creds["command_timeout"] == 30.0
    assert (creds["host"], creds["database"], creds["user"]) == ("db", "portal", "app")


def test_login_settings_trusted_proxies_and_hash_concurrency() -> None:
    s = Settings.from_env(
        {
            "PORTAL_TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/16,,::1",
            "PORTAL_PASSWORD_HASH_CONCURRENCY": "3",
        }
    )
    assert s.trusted_proxies == ("10.0.0.1/32", "192.168.0.0/16", "::1/128")
    assert s.password_hash_concurrency == 3
    defaults = Settings.from_env({})
    assert defaults.trusted_proxies == ()
    assert defaults.password_hash_concurrency >= 1


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORTAL_TRUSTED_PROXIES": "10.0.0.1,proxy.internal"}, "PORTAL_TRUSTED_PROXIES must"),
        ({"PORTAL_PASSWORD_HASH_CONCURRENCY": "0"}, "PORTAL_PASSWORD_HASH_CONCURRENCY must"),
    ],
)
def test_bad_login_settings_are_refused_by_name(env, message) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)
