"""The main text of an article's web page, with trafilatura: what the full-text fetch publishes.

Runs inside a :mod:`feeds.parse_worker` process (``--role page``), never in the poller: an
article page is HTML from a stranger, and trafilatura over lxml can take minutes and gigabytes
on a pathological one (a megabyte of ``<p>`` elements takes about five seconds; six megabytes
took five minutes when measured). The worker's address-space limit and the pool's timeout bound
that. trafilatura is an optional dependency (``pip install 'newsdesk[fulltext]'``): without it
:func:`available` is False and the poller leaves full-text fetch off, saying so once.
"""

from __future__ import annotations

import importlib.util
import logging
import re

from feeds.exceptions import ParseError
from feeds.normalise import MAX_TEXT, clean_text

MODULE = "trafilatura"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def available() -> bool:
    """Whether trafilatura can be imported here (checked without importing it)."""
    return importlib.util.find_spec(MODULE) is not None


def preload() -> None:
    """Import trafilatura before the first page, and keep its loggers off the poller's stderr."""
    import trafilatura  # noqa: F401 - loaded now, so the first page is not slower than the rest

    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def decode(body: bytes, headers: dict[str, str]) -> str | bytes:
    """The page as text when the response names a charset Python knows; else the bytes
    (trafilatura then finds the encoding from the page itself)."""
    match = _CHARSET.search(headers.get("content-type", ""))
    if match:
        try:
            return body.decode(match.group(1), errors="replace")
        except LookupError:
            pass
    return body


def extract_text(body: bytes, headers: dict[str, str], url: str) -> str:
    """The article text of a page: paragraphs as lines, no navigation, comments or markup.

    :class:`ParseError` with reason ``unavailable`` (trafilatura missing) or ``no_text``
    (nothing that looks like an article: a consent wall, a video page, a front page).
    """
    try:
        import trafilatura
    except ImportError as exc:
        raise ParseError("unavailable", "trafilatura is not installed") from exc
    text = trafilatura.extract(
        decode(body, {k.lower(): v for k, v in headers.items()}),
        url=url or None,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
        output_format="txt",
    )
    cleaned = clean_text(text or "", limit=MAX_TEXT)
    if not cleaned:
        raise ParseError("no_text", "no article text found on the page")
    return cleaned
