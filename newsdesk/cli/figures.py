"""``newsdesk figures [--party X] [--metric M] [--json]``: every tracked figure and its history.

Reads the figure table's changelog topic (``<app id>-figures-changelog``) to its end and
keeps the latest state of each figure, so it works whether or not a worker is running and
sees the figures of every worker.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from newsdesk.settings import Settings
from newsdesk.utils import json

TABLE = "figures"


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("figures", help="list tracked figures with their history")
    parser.add_argument("--party", help="only this party (name or slug, case-insensitive)")
    parser.add_argument("--metric", help="only this metric (killed, injured, ...)")
    parser.add_argument("--json", action="store_true", help="one figure per line as JSON")
    parser.set_defaults(run=run)


def changelog_topic(settings: Settings) -> str:
    return f"{settings.app_id}-{TABLE}-changelog"


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    figures = asyncio.run(read_figures(settings))
    from streams.figures import figure_matches, public_figure

    selected = [
        public_figure(value)
        for _, value in sorted(figures.items())
        if figure_matches(value, party=args.party, metric=args.metric)
    ]
    out = sys.stdout
    for figure in selected:
        out.write(json.dumps(figure).decode() + "\n" if args.json else format_figure(figure) + "\n")
    if not args.json:
        print(f"{len(selected)} figure(s)", file=sys.stderr)
    return 0


async def read_figures(settings: Settings) -> dict[str, dict[str, Any]]:
    """The latest state of every figure on the changelog topic."""
    from newsdesk import schemas
    from newsdesk.exceptions import DecodeError
    from streams.reader import read_to_end

    figures: dict[str, dict[str, Any]] = {}
    for record in await read_to_end(settings, changelog_topic(settings), client_id="newsdesk-figures"):
        try:
            key = str(json.loads(record.key))
        except DecodeError:
            continue
        if record.value is None:
            figures.pop(key, None)  # a tombstone: the figure was deleted
            continue
        try:
            value = json.loads(record.value)
        except DecodeError:
            continue
        problems = schemas.errors("figure", value)
        if problems:
            print(f"newsdesk figures: skipping {key}: {problems[0]}", file=sys.stderr)
            continue
        figures[key] = value
    return figures


def format_figure(figure: dict[str, Any]) -> str:
    from newsdesk.tracking.describe import describe

    lines = [f"{figure['key']}  ({figure['party']} · {figure['subject']} · {figure['metric']})"]
    for item in figure.get("official", []):
        value = describe(item["value"], item["low"], item["high"], item["qualifier"], item["vague_text"])
        note = " (superseded)" if item.get("superseded") else ""
        date = (item.get("published") or "date unknown")[:10]
        lines.append(f"  {date}  official {value}{note}  — {item.get('source') or 'unattributed'}")
    for item in figure.get("third_party", []):
        value = describe(item["value"], item["low"], item["high"], item["qualifier"], item["vague_text"])
        date = (item.get("published") or "date unknown")[:10]
        who = item.get("source") or item.get("outlet") or "unattributed"
        lines.append(f"  {date}  {item['stance']} {value}  — {who}")
    return "\n".join(lines)
