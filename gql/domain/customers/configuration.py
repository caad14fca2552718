"""A customer's configuration: Manage Software Images, the images and their default,
the gateway pool, the edge licenses and analytics.

Every value comes from one place, `resolve`: what the input gives explicitly, else
the clone source's, else the customer's current one, else the page's default (for the
pool and the image, the partner's default). `plan` then applies the rules of
rules.py to the parts that change, so that creating, updating, cloning and modifying
images all decide the same way and report the same codes at the same input paths.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from gql.domain.customers import images as image_guard
from gql.domain.customers.records import KEYS, Configuration, configuration_of
from gql.domain.customers.rules import (
    Kind,
    Path,
    assignable,
    check_analytics,
    check_licenses,
    check_pool,
    choose_images,
    not_available,
    pick_all,
    select_licenses,
    to_pk,
    too_many,
)
from gql.domain.problems import Problems
from models.customer import Customer
from models.identity import Partner

CLONE_PATH: Path = ("cloneFromCustomerId",)


class Origin(Enum):
    INPUT = "input"
    CLONE = "clone"
    CURRENT = "current"
    DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class Choice:
    """One part's value, where it came from, and the input path to blame for it."""

    value: Any
    origin: Origin
    path: Path

    @property
    def given(self) -> bool:
        return self.origin in (Origin.INPUT, Origin.CLONE)


def resolve(
    part: str,
    explicit: Mapping[str, Any],
    *,
    cloned: Configuration | None,
    current: Configuration | None,
    defaults: Configuration,
    prefix: Path,
) -> Choice:
    """Explicit input, else the clone source, else the current value, else the default."""
    path = (*prefix, KEYS[part])
    if part in explicit:
        return Choice(explicit[part], Origin.INPUT, path)
    if cloned is not None:
        return Choice(getattr(cloned, part), Origin.CLONE, CLONE_PATH)
    if current is not None:
        return Choice(getattr(current, part), Origin.CURRENT, path)
    return Choice(getattr(defaults, part), Origin.DEFAULT, path)


@dataclass
class Plan:
    """A configuration being decided: where each part comes from, the configuration
    before (None for a new customer) and after, and the problems found."""

    problems: Problems
    partner: Partner
    customer: Customer | None
    before: Configuration | None
    after: Configuration
    choices: dict[str, Choice]
    conn: BaseDBAsyncClient | None = None
    image_path: Path = ()
    # Every license of one (edition, region), added to the licenses (edgeLicenseSelection).
    selection: tuple[str, str] | None = None


async def start(
    problems: Problems,
    partner: Partner,
    explicit: Mapping[str, Any],
    *,
    cloned: Configuration | None = None,
    customer: Customer | None = None,
    prefix: Path = ("configuration",),
    conn: BaseDBAsyncClient | None = None,
) -> Plan:
    """Resolves every part. `explicit` holds the parts the input sent (global IDs);
    `customer` is the one being changed (locked by the caller), None on create."""
    before = await configuration_of(customer, conn) if customer is not None else None
    defaults = Configuration(pool=partner.default_gateway_pool_id)
    choices = {
        part: resolve(
            part, explicit, cloned=cloned, current=before, defaults=defaults, prefix=prefix
        )
        for part in KEYS
    }
    after = dataclasses.replace(before or defaults)
    after.manage_software_images = bool(choices["manage_software_images"].value)
    selection = explicit.get("license_selection")
    return Plan(problems, partner, customer, before, after, choices, conn, selection=selection)


async def plan(problems: Problems, partner: Partner, explicit: Mapping[str, Any], **kw) -> Plan:
    """The whole configuration under the rules (see `start` for the arguments), adding
    a problem for every broken rule."""
    state = await start(problems, partner, explicit, **kw)
    await plan_images(state)
    await _pool(state)
    await _licenses(state)
    analytics = state.choices["analytics_enabled"]
    state.after.analytics_enabled = bool(analytics.value)
    if state.before is None or state.after.analytics_enabled != state.before.analytics_enabled:
        await check_analytics(problems, state.after.analytics_enabled, analytics.path)
    return state


