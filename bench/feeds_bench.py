"""Feed poller: feeds/s, CPU and peak memory polling 10,000 local feeds, cold and then all-304.

A loopback feed server (``python -m feeds.devserver``, its own process, so its CPU is not
counted) serves ``/gen/N.xml``: RSS feeds of ``--items`` entries with an ETag. The poller runs
in this process exactly as ``newsdesk poll --once`` does (fetcher, parse worker processes,
SQLite state, dedup, article building and schema validation), with a sink that only counts.
Pass 1 is cold (every feed a 200 to parse); pass 2 polls again and every feed answers 304.
Pass 3 (``--fulltext-feeds``, 0 to skip) polls other feeds, ``/genpage/N.xml``, with full-text
fetch on: each entry's article page (about 5 KB of HTML) is fetched and run through trafilatura
in the page worker processes. CPU is this process plus its worker processes (reaped at the end
of each pass).

.venv/bin/python bench/feeds_bench.py [--feeds 10000] [--items 10] [--concurrency 200] [--fulltext-feeds 500]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import peak_rss_mib
from feeds.config import FeedsConfig, FeedSpec, feed_id_for, from_urls
from feeds.fetch import Fetcher
from feeds.parse_worker import ParsePool
from feeds.poller import FeedSource, Poller
from feeds.state import StateStore
from newsdesk.records import Article
from newsdesk.settings import Settings


class CountingSink:
    durable = False

    def __init__(self) -> None:
        self.articles = 0
        self.full_text = 0

    async def publish(self, articles: Sequence[Article]) -> None:
        self.articles += len(articles)
        self.full_text += sum(1 for article in articles if article.full_text)

    async def checkpoint(self) -> dict[int, int]:
        return {}

    async def arrived(
        self, offsets: dict[int, int] | None, wanted: set[tuple[str, int]]
    ) -> set[tuple[str, int]]:
        return set()


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


async def one_pass(poller: Poller, settings: Settings) -> tuple[float, float, Counter[str]]:
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    async with ParsePool(
        workers=settings.poll_parse_workers,
        timeout=settings.poll_parse_timeout,
        memory_mb=settings.poll_parse_memory,
    ) as pool:
        poller.parser = pool
        outcomes = await poller.run_once()
    return time.perf_counter() - wall0, cpu_seconds() - cpu0, Counter(o.result for o in outcomes)


async def fulltext_pass(base: str, feeds: int, settings: Settings, state_dir: Path) -> None:
    """Poll ``feeds`` feeds whose entries link to article pages, with full-text fetch on."""
    urls = [f"{base}/genpage/{n}.xml" for n in range(feeds)]
    sink = CountingSink()
    store = StateStore(state_dir / "fulltext.sqlite3", keep_per_feed=settings.poll_seen_per_feed)
    workers, timeout, memory = (
        settings.poll_parse_workers,
        settings.poll_parse_timeout,
        settings.poll_parse_memory,
    )
    try:
        cpu0, wall0 = cpu_seconds(), time.perf_counter()
        async with (
            Fetcher(settings, allow_private=True) as fetcher,
            ParsePool(workers=workers, timeout=timeout, memory_mb=memory) as pool,
            ParsePool(workers=workers, timeout=timeout, memory_mb=memory, role="page") as pages,
        ):
            poller = Poller(
                settings,
                source=FeedSource(settings, None, urls),
                sink=sink,
                state=store,
                fetcher=fetcher,
                parser=pool,
                pages=pages,
            )
            poller.apply(FeedsConfig(feeds=tuple(FeedSpec(feed_id_for(u), u, fulltext=True) for u in urls)))
            outcomes = await poller.run_once()
        wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    finally:
        store.close()
    print(f"  full text (200, parse, {sink.articles:,} article pages fetched and extracted):")
    rates = f"{feeds / wall:,.1f} feeds/s, {sink.full_text / wall:,.0f} pages/s"
    print(f"    {rates}, {wall:.1f} s wall, {cpu:.1f} s CPU")
    print(
        f"    results: {dict(Counter(o.result for o in outcomes))}; articles with page text: {sink.full_text}"
    )
    print(f"    CPU per page: {cpu / max(sink.articles, 1) * 1000:.2f} ms (feed parse included)")


async def bench(base: str, feeds: int, settings: Settings, state_dir: Path) -> None:
    urls = [f"{base}/gen/{n}.xml" for n in range(feeds)]
    sink = CountingSink()
    store = StateStore(state_dir / "poller.sqlite3", keep_per_feed=settings.poll_seen_per_feed)
    try:
        async with Fetcher(settings, allow_private=True) as fetcher:
            poller = Poller(
                settings,
                source=FeedSource(settings, None, urls),
                sink=sink,
                state=store,
                fetcher=fetcher,
                parser=ParsePool(workers=1, timeout=1, memory_mb=1),
            )
            poller.apply(from_urls(urls, settings))
            for name in ("cold (200, parse, publish)", "warm (all 304)"):
                before = sink.articles
                wall, cpu, results = await one_pass(poller, settings)
                print(f"  {name}: {feeds / wall:,.0f} feeds/s, {wall:.1f} s wall, {cpu:.1f} s CPU")
                print(f"    results: {dict(results)}; articles: {sink.articles - before}")
                print(f"    CPU per feed: {cpu / feeds * 1000:.2f} ms")
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="parse (and page) worker processes")
    parser.add_argument(
        "--fulltext-feeds", type=int, default=500, help="feeds of the full-text pass (0: none)"
    )
    args = parser.parse_args()
    settings = Settings().replace(
        poll_concurrency=args.concurrency, poll_per_host=args.concurrency, poll_parse_workers=args.workers
    )
    server = subprocess.Popen(  # noqa: S603 - our own module
        [sys.executable, "-m", "feeds.devserver", "--gen-items", str(args.items)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert server.stdout is not None
        base = server.stdout.readline().decode().strip()
        print(f"feed poller: {args.feeds:,} feeds of {args.items} entries on {base}", end="")
        print(f", concurrency {args.concurrency}, {args.workers} parse workers")
        with tempfile.TemporaryDirectory() as tmp:
            asyncio.run(bench(base, args.feeds, settings, Path(tmp)))
            if args.fulltext_feeds:
                asyncio.run(fulltext_pass(base, args.fulltext_feeds, settings, Path(tmp)))
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  peak RSS: poller {peak_rss_mib():.0f} MiB, largest worker process {children:.0f} MiB")
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
