"""POST one alert to one subscription, retrying as :mod:`newsdesk.webhooks.retry` says.

The HTTP part only: it never touches Kafka, and it returns an :class:`Outcome` instead of
raising, so the runner decides what to commit and what to dead-letter.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp

from newsdesk import __version__
from newsdesk.webhooks.config import Subscription
from newsdesk.webhooks.retry import Verdict, backoff, next_step, parse_retry_after
from newsdesk.webhooks.signing import signed_headers

USER_AGENT = f"newsdesk-webhooks/{__version__}"
ALERT_ID_HEADER = "X-Newsdesk-Alert-Id"
ATTEMPT_HEADER = "X-Newsdesk-Attempt"
SUBSCRIPTION_HEADER = "X-Newsdesk-Subscription"
_RESPONSE_READ_LIMIT = 64 * 1024


@dataclass(frozen=True, slots=True)
class Attempt:
    status: int | None
    """None: no HTTP answer (timeout, refused connection, reset)."""
    error: str | None = None
    retry_after: float | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    delivered: bool
    attempts: int
    status: int | None
    reason: str


async def post_once(
    session: aiohttp.ClientSession, sub: Subscription, body: bytes, alert_id: str, attempt: int, now: float
) -> Attempt:
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        ALERT_ID_HEADER: alert_id,
        ATTEMPT_HEADER: str(attempt),
        SUBSCRIPTION_HEADER: sub.name,
        **signed_headers(sub.secret, int(now), body),
    }
    try:
        async with session.post(
            sub.url,
            data=body,
            headers=headers,
            timeout=aiohttp.ClientTimeout(total=sub.timeout),
            allow_redirects=False,
        ) as response:
            await response.content.read(_RESPONSE_READ_LIMIT)
            return Attempt(response.status, None, parse_retry_after(response.headers.get("Retry-After")))
    except (aiohttp.ClientError, TimeoutError) as exc:
        return Attempt(None, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)


async def deliver(
    session: aiohttp.ClientSession,
    sub: Subscription,
    body: bytes,
    alert_id: str,
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.time,
    rand: Callable[[], float] = random.random,
) -> Outcome:
    attempt = 0
    while True:
        attempt += 1
        result = await post_once(session, sub, body, alert_id, attempt, clock())
        verdict = next_step(result.status, attempt, sub.max_attempts)
        answer = f"HTTP {result.status}" if result.status is not None else (result.error or "no answer")
        if verdict is Verdict.DELIVERED:
            return Outcome(True, attempt, result.status, answer)
        if verdict is Verdict.GIVE_UP:
            return Outcome(
                False, attempt, result.status, f"{answer} from {sub.url} after {attempt} attempt(s)"
            )
        await sleep(
            backoff(attempt, sub.backoff_base, sub.backoff_cap, retry_after=result.retry_after, rand=rand)
        )
