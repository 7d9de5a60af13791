"""A running poller whose feeds file changes: the address policy, and a feed's URL changed mid-poll.

Real HTTP server on loopback, real fetcher, parse workers and state file; the feeds file is a
real TOML file that the poller re-reads (:meth:`Poller.reload_if_changed`, what the run loop
calls every few seconds), so each change lands at a chosen moment: while a poll is under way.
"""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from feeds.devserver import FeedServer, rss
from feeds.fetch import Fetcher
from feeds.parse_worker import ParsePool
from feeds.poller import FeedSource, Outcome, Poller
from feeds.sinks import StdoutSink
from feeds.state import StateStore
from newsdesk.settings import Settings
from newsdesk.utils import json
from tests.support import run_cli

pytestmark = [pytest.mark.integration, pytest.mark.coroutine_timeout(120)]

FEED = rss(
    "Wire",
    [
        ("quake", "Quake toll rises", "The Interior Ministry said 47 people were killed in the quake."),
        ("rescue", "Rescue goes on", "Rescuers pulled 12 survivors from the rubble overnight."),
    ],
)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


def feeds_file(path: Path, url: str, *, allow_private: str = "true", feed_id: str = "wire") -> None:
    """Write the feeds file, making sure the poller sees a change (size and mtime both move)."""
    before = path.stat() if path.exists() else None
    text = f'[poller]\nallow_private = {allow_private}\n\n[[feed]]\nid = "{feed_id}"\nurl = "{url}"\n'
    while True:
        path.write_text(text)
        now = path.stat()
        if before is None or (now.st_mtime_ns, now.st_size) != (before.st_mtime_ns, before.st_size):
            return
        text += "\n"  # same size within one mtime tick: make it differ


@dataclass
class Harness:
    poller: Poller
    out: io.BytesIO
    store: StateStore
    path: Path

    def articles(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.getvalue().splitlines()]

    async def poll(self, feed_id: str = "wire") -> Outcome:
        return await self.poller.poll(self.poller.specs[feed_id])


@asynccontextmanager
async def harness(tmp_path: Path, url: str, *, allow_private: str = "true") -> AsyncIterator[Harness]:
    """A poller that allows nothing private by itself: only the feeds file can allow loopback."""
    settings = Settings().replace(poll_parse_workers=1, poll_min_interval=60.0)
    path = tmp_path / "feeds.toml"
    feeds_file(path, url, allow_private=allow_private)
    out = io.BytesIO()
    store = StateStore(tmp_path / "poller.sqlite3")
    try:
        async with (
            Fetcher(settings, allow_private=False) as fetcher,
            ParsePool(workers=1, timeout=20, memory_mb=1024) as pool,
        ):
            source = FeedSource(settings, path)
            poller = Poller(
                settings, source=source, sink=StdoutSink(out), state=store, fetcher=fetcher, parser=pool
            )
            poller.apply(source.load())
            yield Harness(poller, out, store, path)
    finally:
        store.close()


async def until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.02)


# ---------------------------------------------------------------- allow_private


