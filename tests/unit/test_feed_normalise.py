"""HTML to text, canonical URLs, UTC times and language tags."""

from __future__ import annotations

import time

import pytest

from feeds.normalise import canonical_url, clean_text, html_to_text, language_tag, struct_to_iso


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    html = "<p>Police said <b>12</b> people&nbsp;were arrested.</p><script>steal()</script><p>Second.</p>"
    assert html_to_text(html) == "Police said 12 people were arrested.\nSecond."


def test_html_to_text_handles_plain_text_and_limits() -> None:
    assert html_to_text("just   text\n\n\n\nmore") == "just text\n\nmore"
    assert len(html_to_text("<p>" + "x" * 5000 + "</p>", limit=100)) == 100
    assert clean_text("a\x00b\x07c") == "abc"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.COM:443/a?utm_source=rss&id=7&fbclid=x#top", "https://example.com/a?id=7"),
        ("http://example.com:8080", "http://example.com:8080/"),
        ("https://example.com/a?b=1&a=2", "https://example.com/a?b=1&a=2"),
        ("javascript:alert(1)", None),
        ("ftp://example.com/file", None),
        ("https://", None),
        ("http://[::1]:99999/", None),
        (None, None),
    ],
)
def test_canonical_url(url: str | None, canonical: str | None) -> None:
    assert canonical_url(url) == canonical


def test_struct_times_become_utc_iso() -> None:
    assert struct_to_iso(time.strptime("2025-09-03 10:00:00", "%Y-%m-%d %H:%M:%S")) == "2025-09-03T10:00:00Z"
    assert struct_to_iso(None) is None
    assert struct_to_iso((1066, 10, 14, 9, 0, 0, 0, 0, 0)) is None
    assert struct_to_iso((2025, 2, 30, 0, 0, 0, 0, 0, 0)) is None


def test_language_tags() -> None:
    assert language_tag(None, "en_US") == "en-us"
    assert language_tag("not a language!", "fr") == "fr"
    assert language_tag("de-DE, en;q=0.5") == "de-de"
    assert language_tag(None, "") is None
