"""Only http(s), and only public addresses unless private ones are allowed."""

from __future__ import annotations

import socket

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from feeds.devserver import FeedServer, rss
from feeds.exceptions import FetchError, UnsafeURLError
from feeds.fetch import Fetcher
from feeds.safety import AccessPolicy, GuardedResolver, address_refused, check_url
from newsdesk.settings import Settings


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1", "fe80::1", "fc00::1",
     "0.0.0.0", "224.0.0.1", "::ffff:127.0.0.1", "100.64.0.1"],
)  # fmt: skip
def test_private_and_special_addresses_are_refused(address: str) -> None:
    assert address_refused(address) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert address_refused(address) is None


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/", "gopher://x/", "http://127.0.0.1/feed", "http://[::1]/",
     "http://localhost:8080/", "http://user:pw@example.com/", "http:///nohost"],
)  # fmt: skip
def test_refused_urls(url: str) -> None:
    with pytest.raises(UnsafeURLError):
        check_url(url, allow_private=False)


def test_allowing_private_still_refuses_other_schemes() -> None:
    assert str(check_url("http://127.0.0.1:8080/feed", allow_private=True)) == "http://127.0.0.1:8080/feed"
    with pytest.raises(UnsafeURLError):
        check_url("file:///etc/passwd", allow_private=True)


class FixedResolver(AbstractResolver):
    def __init__(self, addresses: list[str]) -> None:
        self.addresses = addresses

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        return [
            {"hostname": host, "host": a, "port": port, "family": family, "proto": 0, "flags": 0}
            for a in self.addresses
        ]

    async def close(self) -> None:
        return None


async def test_resolver_checks_the_resolved_addresses() -> None:
    rebinding = GuardedResolver(allow_private=False, inner=FixedResolver(["10.0.0.5"]))
    with pytest.raises(UnsafeURLError, match="private"):
        await rebinding.resolve("innocent.example", 80)
    mixed = GuardedResolver(allow_private=False, inner=FixedResolver(["10.0.0.5", "93.184.215.14"]))
    assert [r["host"] for r in await mixed.resolve("mixed.example", 80)] == ["93.184.215.14"]
    allowed = GuardedResolver(allow_private=True, inner=FixedResolver(["10.0.0.5"]))
    assert [r["host"] for r in await allowed.resolve("intranet.example", 80)] == ["10.0.0.5"]
    one_network = GuardedResolver(allow_private=AccessPolicy.of(["10.0.0.0/24"]), inner=allowed._inner)
    assert [r["host"] for r in await one_network.resolve("intranet.example", 80)] == ["10.0.0.5"]
    one_network.policy = AccessPolicy.of(["192.168.0.0/16"])  # a reloaded feeds file
    with pytest.raises(UnsafeURLError, match="private"):
        await one_network.resolve("intranet.example", 80)


class NamesOnLoopback(AbstractResolver):
    """``public.test`` and ``private.test`` both lead to the loopback server."""

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        address = {"public.test": "127.0.0.1", "private.test": "127.0.0.2"}[host]
        return [{"hostname": host, "host": address, "port": port, "family": family, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        return None


ONLY_127_0_0_1 = AccessPolicy.of(["127.0.0.1/32"])
"""Tests can only reach loopback: 127.0.0.1 stands for the allowed addresses, 127.0.0.2 for the rest."""


async def test_every_redirect_target_is_checked_again() -> None:
    with FeedServer() as server:
        port = server.port
        server.route("/feed.xml", body=rss("ok", [("1", "t", "x")]))
        server.route("/to-name", status=302, headers={"Location": f"http://private.test:{port}/feed.xml"})
        server.route("/to-ip", status=301, headers={"Location": f"http://127.0.0.2:{port}/feed.xml"})
        async with Fetcher(Settings(), allow_private=ONLY_127_0_0_1, resolver=NamesOnLoopback()) as fetcher:
            fine = await fetcher.fetch(f"http://public.test:{port}/feed.xml")
            with pytest.raises(FetchError) as by_name:
                await fetcher.fetch(f"http://public.test:{port}/to-name")
            with pytest.raises(FetchError) as by_ip:
                await fetcher.fetch(f"http://public.test:{port}/to-ip")
            with pytest.raises(FetchError) as direct:
                await fetcher.fetch(f"http://private.test:{port}/feed.xml")
        assert fine.status == 200
        assert [e.value.kind for e in (by_name, by_ip, direct)] == ["blocked", "blocked", "blocked"]
        assert len(server.hits("/feed.xml")) == 1  # only the allowed fetch reached the feed


def test_a_policy_allows_all_some_networks_or_nothing() -> None:
    loopback = AccessPolicy.of(["127.0.0.0/8", "::1"])
    assert address_refused("127.0.0.5", loopback) is None
    assert address_refused("::1", loopback) is None
    assert address_refused("::ffff:127.0.0.1", loopback) is None  # mapped IPv4 counts as IPv4
    for refused in ("10.0.0.1", "169.254.169.254", "192.168.1.1", "fe80::1"):
        assert address_refused(refused, loopback) is not None
    assert address_refused("10.0.0.1", AccessPolicy.of(True)) is None
    assert AccessPolicy.of(False) == AccessPolicy.of(None) == AccessPolicy()
    assert loopback.union(AccessPolicy.of(["10.0.0.0/8"])).networks[-1].compressed == "10.0.0.0/8"
    assert loopback.union(AccessPolicy.of(True)).all_private
    with pytest.raises(ValueError, match="does not appear to be"):
        AccessPolicy.of(["not a network"])


def test_urls_under_a_network_policy() -> None:
    loopback = AccessPolicy.of(["127.0.0.0/8"])
    assert str(check_url("http://127.0.0.1:8080/feed", allow_private=loopback)).startswith("http://127.")
    assert (
        check_url("http://localhost:8080/feed", allow_private=loopback).host == "localhost"
    )  # resolver decides
    for url in ("http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/"):
        with pytest.raises(UnsafeURLError):
            check_url(url, allow_private=loopback)
