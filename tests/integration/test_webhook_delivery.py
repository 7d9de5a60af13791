"""`newsdesk webhooks` against the real broker and a real HTTP receiver on 127.0.0.1.

The receiver checks every signature itself (hmac, not newsdesk's code), answers as each
test tells it (200, 500 then 200, 410, or not at all), and records what it was sent. The
webhooks process is a real subprocess; the no-loss test kills it with SIGKILL mid-stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from newsdesk import schemas
from newsdesk.settings import Settings
from newsdesk.utils import json
from streams.admin import ensure_topics
from tests.support import (
    NEWSDESK,
    ROOT,
    isolated_env,
    producer,
    read_topic,
    sample_alert,
    settings_from,
    wait_caught_up,
)

pytestmark = [pytest.mark.integration, pytest.mark.coroutine_timeout(240)]

SECRET = "integration-secret-0123456789"  # noqa: S105 - a test key


@dataclass
class Receiver:
    """What the local HTTP receiver saw, per path."""

    url: str = ""
    requests: list[tuple[str, str, int]] = field(default_factory=list)
    """(path, alert id, attempt) of every request with a valid signature."""
    bodies: dict[str, dict[str, Any]] = field(default_factory=dict)
    accepted: list[str] = field(default_factory=list)
    """Alert ids answered with 2xx at /ok."""
    refused: int = 0
    bad_signatures: int = 0
    outage: bool = False
    """/ok answers 503 while this is set."""
    release: asyncio.Event = field(default_factory=asyncio.Event)
    delay: float = 0.0

    def ids(self, path: str) -> list[str]:
        return [alert_id for p, alert_id, _ in self.requests if p == path]


def signature_ok(request: web.Request, raw: bytes) -> bool:
    timestamp = request.headers.get("X-Newsdesk-Timestamp", "")
    expected = hmac.new(SECRET.encode(), timestamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) < 300
    return fresh and hmac.compare_digest(f"v1={expected}", request.headers.get("X-Newsdesk-Signature", ""))


@contextlib.asynccontextmanager
async def receiver() -> AsyncIterator[Receiver]:
    seen = Receiver()
    attempts: Counter[str] = Counter()

    async def handle(request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        if not signature_ok(request, raw):
            seen.bad_signatures += 1
            return web.Response(status=401)
        alert = json.loads(raw)
        path = request.match_info["path"]
        seen.requests.append((path, alert["id"], int(request.headers["X-Newsdesk-Attempt"])))
        seen.bodies[alert["id"]] = alert
        if path == "slow":
            await seen.release.wait()  # never answers while the test runs
        if seen.delay:
            await asyncio.sleep(seen.delay)
        if path == "flaky":
            attempts[alert["id"]] += 1
            return web.Response(status=500 if attempts[alert["id"]] <= 2 else 200)
        if path == "gone":
            return web.Response(status=410)
        if seen.outage:
            seen.refused += 1
            return web.Response(status=503)
        seen.accepted.append(alert["id"])
        return web.Response(status=200)

    app = web.Application()
    app.router.add_post("/{path}", handle)
    runner = web.AppRunner(app, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    seen.url = f"http://127.0.0.1:{port}"
    try:
        yield seen
    finally:
        seen.release.set()
        await runner.cleanup()


def config(receiver: Receiver, **subscriptions: dict[str, Any]) -> str:
    lines = []
    for name, options in subscriptions.items():
        lines += ["[[subscription]]", f'name = "{name}"', f'secret = "{SECRET}"', 'start = "earliest"']
        lines += [f"{key} = {json.dumps(value).decode()}" for key, value in options.items()]
        lines.append("")
    return "\n".join(lines).replace("URL/", receiver.url + "/")


@contextlib.contextmanager
def webhooks_process(
    env: dict[str, str], config_path: Path, log_path: Path
) -> Iterator[subprocess.Popen[bytes]]:
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [NEWSDESK, "webhooks", "--config", str(config_path)],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)


def text_of(log: Path) -> str:
    return log.read_text("utf-8", "replace") if log.exists() else ""


async def eventually(
    condition: Callable[[], bool], timeout: float, what: str, log: Path | None = None
) -> None:
    """Wait without blocking the loop (the receiver runs in it)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            tail = text_of(log)[-3000:] if log else ""
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}\n{tail}")
        await asyncio.sleep(0.05)


async def publish(settings: Settings, alerts: list[dict[str, Any]]) -> None:
    async with producer(settings) as client:
        for alert in alerts:
            await client.send_and_wait(
                settings.topic_alerts, key=alert["figure_key"].encode(), value=json.dumps(alert)
            )


async def wait_exit(process: subprocess.Popen[bytes], timeout: float) -> int:
    await eventually(lambda: process.poll() is not None, timeout, "the webhooks process to exit")
    return process.returncode