async def guard_removals(state: Plan) -> None:
    """IMAGE_IN_USE for images leaving a customer that edges still run."""
    if state.customer is not None and state.image_path:
        await image_guard.check_removals(
            state.problems, state.customer.id, state.after.images, state.conn, *state.image_path
        )


async def guard_license_removals(state: Plan) -> None:
    """LICENSE_IN_USE for licenses leaving a customer that edges were provisioned with."""
    licenses = state.choices["licenses"]
    if state.customer is not None and licenses.origin is not Origin.CURRENT:
        await image_guard.check_license_removals(
            state.problems, state.customer.id, state.after.licenses, state.conn, *licenses.path
        )


async def plan_images(state: Plan) -> None:
    """Manage Software Images, the images and their default."""
    images, default = state.choices["images"], state.choices["default_image"]
    manage = state.choices["manage_software_images"]
    if state.before is not None and not (images.given or default.given or manage.given):
        return  # nothing about the customer's images changes
    if images.origin is Origin.INPUT and default.origin is not Origin.INPUT:
        default = Choice(None, Origin.INPUT, (*images.path[:-1], KEYS["default_image"]))
    image_path = images.path if images.given else manage.path
    current = state.before
    allowed = await assignable(state.partner.id, Kind.IMAGE, state.conn)
    allowed |= set(current.images if current else ())  # what it has, it may keep
    default_pk = to_pk(default.value, Kind.IMAGE)
    if default.value is not None and default_pk not in allowed:
        not_available(state.problems, Kind.IMAGE, default.path)
        return
    if not images.value:
        _fallback_image(state, images, default_pk)
        return
    if too_many(state.problems, images.value, image_path):
        return
    pks = pick_all(state.problems, images.value, allowed, Kind.IMAGE, image_path)
    chosen = pks and choose_images(
        state.problems,
        pks,
        manage=state.after.manage_software_images,
        default=default_pk,
        current_default=current.default_image if current else None,
        image_path=image_path,
        default_path=default.path,
    )
    if not chosen:
        return
    state.after.images, state.after.default_image = chosen
    state.image_path = image_path


def _fallback_image(state: Plan, images: Choice, default_pk: int | None) -> None:
    """No images chosen: on a new customer, the default named, else the partner's."""
    if state.before is not None:
        state.problems.add("REQUIRED", "Assign at least one image.", *images.path)
        return
    chosen = default_pk if default_pk is not None else state.partner.default_software_image_id
    if chosen is None:
        state.problems.add(
            "NOT_AVAILABLE",
            "Your partner has no default software image; choose one.",
            *images.path,
        )
        return
    state.after.images, state.after.default_image = [chosen], chosen


async def _pool(state: Plan) -> None:
    pool = state.choices["pool"]
    if pool.origin is Origin.CURRENT:
        return
    if pool.value is None:
        state.problems.add(
            "NOT_AVAILABLE", "Your partner has no default gateway pool; choose one.", *pool.path
        )
        return
    if pool.origin is not Origin.DEFAULT:
        state.after.pool = await check_pool(state.problems, state.partner.id, pool.value, pool.path)


async def _licenses(state: Plan) -> None:
    licenses = state.choices["licenses"]
    if licenses.origin is Origin.CURRENT and state.selection is None:
        return
    values = list(licenses.value or [])
    path = licenses.path
    if state.selection is not None:
        # "Assign all license types that match the customer's edition and region."
        path = (*licenses.path[:-1], "edgeLicenseSelection")
        chosen = await select_licenses(state.partner.id, *state.selection)
        if not chosen:
            state.problems.add(
                "NOT_AVAILABLE",
                "No license of this edition and region is available to your partner.",
                *path,
            )
        values += [pk for pk in chosen if pk not in values]
        path = licenses.path if licenses.origin is Origin.INPUT else path
    state.after.licenses = await check_licenses(
        state.problems, state.partner.id, state.partner.edge_licensing_enabled, values, path
    )