async def test_allow_private_in_the_feeds_file_is_reread(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed.xml", body=FEED)
    url = server.url("/feed.xml")
    async with harness(tmp_path, url, allow_private='["127.0.0.0/8"]') as h:
        allowed = await h.poll()
        feeds_file(h.path, url, allow_private="false")
        h.poller.reload_if_changed()
        refused = await h.poll()
        feeds_file(h.path, url, allow_private="true")
        h.poller.reload_if_changed()
        again = await h.poll()
    assert (allowed.result, allowed.new) == ("ok", 2)
    assert (refused.result, refused.kind) == ("error", "blocked")
    assert again.result == "ok"
    assert len(server.hits("/feed.xml")) == 2  # the refused poll never reached the server


async def test_a_narrower_policy_reuses_no_cached_address_or_open_connection(
    tmp_path: Path, server: FeedServer
) -> None:
    """By name: the first poll leaves localhost's address in the DNS cache and a keep-alive
    connection in the pool; neither may carry a fetch that the new policy refuses."""
    server.route("/feed.xml", body=FEED)
    url = server.url("/feed.xml").replace("127.0.0.1", "localhost")
    async with harness(tmp_path, url, allow_private='["127.0.0.0/8", "::1"]') as h:
        allowed = await h.poll()
        feeds_file(h.path, url, allow_private='["10.0.0.0/8"]')  # still some private network, not loopback
        h.poller.reload_if_changed()
        refused = await h.poll()
    assert allowed.result == "ok"
    assert (refused.result, refused.kind) == ("error", "blocked")
    assert len(server.hits("/feed.xml")) == 1


def test_the_poll_command_takes_networks_from_the_feeds_file(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed.xml", body=FEED)
    path = tmp_path / "feeds.toml"
    feeds_file(path, server.url("/feed.xml"), allow_private='["127.0.0.0/8"]')
    env = {
        "PATH": "/usr/bin:/bin",
        "NEWSDESK_DATA_DIR": str(tmp_path / "state"),
        "NEWSDESK_BROKER": "127.0.0.1:1",
    }
    result = run_cli("poll", "--once", "--sink", "stdout", "--feeds", str(path), env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == [
        "Quake toll rises",
        "Rescue goes on",
    ]
    events = [json.loads(line) for line in result.stderr.splitlines()]
    (policy,) = [e for e in events if e["event"] == "access_policy"]
    assert policy["networks"] == ["127.0.0.0/8"]


# ---------------------------------------------------------------- a feed's URL changed mid-poll


async def test_a_url_change_during_a_poll_is_not_overwritten_when_the_poll_ends(
    tmp_path: Path, server: FeedServer
) -> None:
    server.route("/old.xml", body=FEED, etag='"old"', delay=1.0)
    server.route("/new.xml", body=FEED, etag='"new"')
    old, new = server.url("/old.xml"), server.url("/new.xml")
    async with harness(tmp_path, old) as h:
        polling = asyncio.create_task(h.poll())
        await until(lambda: len(server.hits("/old.xml")) == 1, "the poll of the old URL to start")
        feeds_file(h.path, new)
        h.poller.reload_if_changed()
        finished = await polling
        stored = h.store.feeds()["wire"]
        current = h.poller.states["wire"]
        in_memory = (current.url, current.etag)
        first_of_new = await h.poll()
    assert (finished.result, finished.new) == ("ok", 2)  # the old URL's entries are published...
    # ...but its validators and schedule do not overwrite the fresh state of the new URL
    assert (stored.config_url, stored.url, stored.etag, stored.next_poll) == (new, new, None, 0.0)
    assert in_memory == (new, None)
    assert (first_of_new.result, first_of_new.new, first_of_new.updates) == ("ok", 0, 0)  # seen already
    assert "If-None-Match" not in server.hits("/new.xml")[0].headers
    assert len(h.articles()) == 2


async def test_what_a_superseded_poll_learned_about_guids_is_kept(tmp_path: Path, server: FeedServer) -> None:
    """The old URL shows one guid on two stories: its poll makes ids from links. The new URL no
    longer shows the clash; had the flag been lost, story Y would come back under a guid id."""
    clash = rss("Lazy CMS", [("same", "Story X", "Police said 3 were held."), ("same", "Story Y", "Fire.")])
    clash = clash.replace(b"example.test/same?", b"example.test/x?", 1).replace(
        b"example.test/same?", b"example.test/y?", 1
    )
    later = rss("Lazy CMS", [("same", "Story Y", "Fire."), ("z", "Story Z", "Flood.")])
    later = later.replace(b"example.test/same?", b"example.test/y?")
    server.route("/old.xml", body=clash, delay=1.0)
    server.route("/new.xml", body=later)
    async with harness(tmp_path, server.url("/old.xml")) as h:
        polling = asyncio.create_task(h.poll())
        await until(lambda: len(server.hits("/old.xml")) == 1, "the poll of the old URL to start")
        feeds_file(h.path, server.url("/new.xml"))
        h.poller.reload_if_changed()
        await polling
        flagged = h.store.feeds()["wire"].guid_unreliable
        first_of_new = await h.poll()
    assert flagged
    assert (first_of_new.new, first_of_new.updates) == (1, 0)  # Z only: Y is known by its link
    assert [a["title"] for a in h.articles()] == ["Story X", "Story Y", "Story Z"]


async def test_an_edit_that_also_moves_the_link_is_a_revision(tmp_path: Path, server: FeedServer) -> None:
    """The publisher moved (new feed URL, new links) and corrected a story on the way."""
    text = (
        "The Interior Ministry said 47 people were killed when the quake struck before dawn, "
        "and rescuers were still searching the rubble of dozens of collapsed buildings."
    )
    before = rss("Wire", [("quake", "Quake toll rises to 47", text)])
    after = rss(
        "Wire",
        [("quake", "Quake toll rises to 52", text.replace("47", "52"))],
        links="https://new.example.test/world/",
    )
    server.route("/old.xml", body=before)
    server.route("/new.xml", body=after)
    async with harness(tmp_path, server.url("/old.xml")) as h:
        await h.poll()
        feeds_file(h.path, server.url("/new.xml"))
        h.poller.reload_if_changed()
        edited = await h.poll()
        flagged = h.store.feeds()["wire"].guid_unreliable
    assert (edited.new, edited.updates) == (0, 1)
    first, revision = h.articles()
    assert revision["id"] == first["id"]
    assert revision["revision"] == 1
    assert revision["url"] == "https://new.example.test/world/quake"
    assert not flagged  # an edit is no sign of recycled guids
