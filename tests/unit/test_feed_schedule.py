"""Adaptive intervals, jitter, backoff and death."""

from __future__ import annotations

import random

from feeds.schedule import WEEK, Bounds, adaptive_interval, after_success, backoff, is_dead

BOUNDS = Bounds(120.0, 86400.0)
NOW = 1_700_000_000.0


def test_interval_follows_the_publication_rate() -> None:
    busy = [NOW - i * 600 for i in range(1000)]  # every 10 minutes
    assert 120.0 <= adaptive_interval(busy, NOW, BOUNDS) <= 700
    weekly = [NOW - 86400 * 3]
    assert adaptive_interval(weekly, NOW, BOUNDS) == 86400.0
    assert adaptive_interval([], NOW, BOUNDS) == 86400.0
    daily = [NOW - i * 86400 for i in range(7)]
    assert adaptive_interval(daily, NOW, BOUNDS) == WEEK / 7
    assert adaptive_interval(busy, NOW, Bounds(120.0, 86400.0, fixed=900.0)) == 900.0


def test_jitter_spreads_feeds_apart() -> None:
    rng = random.Random(1)
    delays = {round(after_success(600.0, BOUNDS, rng), 3) for _ in range(50)}
    assert len(delays) > 40
    assert all(540 <= d <= 660 for d in delays)


def test_max_age_lengthens_but_never_past_the_maximum() -> None:
    rng = random.Random(1)
    assert after_success(600.0, BOUNDS, rng, max_age=3600) >= 3600 * 0.9
    assert after_success(600.0, BOUNDS, rng, max_age=10**9) <= 86400 * 1.1
    assert after_success(600.0, BOUNDS, rng, max_age=60) <= 660


def test_backoff_doubles_with_jitter_up_to_a_cap() -> None:
    rng = random.Random(3)
    firsts = [backoff(1, BOUNDS, rng) for _ in range(20)]
    fifths = [backoff(5, BOUNDS, rng) for _ in range(20)]
    assert all(60 <= d <= 120 for d in firsts)
    assert all(960 <= d <= 1920 for d in fifths)
    assert all(backoff(40, BOUNDS, rng) <= 86400 for _ in range(20))
    assert backoff(1, BOUNDS, rng, retry_after=5000) >= 5000
    assert backoff(1, BOUNDS, rng, retry_after=10**9) == 86400


def test_dead_after_a_long_failure_streak() -> None:
    assert is_dead(NOW - 4 * 86400, 10, NOW, 3 * 86400)
    assert not is_dead(NOW - 4 * 86400, 2, NOW, 3 * 86400)
    assert not is_dead(NOW - 3600, 10, NOW, 3 * 86400)
    assert not is_dead(None, 10, NOW, 3 * 86400)
