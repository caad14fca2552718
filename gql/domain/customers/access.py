"""The three support-access switches of the New Customer page.

Partner Support Access and VeloCloud Support Access let the support teams view,
configure and troubleshoot the customer's edges; VeloCloud User Management Access
lets the vendor's support manage its users (and see who they are).
"""

from __future__ import annotations

from collections.abc import Mapping

from gql.domain.problems import Problems
from models.customer import Customer

# attribute: (input name, audit name, the page's default)
ACCESS_FLAGS = {
    "partner_support_access": ("partnerSupportAccess", "partnerSupport", True),
    "operator_support_access": ("operatorSupportAccess", "operatorSupport", True),
    "operator_user_management_access": (
        "operatorUserManagementAccess",
        "operatorUserManagement",
        False,
    ),
}


def resolve_flags(
    problems: Problems, explicit: Mapping[str, bool], current: Customer | None
) -> dict[str, bool]:
    """Each flag: explicit input, else the current value, else the page's default.
    Never a clone source's: the flags are consent given for one customer, and
    cloning copies configuration, not consent. User management is a kind of support
    access, so it cannot be on while VeloCloud Support Access is off (INVALID)."""
    flags = {}
    for attr, (_, _, default) in ACCESS_FLAGS.items():
        if attr in explicit:
            flags[attr] = explicit[attr]
        elif current is not None:
            flags[attr] = getattr(current, attr)
        else:
            flags[attr] = default
    if flags["operator_user_management_access"] and not flags["operator_support_access"]:
        problems.add(
            "INVALID",
            "VeloCloud User Management Access needs VeloCloud Support Access on.",
            "operatorUserManagementAccess",
        )
    return flags


def flag_events(changes: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    """Each access flag turned on or off is an audit event of its own
    (`customer.access.partnerSupport.disable`, …), taken out of `changes`."""
    events = []
    for key, name, _ in ACCESS_FLAGS.values():
        if key in changes:
            enabled = changes.pop(key)
            events.append(
                (f"customer.access.{name}.{'enable' if enabled else 'disable'}", {key: enabled})
            )
    return events
