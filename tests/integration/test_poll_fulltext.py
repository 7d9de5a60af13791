"""Full-text fetch against a real HTTP server on loopback: article pages of summary-only feeds.

The real fetcher, the real parse and page worker processes (trafilatura inside), the real
state file; articles go to the stdout sink's JSON lines, captured in memory. Loopback is the
only network allowed (``127.0.0.0/8``), so an article link to any other private address stands
for the intranet a hostile feed would point the poller at.
"""

from __future__ import annotations

import io
import logging
import socket
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from feeds.config import FeedsConfig, FeedSpec
from feeds.devserver import FeedServer, rss
from feeds.fetch import Fetcher
from feeds.parse_worker import ParsePool
from feeds.poller import FeedSource, Outcome, Poller
from feeds.safety import AccessPolicy
from feeds.sinks import StdoutSink
from feeds.state import StateStore
from newsdesk import schemas
from newsdesk.settings import Settings
from newsdesk.utils import json

pytestmark = [pytest.mark.integration, pytest.mark.coroutine_timeout(120)]

LOOPBACK_ONLY = AccessPolicy.of(["127.0.0.0/8", "::1"])
PARAGRAPHS = [
    "The Interior Ministry said on Tuesday that 47 people were killed when the earthquake struck the "
    "province before dawn, raising its toll from 31 given on Monday evening.",
    "Rescue teams worked through the night in the districts closest to the epicentre, where dozens of "
    "apartment blocks collapsed, the ministry's spokesperson told reporters in the capital.",
    "Hospitals in the region treated more than 300 injured people, and the health ministry said field "
    "hospitals would open in three towns by the end of the week to relieve them.",
    "The government declared three days of national mourning and said it would rebuild every home that "
    "was destroyed, without giving a date or a figure for the cost of the work.",
]


