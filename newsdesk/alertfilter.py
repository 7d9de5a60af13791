"""Which alerts a reader wants: one filter shared by the board, webhooks and ``newsdesk alerts``.

It lives beside the records rather than in any one reader's package because all three readers
use it and none of them should depend on another to say what "matches" means.

A filter is a conjunction of optional sets: an alert matches when, for every set given, its
field is in the set. Party names are compared case-insensitively (feeds spell them in many
ways); metrics, kinds and severities are closed vocabularies and are checked when the filter
is built, so a typo is an error rather than a filter that silently matches nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newsdesk.exceptions import NewsdeskError
from newsdesk.records import ALERT_KINDS, METRICS

SEVERITIES: tuple[str, ...] = ("low", "medium", "high", "critical")


class FilterError(NewsdeskError):
    """A filter names a metric, kind or severity that alerts never have."""


@dataclass(frozen=True, slots=True)
class AlertFilter:
    parties: frozenset[str] = frozenset()
    """Case-folded party names."""
    metrics: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    figure_key: str | None = None
    min_severity: str | None = None

    @classmethod
    def build(
        cls,
        *,
        party: Iterable[str] = (),
        metric: Iterable[str] = (),
        kind: Iterable[str] = (),
        figure: str | None = None,
        min_severity: str | None = None,
    ) -> AlertFilter:
        """A filter from user input; empty strings mean "any"; unknown vocabulary raises FilterError."""
        parties = frozenset(_fold(p) for p in party if p and p.strip())
        metrics = frozenset(_known("metric", m.strip(), METRICS) for m in metric if m and m.strip())
        kinds = frozenset(_known("kind", k.strip(), ALERT_KINDS) for k in kind if k and k.strip())
        severity = min_severity.strip() if min_severity and min_severity.strip() else None
        if severity is not None:
            _known("severity", severity, SEVERITIES)
        return cls(parties, metrics, kinds, figure.strip() if figure and figure.strip() else None, severity)

    @property
    def is_empty(self) -> bool:
        return not (self.parties or self.metrics or self.kinds or self.figure_key or self.min_severity)

    def matches(self, alert: Mapping[str, Any]) -> bool:
        if self.parties and _fold(str(alert.get("party") or "")) not in self.parties:
            return False
        if self.metrics and alert.get("metric") not in self.metrics:
            return False
        if self.kinds and alert.get("kind") not in self.kinds:
            return False
        if self.figure_key and alert.get("figure_key") != self.figure_key:
            return False
        return not (
            self.min_severity and severity_rank(alert.get("severity")) < severity_rank(self.min_severity)
        )


def severity_rank(severity: Any) -> int:
    """0 (low) to 3 (critical); an alert without a severity ranks as low, the schema's default."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else 0


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _known(what: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise FilterError(f"unknown {what} {value!r}; one of: {', '.join(allowed)}")
    return value
