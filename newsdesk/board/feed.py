"""The board's own reader of the alerts topic: rebuild the view at start, then follow.

No consumer group and no commits: every board process reads on its own, starting at most
``board_max_alerts`` records before the end of each partition (the view keeps no more than
that), so a restart always shows the newest alerts again without a store of its own.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from newsdesk.board.hub import Hub
from newsdesk.board.view import AlertView
from newsdesk.exceptions import NewsdeskError
from newsdesk.messages import decode_dict
from newsdesk.settings import Settings

log = logging.getLogger(__name__)

RETRY_SECONDS = 2.0


@dataclass
class FeedStatus:
    ready: bool = False
    """The view holds everything the topic held when the board started."""
    invalid: int = 0
    """Records skipped because they are not valid alerts (logged with their offset)."""
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"ready": self.ready, "invalid": self.invalid, "error": self.error}


class AlertFeed:
    def __init__(self, settings: Settings, view: AlertView, hub: Hub) -> None:
        self.settings = settings
        self.view = view
        self.hub = hub
        self.status = FeedStatus()

    def ingest(self, value: bytes | None, *, timestamp_ms: int | None, where: str) -> bool:
        """Decode, validate and keep one record; True when it was a new alert."""
        try:
            alert = decode_dict("alert", value)
        except NewsdeskError as exc:
            self.status.invalid += 1
            log.warning("board: skipping %s: %s", where, exc)
            return False
        entry = self.view.add(alert, timestamp_ms=timestamp_ms)
        if entry is None:
            return False
        self.hub.publish(entry)
        return True

    async def run(self) -> None:
        """Follow the topic until cancelled; a broker that is away is retried, not fatal."""
        from aiokafka.errors import KafkaError

        from streams.exceptions import TopicError

        while True:
            try:
                await self._follow()
            except (KafkaError, TopicError) as exc:
                self.status.error = f"Kafka at {self.settings.broker}: {exc}"
                log.warning("board: %s; retrying in %.0fs", self.status.error, RETRY_SECONDS)
                await asyncio.sleep(RETRY_SECONDS)

    async def _follow(self) -> None:
        from aiokafka import AIOKafkaConsumer, TopicPartition

        from streams.admin import topic_partitions

        topic = self.settings.topic_alerts
        partitions = await topic_partitions(self.settings, topic, wait=1.0)
        while not partitions:
            self.status.error = f"waiting for topic {topic} (is the worker running?)"
            partitions = await topic_partitions(self.settings, topic, wait=5.0)
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.bootstrap_servers,
            group_id=None,
            enable_auto_commit=False,
            client_id="newsdesk-board",
        )
        await consumer.start()
        try:
            tps = [TopicPartition(topic, p) for p in partitions]
            consumer.assign(tps)
            first = await consumer.beginning_offsets(tps)
            end = await consumer.end_offsets(tps)
            for tp in tps:
                consumer.seek(tp, max(first[tp], end[tp] - self.settings.board_max_alerts))
            self.status.error = None
            while True:
                batch = await consumer.getmany(timeout_ms=500)
                for tp, records in batch.items():
                    for record in records:
                        where = f"{tp.topic}/{tp.partition}/{record.offset}"
                        self.ingest(record.value, timestamp_ms=record.timestamp, where=where)
                if not self.status.ready:
                    positions = [await consumer.position(tp) for tp in tps]
                    self.status.ready = all(pos >= end[tp] for tp, pos in zip(tps, positions, strict=True))
        finally:
            await consumer.stop()
