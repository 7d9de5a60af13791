"""Timestamps are ISO 8601 strings in UTC on every topic; these helpers keep them that way."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    """Format as ``YYYY-MM-DDTHH:MM:SSZ`` (UTC; naive values are taken to be UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 date or date-time; a bare date means midnight UTC."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def normalise_iso(text: str | None) -> str | None:
    """Re-format any ISO 8601 input as canonical UTC, so that strings sort by time."""
    if text is None or not text.strip():
        return None
    return to_iso(parse_iso(text))
