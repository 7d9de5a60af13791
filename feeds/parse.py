"""Turn a downloaded feed body into plain entries with feedparser, after defusing hostile XML.

feedparser is given the bytes and the HTTP response headers (never a URL: it would fetch it
itself). Before it sees them, :func:`neutralise` removes the DOCTYPE of any document that
declares entities: feedparser's loose parser re-expands a declared entity at every reference
with no limit, so ``<!ENTITY a "...1 MB...">`` and a million ``&a;`` would be a terabyte of
text. Nothing here bounds time or memory by itself: :mod:`feeds.parse_worker` runs this in a
separate process with an address-space limit and a timeout.
"""

from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import feedparser
from feedparser.encodings import convert_to_utf8

from feeds.exceptions import ParseError
from feeds.normalise import (
    MAX_URL,
    canonical_url,
    clean_text,
    html_to_text,
    language_tag,
    one_line,
    struct_to_iso,
)

MAX_ENTRIES = 1000
MAX_GUID = 2000
MAX_TAGS = 20
_ENTITY = "<!ENTITY"
ENTITY_MARKERS = tuple(
    _ENTITY.encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp037")
)
_FIRST_ELEMENT = re.compile(rb"<\w")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_DECL_TOKENS = re.compile(rb"\"[^\"]*\"|'[^']*'|[\[\]>]|[^\"'\[\]>]+|[\"']")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    guid: str | None
    link: str | None
    title: str
    text: str
    published: str | None
    updated: str | None
    language: str | None
    categories: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    version: str
    title: str
    link: str | None
    language: str | None
    bozo: str | None
    """Why feedparser found the document ill-formed (it still parsed what it could), or None."""
    entries: list[ParsedEntry]
    notes: list[str] = field(default_factory=list)
    """What :func:`neutralise` changed before parsing."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedFeed:
        entries = [ParsedEntry(**entry) for entry in data.get("entries", [])]
        return cls(**{**data, "entries": entries})


def has_entity_declarations(body: bytes) -> bool:
    """Whether ``<!ENTITY`` appears in any encoding feedparser decodes (ASCII family, UTF-16/32, EBCDIC)."""
    return any(marker in body for marker in ENTITY_MARKERS)


def neutralise(body: bytes, headers: dict[str, str]) -> tuple[bytes, dict[str, str], list[str]]:
    """Drop the DOCTYPE (and its internal subset) of a document that declares entities.

    Documents without entity declarations pass through untouched, so feedparser sees exactly
    what the publisher sent. Otherwise the body is re-encoded to UTF-8 (as feedparser would),
    the DOCTYPE and any stray ``<!ENTITY`` are removed, and the charset header says UTF-8.
    References to the removed entities stay as literal text.
    """
    if not has_entity_declarations(body):
        return body, headers, []
    result: dict[str, Any] = {}
    data = convert_to_utf8(headers, body, result)
    notes = ["entity declarations removed"]
    doctype = _DOCTYPE.search(data)
    if doctype is not None:
        end = _declaration_end(data, doctype.start())
        data = data[: doctype.start()] + data[end:]
        notes.append("DOCTYPE removed")
    first = _FIRST_ELEMENT.search(data)
    split = first.start() if first else len(data)
    head = data[:split].replace(_ENTITY.encode(), b"")
    media_type = headers.get("content-type", "application/xml").split(";")[0].strip() or "application/xml"
    return head + data[split:], {**headers, "content-type": f"{media_type}; charset=utf-8"}, notes


def _declaration_end(data: bytes, start: int) -> int:
    """Offset just past the ``>`` that closes the declaration at ``start`` (quotes and [...] aware)."""
    depth = 0
    for match in _DECL_TOKENS.finditer(data, start + 2):
        token = match.group()
        if token == b"[":
            depth += 1
        elif token == b"]":
            depth = max(0, depth - 1)
        elif token == b">" and depth == 0:
            return match.end()
    return len(data)


def parse_feed(body: bytes, headers: dict[str, str], url: str) -> ParsedFeed:
    """Entries of a feed as plain text. A body that is not a feed raises :class:`ParseError`."""
    if not body.strip():
        raise ParseError("empty", "the response body is empty")
    body, headers, notes = neutralise(body, {k.lower(): v for k, v in headers.items()})
    headers = {"content-location": url, **headers}
    result = feedparser.parse(io.BytesIO(body), response_headers=headers)
    version = result.get("version") or ""
    bozo = _bozo(result)
    raw_entries = result.get("entries") or []
    if not raw_entries and not version:
        raise ParseError("not_a_feed", f"not an RSS/Atom/RDF feed{f' ({bozo})' if bozo else ''}")
    feed = result.get("feed") or {}
    feed_language = language_tag(feed.get("language"), _detail_language(feed, "title_detail"))
    entries = [_entry(raw) for raw in raw_entries[:MAX_ENTRIES]]
    if len(raw_entries) > MAX_ENTRIES:
        notes.append(f"only the first {MAX_ENTRIES} of {len(raw_entries)} entries kept")
    return ParsedFeed(
        version=version,
        title=one_line(_text(feed, "title")),
        link=canonical_url(_string(feed.get("link"))),
        language=feed_language,
        bozo=bozo,
        entries=entries,
        notes=notes,
    )


def _entry(raw: Any) -> ParsedEntry:
    guid = _string(raw.get("id"))
    published = struct_to_iso(raw.get("published_parsed") or raw.get("created_parsed"))
    updated = struct_to_iso(raw.get("updated_parsed"))
    return ParsedEntry(
        guid=guid.strip()[:MAX_GUID] or None if guid else None,
        link=canonical_url(_link(raw)),
        title=one_line(_text(raw, "title")),
        text=_body(raw),
        published=published or updated,
        updated=updated if updated != published else None,
        language=language_tag(
            _detail_language(raw, "title_detail"),
            _detail_language(raw, "summary_detail"),
            *(_string(c.get("language")) for c in raw.get("content") or [] if isinstance(c, dict)),
        ),
        categories=_categories(raw),
    )


def _link(raw: Any) -> str | None:
    link = _string(raw.get("link"))
    if link:
        return link[:MAX_URL]
    for item in raw.get("links") or []:
        if isinstance(item, dict) and item.get("rel", "alternate") == "alternate" and item.get("href"):
            return str(item["href"])[:MAX_URL]
    return None


def _text(holder: Any, key: str) -> str:
    """A text construct (title, summary) as plain text, whatever markup type it declares."""
    value = _string(holder.get(key)) or ""
    detail = holder.get(f"{key}_detail") or {}
    kind = str(detail.get("type", "text/plain")) if isinstance(detail, dict) else "text/plain"
    if kind in _HTML_TYPES or "<" in value or "&" in value:
        return html_to_text(value)
    return clean_text(value)


def _body(raw: Any) -> str:
    """The longest of the entry's contents, else its summary, as plain text."""
    best = ""
    best_type = "text/html"
    for item in raw.get("content") or []:
        if isinstance(item, dict):
            value = _string(item.get("value")) or ""
            if len(value) > len(best):
                best, best_type = value, str(item.get("type", "text/html"))
    summary = _string(raw.get("summary")) or ""
    if len(summary) > len(best):
        return _text(raw, "summary")
    if best_type in _HTML_TYPES or "<" in best or "&" in best:
        return html_to_text(best)
    return clean_text(best)


def _categories(raw: Any) -> list[str]:
    found: list[str] = []
    for tag in raw.get("tags") or []:
        if not isinstance(tag, dict):
            continue
        label = one_line(_string(tag.get("term")) or _string(tag.get("label")) or "", limit=200)
        if label and label not in found:
            found.append(label)
        if len(found) >= MAX_TAGS:
            break
    return found


def _detail_language(holder: Any, key: str) -> str | None:
    detail = holder.get(key)
    return _string(detail.get("language")) if isinstance(detail, dict) else None


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _bozo(result: Any) -> str | None:
    if not result.get("bozo"):
        return None
    exc = result.get("bozo_exception")
    text = f"{type(exc).__name__}: {exc}" if exc is not None else "ill-formed"
    return text[:300]
