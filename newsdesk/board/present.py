"""What the board shows for one alert: a "card" of plain strings, computed once on the server.

Everything here comes from feeds and is untrusted. The browser inserts these strings with
``textContent`` only; this module's job is to decide *what* is shown: which links are safe
to make clickable (http and https only) and where the number stands in the evidence
sentence, so the page can highlight it without parsing text itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newsdesk.alerttext import figure_text, safe_url

_MAX_RANGE_GAP = 16
"""Characters allowed between the two ends of a range ("2,000 to 3,000") to highlight it as one."""


def locate_number(sentence: str, figure: Mapping[str, Any]) -> tuple[int, int] | None:
    """Where the figure's number stands in ``sentence``, as ``(start, end)``; None when not found.

    Claim evidence offsets win when the alert carries them (``evidence``: the sentence's and
    the number's offsets in the article); otherwise the number is searched for as an outlet
    would write it: "4,700", "4700", "4.7 million", or the vague words ("a handful").
    """
    if not sentence:
        return None
    span = _span_from_evidence(sentence, figure.get("evidence"))
    if span is not None:
        return span
    number_text = figure.get("number_text")
    if isinstance(number_text, str) and number_text.strip():
        found = _find(sentence, number_text.strip())
        if found is not None:
            return found
    if figure.get("qualifier") == "vague" and isinstance(figure.get("vague_text"), str):
        found = _find(sentence, figure["vague_text"])
        if found is not None:
            return found
    if figure.get("qualifier") == "range":
        low = _find_number(sentence, figure.get("low"))
        high = _find_number(sentence, figure.get("high"))
        if low and high and low[1] <= high[0] and high[0] - low[1] <= _MAX_RANGE_GAP:
            return (low[0], high[1])
        return low or high
    for value in (figure.get("value"), figure.get("low"), figure.get("high")):
        found = _find_number(sentence, value)
        if found is not None:
            return found
    return None


def card(alert: Mapping[str, Any], *, seq: int, order: tuple[int, int]) -> dict[str, Any]:
    """The board's view of one alert (JSON-ready). ``order`` sorts cards newest first."""
    current: Mapping[str, Any] = alert.get("current") or {}
    previous: Mapping[str, Any] | None = alert.get("previous")
    sentence = str(current.get("sentence") or "")
    span = locate_number(sentence, current)
    return {
        "seq": seq,
        "order": list(order),
        "id": alert.get("id"),
        "kind": alert.get("kind"),
        "severity": alert.get("severity") or "low",
        "figure_key": alert.get("figure_key"),
        "party": alert.get("party"),
        "subject": alert.get("subject"),
        "metric": alert.get("metric"),
        "summary": alert.get("summary") or "",
        "previous": _figure(previous) if previous else None,
        "current": _figure(current),
        "sentence": sentence,
        "highlight": list(span) if span else None,
        "url": safe_url(alert.get("url")) or safe_url(current.get("url")),
        "context": [_context(item) for item in alert.get("context") or [] if isinstance(item, Mapping)],
    }


def _figure(figure: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "text": figure_text(figure),
        "source": figure.get("source"),
        "outlet": figure.get("outlet"),
        "published": figure.get("published"),
        "url": safe_url(figure.get("url")),
    }


def _context(item: Mapping[str, Any]) -> dict[str, Any]:
    ratio = item.get("ratio_to_official")
    return {
        "text": figure_text(item),
        "source": item.get("source"),
        "outlet": item.get("outlet"),
        "stance": item.get("stance"),
        "published": item.get("published"),
        "ratio": _ratio(ratio),
        "gap": item.get("gap") if isinstance(item.get("gap"), str) else None,
        "url": safe_url(item.get("url")),
    }


def _ratio(ratio: Any) -> str:
    """ "6.0x official" beside a third-party figure; nothing when there is no ratio to give."""
    if not isinstance(ratio, int | float) or isinstance(ratio, bool) or ratio <= 0:
        return ""
    return f"{ratio:.1f}x official" if ratio < 10 else f"{ratio:.0f}x official"


def _span_from_evidence(sentence: str, evidence: Any) -> tuple[int, int] | None:
    if not isinstance(evidence, Mapping):
        return None
    try:
        start = int(evidence["start"])
        number_start = int(evidence["number_start"]) - start
        number_end = int(evidence["number_end"]) - start
    except (KeyError, TypeError, ValueError):
        return None
    if 0 <= number_start < number_end <= len(sentence):
        return (number_start, number_end)
    return None


def _find(sentence: str, text: str) -> tuple[int, int] | None:
    pattern = r"(?<![\w])" + re.escape(text) + r"(?![\w])"
    match = re.search(pattern, sentence, flags=re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def _find_number(sentence: str, value: Any) -> tuple[int, int] | None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    for text in _spellings(float(value)):
        # Not part of a longer number: "100" must not light up inside "1,000" or "100.5".
        pattern = r"(?<![\w.,])" + re.escape(text) + r"(?![\w]|[.,]\d)"
        match = re.search(pattern, sentence, flags=re.IGNORECASE)
        if match:
            return (match.start(), match.end())
    return None


def _spellings(value: float) -> Iterator[str]:
    """Ways outlets write a number, most specific first."""
    for scale, words in ((1e9, ("billion", "bn")), (1e6, ("million", "m"))):
        if abs(value) >= scale:
            scaled = value / scale
            if round(scaled, 2) == scaled:
                short = f"{scaled:g}"
                for word in words:
                    yield f"{short} {word}"
                    yield f"{short}{word}"
    if value.is_integer():
        whole = int(value)
        grouped = f"{whole:,}"
        yield grouped
        if "," in grouped:
            yield grouped.replace(",", " ")
            yield grouped.replace(",", "\u202f")
            yield grouped.replace(",", ".")
        yield str(whole)
    else:
        yield f"{value:g}"
        yield f"{value:,}"
