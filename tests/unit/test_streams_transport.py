"""The worker's Kafka consumer re-reads a never-committed partition from the start after a rebalance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiokafka import TopicPartition

from newsdesk.settings import Settings
from streams.app import create_app
from streams.transport import Consumer, Transport


class FakeThread:
    """Stands in for Faust's consumer thread: committed offsets in, seeks recorded."""

    def __init__(self, committed: dict[TopicPartition, int | None]) -> None:
        self.committed = committed
        self.to_beginning: list[TopicPartition] = []

    async def seek_to_committed(self) -> dict[TopicPartition, int | None]:
        return dict(self.committed)

    async def seek_to_beginning(self, *partitions: TopicPartition) -> None:
        self.to_beginning.extend(partitions)


def test_the_app_uses_the_fixed_transport_for_kafka(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "state", web_enabled=False), store="memory://")
    assert isinstance(app.transport, Transport)
    assert app.transport.Consumer is Consumer


async def test_only_stream_partitions_without_a_commit_go_back_to_the_start(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "state", web_enabled=False), store="memory://")
    changelog = next(iter(app.tables.changelog_topics))
    committed: dict[TopicPartition, int | None] = {
        TopicPartition("news.articles", 0): None,  # never committed
        TopicPartition("news.articles", 1): 0,  # committed at the start: aiokafka does not seek it either
        TopicPartition("news.claims", 0): 57,  # aiokafka already seeks this one
        TopicPartition(changelog, 0): None,  # recovery owns changelog positions
    }
    thread = FakeThread(committed)
    consumer: Any = object.__new__(Consumer)
    consumer.app = app
    consumer._thread = thread

    assert await consumer.seek_to_committed() == committed  # Faust records what it was given
    assert sorted(thread.to_beginning) == [
        TopicPartition("news.articles", 0),
        TopicPartition("news.articles", 1),
    ]
