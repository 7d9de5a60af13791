"""Several `newsdesk webhooks` processes with one config: one consumer group shares the work.

Real broker, real processes, a real HTTP receiver on 127.0.0.1. Two processes split the
alerts topic's partitions (the broker says so, and so do the processes); every alert reaches
the receiver, each exactly once while nobody dies; after a `kill -9` of one process mid-stream
the other takes its partitions over and nothing is lost.
"""

from __future__ import annotations

import os
import re
import signal
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.coordinator.protocol import ConsumerProtocol

from newsdesk.settings import Settings
from newsdesk.utils import json
from streams.admin import ensure_topics
from tests.integration.test_webhook_delivery import (
    Receiver,
    config,
    eventually,
    receiver,
    text_of,
    wait_exit,
    webhooks_process,
)
from tests.support import isolated_env, producer, sample_alert, settings_from, wait_caught_up

pytestmark = [pytest.mark.integration, pytest.mark.coroutine_timeout(240)]

PARTITIONS = 4
ALL = set(range(PARTITIONS))


def owned(log: Path) -> set[int] | None:
    """The partitions the process said it delivers after its latest rebalance."""
    lines = re.findall(r"desk: partitions (.+)", text_of(log))
    if not lines:
        return None
    return {int(p) for p in re.findall(r"\d+", lines[-1])}


def split(*logs: Path) -> bool:
    """Every partition owned by exactly one of the processes, each owning some."""
    sets = [owned(log) for log in logs]
    if any(not s for s in sets):
        return False
    together = [p for s in sets for p in s or ()]
    return sorted(together) == sorted(ALL)


async def group_members(settings: Settings, group: str) -> list[set[int]]:
    """What the broker's group coordinator says each member of ``group`` owns."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    await admin.start()
    try:
        (response,) = await admin.describe_consumer_groups([group])
    finally:
        await admin.close()
    (described,) = response.groups
    members = described[5]  # (error, group, state, protocol type, protocol, members)
    found = []
    for member in members:
        assignment = ConsumerProtocol.ASSIGNMENT.decode(member[-1])
        found.append({p for topic, partitions in assignment.assignment for p in partitions})
    return found


async def publish(settings: Settings, alerts: list[dict[str, Any]]) -> dict[str, int]:
    """Publish; return each alert's partition."""
    where = {}
    async with producer(settings) as client:
        for alert in alerts:
            meta = await client.send_and_wait(
                settings.topic_alerts, key=alert["figure_key"].encode(), value=json.dumps(alert)
            )
            where[alert["id"]] = meta.partition
    return where


def delivered(log: Path) -> int:
    (count,) = re.findall(r"desk: (\d+) delivered", text_of(log))
    return int(count)


async def test_two_processes_share_the_partitions_and_survive_a_kill(tmp_path: Path) -> None:
    env = isolated_env(tmp_path, NEWSDESK_PARTITIONS=str(PARTITIONS), NEWSDESK_SESSION_TIMEOUT="6")
    settings = settings_from(env)
    await ensure_topics(settings)
    group = f"{settings.app_id}-webhook-desk"
    log_a, log_b = tmp_path / "a.log", tmp_path / "b.log"

    seen: Receiver
    async with receiver() as seen:
        config_path = tmp_path / "webhooks.toml"
        config_path.write_text(config(seen, desk={"url": "URL/ok", "backoff_base": 0.05, "backoff_cap": 0.2}))
        with webhooks_process(env, config_path, log_a) as a, webhooks_process(env, config_path, log_b) as b:
            await eventually(lambda: split(log_a, log_b), 60, "two processes to split the partitions", log_b)
            members = await group_members(settings, group)
            assert len(members) == 2, members
            assert sorted(p for m in members for p in m) == sorted(ALL)
            assert all(members), members
            held_by_a = owned(log_a)
            assert held_by_a is not None
            assert held_by_a in members

            # Both alive: each alert once, from whichever process owns its partition.
            first = [sample_alert(n, figure_key=f"testland:people:killed-{n % 8}") for n in range(40)]
            partition_of = await publish(settings, first)
            assert set(partition_of.values()) == ALL  # the test exercises every partition
            await eventually(
                lambda: {a["id"] for a in first} <= set(seen.accepted), 60, "the first 40 alerts", log_b
            )
            assert sorted(seen.accepted) == sorted(a["id"] for a in first)

            # Mid-stream, a dies without a word; b takes its partitions after the session timeout.
            seen.delay = 0.02
            later = [sample_alert(n, figure_key=f"testland:people:killed-{n % 8}") for n in range(40, 240)]
            partition_of |= await publish(settings, later)
            await eventually(lambda: len(seen.accepted) >= 80, 60, "deliveries from the second batch", log_b)
            in_flight_at_kill = len(seen.accepted)
            os.killpg(a.pid, signal.SIGKILL)
            a.wait(timeout=30)
            assert in_flight_at_kill < len(first) + len(later), "the kill came too late to test anything"
            await eventually(lambda: owned(log_b) == ALL, 60, "b to take every partition over", log_b)
            wanted = {alert["id"] for alert in first + later}
            await eventually(lambda: set(seen.accepted) >= wanted, 90, "every alert after the kill", log_b)
            await wait_caught_up(settings, group, [settings.topic_alerts], timeout=30)
            assert await group_members(settings, group) == [ALL]
            b.send_signal(signal.SIGTERM)
            assert await wait_exit(b, 30) == 0

    received = Counter(seen.accepted)
    assert set(received) == wanted
    assert seen.bad_signatures == 0
    # At least once: only what a had in flight when it died may come twice, one per partition.
    twice = [alert_id for alert_id, n in received.items() if n > 1]
    assert len(twice) <= len(held_by_a), twice
    assert {partition_of[alert_id] for alert_id in twice} <= held_by_a
    # The work was shared: b delivered only part of it, a the rest.
    by_b = delivered(log_b)
    assert 0 < by_b < len(wanted)
    assert sum(received.values()) - by_b > 0
    assert "Traceback" not in text_of(log_a) + text_of(log_b)


