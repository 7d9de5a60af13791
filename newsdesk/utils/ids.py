"""Stable identifiers: the same content always gets the same id, on any machine, in any run."""

from __future__ import annotations

import hashlib


def stable_id(*parts: str | None, length: int = 20) -> str:
    """A hex digest of the parts (None counts as empty), ``length`` characters long."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:length]
