"""The Node interface: every object has an opaque global `id` that `node(id:)` resolves."""

import strawberry


@strawberry.interface(description="An object with an opaque global ID.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque global ID; `node(id:)` finds the object by it."
    )
