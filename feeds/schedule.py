"""When to poll a feed next: adaptive to how often it publishes, jittered, backing off on errors.

The interval after a good poll is a week divided by the number of entries the feed dated in
the last week (the feed that publishes 700 a week is polled every ~15 min, one that posts
weekly once a day), bounded by the feed's minimum and maximum. The server can only lengthen
it: ``Cache-Control: max-age`` and ``Retry-After`` are floors. Every delay gets random jitter
so that feeds added together never poll together. Errors back off exponentially from the
minimum interval, jittered, up to the maximum; a feed failing for ``dead_after`` seconds is
dead: it is reported and tried once per maximum interval until it answers again.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

WEEK = 7 * 86400.0
JITTER = 0.1
"""Each delay is multiplied by a random factor in [1 - JITTER, 1 + JITTER]."""


@dataclass(frozen=True, slots=True)
class Bounds:
    min_interval: float
    max_interval: float
    fixed: float | None = None


def adaptive_interval(published: Iterable[float], now: float, bounds: Bounds) -> float:
    """The interval that suits a feed whose entries carry these publication times (epoch seconds)."""
    if bounds.fixed is not None:
        return bounds.fixed
    recent = sum(1 for moment in published if now - WEEK <= moment <= now + 3600)
    interval = WEEK / recent if recent else bounds.max_interval
    return clamp(interval, bounds)


def clamp(seconds: float, bounds: Bounds) -> float:
    return min(bounds.max_interval, max(bounds.min_interval, seconds))


def jittered(seconds: float, rng: random.Random) -> float:
    return seconds * rng.uniform(1 - JITTER, 1 + JITTER)


def after_success(
    interval: float, bounds: Bounds, rng: random.Random, *, max_age: float | None = None
) -> float:
    """Delay before the next poll after a 200 or 304; ``max_age`` can lengthen it up to the maximum."""
    delay = interval
    if max_age is not None and max_age > delay:
        delay = min(max_age, bounds.max_interval)
    return jittered(delay, rng)


def backoff(failures: int, bounds: Bounds, rng: random.Random, *, retry_after: float | None = None) -> float:
    """Delay after the ``failures``-th error in a row (1, 2, ...): doubling, jittered, capped.

    ``Retry-After`` (429/503) is honoured as a floor, capped at the maximum interval so one
    header cannot silence a feed for a month.
    """
    exponent = min(max(failures - 1, 0), 30)
    delay = min(bounds.max_interval, bounds.min_interval * (2**exponent))
    delay = rng.uniform(delay / 2, delay)
    if retry_after is not None:
        delay = max(delay, min(retry_after, bounds.max_interval))
    return delay


def is_dead(failing_since: float | None, failures: int, now: float, dead_after: float) -> bool:
    """Failing without a break for ``dead_after`` seconds (and more than a couple of times)."""
    return failing_since is not None and failures >= 3 and now - failing_since >= dead_after
