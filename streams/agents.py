"""The two agents: articles -> claims (re-keyed by figure), claims -> figure table -> alerts.

Agents only move bytes: :mod:`streams.handlers` decides what to produce. A message that
fails goes to the dead-letter topic with its stage and reason, and the agent moves on, so
one poison message never stops the stream.

Delivery, claim by claim, so that ``kill -9`` at any point neither loses an alert nor
publishes one twice:

1. the new figure state is written to the table *with the alerts it raised marked
   pending*, and the producer is flushed: the changelog holds both before anything else;
2. the alerts are sent and each acknowledgement awaited;
3. the state is written again without the pending alerts.

Faust commits the claim's offset only after the event is done, and flushes the producer
(table changelog included) before every commit, so a crash before step 1
replays the claim against the old state (same alerts, same ids); a crash after step 1
leaves the alerts pending, and the worker delivers those the alerts topic does not hold
yet (:mod:`streams.ledger`) — after recovery, and before the figure's next claim.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import faust

from newsdesk.extraction import Extractor
from newsdesk.messages import encode
from newsdesk.settings import Settings
from streams.figures import PENDING
from streams.handlers import Failure, dead_letter, handle_article, handle_claim
from streams.ledger import delivered_alert_ids

log = logging.getLogger(__name__)

FIGURES_TABLE = "figures"


@dataclass(frozen=True, slots=True)
class Streams:
    """The topics and the table the agents use, for the web views and tests."""

    articles: faust.TopicT
    claims: faust.TopicT
    alerts: faust.TopicT
    deadletters: faust.TopicT
    figures: faust.types.TableT[Any, Any]


def register_agents(app: faust.App, settings: Settings) -> Streams:
    streams = Streams(
        articles=app.topic(settings.topic_articles, partitions=settings.partitions),
        claims=app.topic(settings.topic_claims, partitions=settings.partitions),
        alerts=app.topic(settings.topic_alerts, partitions=settings.partitions),
        deadletters=app.topic(settings.topic_deadletter, partitions=settings.deadletter_partitions),
        figures=app.Table(
            FIGURES_TABLE,
            default=None,
            partitions=settings.partitions,
            schema=faust.Schema(key_serializer="json", value_serializer="orjson"),
            help="Per figure (party:subject:metric): official history and third-party figures.",
        ),
    )
    extractor = Extractor()
    figures = streams.figures
    settled: set[str] = set()
    """Pending alert ids already confirmed on the alerts topic (by the recovery sweep)."""

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
        await (await streams.deadletters.send(key=message.key, value=encode("deadletter", letter)))

    async def deliver(key: str, payloads: list[dict[str, Any]]) -> None:
        """Send alerts not yet on the alerts topic; wait for every acknowledgement."""
        missing = [p for p in payloads if p["id"] not in settled]
        if missing:
            on_topic = await delivered_alert_ids(settings, [key])
            missing = [p for p in missing if p["id"] not in on_topic]
        for payload in missing:
            await (await streams.alerts.send(key=key.encode(), value=encode_alert(payload)))
            log.info("alert %s delivered after a restart", payload["id"])
        settled.update(p["id"] for p in payloads)

    @figures.on_recover
    async def deliver_pending_after_recovery() -> None:
        for key, stored in list(figures.items()):
            if isinstance(stored, dict) and stored.get(PENDING):
                log.warning(
                    "figure %s has %d pending alert(s) from before a restart", key, len(stored[PENDING])
                )
                await deliver(key, stored[PENDING])

    @app.agent(streams.articles, name="extract-claims")
    async def extract_claims(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            outcome = handle_article(event.value, extractor)
            if outcome.failure is not None:
                await send_dead_letter(outcome.failure, event)
                continue
            # No wait for acknowledgements here: Faust flushes the producer before it commits
            # this article's offset, so the claims are on the broker before the article counts
            # as done, and the next article need not wait a round trip.
            for key, value in outcome.claims:
                await streams.claims.send(key=key, value=value)

    @app.agent(streams.claims, name="track-figures")
    async def track_figures(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            key = event.key.decode("utf-8", "replace") if isinstance(event.key, bytes) else None
            stored = figures.get(key) if key else None
            settled_pending = False
            if key and isinstance(stored, dict) and stored.get(PENDING):
                await deliver(key, stored[PENDING])
                stored = {k: v for k, v in stored.items() if k != PENDING}
                settled_pending = True
            outcome = handle_claim(event.value, stored, min_confidence=settings.alert_min_confidence)
            if outcome.failure is not None or outcome.key is None or outcome.state is None:
                await send_dead_letter(
                    outcome.failure or Failure("track", ValueError("claim without key")), event
                )
                continue
            if outcome.key != key:
                # Claims must be keyed by their figure so one worker owns each figure.
                reason = f"message key {key!r} is not the claim's figure_key {outcome.key!r}"
                await send_dead_letter(Failure("validate", ValueError(reason)), event)
                continue
            if outcome.alerts:
                payloads = [alert.to_dict() for alert in outcome.alerts]
                figures[key] = {**outcome.state, PENDING: payloads}
                await app.producer.flush()
                for alert, value in zip(outcome.alerts, outcome.encoded_alerts, strict=True):
                    await (await streams.alerts.send(key=key.encode(), value=value))
                    log.info("alert %s %s: %s", alert.id, alert.kind, alert.summary)
            # Faust flushes the producer before it commits an offset, so this state change is
            # durable before the claim counts as processed.
            if outcome.changed or settled_pending:
                figures[key] = outcome.state

    return streams


def encode_alert(payload: dict[str, Any]) -> bytes:
    from newsdesk.records import Alert

    return encode("alert", Alert.from_dict(payload))
