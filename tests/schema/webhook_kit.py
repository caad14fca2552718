"""Documents and helpers shared by the test modules of this folder (a library,
not a test module)."""

from __future__ import annotations

import asyncio

CREATE = """
mutation Create($input: CreateWebhookInput!) {
  createWebhook(input: $input) { webhook { id url events enabled } secret errors { code field } }
}
"""


LIST = """
{ webhooks { id deliveries { totalCount nodes { id eventType status attempts responseStatus } } } }
"""


class Receiver:
    """An HTTP/1.1 server on loopback that records requests and answers with the
    statuses queued (200 once the queue is empty)."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []

    async def __aenter__(self) -> Receiver:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}/hook"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.close()
        await self.server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        headers = {
            k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
        }
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        self.requests.append((headers, body))
        status = self.statuses.pop(0) if self.statuses else 200
        writer.write(
            f"HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        writer.close()


async def _register(gql, token: str, url: str, events: list[str]) -> tuple[str, str]:
    body = await gql(CREATE, {"input": {"url": url, "events": events}}, token=token)
    created = body["data"]["createWebhook"]
    assert created["errors"] == [], created
    return created["webhook"]["id"], created["secret"]
