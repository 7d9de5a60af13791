"""The poller against a real HTTP server on loopback: every HTTP behaviour the issue names.

Each test runs the real fetcher, the real parse worker processes and the real state file,
with articles going to the stdout sink's JSON lines (captured in memory).
"""

from __future__ import annotations

import asyncio
import gzip
import io
import socket
import time
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from feeds.config import feed_id_for, from_urls
from feeds.devserver import FeedServer, rss
from feeds.fetch import Fetcher
from feeds.parse_worker import ParsePool
from feeds.poller import FeedSource, Outcome, Poller
from feeds.sinks import StdoutSink
from feeds.state import StateStore
from newsdesk import schemas
from newsdesk.settings import Settings
from newsdesk.utils import json
from tests.support import run_cli

pytestmark = [pytest.mark.integration, pytest.mark.coroutine_timeout(120)]

FEED = rss(
    "Ministry news",
    [
        ("a1", "Quake toll rises", "The Interior Ministry said 47 people were killed."),
        ("a2", "Rescue goes on", "Rescuers pulled 12 survivors from the rubble."),
    ],
)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


@dataclass
class Harness:
    poller: Poller
    out: io.BytesIO
    store: StateStore

    def articles(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.getvalue().splitlines()]

    async def poll(self, url: str) -> Outcome:
        spec = self.poller.specs[feed_id_for(url)]
        return await self.poller.poll(spec)


@asynccontextmanager
async def harness(
    tmp_path: Path, urls: list[str], *, allow_private: bool = True, **changes: Any
) -> AsyncIterator[Harness]:
    settings = Settings().replace(poll_min_interval=60.0, poll_parse_workers=1, **changes)
    out = io.BytesIO()
    store = StateStore(tmp_path / "poller.sqlite3")
    try:
        async with (
            Fetcher(settings, allow_private=allow_private) as fetcher,
            ParsePool(workers=1, timeout=settings.poll_parse_timeout, memory_mb=1024) as pool,
        ):
            poller = Poller(
                settings,
                source=FeedSource(settings, None, urls),
                sink=StdoutSink(out),
                state=store,
                fetcher=fetcher,
                parser=pool,
            )
            poller.apply(from_urls(urls, settings))
            yield Harness(poller, out, store)
    finally:
        store.close()


