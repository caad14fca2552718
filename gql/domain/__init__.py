"""The rules, in plain Python: customer configuration and company details, users and
passwords, sign-in, audit, idempotency, system properties, tenancy scopes, global IDs
and field validation.

Knows neither strawberry nor starlette (an import-linter contract keeps it so), so
the GraphQL schema, the command line and the demo all call the same code. May import
models, gql.settings and gql.db.
"""
