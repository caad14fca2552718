"""Which URLs may receive webhooks: never an address inside the orchestrator's network."""

from __future__ import annotations

import pytest

from gql.domain.webhooks.targets import Refused, resolve


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.216.34/hook",  # plain http
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://169.254.169.254/latest/meta-data",  # cloud metadata
        "https://[::1]/hook",
        "https://[fe80::1]/hook",
        "https://224.0.0.1/hook",
        "https://0.0.0.0/hook",
        "https://localhost/hook",
        "https://user:secret@93.184.216.34/hook",
        "ftp://93.184.216.34/hook",
        "https:///no-host",
        "https://" + "a" * 2050 + ".example/hook",
    ],
)
async def test_refused(url: str) -> None:
    with pytest.raises(Refused):
        await resolve(url, allow_private=False)


async def test_public_addresses_pass_and_private_ones_only_when_allowed() -> None:
    target = await resolve("https://93.184.216.34:8443/hook", allow_private=False)
    assert (target.host, target.address) == ("93.184.216.34", "93.184.216.34")
    local = await resolve("http://127.0.0.1:9/hook", allow_private=True)
    assert local.address == "127.0.0.1"
