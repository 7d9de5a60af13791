"""What to do after one delivery attempt, and how long to wait before the next.

- 2xx: delivered;
- 408, 425, 429 and 5xx, timeouts and connection errors: retry, after an exponential backoff
  with jitter (``base * 2**(attempt-1)``, capped, then drawn from its upper half so retries
  from many alerts spread out but never come back at once), or after the receiver's
  ``Retry-After`` when it asks for longer (still capped);
- any other status (4xx: the receiver refuses this request and always will; 3xx: the URL
  is wrong): give up at once;
- after ``max_attempts`` attempts: give up. Giving up sends the alert to the dead-letter topic.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Callable

RETRY_STATUSES = frozenset({408, 425, 429})


class Verdict(enum.Enum):
    DELIVERED = "delivered"
    RETRY = "retry"
    GIVE_UP = "give up"


def classify(status: int | None) -> Verdict:
    """``status`` None stands for a timeout or a connection error."""
    if status is None or status in RETRY_STATUSES or 500 <= status <= 599:
        return Verdict.RETRY
    if 200 <= status <= 299:
        return Verdict.DELIVERED
    return Verdict.GIVE_UP


def next_step(status: int | None, attempt: int, max_attempts: int) -> Verdict:
    verdict = classify(status)
    if verdict is Verdict.RETRY and attempt >= max_attempts:
        return Verdict.GIVE_UP
    return verdict


def backoff(
    attempt: int,
    base: float,
    cap: float,
    *,
    retry_after: float | None = None,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1 for the first)."""
    ceiling = min(cap, base * 2.0 ** max(0, attempt - 1))
    delay = ceiling / 2 + float(rand()) * ceiling / 2
    if retry_after is not None and retry_after > delay:
        delay = min(cap, retry_after)
    return delay


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header; HTTP dates and nonsense are ignored (None)."""
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit():
        return None
    return float(int(text))
