"""What each agent does to one message, as plain functions: bytes in, bytes out, or a failure.

Kept apart from the Faust agents so the exact behaviour of the stream (what is produced,
what is dead-lettered and why) is unit-tested without a broker or an event loop.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from newsdesk.exceptions import DecodeError, SchemaError
from newsdesk.extraction import Extractor
from newsdesk.messages import decode, encode
from newsdesk.records import Alert, Article, Claim, DeadLetter
from newsdesk.tracking import FigureState, observe
from newsdesk.utils.ids import stable_id
from newsdesk.utils.timeutil import to_iso, utcnow


@dataclass(frozen=True, slots=True)
class Failure:
    stage: str
    error: BaseException


@dataclass(slots=True)
class ArticleOutcome:
    claims: list[tuple[bytes, bytes]] = field(default_factory=list)
    """(figure key, encoded claim) pairs, in the order tracking should see them."""
    failure: Failure | None = None


@dataclass(slots=True)
class ClaimOutcome:
    key: str | None = None
    state: dict[str, Any] | None = None
    changed: bool = True
    """False when the claim changed nothing (a restatement): the table need not be written."""
    alerts: list[Alert] = field(default_factory=list)
    encoded_alerts: list[bytes] = field(default_factory=list)
    failure: Failure | None = None


def handle_article(value: bytes | None, extractor: Extractor) -> ArticleOutcome:
    try:
        article = decode("article", value, Article)
    except (DecodeError, SchemaError) as exc:
        return ArticleOutcome(failure=Failure(_decode_stage(exc), exc))
    try:
        claims = extractor.extract(article)
        return ArticleOutcome(claims=[(c.figure_key.encode(), encode("claim", c)) for c in claims])
    except Exception as exc:  # noqa: BLE001 - a failure of the core on one article is a poison message
        return ArticleOutcome(failure=Failure("extract", exc))


def handle_claim(value: bytes | None, stored: Any, *, min_confidence: float = 0.0) -> ClaimOutcome:
    """``stored`` is the figure's state dict from the table (None for a new figure)."""
    try:
        claim = decode("claim", value, Claim)
    except (DecodeError, SchemaError) as exc:
        return ClaimOutcome(failure=Failure(_decode_stage(exc), exc))
    try:
        before = FigureState.from_dict(stored) if stored else None
        state, alerts = observe(before, claim, min_confidence=min_confidence)
        encoded = [encode("alert", alert) for alert in alerts]
    except Exception as exc:  # noqa: BLE001 - a claim the tracker cannot fold is dead-lettered, not fatal
        return ClaimOutcome(failure=Failure("track", exc))
    return ClaimOutcome(
        key=claim.figure_key,
        state=state.to_dict(),
        changed=state is not before,
        alerts=alerts,
        encoded_alerts=encoded,
    )


def dead_letter(
    failure: Failure, *, topic: str, partition: int | None, offset: int | None, key: Any, value: Any
) -> DeadLetter:
    raw = bytes(value) if isinstance(value, bytes | bytearray) else b""
    try:
        payload, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        payload, encoding = base64.b64encode(raw).decode("ascii"), "base64"
    if isinstance(key, bytes | bytearray):
        key = bytes(key).decode("utf-8", "replace")
    exc = failure.error
    return DeadLetter(
        id=f"{topic}/{partition}/{offset}" if offset is not None else stable_id(topic, payload),
        stage=failure.stage,  # type: ignore[arg-type]
        topic=topic,
        partition=partition,
        offset=offset,
        key=key,
        payload=payload,
        payload_encoding=encoding,  # type: ignore[arg-type]
        error=type(exc).__name__,
        reason=(str(exc) or type(exc).__name__)[:2000],
        failed_at=to_iso(utcnow()),
    )


def _decode_stage(exc: Exception) -> str:
    return "decode" if isinstance(exc, DecodeError) else "validate"
