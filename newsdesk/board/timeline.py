"""A figure's history as the board charts it: official values (a step line) and third-party points.

Built from the alerts the board holds for one figure: each alert carries the official value
before and after the change, and the latest third-party figures beside it, so the union over
a figure's alerts is its timeline. Points are de-duplicated (the same statement appears as
one alert's ``current`` and the next one's ``previous``) and sorted by publication time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newsdesk.board.present import figure_text, safe_url


def figure_timeline(alerts: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """``{"official": [...], "context": [...]}``, each point ``{t, y, text, source, ...}`` oldest first.

    ``y`` is the number to plot: the value, or the middle of a range or of a vague amount's
    bounds ("a handful": 2 to 9); ``low``/``high`` let the chart show the spread. Points
    without a publication time are kept (``t`` is None) for the list but cannot be placed.
    """
    official: dict[tuple[Any, ...], dict[str, Any]] = {}
    context: dict[tuple[Any, ...], dict[str, Any]] = {}
    for alert in alerts:
        for figure in (alert.get("previous"), alert.get("current")):
            if isinstance(figure, Mapping):
                official.setdefault(_identity(figure), _point(figure))
        for item in alert.get("context") or []:
            if isinstance(item, Mapping):
                point = _point(item)
                point["stance"] = item.get("stance")
                point["ratio_to_official"] = item.get("ratio_to_official")
                context.setdefault((item.get("source"), *_identity(item)), point)
    return {"official": _sorted(official.values()), "context": _sorted(context.values())}


def plot_value(figure: Mapping[str, Any]) -> float | None:
    value, low, high = (_number(figure.get(name)) for name in ("value", "low", "high"))
    if value is not None:
        return value
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


def _point(figure: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "t": figure.get("published") if isinstance(figure.get("published"), str) else None,
        "y": plot_value(figure),
        "low": _number(figure.get("low")),
        "high": _number(figure.get("high")),
        "text": figure_text(figure),
        "source": figure.get("source"),
        "article_id": figure.get("article_id"),
        "url": safe_url(figure.get("url")),
    }


def _identity(figure: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(
        figure.get(name) for name in ("article_id", "value", "low", "high", "qualifier", "vague_text")
    )


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _sorted(points: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    # Undated points last; ISO 8601 UTC timestamps sort as text.
    return sorted(points, key=lambda p: (p["t"] is None, p["t"] or ""))
