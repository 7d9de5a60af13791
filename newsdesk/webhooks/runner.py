"""One consumer-group member per subscription: processes with the same config share the work.

Each subscription subscribes to the alerts topic in its own consumer group, so Kafka splits
the partitions between every process running the same subscriptions file, and moves them
when one joins, leaves or dies (after ``NEWSDESK_SESSION_TIMEOUT``). Run as many copies as the
receivers need; each alert goes to one of them.

Why nothing is lost: a partition's offset is committed only after the receiver answered 2xx,
or, after the retry budget, after the dead letter was acknowledged by the broker (see
:mod:`newsdesk.webhooks.lanes`). When a partition moves, its lane commits what it finished
and leaves the rest uncommitted for the next owner; a process killed at any point leaves
its partitions at their last commit. Every alert is delivered at least once; receivers
deduplicate on the alert ``id``.

Why nothing stalls: the consumer loop only polls and hands records to the lanes (pausing a
partition while its lane holds many), so the process keeps its place in the group however slow a
receiver is; a rebalance waits at most a few seconds for a POST in flight.

Why one receiver cannot hold up another: every subscription is its own task with its own
consumer, group, HTTP session and retry schedule. The worker never waits for any of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import CommitFailedError, IllegalStateError, KafkaError

from newsdesk.exceptions import NewsdeskError
from newsdesk.messages import decode_dict, encode
from newsdesk.settings import Settings
from newsdesk.webhooks.config import Subscription
from newsdesk.webhooks.deadletter import delivery_failure
from newsdesk.webhooks.delivery import deliver
from newsdesk.webhooks.exceptions import WebhookError
from newsdesk.webhooks.lanes import Lane, Sleep
from newsdesk.webhooks.payload import body

log = logging.getLogger(__name__)

RESTART_DELAY = 2.0
MAX_RECORDS = 100
"""Records a lane may hold before its partition is paused until the lane has delivered them all.

