"""The GraphQL layer: schema assembly and extensions, the typed Context, permission
classes, loaders, pagination, and the types, queries and mutations (one module per
mutation: input, payload, error codes, a thin resolver that calls gql.domain).

May import gql.domain, gql.settings and gql.db; never gql.web (HTTP stays outside).
"""
