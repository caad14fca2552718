"""The client address login throttling counts: X-Forwarded-For only from trusted
proxies, read from the right."""

from __future__ import annotations

import pytest

from gql.web.client import client_address, trusted_networks

PROXIES = trusted_networks(["10.0.0.0/8", "2001:db8::1"])


def _scope(peer: str, *forwarded: str) -> dict:
    return {
        "client": (peer, 5000),
        "headers": [(b"x-forwarded-for", value.encode()) for value in forwarded],
    }


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert client_address(_scope("203.0.113.9", "198.51.100.1"), ()) == "203.0.113.9"


def test_a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address() -> None:
    assert client_address(_scope("203.0.113.9", "198.51.100.1"), PROXIES) == "203.0.113.9"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        (["198.51.100.1"], "198.51.100.1"),
        # What the client wrote itself stays on the left: the nearest untrusted hop wins.
        (["6.6.6.6, 198.51.100.1"], "198.51.100.1"),
        (["6.6.6.6, 198.51.100.1, 10.1.2.3"], "198.51.100.1"),
        (["6.6.6.6", "198.51.100.1, 10.1.2.3"], "198.51.100.1"),
        (["198.51.100.1:443"], "198.51.100.1"),
        (["[2001:db8:5::7]:443"], "2001:db8:5::7"),
        # A malformed hop: nothing further left is believed.
        (["198.51.100.1, garbage, 10.1.2.3"], "10.1.2.3"),
        ([], "10.0.0.5"),
    ],
)
def test_behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client(forwarded, client) -> None:
    assert client_address(_scope("10.0.0.5", *forwarded), PROXIES) == client


def test_an_ipv6_proxy() -> None:
    assert client_address(_scope("2001:db8::1", "198.51.100.1"), PROXIES) == "198.51.100.1"
