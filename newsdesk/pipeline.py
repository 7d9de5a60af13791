"""Extraction and tracking together, in-process: what ``newsdesk replay --embedded`` runs.

The Faust worker runs the same two steps as separate agents with Kafka in between; this
class runs them back to back with the figure states in a dict, so tests and desks without a
broker get exactly the alerts the worker would publish.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsdesk.extraction import Extractor
from newsdesk.records import Alert, Article, Claim
from newsdesk.tracking import FigureState, observe


class Pipeline:
    def __init__(self, extractor: Extractor | None = None, *, min_confidence: float | None = None) -> None:
        self.extractor = extractor or Extractor()
        self.figures: dict[str, FigureState] = {}
        if min_confidence is None:
            from newsdesk.settings import Settings

            min_confidence = Settings().alert_min_confidence
        self.min_confidence = min_confidence

    def claims(self, article: Article) -> list[Claim]:
        return self.extractor.extract(article)

    def track(self, claim: Claim) -> list[Alert]:
        state, alerts = observe(self.figures.get(claim.figure_key), claim, min_confidence=self.min_confidence)
        self.figures[claim.figure_key] = state
        return alerts

    def process(self, article: Article) -> list[Alert]:
        alerts: list[Alert] = []
        for claim in self.claims(article):
            alerts.extend(self.track(claim))
        return alerts

    def run(self, articles: Iterable[Article]) -> Iterator[Alert]:
        for article in articles:
            yield from self.process(article)