async def test_a_process_that_leaves_hands_its_partitions_over_at_once(tmp_path: Path) -> None:
    """SIGTERM: the leaver commits what it finished and the other owns everything, no session wait."""
    env = isolated_env(tmp_path, NEWSDESK_PARTITIONS=str(PARTITIONS), NEWSDESK_SESSION_TIMEOUT="30")
    settings = settings_from(env)
    await ensure_topics(settings)
    log_a, log_b = tmp_path / "a.log", tmp_path / "b.log"
    async with receiver() as seen:
        config_path = tmp_path / "webhooks.toml"
        config_path.write_text(config(seen, desk={"url": "URL/ok"}))
        with webhooks_process(env, config_path, log_a) as a, webhooks_process(env, config_path, log_b) as b:
            await eventually(lambda: split(log_a, log_b), 60, "two processes to split the partitions", log_b)
            seen.delay = 0.02
            alerts = [sample_alert(n, figure_key=f"testland:people:killed-{n % 8}") for n in range(120)]
            await publish(settings, alerts)
            await eventually(lambda: len(seen.accepted) >= 20, 60, "the first deliveries", log_b)
            a.send_signal(signal.SIGTERM)
            assert await wait_exit(a, 30) == 0
            # Far sooner than the 30 s session timeout: a left the group on its way out.
            await eventually(lambda: owned(log_b) == ALL, 15, "b to own every partition", log_b)
            await eventually(
                lambda: {x["id"] for x in alerts} <= set(seen.accepted), 60, "every alert", log_b
            )
            b.send_signal(signal.SIGTERM)
            assert await wait_exit(b, 30) == 0
    # A clean hand-over commits everything delivered: nothing arrives twice.
    assert sorted(seen.accepted) == sorted(x["id"] for x in alerts)
    assert delivered(log_a) + delivered(log_b) == len(alerts)


async def test_a_rebalance_does_not_wait_for_a_retry_backoff(tmp_path: Path) -> None:
    """A process waiting to retry a receiver that was down hands its partitions over at once."""
    env = isolated_env(tmp_path, NEWSDESK_PARTITIONS=str(PARTITIONS), NEWSDESK_SESSION_TIMEOUT="10")
    settings = settings_from(env)
    await ensure_topics(settings)
    log_a, log_b = tmp_path / "a.log", tmp_path / "b.log"
    alerts = [sample_alert(n, figure_key=f"testland:people:killed-{n % 8}") for n in range(20)]
    await publish(settings, alerts)
    async with receiver() as seen:
        seen.outage = True
        config_path = tmp_path / "webhooks.toml"
        # The first retry comes 30 to 60 s after a refusal: far beyond what this test waits.
        config_path.write_text(
            config(seen, desk={"url": "URL/ok", "backoff_base": 60.0, "backoff_cap": 120.0})
        )
        with webhooks_process(env, config_path, log_a) as a:
            await eventually(lambda: owned(log_a) == ALL, 60, "a to own every partition", log_a)
            await eventually(lambda: seen.refused >= PARTITIONS, 30, "a refusal on every partition", log_a)
            seen.outage = False  # back up, but a's lanes sleep until their next attempt
            with webhooks_process(env, config_path, log_b) as b:
                await eventually(
                    lambda: split(log_a, log_b), 25, "the split, without waiting out a backoff", log_b
                )
                await eventually(
                    lambda: {x["id"] for x in alerts} <= set(seen.accepted), 25, "every alert", log_b
                )
                for child in (a, b):
                    child.send_signal(signal.SIGTERM)
                    assert await wait_exit(child, 30) == 0
    assert sorted(seen.accepted) == sorted(x["id"] for x in alerts)
