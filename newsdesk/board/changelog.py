"""The board's reader of the figure table's changelog: every figure's history, then each change.

The worker's ``figures`` table is backed by a compacted changelog topic
(``<app id>-figures-changelog``, key: the figure key as a JSON string, value:
``schemas/figure.schema.json``). The board reads it from the beginning at start (compaction
keeps it about one record per figure), keeps the latest state of each figure in a bounded
:class:`~newsdesk.board.figures.FigureStore`, and follows it, telling open figure pages when
their figure changes. No consumer group, nothing committed: like the alerts feed, every board
process reads on its own and rebuilds from the topic.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from newsdesk.board.figures import FigureRecordError, FigureStore, decode_record
from newsdesk.board.hub import FigureChanged, Hub
from newsdesk.settings import Settings

log = logging.getLogger(__name__)

RETRY_SECONDS = 2.0


def changelog_topic(settings: Settings) -> str:
    from newsdesk.cli.figures import changelog_topic as topic  # the one place that names it

    return topic(settings)


@dataclass
class ChangelogStatus:
    ready: bool = False
    """The store holds every figure the changelog held when the board started."""
    figures: int = 0
    invalid: int = 0
    """Records skipped because they are not figure states (logged with their offset)."""
    forgotten: int = 0
    """Figures dropped to stay within NEWSDESK_BOARD_MAX_FIGURES (their pages use alerts)."""
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ready": self.ready,
            "figures": self.figures,
            "invalid": self.invalid,
            "forgotten": self.forgotten,
            "error": self.error,
        }


class FigureFeed:
    def __init__(self, settings: Settings, store: FigureStore, hub: Hub) -> None:
        self.settings = settings
        self.store = store
        self.hub = hub
        self.topic = changelog_topic(settings)
        self.status = ChangelogStatus()

    def ingest(self, key: bytes | None, value: bytes | None, *, where: str) -> bool:
        """Keep one changelog record; True when a figure's drawn history changed."""
        try:
            figure_key, state = decode_record(key, value)
        except FigureRecordError as exc:
            self.status.invalid += 1
            log.warning("board: skipping %s: %s", where, exc)
            return False
        changed = self.store.apply(figure_key, state)
        self.status.figures = len(self.store)
        self.status.forgotten = self.store.forgotten
        if changed and self.status.ready:  # pages open at start fetch what the rebuild made
            self.hub.publish(FigureChanged(figure_key))
        return changed

    async def run(self) -> None:
        """Follow the changelog until cancelled; a broker that is away is retried, not fatal."""
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

        partitions = await topic_partitions(self.settings, self.topic, wait=1.0)
        while not partitions:
            self.status.error = f"waiting for topic {self.topic} (is the worker running?)"
            partitions = await topic_partitions(self.settings, self.topic, wait=5.0)
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.bootstrap_servers,
            group_id=None,
            enable_auto_commit=False,
            # "earliest", not a seek after assign: a seek can race the initial reset to "latest".
            auto_offset_reset="earliest",
            client_id="newsdesk-board-figures",
        )
        await consumer.start()
        try:
            tps = [TopicPartition(self.topic, p) for p in partitions]
            consumer.assign(tps)
            end = await consumer.end_offsets(tps)
            self.status.error = None
            while True:
                if not self.status.ready:
                    positions = [await consumer.position(tp) for tp in tps]
                    self.status.ready = all(pos >= end[tp] for tp, pos in zip(tps, positions, strict=True))
                batch = await consumer.getmany(timeout_ms=500)
                for tp, records in batch.items():
                    for record in records:
                        where = f"{tp.topic}/{tp.partition}/{record.offset}"
                        self.ingest(record.key, record.value, where=where)
        finally:
            await consumer.stop()
