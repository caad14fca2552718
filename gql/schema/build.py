"""Assembles the schema from the domain modules, with its extensions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext, ExecutionResult

from gql.schema.codes import check_mutations
from gql.schema.errors import MaskUnexpectedErrors, mask, without_value
from gql.schema.inputs import KeepRawVariables
from gql.schema.limits import DocumentLimits, ListSizeRule
from gql.schema.metrics import OperationMetrics
from gql.schema.mutations.assign_edge_license import assign_edge_license
from gql.schema.mutations.assign_edge_software_image import assign_edge_software_image
from gql.schema.mutations.create_api_token import create_api_token
from gql.schema.mutations.create_customer_user import create_customer_user
from gql.schema.mutations.create_edge import create_edge
from gql.schema.mutations.create_edge_license import create_edge_license
from gql.schema.mutations.create_gateway_pool import create_gateway_pool
from gql.schema.mutations.create_operator_user import create_operator_user
from gql.schema.mutations.create_partner import create_partner
from gql.schema.mutations.create_partner_customer import create_partner_customer
from gql.schema.mutations.create_partner_customers import create_partner_customers
from gql.schema.mutations.create_partner_user import create_partner_user
from gql.schema.mutations.create_software_image import create_software_image
from gql.schema.mutations.create_webhook import create_webhook
from gql.schema.mutations.delete_customer_user import delete_customer_user
from gql.schema.mutations.delete_edge import delete_edge
from gql.schema.mutations.delete_partner_customer import delete_partner_customer
from gql.schema.mutations.delete_webhook import delete_webhook
from gql.schema.mutations.login import login
from gql.schema.mutations.logout import logout
from gql.schema.mutations.modify_customer_images import modify_customer_images
from gql.schema.mutations.redeliver_webhook_delivery import redeliver_webhook_delivery
from gql.schema.mutations.reset_user_password import reset_user_password
from gql.schema.mutations.revoke_api_token import revoke_api_token
from gql.schema.mutations.set_system_property import set_system_property
from gql.schema.mutations.unlock_user import unlock_user
from gql.schema.mutations.update_customer_user import update_customer_user
from gql.schema.mutations.update_edge import update_edge
from gql.schema.mutations.update_partner import update_partner
from gql.schema.mutations.update_partner_customer import update_partner_customer
from gql.schema.mutations.update_webhook import update_webhook
from gql.schema.permissions import public
from gql.schema.queries.audit import AuditQuery
from gql.schema.queries.catalogue import CatalogueQuery
from gql.schema.queries.customers import CustomerQuery
from gql.schema.queries.identity import IdentityQuery
from gql.schema.queries.webhooks import WebhookQuery
from gql.schema.scalars import SCALARS
from gql.schema.types.catalogue import EdgeLicense, GatewayPool, SoftwareImage
from gql.schema.types.customer import Customer, EdgeDevice
from gql.schema.types.partner import Partner
from gql.schema.types.system import ApiToken
from gql.schema.types.user import User
from gql.schema.types.webhook import Webhook, WebhookDelivery
from gql.settings import Settings

log = logging.getLogger("portal.graphql")

try:
    API_VERSION = version("partner-portal-api")
except PackageNotFoundError:  # running from a source tree that was not installed
    API_VERSION = "0.0.0+source"


@strawberry.type(description="The root of every read.")
class Query(IdentityQuery, CatalogueQuery, CustomerQuery, AuditQuery, WebhookQuery):
    @strawberry.field(**public("The version of the Partner Portal API this server runs."))
    def api_version(self) -> str:
        return API_VERSION


@strawberry.type(description="The root of every change.")
class Mutation:
    login = login
    logout = logout
    create_api_token = create_api_token
    revoke_api_token = revoke_api_token
    set_system_property = set_system_property
    create_partner = create_partner
    create_partner_customer = create_partner_customer
    create_partner_customers = create_partner_customers
    update_partner_customer = update_partner_customer
    delete_partner_customer = delete_partner_customer
    modify_customer_images = modify_customer_images
    create_edge = create_edge
    assign_edge_software_image = assign_edge_software_image
    delete_edge = delete_edge
    update_edge = update_edge
    assign_edge_license = assign_edge_license
    create_customer_user = create_customer_user
    update_customer_user = update_customer_user
    reset_user_password = reset_user_password
    unlock_user = unlock_user
    delete_customer_user = delete_customer_user
    update_partner = update_partner
    create_partner_user = create_partner_user
    create_operator_user = create_operator_user
    create_software_image = create_software_image
    create_gateway_pool = create_gateway_pool
    create_edge_license = create_edge_license
    create_webhook = create_webhook
    update_webhook = update_webhook
    delete_webhook = delete_webhook
    redeliver_webhook_delivery = redeliver_webhook_delivery


class PortalSchema(strawberry.Schema):
    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:  # type: ignore[override]
        result = await super().execute(*args, **kwargs)
        # Errors raised while parsing (by the parser cache) leave the operation before
        # MaskUnexpectedErrors sees them: every error passes through `mask` here too.
        if result.errors:
            result.errors = [mask(e) for e in result.errors]
        return result

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Strawberry logs every error at ERROR level. Errors of the request (bad
        # syntax, permissions, validation) are the client's business; unexpected ones
        # were already logged with their traceback and error id by MaskUnexpectedErrors.
        for error in errors:
            log.debug("graphql error: %s", without_value(error.message))


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or Settings()
    rules = (
        (ListSizeRule,)
        if settings.introspection
        else (ListSizeRule, NoSchemaIntrospectionCustomRule)
    )
    # Classes or factories, so that each request gets fresh extension instances.
    extensions: list[Callable[[], SchemaExtension]] = [
        OperationMetrics,
        MaskUnexpectedErrors,
        KeepRawVariables,
        lambda: ParserCache(maxsize=256),
        lambda: MaxTokensLimiter(max_token_count=5000),
        lambda: DocumentLimits(max_cost=settings.max_query_cost, rules=rules),
    ]
    return PortalSchema(
        query=Query,
        mutation=Mutation,
        types=[
            Partner,
            User,
            SoftwareImage,
            GatewayPool,
            EdgeLicense,
            ApiToken,
            Customer,
            EdgeDevice,
            Webhook,
            WebhookDelivery,
        ],
        extensions=extensions,
        config=StrawberryConfig(
            disable_field_suggestions=not settings.introspection, scalar_map=SCALARS
        ),
    )


# A mutation that could report a code its enum lacks stops the import here.
check_mutations(Mutation)

# What `portal export-schema` prints and `schema.graphql` holds.
schema = build_schema()