Not pausing below that matters for latency: a resumed partition waits for the fetch in flight
for the others (up to half a second) before it is fetched again."""
HANDOVER_GRACE = 5.0
"""Seconds a partition being handed over waits for the POST in flight (capped by the session)."""


@dataclass
class Counters:
    delivered: int = 0
    dead_lettered: int = 0
    skipped: int = 0


Assigned = Callable[[Subscription, list[int]], None]
"""Told the partitions a subscription owns after every rebalance."""


class SubscriptionRunner:
    def __init__(
        self,
        settings: Settings,
        sub: Subscription,
        producer: AIOKafkaProducer,
        *,
        on_assigned: Assigned = lambda sub, partitions: None,
    ) -> None:
        self.settings = settings
        self.sub = sub
        self.producer = producer
        self.counters = Counters()
        self.ready = asyncio.Event()
        """Set once the group gave this process its first assignment (possibly empty)."""
        self.partitions: list[int] = []
        self._on_assigned = on_assigned
        self._lanes: dict[TopicPartition, Lane] = {}
        self._consumer: AIOKafkaConsumer | None = None
        self._session: aiohttp.ClientSession | None = None
        self._failure: BaseException | None = None
        self._failed = asyncio.Event()
        self._closing = False

    @property
    def grace(self) -> float:
        return min(HANDOVER_GRACE, self.settings.session_timeout / 3)

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
        session_ms = int(self.settings.session_timeout * 1000)
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.bootstrap_servers,
            group_id=self.sub.group,
            enable_auto_commit=False,
            auto_offset_reset=self.sub.start,
            client_id=f"newsdesk-webhook-{self.sub.name}",
            session_timeout_ms=session_ms,
            rebalance_timeout_ms=session_ms,
            heartbeat_interval_ms=min(3000, session_ms // 3),
        )
        self._failure, self._closing = None, False
        self._failed.clear()
        await consumer.start()
        try:
            async with aiohttp.ClientSession() as session:
                self._consumer, self._session = consumer, session
                try:
                    consumer.subscribe([topic], listener=_Handover(self))
                    await self._poll(consumer)
                finally:
                    self._closing = True  # no lane opens from here on
                    await self._release(list(self._lanes))
        finally:
            self._consumer = self._session = None
            self.partitions = []
            await consumer.stop()

    async def _poll(self, consumer: AIOKafkaConsumer) -> None:
        """Hand fetched records to the lanes; never waits for a delivery."""
        while not self._failed.is_set():
            batch = await consumer.getmany(timeout_ms=500, max_records=MAX_RECORDS)
            for tp, records in batch.items():
                lane = self._lanes.get(tp)
                if lane is None:  # no lane (yet, or any more): read these again when there is one
                    with contextlib.suppress(IllegalStateError):
                        consumer.seek(tp, records[0].offset)
                    continue
                lane.push(records)
                if len(lane) >= MAX_RECORDS:  # enough in hand: fetch more once the lane is idle
                    with contextlib.suppress(IllegalStateError):
                        consumer.pause(tp)
        raise WebhookError(f"delivery failed unexpectedly: {self._failure!r}") from self._failure

    async def _take(self, assigned: set[TopicPartition]) -> None:
        """A rebalance gave us these partitions: pin where new ones start, open a lane each."""
        consumer = self._consumer
        if consumer is None:
            return
        tps = sorted(assigned)
        for tp in tps:  # nothing is fetched for a partition before its lane exists
            with contextlib.suppress(IllegalStateError):
                consumer.pause(tp)
        await self._pin_start(consumer, tps)
        if self._closing:  # stopping while the start was pinned
            return
        for tp in tps:  # each lane resumes its partition as soon as it is idle
            self._lanes[tp] = Lane(
                tp, self._handle, self._commit, on_drained=self._drained, on_failure=self._lane_failed
            )
        self.partitions = [tp.partition for tp in tps]
        log.info("webhook %s: delivering partitions %s", self.sub.name, self.partitions)
        self._on_assigned(self.sub, self.partitions)
        self.ready.set()

    async def _release(self, tps: list[TopicPartition]) -> None:
        """Partitions leave (a rebalance or a stop): each lane commits what it finished."""
        lanes = [self._lanes.pop(tp) for tp in tps if tp in self._lanes]
        if self._consumer is not None:
            for tp in tps:  # fetch nothing more for them while the group settles
                with contextlib.suppress(IllegalStateError):
                    self._consumer.pause(tp)
        left = await asyncio.gather(*(lane.release(self.grace) for lane in lanes))
        if any(left):
            log.info("webhook %s: handed over %d undelivered alert(s) uncommitted", self.sub.name, sum(left))

    def _drained(self, tp: TopicPartition) -> None:
        if self._consumer is not None and tp in self._lanes:
            with contextlib.suppress(IllegalStateError):
                self._consumer.resume(tp)

    def _lane_failed(self, exc: BaseException) -> None:
        log.error("webhook %s: a delivery lane failed: %r", self.sub.name, exc)
        self._failure = exc
        self._failed.set()

    async def _commit(self, tp: TopicPartition, offset: int) -> None:
        consumer = self._consumer
        if consumer is None:
            return
        try:
            await consumer.commit({tp: offset})
        except (CommitFailedError, IllegalStateError) as exc:
            # The partition moved on: its next owner starts from the last commit (may re-deliver).
            log.warning("webhook %s: %s/%d moved before commit at %d: %s", self.sub.name, *tp, offset, exc)
        except KafkaError as exc:  # the next commit covers it; a crash before then only re-delivers
            log.warning("webhook %s: commit of %s/%d at %d failed: %s", self.sub.name, *tp, offset, exc)

    async def _pin_start(self, consumer: AIOKafkaConsumer, tps: list[TopicPartition]) -> None:
        """A new subscription commits where it starts, so alerts landing while it is down still come.

        The start is asked of the broker (oldest or next offset) and the consumer is moved there,
        so what is committed and what is read next are the same offset.
        """
        try:
            fresh = [tp for tp in tps if await consumer.committed(tp) is None]
            if not fresh:
                return
            if self.sub.start == "earliest":
                starts = await consumer.beginning_offsets(fresh)
            else:
                starts = await consumer.end_offsets(fresh)
            await consumer.commit(dict(starts))
            for tp, offset in starts.items():
                consumer.seek(tp, offset)
        except (KafkaError, IllegalStateError) as exc:
            log.warning("webhook %s: could not record where it starts: %s", self.sub.name, exc)

    async def _handle(self, record: Any, sleep: Sleep) -> bool:
        """Deliver or dead-letter one record; True when its offset must be committed now."""
        session = self._session
        if session is None:
            raise WebhookError("no HTTP session: the subscription is not running")
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
        outcome = await deliver(session, self.sub, body(alert), alert_id, sleep=sleep)
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


class _Handover(ConsumerRebalanceListener):  # type: ignore[misc]
    """aiokafka calls these around every rebalance, before leaving and after joining the group."""

    def __init__(self, runner: SubscriptionRunner) -> None:
        self.runner = runner

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        await self.runner._release(sorted(revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        await self.runner._take(assigned)


async def run_subscriptions(
    settings: Settings,
    subscriptions: list[Subscription],
    stop: asyncio.Event,
    *,
    on_ready: Callable[[], None] = lambda: None,
    on_assigned: Assigned = lambda sub, partitions: None,
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
        raise WebhookError(f"cannot reach Kafka at {settings.broker}: {exc}") from exc
    runners = [SubscriptionRunner(settings, sub, producer, on_assigned=on_assigned) for sub in subscriptions]
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
