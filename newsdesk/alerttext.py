"""How an alert's figures and links read for people, wherever they are shown.

Shared by the board and webhook payloads, so a desk reads "about 600" and sees the same
links as safe (or not) in the browser and in chat. Alert fields come from feeds: nothing
here trusts them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from newsdesk.tracking.describe import describe

_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")


def safe_url(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) URL a browser can follow harmlessly, else None."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    if not text or len(text) > 2048 or _UNSAFE_URL_CHARS.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    return text


def figure_text(figure: Mapping[str, Any], *, compact: bool = False) -> str:
    try:
        return describe(
            figure.get("value"),
            figure.get("low"),
            figure.get("high"),
            str(figure.get("qualifier") or "exact"),
            figure.get("vague_text"),
            compact=compact,
        )
    except (TypeError, ValueError):
        return "?"
