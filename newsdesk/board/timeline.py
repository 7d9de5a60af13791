"""A figure's history as the board charts it: official values (a step line) and third-party points.

Two sources, merged. The figure's state from the figure table (:mod:`newsdesk.board.figures`)
holds every official change and the latest figure of each third party: it is the history.
The alerts the board holds add what the state may not show yet (an alert can arrive before
the state's changelog record) and third-party figures the state has since replaced. A figure
whose state the board does not have is drawn from its alerts alone: each alert carries the
official value before and after the change and the third-party figures beside it.

Points are de-duplicated (one statement is one alert's ``current`` and the next one's
``previous``, and is in the state too) and sorted by publication time. Every point says where
it came from (``origin``: ``figure`` or ``alert``). Official points carry a ``segment``: a new
incident (last month's fire, this week's bus crash under the same figure key) starts a new
step line rather than reading as a change, as the tracker itself never compares them. Lagging
counts (an older, lower figure repeated by another official source) are points off the line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from newsdesk.alerttext import figure_text, safe_url
from newsdesk.tracking.episodes import same_episode


def history_timeline(state: Mapping[str, Any] | None, alerts: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """``{"official": [...], "context": [...]}``, each point ``{t, y, text, source, ...}`` oldest first.

    ``y`` is the number to plot: the value, or the middle of a range or of a vague amount's
    bounds ("a handful": 2 to 9); ``low``/``high`` let the chart show the spread. Points
    without a publication time are kept (``t`` is None) for the list but cannot be placed.
    ``state`` is the figure's table state (:func:`newsdesk.board.figures.slim`), when known.
    """
    official: dict[tuple[Any, ...], dict[str, Any]] = {}
    context: dict[tuple[Any, ...], dict[str, Any]] = {}
    if state is not None:
        for item in _mappings(state.get("official")):
            official.setdefault(_identity(item), _official_point(item, "figure"))
        for item in _mappings(state.get("third_party")):
            context.setdefault((item.get("source"), *_identity(item)), _context_point(item, "figure"))
    for alert in alerts:
        for figure in (alert.get("previous"), alert.get("current")):
            if isinstance(figure, Mapping):
                official.setdefault(_identity(figure), _official_point(figure, "alert"))
        for item in _mappings(alert.get("context")):
            context.setdefault((item.get("source"), *_identity(item)), _context_point(item, "alert"))
    return {"official": _segmented(_sorted(official.values())), "context": _sorted(context.values())}


def figure_timeline(alerts: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The timeline from alerts alone (a figure whose state the board does not have)."""
    return history_timeline(None, alerts)


def plot_value(figure: Mapping[str, Any]) -> float | None:
    value, low, high = (_number(figure.get(name)) for name in ("value", "low", "high"))
    if value is not None:
        return value
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


def _mappings(items: Any) -> Iterator[Mapping[str, Any]]:
    return (item for item in items or () if isinstance(item, Mapping))


def _official_point(figure: Mapping[str, Any], origin: str) -> dict[str, Any]:
    point = _point(figure, origin=origin)
    point["lagging"] = bool(figure.get("lagging"))
    point["superseded"] = bool(figure.get("superseded"))
    point["incident"] = figure.get("incident")
    return point


def _context_point(item: Mapping[str, Any], origin: str) -> dict[str, Any]:
    point = _point(item, origin=origin)
    point["stance"] = item.get("stance")
    point["ratio_to_official"] = item.get("ratio_to_official")
    return point


def _segmented(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Number the step line's segments: a new one wherever the tracker would not compare.

    A point whose incident is unknown (an alert's values carry none) stays on the current line
    and is skipped when deciding where the next known incident belongs.
    """
    segment, last = 0, None
    for point in points:
        if point["lagging"]:
            point["segment"] = None
            continue
        if point["incident"] is not None:
            if last is not None and not _same_episode(last, point):
                segment += 1
            last = point
        point["segment"] = segment
    return points


def _same_episode(earlier: Mapping[str, Any], later: Mapping[str, Any]) -> bool:
    try:
        return same_episode(earlier["incident"], earlier["t"], later["incident"], later["t"])
    except ValueError:  # an unreadable date: draw on, as the tracker cannot tell either
        return True


def _point(figure: Mapping[str, Any], *, origin: str) -> dict[str, Any]:
    return {
        "origin": origin,
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
