"""``newsdesk replay PATH... [--embedded]``: replay seed files or JSON Lines of articles.

By default the articles go to the articles topic for the worker, all to one partition so
the worker reads the timeline in the order replayed (live pollers spread articles by id).
With ``--embedded`` the same extraction and tracking run in this process with no broker,
and each alert is printed as one JSON line on stdout (and nothing else is).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from newsdesk.settings import Settings
from newsdesk.utils import json


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("replay", help="replay seed files / JSON Lines of articles")
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help=".txt seeds (with .json sidecars), folders, .jsonl files"
    )
    parser.add_argument(
        "--embedded", action="store_true", help="no broker: extract and track here, print alerts"
    )
    parser.add_argument(
        "--order",
        choices=("published", "given"),
        default="published",
        help="replay in published order (default) or exactly as given, e.g. to test late arrivals",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from feeds.seeds import load_paths

    articles = load_paths(args.paths, order=args.order)
    if args.embedded:
        from newsdesk.pipeline import Pipeline

        out = sys.stdout.buffer
        min_confidence = Settings.from_env().alert_min_confidence
        for alert in Pipeline(min_confidence=min_confidence).run(articles):
            out.write(json.dumps_line(alert.to_dict()))
            out.flush()
        return 0
    settings = Settings.from_env()
    count = asyncio.run(_publish(settings, articles))
    print(f"replayed {count} article(s) to {settings.topic_articles} on {settings.broker}", file=sys.stderr)
    return 0


async def _publish(settings: Settings, articles: list[Any]) -> int:
    from feeds.publisher import ArticlePublisher
    from streams.admin import ensure_topics

    await ensure_topics(settings)
    async with ArticlePublisher(settings, client_id="newsdesk-replay") as publisher:
        # One partition keeps the timeline's order all the way to the figure table.
        return await publisher.publish_many(articles, partition=0)
