"""Crash recovery: in-flight articles are looked up on the topic, never blindly resent or dropped."""

from __future__ import annotations

from collections.abc import Sequence

from feeds.config import FeedsConfig, FeedSpec
from feeds.dedup import Candidate
from feeds.fetch import Fetcher
from feeds.parse import ParsedEntry
from feeds.parse_worker import ParsePool
from feeds.poller import FeedSource, Poller
from feeds.state import StateStore
from newsdesk.records import Article
from newsdesk.settings import Settings

ENTRY = ParsedEntry(guid="g", link=None, title="T", text="x", published=None, updated=None, language=None)


class TopicDouble:
    """A durable sink whose topic is a list: what crash recovery sees of Kafka."""

    durable = True

    def __init__(self) -> None:
        self.topic: list[tuple[str, int]] = []
        self.asked_from: list[dict[int, int] | None] = []

    async def publish(self, articles: Sequence[Article]) -> None:
        self.topic.extend((a.id, a.revision) for a in articles)

    async def checkpoint(self) -> dict[int, int]:
        return {0: len(self.topic)}

    async def arrived(
        self, offsets: dict[int, int] | None, wanted: set[tuple[str, int]]
    ) -> set[tuple[str, int]]:
        self.asked_from.append(offsets)
        start = (offsets or {}).get(0, 0)
        return {item for item in self.topic[start:] if item in wanted}


async def test_recovery_marks_what_arrived_and_forgets_what_did_not() -> None:
    settings = Settings()
    store = StateStore(None)
    sink = TopicDouble()
    clock = iter(float(t) for t in range(1000, 2000))
    async with Fetcher(settings, allow_private=True) as fetcher:
        poller = Poller(
            settings,
            source=FeedSource(settings, None, []),
            sink=sink,
            state=store,
            fetcher=fetcher,
            parser=ParsePool(workers=1, timeout=5, memory_mb=512),
            clock=lambda: next(clock),
        )
        poller.apply(FeedsConfig(feeds=(FeedSpec(id="f", url="http://a/"),)))
        sink.topic.append(("old", 0))
        await poller.checkpoint()  # the topic ends at offset 1
        # A crash after the broker took a1 but before the seen-set was written; a2 never left.
        store.add_pending(
            "b", "f", [Candidate("a1", ENTRY, "h1", 0, None), Candidate("a2", ENTRY, "h2", 0, None)], 5000.0
        )
        sink.topic.append(("a1", 0))
        await poller.recover()
    assert sink.asked_from == [{0: 1}]
    assert store.pending() == []
    assert set(store.seen(["a1", "a2"])) == {"a1"}
