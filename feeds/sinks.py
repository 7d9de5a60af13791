"""Where polled articles go: the articles topic (acknowledged by the broker), or stdout for a look by hand.

The Kafka sink also answers the two questions crash recovery asks (see :mod:`feeds.state`):
where does the topic end now (a checkpoint), and which of these in-flight articles did
arrive after a checkpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import IO, Protocol, Self

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError

from feeds.exceptions import PublishError
from feeds.publisher import ArticlePublisher
from newsdesk import schemas
from newsdesk.exceptions import DecodeError
from newsdesk.records import Article
from newsdesk.settings import Settings
from newsdesk.utils import json


class Sink(Protocol):
    durable: bool
    """True when publishing is acknowledged by something that outlives this process."""

    async def publish(self, articles: Sequence[Article]) -> None: ...

    async def checkpoint(self) -> dict[int, int]: ...

    async def arrived(
        self, offsets: dict[int, int] | None, wanted: set[tuple[str, int]]
    ) -> set[tuple[str, int]]: ...


class StdoutSink:
    """One JSON line per article on stdout, and nothing else there. No state outlives the run."""

    durable = False

    def __init__(self, stream: IO[bytes] | None = None) -> None:
        self._out = stream or sys.stdout.buffer

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        with contextlib.suppress(BrokenPipeError, ValueError):
            self._out.flush()

    async def publish(self, articles: Sequence[Article]) -> None:
        for article in articles:
            payload = article.to_dict()
            schemas.validate("article", payload)
            self._out.write(json.dumps_line(payload))
        self._out.flush()

    async def checkpoint(self) -> dict[int, int]:
        return {}

    async def arrived(
        self, offsets: dict[int, int] | None, wanted: set[tuple[str, int]]
    ) -> set[tuple[str, int]]:
        return set()


class KafkaSink:
    """The articles topic, through the idempotent acks=all :class:`ArticlePublisher`."""

    durable = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.topic = settings.topic_articles
        self._publisher: ArticlePublisher | None = None
        self._consumer: AIOKafkaConsumer | None = None
        self._tps: list[TopicPartition] = []

    async def __aenter__(self) -> Self:
        from streams.admin import ensure_topics
        from streams.exceptions import TopicError

        try:
            await ensure_topics(self.settings)
        except TopicError as exc:
            raise PublishError(str(exc), retriable=exc.retriable) from exc
        publisher = ArticlePublisher(self.settings, client_id="newsdesk-poller")
        await publisher.__aenter__()
        self._publisher = publisher
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.bootstrap_servers,
            group_id=None,
            enable_auto_commit=False,
            client_id="newsdesk-poller-recovery",
        )
        try:
            await self._consumer.start()
        except KafkaError as exc:
            await self.__aexit__(None, None, None)
            raise PublishError(
                f"cannot reach Kafka at {self.settings.broker}: {exc}", retriable=True
            ) from exc
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._consumer is not None:
            with contextlib.suppress(Exception):
                await self._consumer.stop()
            self._consumer = None
        if self._publisher is not None:
            await self._publisher.__aexit__(kind, exc, tb)
            self._publisher = None

    async def publish(self, articles: Sequence[Article]) -> None:
        assert self._publisher is not None
        await self._publisher.publish_many(articles)

    async def _ready_partitions(self) -> list[TopicPartition]:
        if not self._tps:
            from streams.admin import topic_partitions
            from streams.exceptions import TopicError

            try:
                partitions = await topic_partitions(self.settings, self.topic, wait=10.0)
            except TopicError as exc:
                raise PublishError(str(exc), retriable=True) from exc
            if not partitions:
                raise PublishError(f"topic {self.topic} has no partitions", retriable=True)
            self._tps = [TopicPartition(self.topic, p) for p in partitions]
        return self._tps

    async def checkpoint(self) -> dict[int, int]:
        """The topic's end offsets now: every send that starts later lands at or after them."""
        assert self._consumer is not None
        try:
            tps = await self._ready_partitions()
            ends = await self._consumer.end_offsets(tps)
        except KafkaError as exc:
            raise PublishError(f"cannot read the end offsets of {self.topic}: {exc}", retriable=True) from exc
        return {tp.partition: int(offset) for tp, offset in ends.items()}

    async def arrived(
        self, offsets: dict[int, int] | None, wanted: set[tuple[str, int]]
    ) -> set[tuple[str, int]]:
        """Which ``(article id, revision)`` of ``wanted`` are on the topic after ``offsets`` (None: all)."""
        assert self._consumer is not None
        if not wanted:
            return set()
        consumer = self._consumer
        found: set[tuple[str, int]] = set()
        try:
            tps = await self._ready_partitions()
            ends = await consumer.end_offsets(tps)
            consumer.assign(tps)
            for tp in tps:
                start = (offsets or {}).get(tp.partition)
                if start is None:
                    await consumer.seek_to_beginning(tp)
                else:
                    consumer.seek(tp, start)
            deadline = time.monotonic() + max(60.0, self.settings.produce_timeout * 4)
            while any([await consumer.position(tp) < ends[tp] for tp in tps]):
                if time.monotonic() > deadline:
                    raise PublishError(f"reading {self.topic} back took too long", retriable=True)
                batch = await consumer.getmany(timeout_ms=500, max_records=5000)
                for records in batch.values():
                    found.update(_matches(records, wanted))
        except KafkaError as exc:
            raise PublishError(f"cannot read {self.topic} back: {exc}", retriable=True) from exc
        finally:
            with contextlib.suppress(Exception):
                consumer.unsubscribe()
        return found


def _matches(records: Iterable[object], wanted: set[tuple[str, int]]) -> set[tuple[str, int]]:
    found = set()
    ids = {article_id for article_id, _ in wanted}
    for record in records:
        key = getattr(record, "key", None)
        if key is None:
            continue
        article_id = key.decode("utf-8", "replace")
        if article_id not in ids:
            continue
        try:
            value = json.loads(getattr(record, "value", b"") or b"")
        except DecodeError:
            continue
        revision = value.get("revision", 0) if isinstance(value, dict) else 0
        if (article_id, revision) in wanted:
            found.add((article_id, revision))
    return found


async def open_kafka_sink(settings: Settings, stop: asyncio.Event, log_wait: object) -> KafkaSink | None:
    """Connect, retrying while the broker is away (the poller waits rather than dies); None if stopped."""
    delay = 1.0
    while not stop.is_set():
        sink = KafkaSink(settings)
        try:
            return await sink.__aenter__()
        except PublishError as exc:
            if callable(log_wait):
                log_wait(exc, delay)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=delay)
        delay = min(delay * 2, 60.0)
    return None
