"""The body of a webhook POST: the alert as published, plus a Slack-compatible ``text``.

The alert's own fields are passed through untouched (receivers deduplicate on ``id`` and may
read anything the schema has, including fields added later). ``text`` is Slack "mrkdwn":
feed text in it is escaped (``&``, ``<``, ``>``), so an article cannot inject mentions or
links, and the one link it carries is the article's, only when it is a plain http(s) URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsdesk.alerttext import figure_text, safe_url
from newsdesk.utils import json

MAX_CONTEXT_LINES = 3


def body(alert: Mapping[str, Any]) -> bytes:
    return json.dumps({**alert, "text": slack_text(alert)})


def slack_text(alert: Mapping[str, Any]) -> str:
    current: Mapping[str, Any] = alert.get("current") or {}
    previous: Mapping[str, Any] | None = alert.get("previous")
    kind = str(alert.get("kind") or "alert").upper()
    severity = str(alert.get("severity") or "low")
    headline = alert.get("summary") or _headline(alert, previous, current)
    lines = [f"*{escape(kind)}* ({escape(severity)}) {escape(str(headline))}"]
    sentence = current.get("sentence")
    if sentence:
        lines.append("> " + escape(" ".join(str(sentence).split())))
    if previous:
        lines.append(f"Previously: {escape(_figure_with_source(previous))}")
    for item in list(alert.get("context") or [])[:MAX_CONTEXT_LINES]:
        if isinstance(item, Mapping):
            lines.append(f"Beside it: {escape(_context(item))}")
    url = safe_url(alert.get("url")) or safe_url(current.get("url"))
    if url and "|" not in url:
        lines.append(f"<{url}|Read the article>")
    return "\n".join(lines)


def escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _headline(
    alert: Mapping[str, Any], previous: Mapping[str, Any] | None, current: Mapping[str, Any]
) -> str:
    what = f"{alert.get('party') or '?'} · {alert.get('subject') or ''} {alert.get('metric') or ''}".strip()
    change = figure_text(current) if not previous else f"{figure_text(previous)} → {figure_text(current)}"
    return f"{what}: {change}"


def _figure_with_source(figure: Mapping[str, Any]) -> str:
    source = figure.get("source") or "source unknown"
    date = str(figure.get("published") or "?")[:10]
    return f"{figure_text(figure)} ({source}, {date})"


def _context(item: Mapping[str, Any]) -> str:
    ratio = item.get("ratio_to_official")
    numeric = isinstance(ratio, int | float) and not isinstance(ratio, bool)
    words = [str(item.get("source") or "unattributed"), str(item.get("stance") or ""), figure_text(item)]
    text = " ".join(word for word in words if word)
    return f"{text}, {ratio:.1f}x official" if numeric else text
