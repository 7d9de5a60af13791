"""Python mirrors of the message contracts in ``schemas/``.

Each record's fields are exactly the properties of its JSON Schema (a unit test holds
them together), so code that builds a record builds a valid message. Records are frozen:
a claim or alert, once made, is evidence and is never edited in place.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, Self, get_args

Qualifier = Literal["exact", "approx", "at_least", "at_most", "range", "vague"]
Metric = Literal[
    "killed",
    "injured",
    "casualties",
    "missing",
    "captured",
    "arrested",
    "displaced",
    "deployed",
    "affected",
    "other",
]
Stance = Literal["acknowledged", "reported", "estimated", "denied", "revised"]
AlertKind = Literal["first", "increase", "decrease", "revised"]
Severity = Literal["low", "medium", "high", "critical"]
EvidenceField = Literal["title", "text"]
DeadLetterStage = Literal["decode", "validate", "extract", "track", "deliver"]

QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
METRICS: tuple[str, ...] = get_args(Metric)
STANCES: tuple[str, ...] = get_args(Stance)
ALERT_KINDS: tuple[str, ...] = get_args(AlertKind)


class _Record:
    """Shared conversion to and from plain dicts (what orjson writes and reads)."""

    _nested: ClassVar[dict[str, type[_Record]]] = {}

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload, no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Build from a dict that already passed schema validation; unknown keys are ignored."""
        kwargs: dict[str, Any] = {}
        for spec in dataclasses.fields(cls):  # type: ignore[arg-type]
            if spec.name not in data:
                continue
            value = data[spec.name]
            nested = cls._nested.get(spec.name)
            if nested is not None and value is not None:
                value = (
                    [nested.from_dict(v) for v in value]
                    if isinstance(value, list)
                    else nested.from_dict(value)
                )
            kwargs[spec.name] = value
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """One news article, as published on ``news.articles`` (key: ``id``)."""

    id: str
    url: str | None
    title: str
    text: str
    published: str | None
    outlet: str | None
    feed: str | None
    fetched_at: str
    # Added by the feed poller (feeds/); seed files and older producers leave the defaults.
    feed_id: str | None = None
    outlet_id: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    updated: str | None = None
    published_estimated: bool = False
    """``published`` is when newsdesk first saw the entry: the feed gave no date."""
    revision: int = 0
    """0 for the first publication; 1, 2, ... each time the outlet edited the entry (same id)."""
    full_text: bool = False
    """``text`` was extracted from the article's web page (full-text fetch), not taken from the feed."""


@dataclass(frozen=True, slots=True)
class Evidence(_Record):
    """Where in the article a claim stands: the field and the character offsets of its sentence."""

    field: EvidenceField
    start: int
    end: int
    number_start: int
    number_end: int


@dataclass(frozen=True, slots=True)
class Claim(_Record):
    """One numeric claim about a figure, as published on ``news.claims`` (key: ``figure_key``)."""

    _nested: ClassVar[dict[str, type[_Record]]] = {"evidence": Evidence}

    article_id: str
    sentence: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    vague_text: str | None
    metric: Metric
    subject: str
    party: str
    source: str | None
    official: bool
    stance: Stance
    published: str | None
    figure_key: str
    number_text: str
    superseded: bool = False
    increment: bool = False
    part: bool = False
    """A part of a total the same story gives ("including six children"): context, never its own alert."""
    projected: bool = False
    """Where the count may go ("could climb as high as 450"), not a count: context, never an alert."""
    confidence: float = 0.5
    source_kind: str | None = None
    url: str | None = None
    outlet: str | None = None
    evidence: Evidence | None = None
    event: str | None = None
    """The kind of incident the figure belongs to ("earthquake", "flood", "war"...), when the story says."""
    location: str | None = None
    """The sub-national place the figure is about (a state, province or region), when the story names one."""
    site: str | None = None
    """The town or city the story's lede names: tells two incidents of one kind apart."""


@dataclass(frozen=True, slots=True)
class FigureValue(_Record):
    """A figure as one source gave it at one time: the ``previous`` and ``current`` of an alert."""

    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    vague_text: str | None
    article_id: str
    published: str | None
    source: str | None = None
    sentence: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class ContextFigure(_Record):
    """A third party's figure for the same subject and metric, shown beside an alert."""

    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    vague_text: str | None
    article_id: str
    published: str | None
    source: str | None
    stance: Stance
    sentence: str
    url: str | None = None
    outlet: str | None = None
    ratio_to_official: float | None = None
    gap: str | None = None
    """The two figures side by side for people: "official 100 vs National Intelligence Service ~600 (6x)"."""


@dataclass(frozen=True, slots=True)
class Alert(_Record):
    """A change in an officially acknowledged figure, on ``news.alerts`` (key: ``figure_key``)."""

    _nested: ClassVar[dict[str, type[_Record]]] = {
        "previous": FigureValue,
        "current": FigureValue,
        "context": ContextFigure,
    }

    id: str
    kind: AlertKind
    figure_key: str
    party: str
    subject: str
    metric: Metric
    previous: FigureValue | None
    current: FigureValue
    url: str | None
    context: list[ContextFigure] = field(default_factory=list)
    severity: Severity = "low"
    summary: str = ""


@dataclass(frozen=True, slots=True)
class DeadLetter(_Record):
    """A message the worker could not process, with the reason, as published on ``news.deadletter``."""

    id: str
    stage: DeadLetterStage
    topic: str
    partition: int | None
    offset: int | None
    key: str | None
    payload: str
    payload_encoding: Literal["utf-8", "base64"]
    error: str
    reason: str
    failed_at: str
    subscription: str | None = None
    """For ``stage = "deliver"``: the webhook subscription that could not deliver the alert."""