def article_page(title: str, paragraphs: list[str]) -> bytes:
    """An article page as outlets publish them: navigation, sidebar and footer around the story."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | Example News</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a>"
        " <a href='/login'>Sign in to read more</a></nav></header>"
        f"<main><article><h1>{title}</h1><p class='byline'>By a staff reporter</p>{body}</article></main>"
        "<aside><h2>Most read</h2><ul><li><a href='/x'>Celebrity wedding photos</a></li>"
        "<li><a href='/y'>Ten best beaches</a></li></ul></aside>"
        "<footer>Copyright Example News. All rights reserved. Cookie settings. Newsletter.</footer>"
        "</body></html>"
    ).encode()


HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


@dataclass
class Harness:
    poller: Poller
    out: io.BytesIO

    def articles(self) -> dict[str, dict[str, Any]]:
        """Articles by the last part of their link (the guid in the test feeds)."""
        found = {}
        for line in self.out.getvalue().splitlines():
            article = json.loads(line)
            found[article["url"].rsplit("/", 1)[-1]] = article
        return found

    async def poll(self, feed_id: str) -> Outcome:
        return await self.poller.poll(self.poller.specs[feed_id])


@asynccontextmanager
async def harness(
    tmp_path: Path,
    feeds: list[FeedSpec],
    *,
    policy: AccessPolicy = LOOPBACK_ONLY,
    resolver: AbstractResolver | None = None,
    with_pages: bool = True,
    **changes: Any,
) -> AsyncIterator[Harness]:
    settings = Settings().replace(poll_parse_workers=1, **changes)
    out = io.BytesIO()
    store = StateStore(tmp_path / "poller.sqlite3")
    try:
        async with (
            Fetcher(settings, allow_private=policy, resolver=resolver) as fetcher,
            ParsePool(workers=1, timeout=settings.poll_parse_timeout, memory_mb=1024) as pool,
            ParsePool(workers=1, timeout=settings.poll_parse_timeout, memory_mb=1024, role="page") as pages,
        ):
            poller = Poller(
                settings,
                source=FeedSource(settings, None, []),
                sink=StdoutSink(out),
                state=store,
                fetcher=fetcher,
                parser=pool,
                pages=pages if with_pages else None,
            )
            poller.apply(FeedsConfig(feeds=tuple(feeds)))
            yield Harness(poller, out)
    finally:
        store.close()


def events(caplog: pytest.LogCaptureFixture, name: str) -> list[dict[str, Any]]:
    return [
        dict(getattr(r, "fields", {}))
        for r in caplog.records
        if getattr(r, "event", None) == name and isinstance(getattr(r, "fields", None), dict)
    ]


async def test_a_summary_only_feed_gets_the_text_of_its_article_pages(
    tmp_path: Path, server: FeedServer
) -> None:
    links = server.url("/news/")
    feed = rss(
        "Summaries",
        [
            ("quake-toll", "Quake toll rises to 47", "Ministry gives a new toll."),
            ("mourning", "Three days of mourning", "The government declares mourning."),
        ],
        links=links,
    )
    server.route("/feed.xml", body=feed)
    server.route("/news/quake-toll", body=article_page("Quake toll rises to 47", PARAGRAPHS), headers=HTML)
    server.route("/news/mourning", body=article_page("Three days of mourning", PARAGRAPHS[3:]), headers=HTML)
    spec = FeedSpec(id="summaries", url=server.url("/feed.xml"), fulltext=True)
    async with harness(tmp_path, [spec]) as h:
        outcome = await h.poll("summaries")
    assert (outcome.result, outcome.new, outcome.full_text) == ("ok", 2, 2)
    articles = h.articles()
    quake = articles["quake-toll"]
    assert quake["full_text"] is True
    assert "raising its toll from 31" in quake["text"]  # the page's story...
    assert "field hospitals would open" in quake["text"]
    for boilerplate in ("Sign in to read more", "Celebrity wedding", "Cookie settings", "Ministry gives"):
        assert boilerplate not in quake["text"]  # ...without the page's furniture, nor the summary
    assert "three days of national mourning" in articles["mourning"]["text"]
    assert quake["title"] == "Quake toll rises to 47"  # the title stays the feed's
    for article in articles.values():
        assert schemas.errors("article", article) == []
    (request,) = server.hits("/news/quake-toll")
    assert request.headers["Accept"].startswith("text/html")
    assert request.headers["User-Agent"].startswith("newsdesk/")


async def test_full_text_is_off_unless_the_feed_or_the_setting_asks(
    tmp_path: Path, server: FeedServer
) -> None:
    links = server.url("/news/")
    server.route("/a.xml", body=rss("A", [("a1", "A one", "Summary of a1.")], links=links))
    server.route("/b.xml", body=rss("B", [("b1", "B one", "Summary of b1.")], links=links))
    server.route("/c.xml", body=rss("C", [("c1", "C one", "Summary of c1.")], links=links))
    for name in ("a1", "b1", "c1"):
        server.route(f"/news/{name}", body=article_page(name, PARAGRAPHS), headers=HTML)
    feeds = [
        FeedSpec(id="default", url=server.url("/a.xml")),
        FeedSpec(id="on", url=server.url("/b.xml"), fulltext=True),
        FeedSpec(id="off", url=server.url("/c.xml"), fulltext=False),
    ]
    async with harness(tmp_path, feeds) as h:
        await h.poller.run_once()
    assert [len(server.hits(f"/news/{n}")) for n in ("a1", "b1", "c1")] == [0, 1, 0]
    async with harness(tmp_path / "global", feeds, poll_fulltext=True) as h:
        await h.poller.run_once()
        texts = {name: article["full_text"] for name, article in h.articles().items()}
    assert [len(server.hits(f"/news/{n}")) for n in ("a1", "b1", "c1")] == [1, 2, 0]  # "off" stays off
    assert texts == {"a1": True, "b1": True, "c1": False}


async def test_bad_article_pages_are_skipped_and_the_feed_goes_on(
    tmp_path: Path, server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="feeds")
    links = server.url("/news/")
    names = ["good", "huge", "slow", "pathological", "image", "missing"]
    server.route(
        "/feed.xml",
        body=rss("Mixed", [(name, f"Story {name}", f"Summary of {name}.") for name in names], links=links),
    )
    server.route("/news/good", body=article_page("Good", PARAGRAPHS), headers=HTML)
    server.route("/news/huge", body=article_page("Huge", PARAGRAPHS * 3000), headers=HTML)  # ~2 MB
    server.route("/news/slow", body=article_page("Slow", PARAGRAPHS), headers=HTML, delay=30)
    # 50,000 paragraphs: trafilatura needs about five seconds here, so the page worker's timeout stops it.
    pathological = b"<html><body><article>" + b"<p>word word word</p>" * 50_000 + b"</article></body></html>"
    server.route("/news/pathological", body=pathological, headers=HTML)
    server.route(
        "/news/image", body=b"\x89PNG\r\n\x1a\n" + b"\0" * 100, headers={"Content-Type": "image/png"}
    )
    server.route("/other.xml", body=rss("Other", [("o1", "Other story", "Other summary.")], links=links))
    server.route("/news/o1", body=article_page("Other", PARAGRAPHS), headers=HTML)
    feeds = [
        FeedSpec(id="mixed", url=server.url("/feed.xml"), fulltext=True),
        FeedSpec(id="other", url=server.url("/other.xml"), fulltext=True),
    ]
    async with harness(
        tmp_path, feeds, poll_max_body=1_200_000, poll_timeout=2.0, poll_parse_timeout=1.5
    ) as h:
        started = time.monotonic()
        outcomes = {o.feed_id: o for o in await h.poller.run_once()}
        elapsed = time.monotonic() - started
        articles = h.articles()
        restarts = h.poller.pages.pool.restarts if h.poller.pages else 0
    assert (outcomes["mixed"].result, outcomes["mixed"].new, outcomes["mixed"].full_text) == ("ok", 6, 1)
    assert (outcomes["other"].result, outcomes["other"].full_text) == ("ok", 1)
    assert articles["good"]["full_text"] is True
    for name in names[1:]:
        assert articles[name]["full_text"] is False  # published all the same, with the feed's summary
        assert articles[name]["text"] == f"Summary of {name}."
    skipped = {e["url"].rsplit("/", 1)[-1]: e["kind"] for e in events(caplog, "fulltext_skipped")}
    assert skipped == {
        "huge": "too_large",
        "slow": "timeout",
        "pathological": "timeout",
        "image": "not_html",
        "missing": "http_4xx",
    }
    assert restarts == 1  # the worker stuck on the pathological page was killed; the pool went on
    assert elapsed < 30  # bounded by the timeouts, not by the 30-second page


async def test_the_poll_budget_caps_the_time_spent_on_pages(
    tmp_path: Path, server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="feeds")
    links = server.url("/news/")
    server.route("/feed.xml", body=rss("Drip", [("d1", "Dripping", "Summary.")], links=links))
    server.route("/news/d1", body=article_page("Drip", PARAGRAPHS * 50), headers=HTML, drip=0.2)
    spec = FeedSpec(id="drip", url=server.url("/feed.xml"), fulltext=True)
    async with harness(tmp_path, [spec], poll_fulltext_budget=1.0) as h:
        outcome = await h.poll("drip")
    assert (outcome.result, outcome.new, outcome.full_text) == ("ok", 1, 0)
    assert [e["kind"] for e in events(caplog, "fulltext_skipped")] == ["budget"]


class IntranetResolver(AbstractResolver):
    """``intranet.test`` resolves to a private address (never connected to: the guard refuses it)."""

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        address = {"intranet.test": "10.20.30.40"}[host]
        return [{"hostname": host, "host": address, "port": port, "family": family, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        return None


async def test_article_links_to_private_addresses_are_refused(
    tmp_path: Path, server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="feeds")
    items = [
        ("http://10.0.0.1/admin", "Router"),
        ("http://169.254.169.254/latest/meta-data/", "Metadata"),
        ("http://intranet.test/wiki", "Intranet by name"),
        (server.url("/news/bounce"), "Redirected to a private address"),
        (server.url("/news/fine"), "Fine"),
    ]
    feed = (
        "<rss version='2.0'><channel><title>Hostile</title>"
        + "".join(
            f"<item><guid>{link}</guid><title>{title}</title><link>{link}</link>"
            "<description>Short summary.</description></item>"
            for link, title in items
        )
        + "</channel></rss>"
    ).encode()
    server.route("/feed.xml", body=feed)
    server.route("/news/bounce", status=302, headers={"Location": "http://192.168.1.1/secret"})
    server.route("/news/fine", body=article_page("Fine", PARAGRAPHS), headers=HTML)
    spec = FeedSpec(id="hostile", url=server.url("/feed.xml"), fulltext=True)
    async with harness(tmp_path, [spec], resolver=IntranetResolver()) as h:
        outcome = await h.poll("hostile")
        articles = {a["title"]: a for a in h.articles().values()}
    assert (outcome.result, outcome.new, outcome.full_text) == ("ok", 5, 1)
    assert articles["Fine"]["full_text"] is True
    refused = {e["url"]: e["kind"] for e in events(caplog, "fulltext_skipped")}
    assert refused == {
        "http://10.0.0.1/admin": "blocked",
        "http://169.254.169.254/latest/meta-data/": "blocked",
        "http://intranet.test/wiki": "blocked",
        server.url("/news/bounce"): "blocked",
    }
    assert len(server.hits("/news/bounce")) == 1  # the redirect itself was followed no further


async def test_without_the_page_pool_the_feature_is_off_and_says_so(
    tmp_path: Path, server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="feeds")
    server.route("/feed.xml", body=rss("S", [("s1", "One", "Summary.")], links=server.url("/news/")))
    server.route("/news/s1", body=article_page("One", PARAGRAPHS), headers=HTML)
    spec = FeedSpec(id="s", url=server.url("/feed.xml"), fulltext=True)
    async with harness(tmp_path, [spec], with_pages=False) as h:
        outcome = await h.poll("s")
    assert (outcome.result, outcome.new, outcome.full_text) == ("ok", 1, 0)
    assert server.hits("/news/s1") == []
    (warning,) = events(caplog, "fulltext_unavailable")
    assert warning["feeds"] == 1
