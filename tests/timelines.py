"""Timelines in tests/data/timelines: articles and the alerts they must raise, nothing more.

Each folder holds ``articles.jsonl`` (one article per line) and ``expected.json``: the
order to replay in and, per expected alert, the party, metric, kind, current value and
(when there is one) previous value. A value is a number, ``{"vague": "dozens"}``,
``{"at_least": 300}`` or ``{"at_most": 12000}``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.utils import json

TIMELINES = Path(__file__).resolve().parent / "data" / "timelines"


@dataclass(frozen=True)
class Timeline:
    name: str
    folder: Path
    order: str
    expected: list[dict[str, Any]]

    @property
    def articles(self) -> Path:
        return self.folder / "articles.jsonl"


def timelines(root: Path = TIMELINES) -> list[Timeline]:
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        spec = json.loads((folder / "expected.json").read_bytes())
        found.append(Timeline(folder.name, folder, spec.get("order", "published"), spec["alerts"]))
    return found


def _value(figure: dict[str, Any] | None) -> object:
    if figure is None:
        return None
    if figure["qualifier"] == "vague":
        return ("vague", (figure.get("vague_text") or "").lower())
    if figure["qualifier"] in {"at_least", "at_most"}:
        return (figure["qualifier"], figure["value"])
    return figure["value"]


def _expected_value(value: Any) -> object:
    if value is None or isinstance(value, int | float):
        return value
    ((kind, amount),) = value.items()
    return (kind, amount.lower()) if kind == "vague" else (kind, amount)


def signature(alert: dict[str, Any]) -> tuple[object, ...]:
    return (
        alert["party"],
        alert["metric"],
        alert["kind"],
        _value(alert["current"]),
        _value(alert["previous"]),
    )


def expected_signatures(timeline: Timeline) -> Counter[tuple[object, ...]]:
    return Counter(
        (
            e["party"],
            e["metric"],
            e["kind"],
            _expected_value(e["current"]),
            _expected_value(e.get("previous")),
        )
        for e in timeline.expected
    )


def compare(timeline: Timeline, alerts: list[dict[str, Any]]) -> str:
    """Empty when ``alerts`` are exactly the expected ones; else what is missing and what is extra."""
    got = Counter(signature(a) for a in alerts)
    want = expected_signatures(timeline)
    missing = want - got
    extra = got - want
    if not missing and not extra:
        return ""
    lines = [f"timeline {timeline.name}:"]
    lines += [f"  missing {m}" for m in missing.elements()]
    lines += [f"  unexpected {x}" for x in extra.elements()]
    return "\n".join(lines)
