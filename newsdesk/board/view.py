"""The board's memory: the newest alerts, bounded, de-duplicated by id, indexed by figure.

Plain Python with no I/O: the Kafka feed adds alerts, the web handlers read. Two orders are
kept: ``seq`` counts arrivals in this process (a live stream resumes from the last ``seq`` a
browser saw), and ``order`` — the record's broker timestamp, then ``seq`` — sorts cards newest
first even when the start-up rebuild reads partitions one after another.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsdesk.alertfilter import AlertFilter
from newsdesk.board.present import card
from newsdesk.board.timeline import history_timeline


@dataclass(frozen=True, slots=True)
class Entry:
    seq: int
    order: tuple[int, int]
    alert: Mapping[str, Any]
    card: dict[str, Any]


class AlertView:
    """At most ``capacity`` alerts; adding one more forgets the oldest (by ``order``)."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.last_seq = 0
        self._by_id: dict[str, Entry] = {}
        self._by_seq: dict[int, Entry] = {}
        self._sorted: list[tuple[tuple[int, int], str]] = []
        self._by_figure: dict[str, dict[str, Entry]] = {}
        self._parties: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, alert_id: object) -> bool:
        return alert_id in self._by_id

    def add(self, alert: Mapping[str, Any], *, timestamp_ms: int | None = None) -> Entry | None:
        """Keep ``alert``; None when its id is already kept (a replay) or it is older than all kept."""
        alert_id = str(alert.get("id") or "")
        if not alert_id or alert_id in self._by_id:
            return None
        seq = self.last_seq + 1
        order = (timestamp_ms if timestamp_ms is not None else 0, seq)
        if len(self._by_id) >= self.capacity and order < self._sorted[0][0]:
            return None  # older than everything kept: it would be forgotten at once
        self.last_seq = seq
        entry = Entry(seq, order, alert, card(alert, seq=seq, order=order))
        self._by_id[alert_id] = entry
        self._by_seq[seq] = entry
        bisect.insort(self._sorted, (order, alert_id))
        self._by_figure.setdefault(str(alert.get("figure_key")), {})[alert_id] = entry
        self._parties[str(alert.get("party") or "")] += 1
        while len(self._by_id) > self.capacity:
            self._forget(self._sorted[0][1])
        return entry

    def recent(self, flt: AlertFilter | None = None, limit: int = 200) -> list[Entry]:
        """Newest first."""
        found: list[Entry] = []
        for _, alert_id in reversed(self._sorted):
            entry = self._by_id[alert_id]
            if flt is None or flt.matches(entry.alert):
                found.append(entry)
                if len(found) >= limit:
                    break
        return found

    def since(self, seq: int, flt: AlertFilter | None = None) -> list[Entry]:
        """Entries that arrived after ``seq``, in arrival order (a live stream catching up)."""
        found = []
        for entry_seq in reversed(self._by_seq):
            if entry_seq <= seq:
                break
            entry = self._by_seq[entry_seq]
            if flt is None or flt.matches(entry.alert):
                found.append(entry)
        found.reverse()
        return found

    def figure(self, figure_key: str) -> list[Entry]:
        """The figure's kept alerts, newest first."""
        entries = self._by_figure.get(figure_key, {}).values()
        return sorted(entries, key=lambda e: e.order, reverse=True)

    def figure_page(self, figure_key: str, state: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
        """The figure's page: its history from ``state`` (the figure table's) and the alerts kept.

        None when the board knows nothing of the figure.
        """
        entries = self.figure(figure_key)
        if not entries and state is None:
            return None
        about: Mapping[str, Any] = state if state is not None else entries[0].alert
        return {
            "figure": {
                "figure_key": figure_key,
                "party": about.get("party"),
                "subject": about.get("subject"),
                "metric": about.get("metric"),
            },
            "history": "figure" if state is not None else "alerts",
            "timeline": history_timeline(state, (e.alert for e in reversed(entries))),
            "alerts": [e.card for e in entries],
        }

    def parties(self) -> list[str]:
        return sorted((p for p, n in self._parties.items() if n > 0 and p), key=str.casefold)

    def _forget(self, alert_id: str) -> None:
        entry = self._by_id.pop(alert_id)
        del self._by_seq[entry.seq]
        index = bisect.bisect_left(self._sorted, (entry.order, alert_id))
        del self._sorted[index]
        key = str(entry.alert.get("figure_key"))
        figure = self._by_figure[key]
        del figure[alert_id]
        if not figure:
            del self._by_figure[key]
        self._parties[str(entry.alert.get("party") or "")] -= 1
