"""HMAC-SHA256 signatures, so a receiver knows a POST came from newsdesk and was not replayed.

Each request carries two headers:

- ``X-Newsdesk-Timestamp``: Unix time in seconds when the attempt was sent;
- ``X-Newsdesk-Signature``: ``v1=`` + hex HMAC-SHA256, keyed with the subscription's secret,
  over ``timestamp + "." + body`` (the body's exact bytes).

To verify: recompute the HMAC over the timestamp header, a dot and the raw body; compare in
constant time; reject timestamps more than a few minutes from your clock (a replay).
:func:`verify` does exactly that and is what a Python receiver can import.
"""

from __future__ import annotations

import hashlib
import hmac

TIMESTAMP_HEADER = "X-Newsdesk-Timestamp"
SIGNATURE_HEADER = "X-Newsdesk-Signature"
VERSION = "v1"
DEFAULT_TOLERANCE = 300.0


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256)
    return f"{VERSION}={mac.hexdigest()}"


def signed_headers(secret: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: sign(secret, timestamp, body)}


def verify(
    secret: str,
    timestamp: str | None,
    body: bytes,
    signature: str | None,
    *,
    now: float,
    tolerance: float = DEFAULT_TOLERANCE,
) -> bool:
    """True when ``signature`` is ours for this body and timestamp, and the timestamp is recent."""
    if not timestamp or not signature or not timestamp.isdigit():
        return False
    if abs(now - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, int(timestamp), body), signature.strip())
