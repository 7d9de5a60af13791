"""One Kafka consumer per subscription, each in its own consumer group, delivering in order.

Why nothing is lost: a subscription commits an alert's offset only after the receiver
answered 2xx (or, after the retry budget, after the dead letter was acknowledged by the
broker). A process killed at any point restarts from its committed offsets, so every alert
is delivered at least once; receivers deduplicate on the alert ``id``.

Why one receiver cannot hold up another: every subscription is its own task with its own
consumer, group, HTTP session and retry schedule; a slow or failing receiver only delays its
own queue. The worker is a separate process and never waits for any of them.

Partitions are assigned, not balanced: run one ``newsdesk webhooks`` per subscriptions file
(a second copy would deliver everything twice — harmless to a receiver that deduplicates,
but pointless).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.errors import KafkaError

from newsdesk.exceptions import NewsdeskError
from newsdesk.messages import decode_dict, encode
from newsdesk.settings import Settings
from newsdesk.webhooks.config import Subscription
from newsdesk.webhooks.deadletter import delivery_failure
from newsdesk.webhooks.delivery import deliver
from newsdesk.webhooks.payload import body

log = logging.getLogger(__name__)

RESTART_DELAY = 2.0


@dataclass
class Counters:
    delivered: int = 0
    dead_lettered: int = 0
    skipped: int = 0


class SubscriptionRunner:
    def __init__(self, settings: Settings, sub: Subscription, producer: AIOKafkaProducer) -> None:
        self.settings = settings
        self.sub = sub
        self.producer = producer
        self.counters = Counters()
        self.ready = asyncio.Event()

    async def run_forever(self) -> None:
        """Deliver until cancelled; a lost broker or another failure restarts this subscription only."""
        while True:
            try:
                await self._run()
            except (KafkaError, NewsdeskError, aiohttp.ClientError, OSError) as exc:
                log.warning("webhook %s: %s; restarting in %.0fs", self.sub.name, exc, RESTART_DELAY)
                await asyncio.sleep(RESTART_DELAY)

    async def _run(self) -> None:
        from streams.admin import topic_partitions

        topic = self.settings.topic_alerts
        partitions = await topic_partitions(self.settings, topic, wait=5.0)
        while not partitions:
            log.warning("webhook %s: waiting for topic %s (is the worker running?)", self.sub.name, topic)
            partitions = await topic_partitions(self.settings, topic, wait=30.0)
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.bootstrap_servers,
            group_id=self.sub.group,
            enable_auto_commit=False,
            auto_offset_reset=self.sub.start,
            client_id=f"newsdesk-webhook-{self.sub.name}",
        )
        await consumer.start()
        try:
            async with aiohttp.ClientSession() as session:
                tps = [TopicPartition(topic, p) for p in partitions]
                consumer.assign(tps)
                await self._pin_start(consumer, tps)
                self.ready.set()
                while True:
                    batch = await consumer.getmany(timeout_ms=1000, max_records=100)
                    for tp, records in batch.items():
                        pending: int | None = None
                        for record in records:
                            pending = record.offset + 1
                            if await self._handle(session, record):
                                await _commit(consumer, tp, pending, self.sub.name)
                                pending = None
                        if pending is not None:
                            await _commit(consumer, tp, pending, self.sub.name)
        finally:
            await consumer.stop()

    async def _pin_start(self, consumer: AIOKafkaConsumer, tps: list[TopicPartition]) -> None:
        """A new subscription commits where it starts, so alerts landing while it is down still come."""
        fresh = {}
        for tp in tps:
            if await consumer.committed(tp) is None:
                fresh[tp] = await consumer.position(tp)
        if fresh:
            await consumer.commit(fresh)

    async def _handle(self, session: aiohttp.ClientSession, record: Any) -> bool:
        """Deliver or dead-letter one record; True when its offset must be committed now."""
        where = f"{record.topic}/{record.partition}/{record.offset}"
        try:
            alert = decode_dict("alert", record.value)
        except NewsdeskError as exc:
            await self._dead_letter(record, type(exc).__name__, f"not a valid alert: {exc}")
            return True
        if not self.sub.filter.matches(alert):
            self.counters.skipped += 1
            return False
        alert_id = str(alert["id"])
        outcome = await deliver(session, self.sub, body(alert), alert_id)
        if outcome.delivered:
            self.counters.delivered += 1
            log.info(
                "webhook %s: delivered %s (%s, %d attempt(s))",
                self.sub.name,
                alert_id,
                where,
                outcome.attempts,
            )
            return True
        log.warning(
            "webhook %s: giving up on alert %s (%s): %s", self.sub.name, alert_id, where, outcome.reason
        )
        await self._dead_letter(record, "DeliveryFailed", outcome.reason)
        return True

    async def _dead_letter(self, record: Any, error: str, reason: str) -> None:
        letter = delivery_failure(
            subscription=self.sub.name,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            key=record.key,
            value=record.value,
            error=error,
            reason=reason,
        )
        payload = encode("deadletter", letter)
        delay = 1.0
        while True:  # the offset is not committed before the broker holds the letter
            try:
                await self.producer.send_and_wait(
                    self.settings.topic_deadletter, key=record.key, value=payload
                )
                self.counters.dead_lettered += 1
                return
            except KafkaError as exc:
                log.warning("webhook %s: dead letter not stored (%s); retrying", self.sub.name, exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)


async def _commit(consumer: AIOKafkaConsumer, tp: TopicPartition, offset: int, name: str) -> None:
    try:
        await consumer.commit({tp: offset})
    except KafkaError as exc:  # the next commit covers it; a crash before then only re-delivers
        log.warning("webhook %s: commit of %s/%d at %d failed: %s", name, tp.topic, tp.partition, offset, exc)


async def run_subscriptions(
    settings: Settings,
    subscriptions: list[Subscription],
    stop: asyncio.Event,
    *,
    on_ready: Callable[[], None] = lambda: None,
) -> list[SubscriptionRunner]:
    """Run every subscription until ``stop`` is set; returns the runners (with their counters)."""
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers,
        client_id="newsdesk-webhooks",
        acks="all",
        enable_idempotence=True,
        request_timeout_ms=int(settings.produce_timeout * 1000),
    )
    try:
        await producer.start()
    except KafkaError as exc:
        await producer.stop()
        from newsdesk.webhooks.exceptions import WebhookError

        raise WebhookError(f"cannot reach Kafka at {settings.broker}: {exc}") from exc
    runners = [SubscriptionRunner(settings, sub, producer) for sub in subscriptions]
    tasks = [asyncio.create_task(r.run_forever(), name=f"webhook-{r.sub.name}") for r in runners]
    try:
        ready = asyncio.ensure_future(_all_ready(runners))
        stopped = asyncio.ensure_future(stop.wait())
        done, _ = await asyncio.wait({ready, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if ready in done:
            on_ready()
        else:
            ready.cancel()
        await stopped
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await producer.stop()
    return runners


async def _all_ready(runners: list[SubscriptionRunner]) -> None:
    for runner in runners:
        await runner.ready.wait()
