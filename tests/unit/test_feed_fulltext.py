"""Full-text fetch: which entries get their page, the extraction, and the feature without trafilatura."""

from __future__ import annotations

import logging

import pytest

from feeds import fulltext, page_text
from feeds.config import FeedsConfig, FeedSpec
from feeds.exceptions import ParseError
from feeds.fetch import Fetcher
from feeds.parse_worker import ParsePool
from feeds.poller import FeedSource, Poller
from feeds.sinks import StdoutSink
from feeds.state import StateStore
from newsdesk.settings import Settings

STORY = (
    "The Interior Ministry said on Tuesday that 47 people were killed when the earthquake struck the "
    "province before dawn, raising its toll from 31 given on Monday evening. Rescue teams worked "
    "through the night in the districts closest to the epicentre."
)
PAGE = (
    "<html><head><title>Quake</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
    f"<article><h1>Quake toll rises</h1><p>{STORY}</p><p>{STORY.replace('47', 'forty-seven')}</p></article>"
    "<footer>Copyright. Cookie settings.</footer></body></html>"
)


def test_only_summaries_with_a_link_want_their_page() -> None:
    assert fulltext.needs_page("A two-line summary.", "https://x.example/a")
    assert not fulltext.needs_page("A two-line summary.", None)
    assert not fulltext.needs_page("x" * fulltext.SUMMARY_CHARS, "https://x.example/a")


def test_the_feed_setting_wins_over_the_global_one() -> None:
    on, off = Settings(poll_fulltext=True), Settings()
    assert fulltext.enabled(FeedSpec(id="a", url="u"), on)
    assert not fulltext.enabled(FeedSpec(id="a", url="u"), off)
    assert fulltext.enabled(FeedSpec(id="a", url="u", fulltext=True), off)
    assert not fulltext.enabled(FeedSpec(id="a", url="u", fulltext=False), on)


@pytest.mark.parametrize(
    ("content_type", "html"),
    [
        ("text/html; charset=utf-8", True),
        ("application/xhtml+xml", True),
        (None, True),
        ("application/pdf", False),
        ("image/png", False),
    ],
)
def test_what_counts_as_html(content_type: str | None, html: bool) -> None:
    assert fulltext.is_html(content_type) is html


def test_the_main_text_of_a_page_without_its_furniture() -> None:
    text = page_text.extract_text(PAGE.encode(), {"Content-Type": "text/html; charset=utf-8"}, "http://x/a")
    assert "raising its toll from 31" in text
    assert "forty-seven" in text
    assert "Cookie settings" not in text
    assert "World" not in text


def test_the_charset_of_the_response_is_used() -> None:
    page = PAGE.replace("Interior Ministry", "Ministère de l'Intérieur").encode("iso-8859-1")
    text = page_text.extract_text(page, {"content-type": "text/html; charset=iso-8859-1"}, "")
    assert "Ministère de l'Intérieur" in text
    assert page_text.decode(b"abc", {"content-type": "text/html; charset=no-such-codec"}) == b"abc"


def test_a_page_without_an_article_is_a_clear_error() -> None:
    with pytest.raises(ParseError) as caught:
        page_text.extract_text(b"<html><body><div><img src='video.png'></div></body></html>", {}, "")
    assert caught.value.reason == "no_text"


async def test_page_workers_extract_and_survive_a_pathological_page() -> None:
    pathological = b"<html><body><article>" + b"<p>word word word</p>" * 50_000 + b"</article></body></html>"
    async with ParsePool(workers=1, timeout=1.0, memory_mb=1024, role="page") as pool:
        assert "raising its toll" in await pool.extract(PAGE.encode(), {}, "http://x/a")
        with pytest.raises(ParseError) as caught:
            await pool.extract(pathological, {}, "http://x/b")
        assert caught.value.reason == "timeout"
        assert pool.restarts == 1
        assert "raising its toll" in await pool.extract(PAGE.encode(), {}, "http://x/a")


async def test_without_trafilatura_full_text_is_off_with_one_clear_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(page_text, "available", lambda: False)
    caplog.set_level(logging.WARNING, logger="feeds")
    settings = Settings()
    feeds = FeedsConfig(feeds=(FeedSpec(id="a", url="http://a.example/", fulltext=True),))
    async with (
        Fetcher(settings, allow_private=False) as fetcher,
        ParsePool(workers=1, timeout=5, memory_mb=512) as pool,
        ParsePool(workers=1, timeout=5, memory_mb=512, role="page") as pages,
    ):
        poller = Poller(
            settings,
            source=FeedSource(settings, None, []),
            sink=StdoutSink(),
            state=StateStore(None),
            fetcher=fetcher,
            parser=pool,
            pages=pages,
        )
        poller.apply(feeds)
        poller.apply(feeds)  # a reload says nothing new
    assert poller.pages is None
    warnings = [r for r in caplog.records if getattr(r, "event", None) == "fulltext_unavailable"]
    assert len(warnings) == 1
    assert "trafilatura is not installed" in warnings[0].getMessage()
    assert "newsdesk[fulltext]" in warnings[0].getMessage()
