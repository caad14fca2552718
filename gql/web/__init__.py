"""The HTTP layer: the Starlette app and its routes, the GraphQL view (content
negotiation, request limits), middleware (body size, security headers, request ids),
logs and HTTP metrics, and the vendored GraphiQL explorer under static/.

May import gql.schema, gql.domain, gql.settings and gql.db; nothing imports it but
the command line.
"""
