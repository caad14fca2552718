"""Which URLs may receive webhooks: https (plain http too when private targets are
allowed), no credentials in the URL, and a host whose every address is public: not
loopback, private, link-local, multicast, reserved or unspecified."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from gql.domain.problems import Problems

MAX_URL = 2048
RESOLVE_TIMEOUT = 3.0

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(Exception):
    """The URL may not receive webhooks; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class Target:
    url: str
    host: str
    address: str  # the checked address to connect to (against DNS rebinding)


def _public(address: IPAddress) -> bool:
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


async def resolve(url: str, *, allow_private: bool) -> Target:
    """The URL's host and one checked address of it; Refused otherwise."""
    if len(url) > MAX_URL:
        raise Refused(f"Use a URL of at most {MAX_URL} characters.")
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in schemes or not parts.hostname:
        raise Refused("Use an https:// URL.")
    if parts.username or parts.password:
        raise Refused("Leave credentials out of the URL; the signature authenticates us.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = await asyncio.wait_for(
            asyncio.get_running_loop().getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM),
            RESOLVE_TIMEOUT,
        )
    except (OSError, ValueError, TimeoutError):
        raise Refused("This host name does not resolve.") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not allow_private and not all(_public(a) for a in addresses):
        raise Refused("This URL points inside a private network; use a public address.")
    return Target(url=url, host=parts.hostname, address=str(addresses[0]))


async def check_url(problems: Problems, url: str, *, allow_private: bool, key: str) -> str:
    """The trimmed URL, with INVALID when it may not receive webhooks."""
    url = url.strip()
    try:
        await resolve(url, allow_private=allow_private)
    except Refused as exc:
        problems.add("INVALID", str(exc), key)
    return url
