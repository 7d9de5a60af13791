"""Topics are created by newsdesk itself, with explicit partition counts (auto-create is off)."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from newsdesk.settings import Settings
from streams.admin import ensure_topics, topic_specs
from streams.exceptions import TopicError
from tests.support import isolated_env, settings_from

pytestmark = pytest.mark.integration


async def partition_counts(settings: Settings, names: list[str]) -> dict[str, int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    await admin.start()
    try:
        described = await admin.describe_topics(names)
        return {d["topic"]: len(d["partitions"]) for d in described if d["error_code"] == 0}
    finally:
        await admin.close()


async def test_ensure_topics_creates_all_four_with_their_partitions(tmp_path: Path) -> None:
    settings = settings_from(isolated_env(tmp_path, NEWSDESK_PARTITIONS="3"))
    created = await ensure_topics(settings)
    names = [s.name for s in topic_specs(settings)]
    assert sorted(created) == sorted(names)
    counts = await partition_counts(settings, names)
    assert counts == {
        settings.topic_articles: 3,
        settings.topic_claims: 3,
        settings.topic_alerts: 3,
        settings.topic_deadletter: 1,
    }
    # A second call is a no-op.
    assert await ensure_topics(settings) == []


async def test_existing_topic_with_other_partition_count_is_reported(tmp_path: Path) -> None:
    env = isolated_env(tmp_path, NEWSDESK_PARTITIONS="2")
    await ensure_topics(settings_from(env))
    with pytest.raises(TopicError, match="partitions"):
        await ensure_topics(settings_from({**env, "NEWSDESK_PARTITIONS": "5"}))


async def test_unreachable_broker_is_a_retriable_topic_error(tmp_path: Path) -> None:
    settings = settings_from(isolated_env(tmp_path, NEWSDESK_BROKER="127.0.0.1:1"))
    with pytest.raises(TopicError) as caught:
        await ensure_topics(settings, timeout_ms=2000)
    assert caught.value.retriable
