"""``newsdesk webhooks --config FILE [--check | --redeliver ...]``: deliver alerts to webhooks.

Each subscription in the TOML file (see ``webhooks.example.toml``) is its own consumer group
with its own committed offsets, filters, retry schedule and HMAC secret; processes started
with the same file share each group's partitions. ``--check`` reads the file, prints the
subscriptions and exits, without touching Kafka. ``--redeliver`` re-sends the alerts the
subscriptions gave up on (dead letters of stage ``deliver``), then exits: 0 when every one
was delivered, 1 when some failed again.
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
    parser.add_argument(
        "--redeliver",
        action="store_true",
        help="re-send dead-lettered deliveries of these subscriptions, exit",
    )
    parser.add_argument(
        "--subscription",
        action="append",
        default=[],
        metavar="NAME",
        help="with --redeliver: only this subscription (repeatable)",
    )
    parser.add_argument(
        "--since", metavar="WHEN", help="with --redeliver: letters written since (ISO 8601, or 90m, 24h, 7d)"
    )
    parser.add_argument("--dry-run", action="store_true", help="with --redeliver: list, send nothing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsdesk.webhooks.config import load_config

    settings = Settings.from_env()
    subscriptions = load_config(args.config, settings)
    if not args.redeliver and (args.subscription or args.since or args.dry_run):
        from newsdesk.webhooks.exceptions import ConfigError

        raise ConfigError("--subscription, --since and --dry-run go with --redeliver")
    if args.redeliver:
        return asyncio.run(_redeliver(settings, subscriptions, args))
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

    def assigned(sub: Any, partitions: list[int]) -> None:
        owned = ", ".join(map(str, partitions)) or "none (other processes hold them all)"
        print(f"newsdesk webhooks: {sub.name}: partitions {owned}", file=sys.stderr, flush=True)

    runners = await run_subscriptions(settings, subscriptions, stop, on_ready=ready, on_assigned=assigned)
    for runner in runners:
        c = runner.counters
        print(
            f"newsdesk webhooks: {runner.sub.name}: {c.delivered} delivered, "
            f"{c.dead_lettered} dead-lettered, {c.skipped} filtered out",
            file=sys.stderr,
        )


async def _redeliver(settings: Settings, subscriptions: list[Any], args: argparse.Namespace) -> int:
    from newsdesk.utils.timeutil import utcnow
    from newsdesk.webhooks.redeliver import Result, choose, parse_since, plan, read_letters, redeliver

    chosen = choose(subscriptions, args.subscription)
    since = parse_since(args.since, utcnow()) if args.since else None
    todo = plan(await read_letters(settings, since), chosen)
    out = sys.stdout
    if args.dry_run:
        for item in todo.resend:
            letter = item.letter
            out.write(
                f"would redeliver {item.alert['id']} to {item.sub.name} "
                f"(dead-lettered {letter.get('failed_at')}: {letter.get('reason')})\n"
            )
    else:

        def show(result: Result) -> None:
            alert_id, name = result.resend.alert["id"], result.resend.sub.name
            if result.delivered:
                out.write(
                    f"redelivered {alert_id} to {name} ({result.reason}, {result.attempts} attempt(s))\n"
                )
            else:
                out.write(f"failed {alert_id} to {name}: {result.reason}\n")
            out.flush()

        results = await redeliver(todo.resend, on_result=show)
    skipped = ", ".join(f"{n} {why}" for why, n in sorted(todo.skipped.items())) or "none"
    if args.dry_run:
        print(f"newsdesk webhooks: {len(todo.resend)} to redeliver; skipped: {skipped}", file=sys.stderr)
        return 0
    failed = sum(not r.delivered for r in results)
    print(
        f"newsdesk webhooks: {len(results) - failed} redelivered, {failed} failed; skipped: {skipped}",
        file=sys.stderr,
    )
    return 1 if failed else 0


def _describe(flt: Any) -> str:
    parts = []
    for label, values in (("party", flt.parties), ("metric", flt.metrics), ("kind", flt.kinds)):
        if values:
            parts.append(f"{label} in {sorted(values)}")
    if flt.min_severity:
        parts.append(f"severity >= {flt.min_severity}")
    return "; ".join(parts) or "every alert"
