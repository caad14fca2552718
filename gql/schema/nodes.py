"""How `node(id:)` finds each type: a table from type name to the scope its rows are
read through (gql.domain.scoping, the one tenancy filter) and the converter to the
API type. A type that implements Node without an entry here fails the suite, and an
entry cannot be made without a scope, so nothing is reachable by ID unscoped.
Objects known by a name rather than a row (system properties) have a table of their
own, whose scopes name the keys a viewer may see.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet

from gql.domain import ids, scoping, system_properties
from gql.domain.viewer import Viewer
from gql.schema.types.audit import AuditEvent
from gql.schema.types.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from gql.schema.types.customer import Customer, EdgeDevice
from gql.schema.types.node import Node
from gql.schema.types.partner import Partner
from gql.schema.types.system import ApiToken, SystemProperty
from gql.schema.types.user import User
from gql.schema.types.webhook import Webhook, WebhookDelivery


@dataclass(frozen=True, slots=True)
class NodeType:
    scope: Callable[[Viewer], QuerySet]
    build: Callable[[Any, Viewer], Node]
    related: tuple[str, ...] = ()  # relations `build` reads


def _plain(cls: Any) -> Callable[[Any, Viewer], Node]:
    return lambda row, _viewer: cls.from_row(row)


NODE_TYPES: dict[str, NodeType] = {
    "Partner": NodeType(scoping.partners, _plain(Partner)),
    "User": NodeType(scoping.users, User.seen_by, related=("customer",)),
    "SoftwareImage": NodeType(scoping.software_images, _plain(SoftwareImage)),
    "GatewayPool": NodeType(scoping.gateway_pools, _plain(GatewayPool)),
    "EdgeLicense": NodeType(scoping.edge_licenses, _plain(EdgeLicense)),
    "Customer": NodeType(scoping.customers, _plain(Customer)),
    "Edge": NodeType(scoping.edges, _plain(EdgeDevice)),
    "AuditEvent": NodeType(scoping.audit_events, _plain(AuditEvent)),
    "ApiToken": NodeType(scoping.api_tokens, _plain(ApiToken)),
    "Webhook": NodeType(scoping.webhooks, _plain(Webhook)),
    "WebhookDelivery": NodeType(scoping.webhook_deliveries, _plain(WebhookDelivery)),
}


@dataclass(frozen=True, slots=True)
class KeyedNodeType:
    scope: Callable[[Viewer], Collection[str]]  # the keys the viewer may see
    build: Callable[[str], Awaitable[Node]]


async def _system_property(name: str) -> Node:
    return SystemProperty.of(name, (await system_properties.effective_values())[name])


KEYED_NODE_TYPES: dict[str, KeyedNodeType] = {
    "SystemProperty": KeyedNodeType(scoping.system_property_names, _system_property),
}


async def find(viewer: Viewer, global_id: str) -> Node | None:
    """The object the ID names, when it is the viewer's to see; None otherwise."""
    for type_name, keyed in KEYED_NODE_TYPES.items():
        key = ids.decode_key(global_id, type_name)
        if key is not None:
            return await keyed.build(key) if key in keyed.scope(viewer) else None
    decoded = ids.decode(global_id)
    entry = NODE_TYPES.get(decoded[0]) if decoded else None
    if decoded is None or entry is None:
        return None
    rows = entry.scope(viewer).filter(id=decoded[1])
    if entry.related:
        rows = rows.select_related(*entry.related)
    row = await rows.first()
    return entry.build(row, viewer) if row is not None else None
