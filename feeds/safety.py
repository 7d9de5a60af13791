"""Which URLs the poller may fetch: http(s) only, and public addresses only unless allowed.

A feed list is input from people, and a redirect is input from a stranger: either could point
the poller at the metadata service of a cloud host or at a router's admin page. The check runs
on the addresses a host name *resolves to* (in :class:`GuardedResolver`, the resolver aiohttp
connects through), so a public name that resolves to 10.0.0.1 is refused too, on the first
request and after every redirect, and a literal IP address in a URL is checked before the fetch.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver
from yarl import URL

from feeds.exceptions import UnsafeURLError

SCHEMES = frozenset({"http", "https"})


def address_refused(address: str) -> str | None:
    """Why ``address`` is refused when private addresses are not allowed; None when it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("private", ip.is_private),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("not globally routable", not ip.is_global),
    )
    for name, hit in checks:
        if hit:
            return f"{ip} is a {name} address"
    return None


def check_url(url: str | URL, *, allow_private: bool) -> URL:
    """The parsed URL, or :class:`UnsafeURLError` for a refused scheme, a missing host or a refused IP."""
    parsed = url if isinstance(url, URL) else URL(url)
    if parsed.scheme not in SCHEMES:
        raise UnsafeURLError(f"{url}: only http and https feeds are polled (got {parsed.scheme or 'none'!r})")
    host = parsed.raw_host
    if not host:
        raise UnsafeURLError(f"{url}: no host")
    if parsed.user or parsed.password:
        raise UnsafeURLError(f"{url}: credentials in feed URLs are refused")
    if not allow_private:
        literal = host.strip("[]")
        try:
            ipaddress.ip_address(literal.split("%", 1)[0])
        except ValueError:
            if literal.lower() in {"localhost", "localhost.localdomain"} or literal.lower().endswith(
                ".localhost"
            ):
                raise UnsafeURLError(f"{url}: localhost is refused (allow private addresses)") from None
        else:
            reason = address_refused(literal)
            if reason:
                raise UnsafeURLError(f"{url}: {reason} (allow private addresses to poll it)")
    return parsed


class GuardedResolver(AbstractResolver):
    """aiohttp's resolver, minus the addresses that :func:`address_refused` refuses.

    When every address of a host is refused, the connection fails with an
    :class:`UnsafeURLError` (which aiohttp wraps in ``ClientConnectorError``; the fetcher
    unwraps it, so the failure is reported as ``blocked`` and not as a network error).
    """

    def __init__(self, *, allow_private: bool, inner: AbstractResolver | None = None) -> None:
        self.allow_private = allow_private
        self._inner = inner or ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if self.allow_private:
            return results
        allowed = [r for r in results if address_refused(r["host"]) is None]
        if not allowed:
            reasons = "; ".join(sorted({address_refused(r["host"]) or "" for r in results}))
            raise UnsafeURLError(f"{host} resolves only to refused addresses: {reasons}")
        return allowed

    async def close(self) -> None:
        await self._inner.close()

    def __repr__(self) -> str:  # pragma: no cover - for debugging only
        return f"GuardedResolver(allow_private={self.allow_private})"


def unwrap_unsafe(exc: BaseException) -> UnsafeURLError | None:
    """The :class:`UnsafeURLError` behind an aiohttp connection error, if that is what it was."""
    seen: set[int] = set()
    current: Any = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, UnsafeURLError):
            return current
        seen.add(id(current))
        current = getattr(current, "os_error", None) or current.__cause__ or current.__context__
    return None