async def test_delivery_retries_signatures_filters_dead_letters_and_isolation(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    settings = settings_from(env)
    await ensure_topics(settings)
    alerts = [
        sample_alert(n, kind="revised" if n % 2 else "increase", party="Testland" if n < 4 else "Otherland")
        for n in range(6)
    ]
    ids = [a["id"] for a in alerts]
    revised = [a["id"] for a in alerts if a["kind"] == "revised"]
    testland = [a["id"] for a in alerts if a["party"] == "Testland"]
    await publish(settings, alerts)
    log = tmp_path / "webhooks.log"

    async with receiver() as seen:
        config_path = tmp_path / "webhooks.toml"
        config_path.write_text(
            config(
                seen,
                all={"url": "URL/ok"},
                flaky={"url": "URL/flaky", "kind": ["revised"], "backoff_base": 0.05, "backoff_cap": 0.2},
                gone={"url": "URL/gone", "party": "testland", "max_attempts": 3},
                slow={"url": "URL/slow", "timeout": 60.0},
            )
        )
        with webhooks_process(env, config_path, log) as process:
            await eventually(
                lambda: sorted(set(seen.ids("ok"))) == sorted(ids), 60, "every alert at /ok", log
            )
            await eventually(
                lambda: len(seen.ids("flaky")) == 3 * len(revised), 60, "3 tries per revised alert", log
            )
            letters = await read_topic(
                settings, settings.topic_deadletter, lambda r: len(r) >= len(testland), timeout=60
            )
            # A receiver that never answers held up nothing: it is still on its first alert.
            assert seen.ids("slow") == [ids[0]]
            process.send_signal(signal.SIGTERM)
            assert await wait_exit(process, 30) == 0

    assert seen.bad_signatures == 0
    # Each alert once at /ok, in the order of its partition, with the Slack text beside it.
    assert sorted(seen.ids("ok")) == sorted(ids)
    for alert in alerts:
        sent = seen.bodies[alert["id"]]
        assert {k: v for k, v in sent.items() if k != "text"} == alert
        assert sent["text"].startswith(
            f"*{alert['kind'].upper()}* (high) Testland" if alert["party"] == "Testland" else "*"
        )
    # Only revised alerts went to /flaky: two 500s, then delivered on the third attempt.
    flaky = [(alert_id, attempt) for path, alert_id, attempt in seen.requests if path == "flaky"]
    assert sorted(flaky) == sorted((alert_id, n) for alert_id in revised for n in (1, 2, 3))
    # 410 is final: one attempt each, then a dead letter with the whole alert.
    assert Counter(seen.ids("gone")) == Counter(testland)
    assert len(letters) == len(testland)
    for key, letter in letters:
        assert schemas.errors("deadletter", letter) == []
        assert letter["stage"] == "deliver"
        assert letter["subscription"] == "gone"
        assert "HTTP 410" in letter["reason"]
        assert key == b"testland:people:killed"
        assert json.loads(letter["payload"])["id"] in testland
    assert "gone: 0 delivered, 4 dead-lettered, 2 filtered out" in text_of(log)
    # Committed: a restart would not deliver these again.
    await wait_caught_up(settings, f"{settings.app_id}-webhook-all", [settings.topic_alerts], timeout=30)


async def test_no_alert_is_lost_when_the_process_is_killed_mid_stream(tmp_path: Path) -> None:
    """Killed while the receiver is down: the alert it could not deliver was not committed."""
    env = isolated_env(tmp_path)
    settings = settings_from(env)
    await ensure_topics(settings)
    first = [sample_alert(n, figure_key=f"testland:people:killed-{n % 3}") for n in range(40)]
    later = [sample_alert(n) for n in range(40, 50)]
    await publish(settings, first)
    log = tmp_path / "webhooks.log"

    async with receiver() as seen:
        seen.delay = 0.05  # a receiver that takes its time: the kill lands mid-stream
        config_path = tmp_path / "webhooks.toml"
        config_path.write_text(config(seen, desk={"url": "URL/ok", "backoff_base": 0.05, "backoff_cap": 0.2}))
        with webhooks_process(env, config_path, log) as process:
            await eventually(lambda: len(seen.accepted) >= 8, 60, "the first deliveries", log)
            seen.outage = True  # the receiver goes down; the process retries its current alert
            await eventually(lambda: seen.refused >= 2, 30, "a retry against the outage", log)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        assert len(set(seen.accepted)) < len(first), "the kill came too late to test anything"

        seen.outage = False
        await publish(settings, later)  # alerts that land while nobody delivers
        with webhooks_process(env, config_path, log) as process:
            wanted = {a["id"] for a in first + later}
            await eventually(lambda: set(seen.accepted) == wanted, 90, "every alert after the restart", log)
            await wait_caught_up(
                settings, f"{settings.app_id}-webhook-desk", [settings.topic_alerts], timeout=30
            )
            process.send_signal(signal.SIGTERM)
            assert await wait_exit(process, 30) == 0

    received = Counter(seen.accepted)
    assert set(received) == wanted
    # At least once: only what was in flight at the kill may come twice (one per partition at most).
    twice = [alert_id for alert_id, n in received.items() if n > 1]
    assert len(twice) <= settings.partitions, twice
    assert seen.bad_signatures == 0
