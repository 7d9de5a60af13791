"""Desk delivery on the real broker: board intake, webhook deliveries/s, produce-to-receiver latency.

Prints figures, asserts nothing. Every part runs on its own topics (``isolated_env``):

* board intake: the board's per-alert work in-process (decode, validate, card, index into a full
  view) and per changelog record (decode, validate, slim, store); then ``newsdesk web``
  rebuilding its view from N alerts on the topic, timed from start to ``ready``;
* webhooks: N alerts already on the topic, delivered by one ``newsdesk webhooks`` process and
  then by two processes sharing the subscription's consumer group, to a receiver on 127.0.0.1
  that answers 200 at once (so the figure is newsdesk's cost, not the receiver's);
* latency: one alert at a time on an idle pipeline, from the producer's acknowledgement to the
  receiver's handler (webhook), and to an open live stream (board, Server-Sent Events).

    .venv/bin/python bench/delivery_bench.py [--alerts 2000] [--samples 100]   (needs `make kafka-up`)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import percentiles
from newsdesk.board.changelog import FigureFeed
from newsdesk.board.feed import AlertFeed
from newsdesk.board.figures import FigureStore
from newsdesk.board.hub import Hub
from newsdesk.board.view import AlertView
from newsdesk.settings import Settings
from newsdesk.utils import json
from streams.admin import ensure_topics
from tests.support import NEWSDESK, ROOT, isolated_env, producer, sample_alert, settings_from

SECRET = "bench-secret-0123456789"  # noqa: S105 - a benchmark key


def alert(n: int) -> dict[str, object]:
    return sample_alert(n, figure_key=f"testland:people:killed-{n % 64}")


def figure_state(n: int) -> dict[str, object]:
    """A figure of the size the table holds for a running story: five official statements, two others."""

    def said(value: int, day: int, source: str, stance: str = "acknowledged") -> dict[str, object]:
        return {
            "value": value, "low": value, "high": value, "qualifier": "exact", "vague_text": None,
            "article_id": f"bench-{n}-{day}", "published": f"2025-03-{day:02d}T08:00:00Z", "source": source,
            "sentence": f"The {source} said on Tuesday that {value} people had been killed in the quake.",
            "url": f"https://news.example.test/{n}/{day}", "outlet": "Example", "stance": stance,
            "superseded": False, "arrival": day, "incident": "earthquake",
        }  # fmt: skip

    return {
        "key": f"testland:people:killed-{n}", "party": "Testland", "subject": "people", "metric": "killed",
        "official": [said(10 * d, d, "Interior Ministry") for d in range(1, 6)],
        "third_party": [said(90, 3, "Red Crescent", "estimated"), said(120, 4, "Monitor", "estimated")],
        "alert_ids": [f"{n}-{d}" for d in range(5)], "arrivals": 5, "seen": [f"bench-{n}-5"], "pending": [],
    }  # fmt: skip


def show(label: str, samples: list[float]) -> None:
    print(f"  {label}: " + ", ".join(f"{k} {v * 1000:.1f}" for k, v in percentiles(samples).items()) + " ms")


def board_in_process(count: int) -> None:
    payloads = [json.dumps(alert(n)) for n in range(count)]
    settings = Settings()
    feed = AlertFeed(settings, AlertView(settings.board_max_alerts), Hub())
    started = time.perf_counter()
    for i, payload in enumerate(payloads):
        feed.ingest(payload, timestamp_ms=i, where="bench")
    elapsed = time.perf_counter() - started
    print(f"board intake, in process ({count} alerts into a view of {settings.board_max_alerts}):")
    print(f"  {count / elapsed:,.0f} alerts/s ({elapsed / count * 1e6:.0f} us each: decode, validate, card)")

    states = []
    for n in range(count):
        state = figure_state(n)
        states.append((json.dumps(state["key"]), json.dumps(state)))
    figures = FigureFeed(settings, FigureStore(settings.board_max_figures), Hub())
    tracemalloc.start()
    started = time.perf_counter()
    for key, value in states:
        figures.ingest(key, value, where="bench")
    elapsed = time.perf_counter() - started
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  figure changelog: {count / elapsed:,.0f} records/s; {len(figures.store)} figures of 5 official "
        f"statements held in {held / 2**20:.1f} MiB ({held / len(figures.store) / 1024:.1f} KiB each, "
        "traced while ingesting)"
    )


@contextmanager
def process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        child = subprocess.Popen(  # noqa: S603 - newsdesk itself, with arguments this file wrote
            [NEWSDESK, *args], env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield child
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
            child.wait(timeout=60)


async def wait_for(condition: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


async def publish(settings: Settings, first: int, count: int) -> None:
    async with producer(settings) as client:
        for n in range(first, first + count):
            item = alert(n)
            await client.send(
                settings.topic_alerts, key=str(item["figure_key"]).encode(), value=json.dumps(item)
            )
        await client.flush()


async def board_rebuild(tmp: Path, count: int, samples: int) -> None:
    env = isolated_env(tmp, NEWSDESK_PARTITIONS="4", NEWSDESK_BOARD_MAX_ALERTS=str(count))
    settings = settings_from(env)
    await ensure_topics(settings)
    await publish(settings, 0, count)
    log = tmp / "web.log"
    started = time.perf_counter()
    with process(["web", "--port", "0"], env, log):
        await wait_for(lambda: re.search(r"board on (\S+)", log.read_text()), 60, "newsdesk web")
        url = re.search(r"board on (\S+)", log.read_text()).group(1)  # type: ignore[union-attr]
        async with aiohttp.ClientSession() as session:
            while True:
                health = await (await session.get(url + "api/health")).json()
                if health["ready"] and health["alerts"] >= count:
                    break
                await asyncio.sleep(0.02)
            elapsed = time.perf_counter() - started
            print(f"board intake through Kafka ({count} alerts on 4 partitions, newsdesk web from start):")
            print(f"  ready in {elapsed:.2f}s incl. process start: {count / elapsed:,.0f} alerts/s")

            stream = await session.get(url + "api/stream")
            latencies = []
            async with producer(settings) as client:
                for n in range(count, count + samples):
                    item = alert(n)
                    marker = str(item["id"]).encode()
                    sent = time.perf_counter()
                    await client.send_and_wait(settings.topic_alerts, value=json.dumps(item))
                    while marker not in await stream.content.readline():
                        pass
                    latencies.append(time.perf_counter() - sent)
            stream.close()
    print(f"board live stream, produce -> SSE event, {samples} alerts one at a time:")
    show("latency", latencies)


async def webhooks(tmp: Path, count: int, samples: int) -> None:
    received: dict[str, float] = {}

    async def handle(request: web.Request) -> web.Response:
        received.setdefault(json.loads(await request.read())["id"], time.perf_counter())
        return web.Response()

    app = web.Application()
    app.router.add_post("/", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    config = tmp / "webhooks.toml"
    config.write_text(
        f'[[subscription]]\nname = "bench"\nurl = "http://127.0.0.1:{port}/"\n'
        f'secret = "{SECRET}"\nstart = "earliest"\n'
    )
    try:
        for copies in (1, 2):
            received.clear()
            env = isolated_env(tmp, NEWSDESK_PARTITIONS="4")
            settings = settings_from(env)
            await ensure_topics(settings)
            await publish(settings, 0, count)
            started = time.perf_counter()
            logs = [tmp / f"webhooks-{copies}-{i}.log" for i in range(copies)]
            with contextlib.ExitStack() as running:
                for log in logs:
                    running.enter_context(process(["webhooks", "--config", str(config)], env, log))
                await wait_for(lambda: len(received) >= count, 600, "every delivery")
                done = time.perf_counter()
                flowing = done - min(received.values())
                print(
                    f"webhooks, {copies} process(es) sharing one subscription, {count} alerts queued "
                    f"on 4 partitions, commit after each:"
                )
                print(
                    f"  {count / (done - started):,.0f} deliveries/s incl. process start and group join; "
                    f"{count / flowing:,.0f}/s once flowing"
                )
                if copies == 1:
                    latencies = []
                    async with producer(settings) as client:
                        for n in range(count, count + samples):
                            item = alert(n)
                            sent = time.perf_counter()
                            await client.send_and_wait(settings.topic_alerts, value=json.dumps(item))
                            await wait_for(lambda i=item["id"]: i in received, 30, "a delivery")
                            latencies.append(received[str(item["id"])] - sent)
                    print(f"webhooks, produce -> receiver, {samples} alerts one at a time (idle):")
                    show("latency", latencies)
    finally:
        await runner.cleanup()


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--alerts", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=100, help="alerts sent one at a time for latency")
    args = parser.parse_args()
    logging.getLogger("aiokafka").setLevel(logging.ERROR)  # "not leader yet" retries on new topics
    board_in_process(args.alerts)
    with tempfile.TemporaryDirectory() as tmp:
        await board_rebuild(Path(tmp), args.alerts, args.samples)
        await webhooks(Path(tmp), args.alerts, args.samples)


if __name__ == "__main__":
    asyncio.run(main())
