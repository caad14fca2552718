"""Registering webhooks: the events they want and their signing secrets."""

from __future__ import annotations

import base64
import re
import secrets

from gql.domain.problems import Problems
from gql.domain.webhooks.outbox import ANY_EVENT

MAX_EVENTS = 50
# Webhooks one partner (or the operator) may have: each event fans out to every one.
MAX_WEBHOOKS = 20
# An audit action: "customer.create", "customer.access.partnerSupport.disable", …
_ACTION = re.compile(r"^[a-z][A-Za-z]{0,30}(\.[A-Za-z]{1,30}){1,4}$")


def new_secret() -> str:
    """A Standard Webhooks secret: "whsec_" and 24 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def check_events(problems: Problems, events: list[str], key: str) -> list[str]:
    """The distinct events, trimmed: audit actions or "*"."""
    cleaned = list(dict.fromkeys(e.strip() for e in events))
    if not cleaned:
        problems.add("REQUIRED", 'Name at least one event, or "*" for every event.', key)
    elif len(cleaned) > MAX_EVENTS:
        problems.add("INVALID", f"Name at most {MAX_EVENTS} events.", key)
    else:
        for index, event in enumerate(cleaned):
            if event != ANY_EVENT and not _ACTION.match(event):
                problems.add(
                    "INVALID",
                    'Use an audit action such as "customer.create", or "*".',
                    key,
                    str(index),
                )
    return cleaned
