"""Tortoise models of the Partner Portal, one module per aggregate.

The models know nothing of GraphQL: the `gql` package turns rows into API types.
"""

# The modules Tortoise loads as the app "models"; migrations live in models.migrations.
MODEL_MODULES = [
    "models.system",
    "models.identity",
    "models.catalogue",
    "models.audit",
    "models.customer",
    "models.webhook",
]
