"""The two agents: articles -> claims (re-keyed by figure), claims -> figure table -> alerts.

Agents only move bytes: :mod:`streams.handlers` decides what to produce. A message that
fails goes to the dead-letter topic with its stage and reason, and the agent moves on, so
one poison message never stops the stream. Sends are awaited until the broker
acknowledges them before the next message, so a committed offset never outruns the claims
and alerts it produced (at-least-once; deterministic alert ids make a replay harmless).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import faust

from newsdesk.extraction import Extractor
from newsdesk.messages import encode
from newsdesk.settings import Settings
from streams.handlers import Failure, dead_letter, handle_article, handle_claim

log = logging.getLogger(__name__)

FIGURES_TABLE = "figures"


def register_agents(app: faust.App, settings: Settings) -> None:
    articles = app.topic(settings.topic_articles, partitions=settings.partitions)
    claims = app.topic(settings.topic_claims, partitions=settings.partitions)
    alerts = app.topic(settings.topic_alerts, partitions=settings.partitions)
    deadletters = app.topic(settings.topic_deadletter, partitions=settings.deadletter_partitions)
    figures = app.Table(
        FIGURES_TABLE,
        default=None,
        partitions=settings.partitions,
        schema=faust.Schema(key_serializer="json", value_serializer="orjson"),
        help="Per figure (party:subject:metric): official history and third-party figures.",
    )
    extractor = Extractor()

    async def send_dead_letter(failure: Failure, event: Any) -> None:
        message = event.message
        letter = dead_letter(
            failure,
            topic=message.topic,
            partition=message.partition,
            offset=message.offset,
            key=message.key,
            value=message.value,
        )
        log.warning("dead-lettered %s at %s: %s", letter.id, letter.stage, letter.reason)
        await (await deadletters.send(key=message.key, value=encode("deadletter", letter)))

    @app.agent(articles, name="extract-claims")
    async def extract_claims(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            outcome = handle_article(event.value, extractor)
            if outcome.failure is not None:
                await send_dead_letter(outcome.failure, event)
                continue
            pending = [await claims.send(key=key, value=value) for key, value in outcome.claims]
            await asyncio.gather(*pending)

    @app.agent(claims, name="track-figures")
    async def track_figures(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            key = event.key.decode("utf-8", "replace") if isinstance(event.key, bytes) else None
            outcome = handle_claim(event.value, figures.get(key) if key else None)
            if outcome.failure is not None or outcome.key is None:
                await send_dead_letter(
                    outcome.failure or Failure("track", ValueError("claim without key")), event
                )
                continue
            if outcome.key != key:
                # Claims must be keyed by their figure so one worker owns each figure.
                await send_dead_letter(
                    Failure(
                        "validate",
                        ValueError(f"message key {key!r} is not the claim's figure_key {outcome.key!r}"),
                    ),
                    event,
                )
                continue
            figures[outcome.key] = outcome.state
            pending = [await alerts.send(key=key.encode(), value=value) for value in outcome.encoded_alerts]
            await asyncio.gather(*pending)
            for alert in outcome.alerts:
                log.info("alert %s %s: %s", alert.id, alert.kind, alert.summary)
