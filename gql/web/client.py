"""The client's address: the peer's, unless the peer is a trusted reverse proxy.

Behind proxies listed in PORTAL_TRUSTED_PROXIES, X-Forwarded-For is read from the
right (the hop the nearest proxy added) past every trusted proxy; the first address
that is not one is the client. Anything a client wrote further left is ignored, and
without trusted proxies the header is never read, so no client can choose the address
that login throttling counts against.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.types import Scope

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(networks: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(n, strict=False) for n in networks)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("["):  # [v6]:port
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # v4:port
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, networks: tuple[Network, ...]):
    return any(ip.version == n.version and ip in n for n in networks)


def client_address(scope: Scope, trusted: tuple[Network, ...]) -> str | None:
    peer = scope.get("client")
    peer_ip = _ip(peer[0]) if peer else None
    if peer_ip is None:
        return peer[0] if peer else None
    if not trusted or not _trusted(peer_ip, trusted):
        return str(peer_ip)
    hops = [
        hop
        for name, value in scope.get("headers", [])
        if name == b"x-forwarded-for"
        for hop in value.decode("latin-1").split(",")
    ]
    client = peer_ip
    for hop in reversed(hops):
        ip = _ip(hop)
        if ip is None:
            break  # a malformed hop: trust nothing further left
        client = ip
        if not _trusted(ip, trusted):
            break
    return str(client)
