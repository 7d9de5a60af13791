"""``newsdesk webhooks --config FILE [--check]``: deliver alerts to webhook subscriptions.

Each subscription in the TOML file (see ``webhooks.example.toml``) is its own consumer group
with its own committed offsets, filters, retry schedule and HMAC secret. ``--check`` reads
the file, prints the subscriptions and exits, without touching Kafka.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from typing import Any

from newsdesk.settings import Settings


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("webhooks", help="POST alerts to webhook subscriptions")
    parser.add_argument("--config", required=True, metavar="FILE", help="subscriptions (TOML)")
    parser.add_argument("--check", action="store_true", help="validate the file, print it, exit")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsdesk.webhooks.config import load_config

    settings = Settings.from_env()
    subscriptions = load_config(args.config, settings)
    if args.check:
        for sub in subscriptions:
            print(f"{sub.name}: {sub.url} (group {sub.group}; {_describe(sub.filter)})")
        return 0
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_run(settings, subscriptions))
    return 0


async def _run(settings: Settings, subscriptions: list[Any]) -> None:
    from newsdesk.webhooks.runner import run_subscriptions

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    def ready() -> None:
        names = ", ".join(sub.name for sub in subscriptions)
        print(
            f"newsdesk webhooks: delivering to {names} (alerts from {settings.topic_alerts})",
            file=sys.stderr,
            flush=True,
        )

    runners = await run_subscriptions(settings, subscriptions, stop, on_ready=ready)
    for runner in runners:
        c = runner.counters
        print(
            f"newsdesk webhooks: {runner.sub.name}: {c.delivered} delivered, "
            f"{c.dead_lettered} dead-lettered, {c.skipped} filtered out",
            file=sys.stderr,
        )


def _describe(flt: Any) -> str:
    parts = []
    for label, values in (("party", flt.parties), ("metric", flt.metrics), ("kind", flt.kinds)):
        if values:
            parts.append(f"{label} in {sorted(values)}")
    if flt.min_severity:
        parts.append(f"severity >= {flt.min_severity}")
    return "; ".join(parts) or "every alert"
