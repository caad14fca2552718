"""Responses are encoded with orjson (gql.jsonio), and with the standard encoder where orjson
cannot (an integer past 64 bits)."""

from __future__ import annotations

import json

from gql.web.view import PortalGraphQL


def test_the_encoder_keeps_text_as_utf8_and_every_value(settings) -> None:
    view = PortalGraphQL(settings)  # the view's own encoder
    data = {"data": {"customer": {"city": "Zürich", "name": "東京 \u2028", "n": 7, "x": None}}}
    encoded = view.encode_json(data)
    assert json.loads(encoded) == data
    assert "Zürich".encode() in encoded  # UTF-8, as GraphQL over HTTP answers
    huge = {"data": {"changes": {"count": 2**70}}}
    assert json.loads(view.encode_json(huge)) == huge


async def test_a_response_is_compact_json(client) -> None:
    response = await client.post("/graphql", json={"query": "{ apiVersion }"})
    assert response.headers["content-type"].startswith("application/json")
    assert response.content.startswith(b'{"data":{"apiVersion":')
