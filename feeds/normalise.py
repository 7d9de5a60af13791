"""From what a feed says to what an article is: clean text, canonical URLs, UTC times, languages.

Plain functions with no I/O; the parse worker calls the text ones, the poller the rest.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser

from newsdesk.utils.timeutil import to_iso

MAX_TITLE = 4000
MAX_TEXT = 2_000_000
MAX_URL = 4096
MAX_HTML = 8 * 1024 * 1024
"""HTML longer than this is cut before parsing: the text limit is far below it anyway."""

DROPPED_ELEMENTS = "script, style, noscript, template, iframe, object, embed, svg, math, head, form, button"
BLOCK_ELEMENTS = (
    "p, div, br, li, ul, ol, dl, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, pre, tr, table, "
    "section, article, header, footer, aside, figure, figcaption, hr"
)
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
        "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "__s",
        "ncid", "cmpid", "ito", "at_medium", "at_campaign", "at_custom1", "at_custom2", "rss", "ref_src",
        "smid", "sr_share", "s_cid", "ocid", "taid", "feature", "spm", "share",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "ga_", "hmb_", "pk_", "mtm_", "wt.", "_ga", "stm_")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def html_to_text(html: str, *, limit: int = MAX_TEXT) -> str:
    """Readable text from an HTML fragment: no markup, paragraphs on their own lines."""
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        return clean_text(html, limit=limit)
    tree = LexborHTMLParser(html[:MAX_HTML])
    for node in tree.css(DROPPED_ELEMENTS):
        node.decompose()
    for node in tree.css(BLOCK_ELEMENTS):
        node.insert_after("\n")
    root = tree.body or tree.root
    return clean_text(root.text(separator="") if root is not None else "", limit=limit)


def clean_text(text: str, *, limit: int = MAX_TEXT) -> str:
    """Collapse runs of spaces, keep paragraph breaks, drop control characters, cut at ``limit``."""
    text = _CONTROL.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    joined = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return joined[:limit]


def one_line(text: str, *, limit: int = MAX_TITLE) -> str:
    return " ".join(_CONTROL.sub("", text).split())[:limit]


def canonical_url(url: str | None) -> str | None:
    """An http(s) URL without fragment, default port and tracking parameters; None for anything else."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(TRACKING_PREFIXES)
    ]
    canonical = urlunsplit((scheme, host, parts.path or "/", urlencode(query, doseq=True), ""))
    return canonical if len(canonical) <= MAX_URL else None


def struct_to_iso(value: time.struct_time | tuple[int, ...] | None) -> str | None:
    """feedparser's ``*_parsed`` values are UTC struct_times; out-of-range dates become None."""
    if not value:
        return None
    try:
        year, month, day, hour, minute, second = tuple(value)[:6]
        moment = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    if moment.year < 1990 or moment.year > 2200:
        return None
    return to_iso(moment)


def language_tag(*candidates: str | None) -> str | None:
    """The first well-formed language tag among ``candidates``, lower case (``en-US`` -> ``en-us``)."""
    for candidate in candidates:
        if not candidate:
            continue
        tag = candidate.split(",")[0].split(";")[0].strip().replace("_", "-").lower()
        if len(tag) <= 35 and _LANGUAGE.match(tag):
            return tag
    return None
