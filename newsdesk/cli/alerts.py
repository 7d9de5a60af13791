"""``newsdesk alerts [--follow] [--from-beginning] [--json]``: read the alerts topic.

Without ``--follow`` it prints what the topic holds up to now and exits; with it, it keeps
printing new alerts until Ctrl-C. Readable text by default; ``--json`` prints each alert
as one JSON line. ``--group`` joins a consumer group that commits its position, so a desk
resumes where it left off; without it nothing is committed. ``--party``, ``--metric``,
``--kind`` (each repeatable: any of the values) and ``--min-severity`` show only the alerts
that match, in the same output forms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from typing import Any

from newsdesk.settings import Settings
from newsdesk.utils import json


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("alerts", help="show alerts from the alerts topic")
    parser.add_argument("--follow", "-f", action="store_true", help="keep waiting for new alerts")
    parser.add_argument("--from-beginning", action="store_true", help="start at the oldest alert kept")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--group", default=None, help="consumer group id (commits the position)")
    _add_filter_options(parser)
    parser.set_defaults(run=run)


def _add_filter_options(parser: Any) -> None:
    from newsdesk.alertfilter import SEVERITIES
    from newsdesk.records import ALERT_KINDS, METRICS

    parser.add_argument("--party", action="append", default=[], help="only this party (repeatable)")
    parser.add_argument(
        "--metric", action="append", default=[], choices=METRICS, help="only this metric (repeatable)"
    )
    parser.add_argument(
        "--kind", action="append", default=[], choices=ALERT_KINDS, help="only this kind (repeatable)"
    )
    parser.add_argument("--min-severity", default=None, choices=SEVERITIES, help="only this severe or worse")


def run(args: argparse.Namespace) -> int:
    from newsdesk.alertfilter import AlertFilter

    settings = Settings.from_env()
    args.filter = AlertFilter.build(
        party=args.party, metric=args.metric, kind=args.kind, min_severity=args.min_severity
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_consume(settings, args))
    return 0


async def _consume(settings: Settings, args: argparse.Namespace) -> None:
    from aiokafka import AIOKafkaConsumer, TopicPartition
    from aiokafka.errors import KafkaError

    from newsdesk.exceptions import NewsdeskError

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=args.group,
        enable_auto_commit=args.group is not None,
        auto_offset_reset="earliest" if args.from_beginning else "latest",
        client_id="newsdesk-alerts",
    )
    try:
        await consumer.start()
    except KafkaError as exc:
        await consumer.stop()
        raise NewsdeskError(f"cannot reach Kafka at {settings.broker}: {exc}") from exc
    try:
        partitions = await _wait_for_partitions(settings, stop)
        if not partitions:
            return
        tps = [TopicPartition(settings.topic_alerts, p) for p in partitions]
        consumer.assign(tps)
        if args.from_beginning:
            await consumer.seek_to_beginning(*tps)
        elif args.group is None:
            await consumer.seek_to_end(*tps)
        end = await consumer.end_offsets(tps)
        while not stop.is_set():
            batch = await consumer.getmany(timeout_ms=500)
            for records in batch.values():
                for record in records:
                    if _wanted(record.value, args.filter):
                        _print(record.value, as_json=args.json)
            if not args.follow:
                positions = [await _position(consumer, tp) for tp in tps]
                if all(position >= end[tp] for tp, position in zip(tps, positions, strict=True)):
                    break
    finally:
        await consumer.stop()


async def _wait_for_partitions(settings: Settings, stop: asyncio.Event) -> list[int]:
    """The alerts topic's partitions; it appears when the worker first starts."""
    from streams.admin import topic_partitions

    announced = False
    while not stop.is_set():
        partitions = await topic_partitions(settings, settings.topic_alerts, wait=1.0)
        if partitions:
            return partitions
        if not announced:
            print(
                f"newsdesk alerts: waiting for topic {settings.topic_alerts} (is the worker running?)",
                file=sys.stderr,
            )
            announced = True
    return []


async def _position(consumer: Any, tp: Any) -> int:
    return int(await consumer.position(tp))


def _wanted(value: bytes | None, flt: Any) -> bool:
    """Whether the filters keep this alert; one that cannot be read is shown, never hidden."""
    if flt.is_empty or value is None:
        return True
    from newsdesk.exceptions import DecodeError

    try:
        alert = json.loads(value)
    except DecodeError:
        return True  # _print shows it as unreadable
    return not isinstance(alert, dict) or bool(flt.matches(alert))


def _print(value: bytes | None, *, as_json: bool) -> None:
    if value is None:
        return
    out = sys.stdout
    if as_json:
        out.write(value.decode("utf-8") + "\n")
    else:
        try:
            out.write(format_alert(json.loads(value)) + "\n")
        except Exception as exc:  # noqa: BLE001 - a malformed alert is shown raw, not fatal
            out.write(f"(unreadable alert: {exc}) {value[:200]!r}\n")
    out.flush()


def format_alert(alert: dict[str, Any]) -> str:
    """An alert for people, in a few lines."""
    from newsdesk.tracking.describe import describe

    current = alert["current"]
    date = (current.get("published") or "date unknown")[:10]
    lines = [f"[{date}] {alert['kind'].upper():8} {alert.get('summary') or alert['figure_key']}"]
    lines.append(f'    evidence: "{current.get("sentence") or ""}"')
    previous = alert.get("previous")
    if previous:
        was = describe(
            previous["value"],
            previous["low"],
            previous["high"],
            previous["qualifier"],
            previous["vague_text"],
        )
        lines.append(
            f"    previous: {was} ({previous.get('source') or 'source unknown'}, "
            f"{(previous.get('published') or '?')[:10]})"
        )
    for item in alert.get("context", []):
        figure = describe(item["value"], item["low"], item["high"], item["qualifier"], item["vague_text"])
        ratio = f", {item['ratio_to_official']}x official" if item.get("ratio_to_official") else ""
        lines.append(
            f"    beside it: {item.get('source') or 'unattributed'} {item['stance']} {figure}{ratio}"
        )
    if alert.get("url"):
        lines.append(f"    {alert['url']}")
    return "\n".join(lines)
