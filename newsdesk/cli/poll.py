"""``newsdesk poll [--feeds FILE] [URL ...] [--once] [--sink kafka|stdout] [--allow-private]``.

Polls RSS/Atom feeds and publishes their new and edited entries as articles. By default it
runs until Ctrl-C or SIGTERM, polling each feed as it falls due, and sends to the articles
topic. ``--once`` polls every feed once and exits (1 if no feed could be polled at all).
``--sink stdout`` prints one article JSON line per article and nothing else on stdout, with
no state kept between runs: for checking a feed by hand. Logs are JSON lines on stderr.

``--allow-private`` and ``NEWSDESK_POLL_ALLOW_PRIVATE`` hold for the whole run; the feeds file's
``[poller] allow_private`` is added to them and re-read with the file. Full-text fetch
(``fulltext`` in the file, ``NEWSDESK_POLL_FULLTEXT``) runs trafilatura in its own worker pool,
started on first use.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path
from typing import Any

from newsdesk.settings import Settings

STATE_FILE = "poller.sqlite3"


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("poll", help="poll RSS/Atom feeds into the articles topic")
    parser.add_argument("urls", nargs="*", metavar="URL", help="feed URLs (in addition to --feeds)")
    parser.add_argument(
        "--feeds",
        type=Path,
        default=None,
        help="feeds file: TOML (*.toml) or one URL per line; re-read on change",
    )
    parser.add_argument("--once", action="store_true", help="poll every feed once, then exit")
    parser.add_argument("--sink", choices=("kafka", "stdout"), default="kafka", help="where articles go")
    parser.add_argument(
        "--allow-private", action="store_true", help="allow private, loopback and link-local feed addresses"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from feeds import logs
    from feeds.config import check_poll_settings
    from feeds.exceptions import FeedConfigError

    settings = Settings.from_env()
    check_poll_settings(settings)
    logs.configure(logging.DEBUG if getattr(args, "verbose", False) else settings.log_level)
    path = args.feeds or (Path(settings.poll_feeds) if settings.poll_feeds else None)
    if path is None and not args.urls:
        raise FeedConfigError("no feeds: give URLs, --feeds FILE or NEWSDESK_POLL_FEEDS")
    return asyncio.run(_poll(settings, args, path))


async def _poll(settings: Settings, args: argparse.Namespace, path: Path | None) -> int:
    from feeds.fetch import Fetcher
    from feeds.metrics import PollMetrics
    from feeds.parse_worker import ParsePool
    from feeds.poller import FeedSource, Poller, event
    from feeds.sinks import KafkaSink, Sink, StdoutSink, open_kafka_sink
    from feeds.state import StateStore

    source = FeedSource(settings, path, args.urls)
    feeds_config = source.load()
    allow_private = args.allow_private or settings.poll_allow_private  # the file's part: Poller.apply
    stop = asyncio.Event()
    if not args.once:  # a long run stops between polls; --once is simply interrupted
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
    metrics = PollMetrics()
    if settings.poll_metrics_port:
        metrics.serve(settings.poll_metrics_host, settings.poll_metrics_port)
    to_stdout = args.sink == "stdout"
    store = StateStore(
        None if to_stdout else settings.data_dir / STATE_FILE, keep_per_feed=settings.poll_seen_per_feed
    )
    sink: Sink | None = None
    try:
        if to_stdout:
            sink = StdoutSink()
        elif args.once:
            sink = await KafkaSink(settings).__aenter__()
        else:
            sink = await open_kafka_sink(
                settings,
                stop,
                lambda exc, delay: event(logging.WARNING, "kafka_wait", f"{exc}; retrying in {delay:.0f}s"),
            )
            if sink is None:
                return 0
        async with (
            Fetcher(settings, allow_private=allow_private) as fetcher,
            ParsePool(
                workers=settings.poll_parse_workers,
                timeout=settings.poll_parse_timeout,
                memory_mb=settings.poll_parse_memory,
            ) as pool,
            ParsePool(
                workers=settings.poll_parse_workers,
                timeout=settings.poll_parse_timeout,
                memory_mb=settings.poll_parse_memory,
                role="page",
            ) as pages,
        ):
            poller = Poller(
                settings,
                source=source,
                sink=sink,
                state=store,
                fetcher=fetcher,
                parser=pool,
                pages=pages,
                metrics=metrics,
            )
            poller.apply(feeds_config)
            if not args.once:
                await poller.run_forever(stop)
                return 0
            outcomes = await poller.run_once()
        counts: dict[str, int] = {}
        for outcome in outcomes:
            counts[outcome.result] = counts.get(outcome.result, 0) + 1
        articles = sum(o.new + o.updates for o in outcomes)
        event(
            logging.INFO,
            "summary",
            f"{len(outcomes)} feed(s), {articles} article(s)",
            articles=articles,
            **counts,
        )
        polled = counts.get("ok", 0) + counts.get("not_modified", 0)
        return 0 if polled or not outcomes else 1
    finally:
        if isinstance(sink, KafkaSink):
            await sink.__aexit__(None, None, None)
        elif sink is not None:
            sys.stdout.flush()
        store.close()
        metrics.close()
