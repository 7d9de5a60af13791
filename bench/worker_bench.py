"""The real worker on the real broker: articles/s end to end, publish-to-alert latency, worker memory.

Starts `newsdesk worker` with its own topics, publishes N synthetic articles (figure-dense
news copy) at once, and waits until the worker has committed every article and claim.
Latency is the time from an article's publish to the alert it raised, from Kafka's own
record timestamps.

    .venv/bin/python bench/worker_bench.py [--articles 2000]   (needs `make kafka-up`)
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import percentiles, synthetic_articles
from feeds.publisher import ArticlePublisher
from newsdesk.settings import Settings
from newsdesk.utils import json
from streams.admin import ensure_topics
from streams.reader import read_to_end
from tests.support import Worker, isolated_env, settings_from, wait_caught_up


async def read_all(settings: Settings, topic: str) -> list[tuple[bytes | None, bytes, int]]:
    """Every record on ``topic`` as (key, value, timestamp in ms)."""
    return [(r.key, r.value, r.timestamp) for r in await read_to_end(settings, topic)]


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--density", type=float, default=0.15, help="share of sentences with a number")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        env = isolated_env(Path(tmp), NEWSDESK_PARTITIONS="4")
        settings = settings_from(env)
        await ensure_topics(settings)
        articles = synthetic_articles(args.articles, density=args.density)
        worker = Worker(env, Path(tmp) / "worker.log").start()
        try:
            await asyncio.to_thread(worker.wait_ready)
            started = time.perf_counter()
            async with ArticlePublisher(settings) as publisher:
                await publisher.publish_many(articles)
            published = time.perf_counter()
            await wait_caught_up(
                settings, settings.app_id, [settings.topic_articles, settings.topic_claims], 3600
            )
            finished = time.perf_counter()
            assert worker.process is not None
            rss = peak_rss_mib(worker.process.pid)
        finally:
            worker.stop()
        claims = len(await read_all(settings, settings.topic_claims))
        published_at = {key: ts for key, _, ts in await read_all(settings, settings.topic_articles)}
        alerts = await read_all(settings, settings.topic_alerts)

    # Publish-to-alert latency: the alert's timestamp minus that of the article that raised it.
    latencies = [
        (ts - published_at[json.loads(value)["current"]["article_id"].encode()]) / 1000
        for _, value, ts in alerts
    ]
    elapsed = finished - started
    print(f"worker: {len(articles)} articles through extraction, tracking and Kafka in {elapsed:.1f}s")
    print(f"  claims: {claims} ({claims / len(articles):.1f} per article, density {args.density})")
    print(f"  publish: {published - started:.1f}s; end to end: {len(articles) / elapsed:,.0f} articles/s")
    print(
        f"  alerts: {len(alerts)}; publish-to-alert latency in seconds (a burst of {len(articles)} at once):"
    )
    print("    " + ", ".join(f"{k} {v:.2f}" for k, v in percentiles(latencies).items()))
    print(f"  worker peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    asyncio.run(main())
