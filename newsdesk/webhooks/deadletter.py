"""A dead letter for an alert a subscription could not deliver: the alert whole, and why.

It goes to the pipeline's dead-letter topic with ``stage = "deliver"`` and the subscription's
name, so one place holds everything newsdesk could not carry through, and an operator can
re-drive one subscription's failures by filtering on ``subscription``.
"""

from __future__ import annotations

from newsdesk.records import DeadLetter
from newsdesk.utils.timeutil import to_iso, utcnow


def delivery_failure(
    *,
    subscription: str,
    topic: str,
    partition: int,
    offset: int,
    key: bytes | None,
    value: bytes | None,
    error: str,
    reason: str,
) -> DeadLetter:
    raw = value or b""
    try:
        payload, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        import base64

        payload, encoding = base64.b64encode(raw).decode("ascii"), "base64"
    return DeadLetter(
        id=f"{topic}/{partition}/{offset}@{subscription}",
        stage="deliver",
        topic=topic,
        partition=partition,
        offset=offset,
        key=key.decode("utf-8", "replace") if key is not None else None,
        payload=payload,
        payload_encoding=encoding,  # type: ignore[arg-type]
        error=error,
        reason=reason[:2000],
        failed_at=to_iso(utcnow()),
        subscription=subscription,
    )
