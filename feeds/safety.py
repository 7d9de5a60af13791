"""Which URLs the poller may fetch: http(s) only, and public addresses only unless allowed.

A feed list is input from people, and a redirect or an article link is input from a stranger:
any could point the poller at the metadata service of a cloud host or at a router's admin
page. The check runs on the addresses a host name *resolves to* (in :class:`GuardedResolver`,
the resolver aiohttp connects through), so a public name that resolves to 10.0.0.1 is refused
too, on the first request and after every redirect, and a literal IP address in a URL is
checked before the fetch. What is allowed beyond public addresses is an :class:`AccessPolicy`:
nothing (the default), everything, or some networks (``["127.0.0.0/8"]``: tests allow loopback
and nothing else, so a link to 10.0.0.1 is still refused).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver
from yarl import URL

from feeds.exceptions import UnsafeURLError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class AccessPolicy:
    """The non-public addresses that may be fetched: all of them, some networks, or none."""

    all_private: bool = False
    networks: tuple[Network, ...] = ()

    @classmethod
    def of(cls, value: bool | AccessPolicy | Iterable[str] | None) -> AccessPolicy:
        """``True``/``False``/``None``, or network strings such as ``"127.0.0.0/8"`` and ``"::1"``.

        A bad network string raises :class:`ValueError` (the config loader reports it).
        """
        if isinstance(value, AccessPolicy):
            return value
        if value is None or isinstance(value, bool):
            return cls(all_private=bool(value))
        networks = tuple(dict.fromkeys(ipaddress.ip_network(item.strip(), strict=False) for item in value))
        return cls(networks=networks)

    def union(self, other: AccessPolicy) -> AccessPolicy:
        if self.all_private or other.all_private:
            return AccessPolicy(all_private=True)
        return AccessPolicy(networks=tuple(dict.fromkeys((*self.networks, *other.networks))))

    @property
    def allows_any(self) -> bool:
        return self.all_private or bool(self.networks)

    def allows(self, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return self.all_private or any(ip.version == net.version and ip in net for net in self.networks)

    def describe(self) -> str:
        if self.all_private:
            return "all addresses"
        if self.networks:
            return "public addresses and " + ", ".join(str(n) for n in self.networks)
        return "public addresses only"


NOTHING_PRIVATE = AccessPolicy()
EVERYTHING = AccessPolicy(all_private=True)


SCHEMES = frozenset({"http", "https"})


def address_refused(address: str, policy: AccessPolicy = NOTHING_PRIVATE) -> str | None:
    """Why ``address`` is refused under ``policy``; None when it is public or allowed."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if policy.allows(ip):
        return None
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


def check_url(url: str | URL, *, allow_private: bool | AccessPolicy) -> URL:
    """The parsed URL, or :class:`UnsafeURLError` for a refused scheme, a missing host or a refused IP.

    Host names are left to :class:`GuardedResolver` (what they resolve to is what counts), except
    ``localhost`` names, refused here at once when no private address at all is allowed.
    """
    policy = AccessPolicy.of(allow_private)
    parsed = url if isinstance(url, URL) else URL(url)
    if parsed.scheme not in SCHEMES:
        raise UnsafeURLError(f"{url}: only http and https feeds are polled (got {parsed.scheme or 'none'!r})")
    host = parsed.raw_host
    if not host:
        raise UnsafeURLError(f"{url}: no host")
    if parsed.user or parsed.password:
        raise UnsafeURLError(f"{url}: credentials in feed URLs are refused")
    if policy.all_private:
        return parsed
    literal = host.strip("[]")
    try:
        ipaddress.ip_address(literal.split("%", 1)[0])
    except ValueError:
        name = literal.lower()
        local = name in {"localhost", "localhost.localdomain"} or name.endswith(".localhost")
        if local and not policy.allows_any:
            raise UnsafeURLError(f"{url}: localhost is refused (allow private addresses)") from None
    else:
        reason = address_refused(literal, policy)
        if reason:
            raise UnsafeURLError(f"{url}: {reason} (allow private addresses to poll it)")
    return parsed


class GuardedResolver(AbstractResolver):
    """aiohttp's resolver, minus the addresses that :func:`address_refused` refuses.

    When every address of a host is refused, the connection fails with an
    :class:`UnsafeURLError` (which aiohttp wraps in ``ClientConnectorError``; the fetcher
    unwraps it, so the failure is reported as ``blocked`` and not as a network error).
    ``policy`` may be replaced at any time (a reloaded feeds file); the next lookup uses it.
    """

    def __init__(self, *, allow_private: bool | AccessPolicy, inner: AbstractResolver | None = None) -> None:
        self.policy = AccessPolicy.of(allow_private)
        self._inner = inner or ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        policy = self.policy
        if policy.all_private:
            return results
        allowed = [r for r in results if address_refused(r["host"], policy) is None]
        if not allowed:
            reasons = "; ".join(sorted({address_refused(r["host"], policy) or "" for r in results}))
            raise UnsafeURLError(f"{host} resolves only to refused addresses: {reasons}")
        return allowed

    async def close(self) -> None:
        await self._inner.close()

    def __repr__(self) -> str:  # pragma: no cover - for debugging only
        return f"GuardedResolver({self.policy.describe()})"


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
