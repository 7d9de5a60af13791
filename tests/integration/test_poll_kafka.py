"""``newsdesk poll`` on the real broker: kill -9 mid-run, restart, and every article is there exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from feeds.config import FeedsConfig, FeedSpec
from feeds.dedup import Candidate
from feeds.devserver import FeedServer, rss
from feeds.fetch import Fetcher
from feeds.parse import ParsedEntry
from feeds.parse_worker import ParsePool
from feeds.poller import FeedSource, Poller
from feeds.sinks import KafkaSink
from feeds.state import StateStore
from newsdesk import schemas
from newsdesk.records import Article
from newsdesk.settings import Settings
from streams.admin import topic_partitions
from tests.support import (
    NEWSDESK,
    ROOT,
    isolated_env,
    read_topic,
    run_cli,
    settings_from,
    wait_until,
)

pytestmark = [pytest.mark.integration, pytest.mark.coroutine_timeout(300)]

FEEDS = 40
ENTRIES = 25


async def topic_size(settings: Settings, topic: str) -> int:
    """Records the topic holds now, from its offsets (no reading, so nothing to race with)."""
    partitions = await topic_partitions(settings, topic, wait=30)
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.bootstrap_servers, group_id=None)
    await consumer.start()
    try:
        tps = [TopicPartition(topic, p) for p in partitions]
        begin = await consumer.beginning_offsets(tps)
        end = await consumer.end_offsets(tps)
        return sum(end[tp] - begin[tp] for tp in tps)
    finally:
        await consumer.stop()


def serve_feeds(server: FeedServer, delay: float) -> list[str]:
    urls = []
    for number in range(FEEDS):
        items = [
            (f"f{number}-e{i}", f"Story {i} of feed {number}", f"Officials said {i + 3} people were injured.")
            for i in range(ENTRIES)
        ]
        path = f"/feed-{number}.xml"
        server.route(path, body=rss(f"Outlet {number}", items), delay=delay, etag=f'"{number}"')
        urls.append(server.url(path))
    return urls


async def test_kill_9_mid_run_then_restart_publishes_each_article_exactly_once(tmp_path: Path) -> None:
    env = isolated_env(tmp_path, NEWSDESK_POLL_PER_HOST="2", NEWSDESK_POLL_CONCURRENCY="4")
    settings = settings_from(env)
    total = FEEDS * ENTRIES
    with FeedServer() as server:
        listing = tmp_path / "feeds.txt"
        listing.write_text("\n".join(serve_feeds(server, delay=0.25)) + "\n")
        command = [NEWSDESK, "poll", "--once", "--allow-private", "--feeds", str(listing)]
        log = (tmp_path / "first.log").open("wb")
        first = subprocess.Popen(  # noqa: ASYNC220 - started once; the test then waits on the topic
            command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            # Mid-run: some articles acknowledged, most feeds not polled yet.
            await read_topic(settings, settings.topic_articles, lambda r: len(r) >= 3 * ENTRIES, timeout=120)
        finally:
            os.killpg(first.pid, signal.SIGKILL)  # the poller and its parse workers, no goodbyes
            first.wait(timeout=30)
            log.close()
        assert first.returncode == -signal.SIGKILL
        at_kill = await topic_size(settings, settings.topic_articles)
        assert at_kill < total, "the first run finished before it was killed; the test proves nothing"

        second = run_cli("poll", "--once", "--allow-private", "--feeds", str(listing), env=env, timeout=240)
        assert second.returncode == 0, second.stderr.decode()[-3000:]
        records = await read_topic(settings, settings.topic_articles, lambda r: len(r) >= total, timeout=120)
        size = await topic_size(settings, settings.topic_articles)

        # A third run finds nothing new: 304s and the seen-set.
        third = run_cli("poll", "--once", "--allow-private", "--feeds", str(listing), env=env, timeout=240)
        assert third.returncode == 0, third.stderr.decode()[-3000:]
        after_third = await topic_size(settings, settings.topic_articles)

    assert size == total, f"{size - total} article(s) published twice"
    copies = Counter(key for key, _ in records)
    assert [key for key, count in copies.items() if count > 1] == []
    assert len(copies) == total
    titles = {value["title"] for _, value in records}
    assert titles == {f"Story {i} of feed {n}" for n in range(FEEDS) for i in range(ENTRIES)}
    for key, value in records:
        assert key.decode() == value["id"]
        assert schemas.errors("article", value) == []
    assert after_third == total


async def test_poller_waits_for_an_absent_broker_and_stops_cleanly(tmp_path: Path) -> None:
    env = isolated_env(tmp_path, NEWSDESK_BROKER="127.0.0.1:1")
    with FeedServer() as server:
        server.route("/feed.xml", body=rss("x", [("1", "t", "text")]))
        log_path = tmp_path / "poll.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(  # noqa: ASYNC220 - started once, watched through its log
                [NEWSDESK, "poll", "--allow-private", server.url("/feed.xml")],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )
            try:
                wait_until(
                    lambda: b"kafka_wait" in log_path.read_bytes(), 60, "the poller to report the broker away"
                )
                assert process.poll() is None, "the poller must wait for the broker, not exit"
            finally:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=60)
    assert process.returncode == 0
    assert server.hits("/feed.xml") == []  # nothing is fetched that could not be published


def article(article_id: str, revision: int = 0) -> Article:
    return Article(
        id=article_id, url=None, title="t", text="x", published=None, outlet=None, feed=None,
        fetched_at="2025-09-03T10:00:00Z", revision=revision,
    )  # fmt: skip


async def test_recovery_finds_what_the_broker_took_before_a_crash(tmp_path: Path) -> None:
    settings = settings_from(isolated_env(tmp_path))
    store = StateStore(tmp_path / "poller.sqlite3")
    entry = ParsedEntry(
        guid=None, link=None, title="t", text="x", published=None, updated=None, language=None
    )
    try:
        async with KafkaSink(settings) as sink, Fetcher(settings, allow_private=True) as fetcher:
            poller = Poller(
                settings,
                source=FeedSource(settings, None, []),
                sink=sink,
                state=store,
                fetcher=fetcher,
                parser=ParsePool(workers=1, timeout=5, memory_mb=512),
            )
            poller.apply(FeedsConfig(feeds=(FeedSpec(id="f", url="http://a.example/"),)))
            await sink.publish([article("older"), article("c1")])  # traffic before the checkpoint
            await poller.checkpoint()
            in_flight = [Candidate("c1", entry, "h", 1, 1.0), Candidate("c2", entry, "h", 0, None)]
            in_flight.append(Candidate("c3", entry, "h", 0, None))
            store.add_pending("batch", "f", in_flight, time.time() + 1)
            # The broker acknowledged c1 revision 1 and c2; the process died before writing them down.
            await sink.publish([article("c1", revision=1), article("c2")])
            await poller.recover()
    finally:
        store.close()
    reopened = StateStore(tmp_path / "poller.sqlite3")
    try:
        assert reopened.pending() == []
        seen = reopened.seen(["c1", "c2", "c3"])
        assert set(seen) == {"c1", "c2"}
        assert seen["c1"].revision == 1
    finally:
        reopened.close()
