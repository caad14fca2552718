"""The log: one JSON line per request, and never a password, token or user-identifiable
value in any line, even at DEBUG."""

from __future__ import annotations

import json
import logging

import pytest

from gql.settings import Settings
from gql.web.observability import JsonFormatter, configure_logging
from models.enums import Role
from tests.factories import STRONG_PASSWORD, login, make_user
from tests.schema.customer_kit import PASSWORD, create

SECRET_PHONE = "+1 512 555 0199"


@pytest.fixture
def debug_json_logging(caplog: pytest.LogCaptureFixture):
    """The production logging set-up at its most talkative, captured."""
    root = logging.getLogger()
    quiet = ("tortoise", "aiosqlite", "asyncpg")
    saved = (root.handlers[:], root.level, {n: logging.getLogger(n).level for n in quiet})
    configure_logging(Settings.from_env({"PORTAL_LOG_LEVEL": "debug", "PORTAL_LOG_FORMAT": "json"}))
    root.addHandler(caplog.handler)
    caplog.handler.setLevel(logging.DEBUG)
    yield caplog
    root.handlers[:], root.level = saved[0], saved[1]
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


async def test_no_secret_or_personal_value_reaches_the_log(gql, acme, debug_json_logging) -> None:
    caplog = debug_json_logging
    operator = await login(gql, await make_user(Role.OPERATOR_SUPERUSER, "ops@vendor.example"))
    token_body = await gql(
        'mutation { createApiToken(input: {name: "ci"}) { token } }', token=operator.token
    )
    api_token = token_body["data"]["createApiToken"]["token"]
    await gql("{ me { id } }", token=api_token)
    await gql(
        'mutation { login(input: {username: "ops@vendor.example", password: "wrong-one-x"})'
        " { errors { code } } }"
    )
    created = await create(
        gql, acme, admin={"phone": SECRET_PHONE, "contactEmail": "secret-noc@initech.example"}
    )
    assert created["errors"] == []

    text = caplog.text + "\n".join(JsonFormatter().format(r) for r in caplog.records)
    assert caplog.records, "the requests were logged"
    for secret in (
        STRONG_PASSWORD,
        PASSWORD,
        "wrong-one-x",
        operator.token,
        api_token,
        "+15125550199",
        SECRET_PHONE,
        "secret-noc@initech.example",
        "it@initech.example",
        "$argon2id$",
    ):
        assert secret not in text, secret


async def test_one_json_line_per_request_with_its_id_operation_and_outcome(
    client, debug_json_logging
) -> None:
    caplog = debug_json_logging
    await client.post(
        "/graphql",
        json={"query": "query Probe { apiVersion }"},
        headers={"X-Request-ID": "trace-7"},
    )
    lines = [JsonFormatter().format(r) for r in caplog.records if r.name == "portal.access"]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["request_id"] == "trace-7"
    assert entry["operation"] == "Probe"
    assert entry["status"] == 200
    assert entry["level"] == "info"
    assert isinstance(entry["duration_ms"], float)