async def test_etag_turns_the_second_poll_into_a_304(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed.xml", body=FEED, etag='"v1"')
    url = server.url("/feed.xml")
    async with harness(tmp_path, [url]) as h:
        first = await h.poll(url)
        second = await h.poll(url)
    assert (first.result, first.new) == ("ok", 2)
    assert second.result == "not_modified"
    hits = server.hits("/feed.xml")
    assert "If-None-Match" not in hits[0].headers
    assert hits[1].headers["If-None-Match"] == '"v1"'
    assert len(h.articles()) == 2
    for article in h.articles():
        assert schemas.errors("article", article) == []


async def test_last_modified_is_sent_back_as_if_modified_since(tmp_path: Path, server: FeedServer) -> None:
    stamp = "Wed, 03 Sep 2025 10:00:00 GMT"
    server.route("/feed.xml", body=FEED, last_modified=stamp)
    url = server.url("/feed.xml")
    async with harness(tmp_path, [url]) as h:
        await h.poll(url)
        second = await h.poll(url)
    assert second.result == "not_modified"
    assert server.hits("/feed.xml")[1].headers["If-Modified-Since"] == stamp


@pytest.mark.parametrize("status", [301, 308])
async def test_permanent_redirect_updates_the_stored_url(
    tmp_path: Path, server: FeedServer, status: int
) -> None:
    server.route("/old.xml", status=status, headers={"Location": "/new.xml"})
    server.route("/new.xml", body=FEED)
    url = server.url("/old.xml")
    async with harness(tmp_path, [url]) as h:
        first = await h.poll(url)
        await h.poll(url)
        stored = h.store.feeds()[feed_id_for(url)]
    assert first.result == "ok"
    assert stored.url == server.url("/new.xml")
    assert len(server.hits("/old.xml")) == 1
    assert len(server.hits("/new.xml")) == 2


async def test_temporary_redirect_keeps_the_url(tmp_path: Path, server: FeedServer) -> None:
    server.route("/old.xml", status=302, headers={"Location": "/new.xml"})
    server.route("/new.xml", body=FEED)
    url = server.url("/old.xml")
    async with harness(tmp_path, [url]) as h:
        await h.poll(url)
        await h.poll(url)
        stored = h.store.feeds()[feed_id_for(url)]
    assert stored.url == url
    assert len(server.hits("/old.xml")) == 2


async def test_410_stops_polling_the_feed(tmp_path: Path, server: FeedServer) -> None:
    server.route("/gone.xml", status=410, body=b"gone")
    url = server.url("/gone.xml")
    async with harness(tmp_path, [url]) as h:
        first = await h.poll(url)
        again = await h.poller.run_once()
        stored = h.store.feeds()[feed_id_for(url)]
    assert (first.result, first.kind) == ("error", "gone")
    assert stored.status == "gone"
    assert [o.result for o in again] == ["skipped"]
    assert len(server.hits("/gone.xml")) == 1


@pytest.mark.parametrize(("status", "kind"), [(429, "throttled"), (503, "unavailable")])
async def test_retry_after_is_honoured(tmp_path: Path, server: FeedServer, status: int, kind: str) -> None:
    server.route("/busy.xml", status=status, headers={"Retry-After": "7200"})
    url = server.url("/busy.xml")
    async with harness(tmp_path, [url]) as h:
        before = time.time()
        outcome = await h.poll(url)
        stored = h.store.feeds()[feed_id_for(url)]
    assert (outcome.result, outcome.kind) == ("error", kind)
    # The first failure alone would back off about a minute; the server asked for two hours.
    assert stored.next_poll >= before + 7200
    assert stored.failures == 1


async def test_cache_control_max_age_delays_the_next_poll(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed.xml", body=FEED, headers={"Cache-Control": "public, max-age=20000"})
    url = server.url("/feed.xml")
    async with harness(tmp_path, [url]) as h:
        before = time.time()
        await h.poll(url)
        stored = h.store.feeds()[feed_id_for(url)]
    assert stored.next_poll >= before + 20000 * 0.9


async def test_a_slow_feed_times_out_without_holding_up_the_others(
    tmp_path: Path, server: FeedServer
) -> None:
    server.route("/slow.xml", body=FEED, delay=30)
    server.route("/drip.xml", body=FEED * 20, drip=0.5)
    server.route("/fast.xml", body=FEED)
    urls = [server.url("/slow.xml"), server.url("/drip.xml"), server.url("/fast.xml")]
    async with harness(tmp_path, urls, poll_timeout=1.5, poll_connect_timeout=1.0) as h:
        started = time.monotonic()
        outcomes = {o.url: o for o in await h.poller.run_once()}
        elapsed = time.monotonic() - started
    assert outcomes[urls[0]].kind == "timeout"
    assert outcomes[urls[1]].kind == "timeout"
    assert outcomes[urls[2]].result == "ok"
    assert elapsed < 15


async def test_oversized_bodies_are_cut_off(tmp_path: Path, server: FeedServer) -> None:
    big = FEED.replace(b"</channel>", b"<!--" + b"x" * 300_000 + b"--></channel>")
    server.route("/big.xml", body=big)
    server.route("/chunked.xml", body=big, drip=0.001)  # no Content-Length: cut while streaming
    urls = [server.url("/big.xml"), server.url("/chunked.xml")]
    async with harness(tmp_path, urls, poll_max_body=100_000) as h:
        outcomes = {o.url: o for o in await h.poller.run_once()}
    assert outcomes[urls[0]].kind == "too_large"
    assert outcomes[urls[1]].kind == "too_large"


async def test_a_gzip_bomb_stops_at_the_decompressed_cap(tmp_path: Path, server: FeedServer) -> None:
    bomb = gzip.compress(b"<rss>" + b" " * 200_000_000, compresslevel=9)
    assert len(bomb) < 300_000
    server.route("/bomb.xml", body=bomb, headers={"Content-Encoding": "gzip"})
    url = server.url("/bomb.xml")
    async with harness(tmp_path, [url], poll_max_body=1_000_000) as h:
        outcome = await h.poll(url)
    assert (outcome.result, outcome.kind) == ("error", "too_large")


async def test_gzip_bodies_are_decompressed(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed.xml", body=FEED, gzip=True)
    url = server.url("/feed.xml")
    async with harness(tmp_path, [url]) as h:
        outcome = await h.poll(url)
    assert (outcome.result, outcome.new) == ("ok", 2)
    assert server.hits("/feed.xml")[0].headers["Accept-Encoding"] == "gzip, deflate"


async def test_broken_xml_is_parsed_loosely_or_rejected_with_a_reason(
    tmp_path: Path, server: FeedServer
) -> None:
    server.route("/truncated.xml", body=FEED[: FEED.index(b"<item>", FEED.index(b"<item>") + 1)])
    server.route(
        "/html.xml",
        body=b"<html><body><h1>Not a feed</h1></body></html>",
        headers={"Content-Type": "text/html"},
    )
    server.route("/garbage.xml", body=b"\x00\xff\xfe garbage <<<< &&& ]]>")
    server.route("/good.xml", body=FEED)
    urls = [server.url(p) for p in ("/truncated.xml", "/html.xml", "/garbage.xml", "/good.xml")]
    async with harness(tmp_path, urls) as h:
        outcomes = {o.url: o for o in await h.poller.run_once()}
    truncated = outcomes[urls[0]]
    assert (truncated.result, truncated.kind, truncated.new) == ("ok", "bozo", 1)
    assert (outcomes[urls[1]].result, outcomes[urls[1]].kind) == ("error", "not_a_feed")
    assert outcomes[urls[2]].result == "error"
    assert (outcomes[urls[3]].result, outcomes[urls[3]].new) == ("ok", 2)


async def test_an_entity_expansion_bomb_is_defused(tmp_path: Path, server: FeedServer) -> None:
    value = b"A" * 1_000_000
    refs = b"&big;" * 500_000  # loose re-expansion would be 500 GB of text
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "' + value + b'">]><rss version="2.0"><channel>'
        b"<item><guid>b1</guid><title>Bomb</title><description>"
        + refs
        + b"</description></item></channel></rss>"
    )
    server.route("/bomb.xml", body=bomb)
    url = server.url("/bomb.xml")
    async with harness(tmp_path, [url]) as h:
        outcome = await h.poll(url)
    assert outcome.result == "ok"
    assert "entity declarations removed" in (outcome.message or "")
    text = h.articles()[0]["text"]
    assert len(text.encode()) <= 800_000  # cut to fit a Kafka message
    assert text.startswith("&big")  # the reference stays literal text,
    assert "AAAAAAAA" not in text  # never expanded


async def test_private_addresses_are_refused_unless_allowed(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed.xml", body=FEED)
    literal = server.url("/feed.xml")
    named = literal.replace("127.0.0.1", "localhost")
    async with harness(tmp_path, [literal, named, "file:///etc/passwd"], allow_private=False) as h:
        outcomes = await h.poller.run_once()
    assert [o.kind for o in outcomes] == ["blocked", "blocked", "blocked"]
    assert server.hits("/feed.xml") == []


async def test_an_edited_entry_is_republished_as_a_revision(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed.xml", body=FEED)
    url = server.url("/feed.xml")
    async with harness(tmp_path, [url]) as h:
        await h.poll(url)
        server.route("/feed.xml", body=FEED.replace(b"47 people", b"52 people"))
        edited = await h.poll(url)
        unchanged = await h.poll(url)
    assert (edited.new, edited.updates) == (0, 1)
    assert (unchanged.new, unchanged.updates) == (0, 0)
    first, _, update = h.articles()
    assert update["id"] == first["id"]
    assert update["revision"] == 1
    assert "52 people" in update["text"]


async def test_a_repeated_guid_does_not_merge_different_entries(tmp_path: Path, server: FeedServer) -> None:
    same_guid = rss("Lazy CMS", [("same", "One", "First story."), ("same", "Two", "Second story.")])
    server.route("/feed.xml", body=same_guid)
    url = server.url("/feed.xml")
    async with harness(tmp_path, [url]) as h:
        outcome = await h.poll(url)
    assert outcome.new == 2
    assert len({a["id"] for a in h.articles()}) == 2


async def test_errors_back_off_and_a_long_failing_feed_is_marked_dead(
    tmp_path: Path, server: FeedServer
) -> None:
    server.route("/broken.xml", status=500, body=b"oops")
    url = server.url("/broken.xml")
    async with harness(tmp_path, [url], poll_dead_after=0.5) as h:
        delays = []
        for _ in range(3):
            before = time.time()
            await h.poll(url)
            delays.append(h.store.feeds()[feed_id_for(url)].next_poll - before)
            if len(delays) < 3:
                time.sleep(0.3)  # noqa: ASYNC251 - the failure streak must last longer than dead_after
        stored = h.store.feeds()[feed_id_for(url)]
    assert stored.status == "dead"
    assert 25 <= delays[0] <= 65  # first backoff: about the minimum interval (60 s), jittered
    assert 55 <= delays[1] <= 125  # doubled
    assert delays[2] >= 86400 * 0.9  # dead: tried again once a maximum interval


async def test_the_running_poller_picks_up_feeds_added_to_its_file(
    tmp_path: Path, server: FeedServer
) -> None:
    server.route("/one.xml", body=FEED)
    server.route("/two.xml", body=FEED.replace(b"a1", b"b1").replace(b"a2", b"b2"))
    listing = tmp_path / "feeds.txt"
    listing.write_text(server.url("/one.xml") + "\n")
    settings = Settings().replace(poll_parse_workers=1)
    out = io.BytesIO()
    store = StateStore(tmp_path / "poller.sqlite3")
    stop = asyncio.Event()
    try:
        async with (
            Fetcher(settings, allow_private=True) as fetcher,
            ParsePool(workers=1, timeout=20, memory_mb=1024) as pool,
        ):
            source = FeedSource(settings, listing, [])
            poller = Poller(
                settings, source=source, sink=StdoutSink(out), state=store, fetcher=fetcher, parser=pool
            )
            poller.apply(source.load())
            task = asyncio.create_task(poller.run_forever(stop))
            try:
                await until(lambda: len(server.hits("/one.xml")) == 1, "the first feed to be polled")
                listing.write_text(server.url("/one.xml") + "\n" + server.url("/two.xml") + "\n")
                await until(lambda: len(server.hits("/two.xml")) == 1, "the added feed to be polled")
                await until(lambda: len(out.getvalue().splitlines()) == 4, "both feeds' articles")
            finally:
                stop.set()
                await asyncio.wait_for(task, timeout=30)
    finally:
        store.close()
    assert len(server.hits("/one.xml")) == 1  # not due again for at least the minimum interval


async def test_metrics_are_served_for_prometheus(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed.xml", body=FEED, etag='"m"')
    server.route("/missing.xml", status=404)
    server.route("/hanging.xml", body=FEED, delay=30)
    urls = [server.url("/feed.xml"), server.url("/missing.xml"), server.url("/hanging.xml")]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with harness(tmp_path, urls, poll_timeout=1.0) as h:
        h.poller.metrics.serve("127.0.0.1", port)
        try:
            await h.poller.run_once()
            await h.poll(urls[0])
            text = await asyncio.to_thread(
                lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
            )
        finally:
            h.poller.metrics.close()
    assert 'newsdesk_poll_fetches_total{result="ok"} 1.0' in text
    assert 'newsdesk_poll_fetches_total{result="not_modified"} 1.0' in text
    assert 'newsdesk_poll_errors_total{kind="http_4xx"} 1.0' in text
    assert 'newsdesk_poll_articles_published_total{kind="new"} 2.0' in text
    assert "newsdesk_poll_not_modified_ratio 0.5" in text
    # Every fetch that ended is timed, labelled with how it ended: a hang until the timeout counts too.
    assert 'newsdesk_poll_fetch_seconds_count{outcome="ok"} 1.0' in text
    assert 'newsdesk_poll_fetch_seconds_count{outcome="not_modified"} 1.0' in text
    assert 'newsdesk_poll_fetch_seconds_count{outcome="http_4xx"} 1.0' in text
    assert 'newsdesk_poll_fetch_seconds_count{outcome="timeout"} 1.0' in text
    assert 'newsdesk_poll_fetch_seconds_bucket{le="0.5",outcome="timeout"} 0.0' in text
    assert 'newsdesk_poll_fetch_seconds_bucket{le="2.5",outcome="timeout"} 1.0' in text
    assert 'newsdesk_poll_fetches_total{result="error"} 2.0' in text
    assert 'newsdesk_poll_feeds{status="active"} 3.0' in text
    assert 'newsdesk_poll_feeds{status="dead"} 0.0' in text


def test_poll_once_to_stdout_prints_only_article_lines(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed.xml", body=FEED)
    env = {
        "PATH": "/usr/bin:/bin",
        "NEWSDESK_DATA_DIR": str(tmp_path / "state"),
        "NEWSDESK_BROKER": "127.0.0.1:1",
    }
    result = run_cli(
        "poll", "--once", "--sink", "stdout", "--allow-private", server.url("/feed.xml"), env=env
    )
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["Quake toll rises", "Rescue goes on"]
    events = [json.loads(line)["event"] for line in result.stderr.splitlines()]
    assert "poll" in events
    assert "summary" in events
    refused = run_cli("poll", "--once", "--sink", "stdout", server.url("/feed.xml"), env=env)
    assert refused.returncode == 1  # loopback without --allow-private: refused, nothing polled
    assert refused.stdout == b""
    assert b'"kind":"blocked"' in refused.stderr
    nothing = run_cli("poll", "--once", "--sink", "stdout", env=env)
    assert nothing.returncode == 1
    assert b"no feeds" in nothing.stderr


async def until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.05)


async def test_a_guid_reused_across_polls_for_a_new_story_is_a_new_article(
    tmp_path: Path, server: FeedServer
) -> None:
    first = rss("One-item CMS", [("latest", "Ministry: 47 killed", "The ministry said 47 were killed.")])
    second = rss("One-item CMS", [("latest", "Police: 12 arrested", "Police said 12 were arrested.")])
    server.route("/feed.xml", body=first)
    url = server.url("/feed.xml")
    async with harness(tmp_path, [url]) as h:
        await h.poll(url)
        server.route("/feed.xml", body=second.replace(b"example.test/latest", b"example.test/police-12"))
        outcome = await h.poll(url)
        again = await h.poll(url)
    assert (outcome.new, outcome.updates) == (1, 0)
    assert (again.new, again.updates) == (0, 0)
    one, two = h.articles()
    assert one["id"] != two["id"]
    assert two["revision"] == 0
