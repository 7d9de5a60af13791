"""Helpers for tests that use the real broker and real processes.

No sleeping and hoping: everything waits on a condition with a deadline and says what it
was waiting for when the deadline passes.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from newsdesk.settings import Settings
from newsdesk.utils import json
from streams.admin import topic_partitions

ROOT = Path(__file__).resolve().parents[1]
NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))


def broker_address() -> str:
    return os.environ.get("NEWSDESK_BROKER", "127.0.0.1:9092")


def broker_reachable(address: str, timeout: float = 2.0) -> bool:
    host, _, port = address.removeprefix("kafka://").split(",")[0].rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            return True
    except OSError:
        return False


def isolated_env(tmp: Path, **extra: str) -> dict[str, str]:
    """Environment for a newsdesk process with its own app id, topics and state directory."""
    tag = uuid.uuid4().hex[:10]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env.update(
        {
            "NEWSDESK_BROKER": broker_address(),
            "NEWSDESK_APP_ID": f"newsdesk-test-{tag}",
            "NEWSDESK_TOPIC_ARTICLES": f"t-{tag}.news.articles",
            "NEWSDESK_TOPIC_CLAIMS": f"t-{tag}.news.claims",
            "NEWSDESK_TOPIC_ALERTS": f"t-{tag}.news.alerts",
            "NEWSDESK_TOPIC_DEADLETTER": f"t-{tag}.news.deadletter",
            "NEWSDESK_PARTITIONS": "2",
            "NEWSDESK_DATA_DIR": str(tmp / "state"),
            "NEWSDESK_WEB_ENABLED": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def settings_from(env: dict[str, str]) -> Settings:
    return Settings.from_env({k: v for k, v in env.items() if k.startswith("NEWSDESK_")})


def wait_until(condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


@dataclass
class Worker:
    """A ``newsdesk worker`` subprocess whose log is kept for failure messages."""

    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    _log: Any = field(default=None, repr=False)

    def start(self) -> Worker:
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [NEWSDESK, "worker", "--loglevel", "info"],
            env=self.env,
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def wait_ready(self, timeout: float = 90.0) -> None:
        def ready() -> bool:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited with {self.process.returncode}:\n{self.log()[-4000:]}")
            return "[^Worker]: Ready" in self.log()

        try:
            wait_until(ready, timeout, "the worker to report Ready")
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- worker log ---\n{self.log()[-4000:]}") from None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        if self._log is not None:
            self._log.close()
        return self.process.returncode


@contextlib.contextmanager
def running_worker(env: dict[str, str], log_path: Path) -> Iterator[Worker]:
    worker = Worker(env, log_path).start()
    try:
        yield worker
    finally:
        worker.stop()


def run_cli(
    *args: str, env: dict[str, str], timeout: float = 120.0, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [NEWSDESK, *args], env=env, cwd=ROOT, capture_output=True, timeout=timeout, input=stdin, check=False
    )


@contextlib.asynccontextmanager
async def producer(settings: Settings) -> AsyncIterator[AIOKafkaProducer]:
    client = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers, acks="all", enable_idempotence=True
    )
    await client.start()
    try:
        yield client
    finally:
        await client.stop()


async def read_topic(
    settings: Settings,
    topic: str,
    until: Callable[[list[Any]], bool],
    timeout: float,
) -> list[Any]:
    """Read ``topic`` from the beginning with a private consumer until ``until(records)`` holds.

    Records are ``(key, decoded JSON value)`` pairs.
    """
    deadline = time.monotonic() + timeout
    partitions = await topic_partitions(settings, topic, wait=timeout)
    if not partitions:
        raise AssertionError(f"topic {topic} did not appear within {timeout:.0f}s")
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",  # not a seek after assign: that can race the reset to "latest"
    )
    await consumer.start()
    records: list[Any] = []
    try:
        tps = [TopicPartition(topic, p) for p in partitions]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        while not until(records):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout:.0f}s reading {topic}; got {len(records)} record(s)"
                )
            batch = await consumer.getmany(timeout_ms=200)
            for items in batch.values():
                records.extend((item.key, json.loads(item.value)) for item in items)
        return records
    finally:
        await consumer.stop()


async def read_to_end(settings: Settings, topic: str) -> list[Any]:
    """Every record ``topic`` holds now, as ``(key, decoded JSON value)`` pairs."""
    from streams.reader import read_to_end as read_records

    return [(record.key, json.loads(record.value)) for record in await read_records(settings, topic)]


async def wait_caught_up(settings: Settings, group: str, topics: list[str], timeout: float = 120.0) -> None:
    """Wait until consumer ``group`` has committed the end offset of every partition of ``topics``."""
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers, group_id=None, enable_auto_commit=False
    )
    await admin.start()
    await consumer.start()
    try:
        tps = [
            TopicPartition(t, p) for t in topics for p in await topic_partitions(settings, t, wait=timeout)
        ]
        deadline = time.monotonic() + timeout
        while True:
            end = await consumer.end_offsets(tps)
            committed = await admin.list_consumer_group_offsets(group)
            behind = {tp: end[tp] - (committed[tp].offset if tp in committed else 0) for tp in tps}
            if all(lag <= 0 for lag in behind.values()):
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"group {group} still behind after {timeout:.0f}s: {behind}")
            await asyncio.sleep(0.5)
    finally:
        await consumer.stop()
        await admin.close()


def sample_alert(n: int = 0, **changes: Any) -> dict[str, Any]:
    """A valid alert (``schemas/alert.schema.json``) for delivery tests; ``n`` varies its id and value."""
    value = 100 + n
    url = f"https://news.example.test/articles/{n}"
    alert: dict[str, Any] = {
        "id": f"{n:024x}",
        "kind": "increase",
        "figure_key": "testland:people:killed",
        "party": "Testland",
        "subject": "people",
        "metric": "killed",
        "previous": {
            "value": 50, "low": 50, "high": 50, "qualifier": "exact", "vague_text": None,
            "article_id": "earlier", "published": "2025-03-01T08:00:00Z", "source": "Interior Ministry",
            "sentence": "The Interior Ministry said 50 people were killed.", "url": None, "outlet": "Example",
        },
        "current": {
            "value": value, "low": value, "high": value, "qualifier": "exact", "vague_text": None,
            "article_id": f"article-{n}", "published": "2025-03-02T08:00:00Z", "source": "Interior Ministry",
            "sentence": f"The Interior Ministry said {value:,} people were killed.",
            "url": url, "outlet": "Example",
        },
        "url": url,
        "context": [
            {
                "value": 600, "low": None, "high": None, "qualifier": "approx", "vague_text": None,
                "article_id": "monitor-1", "published": "2025-03-01T12:00:00Z", "source": "Monitor Group",
                "stance": "estimated", "sentence": "Monitor Group estimated about 600 dead.",
                "url": "https://monitor.example.test/1", "ratio_to_official": round(600 / value, 2),
            }
        ],
        "severity": "high",
        "summary": f"Testland · people killed: 50 → {value:,} (Interior Ministry, 2025-03-02)",
    }  # fmt: skip
    alert.update(changes)
    return alert


@pytest.fixture(scope="session", autouse=True)
def kafka_broker() -> str:
    """The broker tests need; imported by the conftest of each folder of broker tests.

    Without a broker they skip locally, but under CI=true its absence is a failure:
    integration tests never silently skip in CI.
    """
    address = broker_address()
    if not broker_reachable(address):
        message = f"Kafka is not reachable at {address}: run `make kafka-up`"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return address
