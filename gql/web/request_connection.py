"""One database connection for all of a request's SQL statements (gql.db.
request_connection), given back when the response starts: sending the rest of it, to a
slow reader perhaps, never holds one. A request that runs no statement takes none."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gql import db


class OneConnectionPerRequest:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        async with db.request_connection() as release:

            async def send_releasing(message: Message) -> None:
                if message["type"] == "http.response.start":
                    await release()
                await send(message)

            await self.app(scope, receive, send_releasing)
