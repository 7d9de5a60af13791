"""Re-send what webhooks gave up on: the dead letters of stage ``deliver``, POSTed again.

When a receiver was down longer than a subscription's retry budget, its alerts went to the
dead-letter topic with the subscription's name and the whole alert. Once the receiver is back
(or its URL fixed in the config), ``newsdesk webhooks --config FILE --redeliver`` reads those
letters and POSTs each alert again exactly as the first time: same body, same HMAC signing
with the subscription's current secret, same retries. Receivers deduplicate on the alert
``id``, so re-sending one that did arrive after all is harmless, and so is running it twice.

Plain choices first (:func:`plan`: which letters, for which subscription, each alert once),
then the thin edge (:func:`redeliver`: read the topic, POST). A redelivery that fails again
is reported and leaves nothing new on the topic: the original letter is still there.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from newsdesk.exceptions import NewsdeskError
from newsdesk.messages import decode_dict
from newsdesk.settings import Settings
from newsdesk.utils.timeutil import parse_iso
from newsdesk.webhooks.config import Subscription
from newsdesk.webhooks.exceptions import ConfigError

DURATION_UNITS = {"m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class Resend:
    sub: Subscription
    alert: dict[str, Any]
    letter: dict[str, Any]


@dataclass
class Plan:
    resend: list[Resend] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    """Letters left alone, by reason (another stage, unknown subscription, a duplicate, ...)."""


@dataclass
class Result:
    resend: Resend
    delivered: bool
    attempts: int
    reason: str


def parse_since(text: str, now: datetime) -> datetime:
    """ISO 8601, or a duration back from ``now``: ``90m``, ``24h``, ``7d``."""
    value = text.strip()
    if value[-1:] in DURATION_UNITS and value[:-1].isdigit():
        return now - timedelta(seconds=int(value[:-1]) * DURATION_UNITS[value[-1]])
    try:
        return parse_iso(value)
    except ValueError as exc:
        raise ConfigError(f"--since {text!r} is neither ISO 8601 nor a duration like 24h or 7d") from exc


def choose(subscriptions: list[Subscription], names: Iterable[str]) -> list[Subscription]:
    """The subscriptions named (all when none are); an unknown name is an error, not a no-op."""
    wanted = list(names)
    known = {sub.name: sub for sub in subscriptions}
    unknown = sorted(set(wanted) - set(known))
    if unknown:
        raise ConfigError(f"no subscription named {', '.join(unknown)}; the file has {', '.join(known)}")
    return [known[name] for name in dict.fromkeys(wanted)] if wanted else subscriptions


def plan(letters: Iterable[Mapping[str, Any] | None], subscriptions: list[Subscription]) -> Plan:
    """Which letters to re-send, in topic order, each (subscription, alert id) once.

    ``letters`` are decoded dead letters; None stands for a record that was not one.
    """
    by_name = {sub.name: sub for sub in subscriptions}
    result = Plan()
    seen: set[tuple[str, str]] = set()
    for letter in letters:
        if letter is None:
            result.skipped["not a dead letter"] += 1
            continue
        if letter.get("stage") != "deliver":
            result.skipped[f"stage {letter.get('stage')}"] += 1
            continue
        sub = by_name.get(str(letter.get("subscription")))
        if sub is None:
            result.skipped["another subscription"] += 1
            continue
        alert = _alert(letter)
        if alert is None:
            result.skipped["payload is not a valid alert"] += 1
            continue
        if (sub.name, str(alert["id"])) in seen:
            result.skipped["same alert again"] += 1
            continue
        seen.add((sub.name, str(alert["id"])))
        result.resend.append(Resend(sub, alert, dict(letter)))
    return result


def _alert(letter: Mapping[str, Any]) -> dict[str, Any] | None:
    payload = str(letter.get("payload") or "")
    try:
        if letter.get("payload_encoding") == "base64":
            raw = base64.b64decode(payload, validate=True)
        else:
            raw = payload.encode("utf-8")
        return decode_dict("alert", raw)
    except (NewsdeskError, binascii.Error, UnicodeError):
        return None


async def read_letters(settings: Settings, since: datetime | None) -> list[dict[str, Any] | None]:
    """The dead-letter topic as it is now (from ``since``, by the time each letter was written)."""
    from streams.reader import read_to_end

    since_ms = int(since.timestamp() * 1000) if since is not None else None
    records = await read_to_end(
        settings, settings.topic_deadletter, since_ms=since_ms, client_id="newsdesk-webhooks-redeliver"
    )
    letters: list[dict[str, Any] | None] = []
    for record in records:
        try:
            letters.append(decode_dict("deadletter", record.value))
        except NewsdeskError:
            letters.append(None)
    return letters


async def redeliver(
    items: list[Resend], *, on_result: Callable[[Result], None] = lambda result: None
) -> list[Result]:
    """POST every item; subscriptions side by side, each one's alerts in topic order."""
    import aiohttp

    from newsdesk.webhooks.delivery import deliver
    from newsdesk.webhooks.payload import body

    async def one_subscription(name: str, queue: list[Resend]) -> list[Result]:
        done = []
        async with aiohttp.ClientSession() as session:
            for item in queue:
                outcome = await deliver(session, item.sub, body(item.alert), str(item.alert["id"]))
                result = Result(item, outcome.delivered, outcome.attempts, outcome.reason)
                on_result(result)
                done.append(result)
        return done

    queues: dict[str, list[Resend]] = {}
    for item in items:
        queues.setdefault(item.sub.name, []).append(item)
    results = await asyncio.gather(*(one_subscription(n, q) for n, q in queues.items()))
    return [result for batch in results for result in batch]
