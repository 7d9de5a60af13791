"""The per-figure state that tracking keeps: official history and third-party figures beside it.

It round-trips through plain dicts (``to_dict``/``from_dict``) because it is stored as JSON in
a Faust table and its changelog topic; old states must keep loading as the code evolves,
so ``from_dict`` tolerates missing keys.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from newsdesk.records import Claim, ContextFigure, FigureValue
from newsdesk.tracking.describe import describe, short_ratio
from newsdesk.tracking.episodes import incident_family

MAX_OFFICIAL = 200
MAX_THIRD_PARTY_SOURCES = 20
MAX_ALERT_IDS = 500
MAX_SEEN_ARTICLES = 500


@dataclass(frozen=True, slots=True)
class Observation:
    """One statement of the figure: its value, who gave it, when, and where it is written."""

    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    vague_text: str | None
    article_id: str
    published: str | None
    source: str | None
    sentence: str
    url: str | None
    outlet: str | None
    stance: str
    superseded: bool = False
    arrival: int = 0
    """Order of arrival, to break ties between statements with the same published time."""
    incident: str | None = None
    """The family of incident the statement is about ("earthquake", "fire", "crash"), when known."""
    site: str | None = None
    """The town or city the statement's story happens in, when its lede names one."""
    lagging: bool = False
    """Another official source's older, lower count: kept in history, never compared with."""

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _OBSERVATION_FIELDS}

    @classmethod
    def from_claim(cls, claim: Claim, arrival: int) -> Observation:
        return cls(
            value=claim.value,
            low=claim.low,
            high=claim.high,
            qualifier=claim.qualifier,
            vague_text=claim.vague_text,
            article_id=claim.article_id,
            published=claim.published,
            source=claim.source,
            sentence=claim.sentence,
            url=claim.url,
            outlet=claim.outlet,
            stance=claim.stance,
            superseded=claim.superseded,
            arrival=arrival,
            incident=incident_family(claim.event),
            site=claim.site,
        )

    @property
    def figure(self) -> tuple[object, ...]:
        """What was stated, without who or when: equal figures are restatements."""
        return (self.value, self.low, self.high, self.qualifier, (self.vague_text or "").lower() or None)

    @property
    def teller(self) -> tuple[str | None, str | None]:
        """Who gives the figure: the named source, else the outlet reporting it on its own account."""
        return (self.source, None) if self.source else (None, self.outlet)

    @property
    def order(self) -> tuple[str, int, int]:
        # Superseded values sort just before the statement that replaced them; unknown dates last.
        return (self.published or "9999", 0 if self.superseded else 1, self.arrival)

    def _statement(self) -> dict[str, Any]:
        """The fields an alert's figures share: what was said, where, when and by whom."""
        return {name: getattr(self, name) for name in _STATEMENT_FIELDS}

    def as_value(self) -> FigureValue:
        return FigureValue(**self._statement())

    def as_context(self, official: Observation) -> ContextFigure:
        ratio = None
        if self.value is not None and official.value:
            ratio = round(self.value / official.value, 3)
        theirs = describe(self.value, self.low, self.high, self.qualifier, self.vague_text, compact=True)
        ours = describe(official.value, official.low, official.high, official.qualifier, official.vague_text)
        who = self.source or self.outlet or "unattributed"
        gap = f"official {ours} vs {who} {theirs}{short_ratio(ratio)}"
        stance: Any = self.stance
        return ContextFigure(**self._statement(), stance=stance, ratio_to_official=ratio, gap=gap)


_OBSERVATION_FIELDS = tuple(f.name for f in fields(Observation))
_STATEMENT_FIELDS = tuple(f.name for f in fields(FigureValue))


@dataclass(frozen=True, slots=True)
class FigureState:
    """Everything known about one figure (party · subject · metric)."""

    key: str
    party: str
    subject: str
    metric: str
    official: tuple[Observation, ...] = ()
    third_party: tuple[Observation, ...] = ()
    alert_ids: tuple[str, ...] = ()
    arrivals: int = 0
    seen: tuple[str, ...] = ()
    """Articles that made a current official statement of this figure (most recent last)."""

    @classmethod
    def for_claim(cls, claim: Claim) -> FigureState:
        return cls(key=claim.figure_key, party=claim.party, subject=claim.subject, metric=claim.metric)

    def to_dict(self) -> dict[str, Any]:
        # Hand-written rather than dataclasses.asdict: this runs for every claim the worker
        # folds in, and asdict's generic deep copy was a fifth of the worker's time.
        return {
            "key": self.key,
            "party": self.party,
            "subject": self.subject,
            "metric": self.metric,
            "official": [o.to_dict() for o in self.official],
            "third_party": [o.to_dict() for o in self.third_party],
            "alert_ids": list(self.alert_ids),
            "arrivals": self.arrivals,
            "seen": list(self.seen),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FigureState:
        return cls(
            key=data["key"],
            party=data["party"],
            subject=data["subject"],
            metric=data["metric"],
            official=tuple(_observation(o) for o in data.get("official", ())),
            third_party=tuple(_observation(o) for o in data.get("third_party", ())),
            alert_ids=tuple(data.get("alert_ids", ())),
            arrivals=int(data.get("arrivals", 0)),
            seen=tuple(data.get("seen", ())),
        )

    def with_official(self, observation: Observation) -> FigureState:
        history = sorted((*self.official, observation), key=lambda o: o.order)
        if len(history) > MAX_OFFICIAL:
            history = [history[0], *history[-(MAX_OFFICIAL - 1) :]]
        return replace(self, official=tuple(history), arrivals=self.arrivals + 1)

    def with_third_party(self, observation: Observation) -> FigureState:
        """Keep the latest figure of each third-party source (an outlet's own reporting counts as one)."""
        who = observation.teller
        if any(o.teller == who and o.figure == observation.figure for o in self.third_party):
            return self  # the same source saying the same thing again changes nothing
        kept = [o for o in self.third_party if o.teller != who or o.order > observation.order]
        if not any(o.teller == who for o in kept):
            kept.append(observation)
        kept.sort(key=lambda o: o.order)
        return replace(self, third_party=tuple(kept[-MAX_THIRD_PARTY_SOURCES:]), arrivals=self.arrivals + 1)

    def with_seen(self, article_id: str) -> FigureState:
        return replace(self, seen=(*self.seen, article_id)[-MAX_SEEN_ARTICLES:])

    def with_alert(self, alert_id: str) -> FigureState:
        return replace(self, alert_ids=(*self.alert_ids, alert_id)[-MAX_ALERT_IDS:])


def _observation(data: dict[str, Any]) -> Observation:
    """An observation from stored JSON, ignoring fields a newer version may have added."""
    return Observation(**{k: v for k, v in data.items() if k in _OBSERVATION_FIELDS})
