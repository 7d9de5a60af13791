"""The board's copy of the figure table: the latest state of each figure, bounded, in memory.

Alerts only carry the official value before and after one change; a figure's whole history
(every official change, superseded values, lagging counts, the latest figure of each third
party) lives in the worker's figure table. The board follows the table's changelog topic and
keeps what the chart draws, so a figure page shows the full history even when the alerts
that told it have long left the board's memory.

Plain Python, no I/O: :mod:`newsdesk.board.changelog` feeds it. Memory is bounded twice: each
state keeps only the fields the chart needs (no evidence sentences, no delivery bookkeeping),
and at most ``capacity`` figures are kept, the ones changed longest ago forgotten first (their
page falls back to the alerts the board holds).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from newsdesk import schemas
from newsdesk.exceptions import DecodeError, NewsdeskError
from newsdesk.utils import json

_FIGURE_FIELDS = ("key", "party", "subject", "metric")
_OBSERVATION_FIELDS = (
    "value", "low", "high", "qualifier", "vague_text", "article_id", "published", "source",
    "outlet", "url", "stance", "superseded", "lagging", "incident",
)  # fmt: skip


class FigureRecordError(NewsdeskError):
    """A changelog record that is not a figure state (bad key, bad JSON or off-schema)."""


def decode_record(key: bytes | None, value: bytes | None) -> tuple[str, dict[str, Any] | None]:
    """``(figure key, state)`` from one changelog record; the state is None for a tombstone."""
    try:
        figure_key = json.loads(key) if key is not None else None
    except DecodeError as exc:
        raise FigureRecordError(f"key is not JSON: {exc}") from exc
    if not isinstance(figure_key, str) or not figure_key:
        raise FigureRecordError("key is not a figure key (a JSON string)")
    if value is None:
        return figure_key, None
    try:
        state = json.loads(value)
    except DecodeError as exc:
        raise FigureRecordError(f"{figure_key}: value is not JSON: {exc}") from exc
    problems = schemas.errors("figure", state)
    if problems:
        raise FigureRecordError(f"{figure_key}: not a figure state: {problems[0]}")
    return figure_key, state


def slim(state: Mapping[str, Any]) -> dict[str, Any]:
    """What the chart needs of a state; the rest is dropped to keep the board small."""
    kept: dict[str, Any] = {name: state.get(name) for name in _FIGURE_FIELDS}
    for side in ("official", "third_party"):
        kept[side] = [
            {name: item.get(name) for name in _OBSERVATION_FIELDS}
            for item in state.get(side) or []
            if isinstance(item, Mapping)
        ]
    return kept


class FigureStore:
    """At most ``capacity`` figure states, keyed by figure key; the least recently changed go first."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._states: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self.forgotten = 0
        """States dropped to stay within capacity (their pages fall back to alerts)."""

    def __len__(self) -> int:
        return len(self._states)

    def __contains__(self, figure_key: object) -> bool:
        return figure_key in self._states

    def apply(self, figure_key: str, state: Mapping[str, Any] | None) -> bool:
        """Keep the newest state of ``figure_key`` (None deletes it); True when what is drawn changed."""
        if state is None:
            return self._states.pop(figure_key, None) is not None
        kept = slim(state)
        if self._states.get(figure_key) == kept:
            self._states.move_to_end(figure_key)
            return False  # a restatement or delivery bookkeeping: nothing to redraw
        self._states[figure_key] = kept
        self._states.move_to_end(figure_key)
        while len(self._states) > self.capacity:
            self._states.popitem(last=False)
            self.forgotten += 1
        return True

    def get(self, figure_key: str) -> dict[str, Any] | None:
        return self._states.get(figure_key)
