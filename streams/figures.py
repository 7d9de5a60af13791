"""Figure states as desks see them: filtering, and the public shape (no delivery internals)."""

from __future__ import annotations

from typing import Any

PENDING = "pending"


def public_figure(stored: dict[str, Any]) -> dict[str, Any]:
    """The stored state without the worker's delivery bookkeeping."""
    return {k: v for k, v in stored.items() if k != PENDING}


def figure_matches(stored: dict[str, Any], *, party: str | None = None, metric: str | None = None) -> bool:
    if party and party.lower() not in {
        str(stored.get("party", "")).lower(),
        str(stored.get("key", "")).split(":")[0],
    }:
        return False
    return not (metric and stored.get("metric") != metric)
