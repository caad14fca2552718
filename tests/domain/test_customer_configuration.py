"""The one rule for where each part of a customer's configuration comes from."""

from __future__ import annotations

from gql.domain.customers.configuration import CLONE_PATH, Origin, resolve
from gql.domain.customers.records import Configuration

CLONED = Configuration(images=[7], default_image=7, pool=3, analytics_enabled=True)
CURRENT = Configuration(images=[1, 2], default_image=2, pool=4, licenses=[9])
DEFAULTS = Configuration(pool=5)
PREFIX = ("configuration",)


def _resolve(part, explicit, *, cloned=None, current=None):
    return resolve(part, explicit, cloned=cloned, current=current, defaults=DEFAULTS, prefix=PREFIX)


def test_explicit_input_wins_over_everything() -> None:
    choice = _resolve("pool", {"pool": "R2F0ZXdheVBvb2w6OQ=="}, cloned=CLONED, current=CURRENT)
    assert (choice.value, choice.origin, choice.path) == (
        "R2F0ZXdheVBvb2w6OQ==",
        Origin.INPUT,
        ("configuration", "gatewayPoolId"),
    )


def test_then_the_clone_source_blamed_on_clone_from_customer_id() -> None:
    choice = _resolve("pool", {}, cloned=CLONED, current=CURRENT)
    assert (choice.value, choice.origin, choice.path) == (3, Origin.CLONE, CLONE_PATH)


def test_then_the_current_value_then_the_default() -> None:
    assert _resolve("licenses", {}, current=CURRENT).value == [9]
    assert _resolve("licenses", {}, current=CURRENT).origin is Origin.CURRENT
    assert _resolve("pool", {}).value == 5
    assert _resolve("pool", {}).origin is Origin.DEFAULT
    assert not _resolve("pool", {}).given
    assert _resolve("analytics_enabled", {}, cloned=CLONED).given
