"""feedparser on bytes, hostile XML defused, and the parse worker processes' limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.exceptions import ParseError
from feeds.parse import has_entity_declarations, neutralise, parse_feed
from feeds.parse_worker import ParsePool

DATA = Path(__file__).resolve().parents[1] / "data" / "feeds"
ATOM = {"content-type": "application/atom+xml; charset=utf-8"}
RSS = {"content-type": "application/rss+xml"}


def test_atom_entry_becomes_clean_text_with_language_and_dates() -> None:
    feed = parse_feed((DATA / "atom.xml").read_bytes(), ATOM, "https://interieur.example/feed")
    assert (feed.version, feed.title, feed.language) == ("atom10", "Ministère de l'Intérieur", "fr-fr")
    (entry,) = feed.entries
    assert entry.title == "Bilan: 47 morts"
    assert entry.text == "Le ministère a annoncé 47 morts.\nDeuxième paragraphe."
    assert entry.link == "https://interieur.example/bilan?id=7"
    assert entry.guid == "https://interieur.example/bilan?id=7"
    assert entry.published == "2025-09-03T10:00:00Z"  # only <updated>: taken as published, in UTC
    assert entry.categories == ["séisme"]
    assert entry.language == "fr-fr"


def test_undated_rss_entry_has_no_date() -> None:
    feed = parse_feed((DATA / "rss_undated.xml").read_bytes(), RSS, "https://police.example/rss")
    (entry,) = feed.entries
    assert entry.published is None
    assert feed.language == "en-gb"
    assert entry.text == "Police said 12 people were arrested."


def test_entity_declarations_are_removed_in_any_encoding() -> None:
    doc = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "AAAA">]>'
        '<rss version="2.0"><channel><item><title>&a;</title></item></channel></rss>'
    )
    for codec in ("utf-8", "utf-16"):
        body = doc.replace('version="1.0"', f'version="1.0" encoding="{codec}"').encode(codec)
        assert has_entity_declarations(body)
        cleaned, headers, notes = neutralise(body, {})
        assert b"<!ENTITY" not in cleaned
        assert b"DOCTYPE" not in cleaned
        assert "entity declarations removed" in notes
        assert "charset=utf-8" in headers["content-type"]
    plain = b"<rss version='2.0'><channel></channel></rss>"
    assert neutralise(plain, RSS) == (plain, RSS, [])


def test_a_billion_laughs_parses_quickly_to_literal_text() -> None:
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "ha">{levels}]>'
        '<rss version="2.0"><channel><item><title>&l9;</title>'
        "<description>x</description></item></channel></rss>"
    ).encode()
    feed = parse_feed(doc, RSS, "http://x/")
    assert len(feed.entries[0].title) < 100


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"   ", "empty"),
        (b"<html><body>hello</body></html>", "not_a_feed"),
        (b"\x00\x01garbage", "not_a_feed"),
    ],
)
def test_what_is_not_a_feed_is_rejected_with_a_reason(body: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_feed(body, {"content-type": "text/html"}, "http://x/")
    assert caught.value.reason == reason


async def test_the_worker_pool_parses_and_survives_a_timeout_and_a_crash() -> None:
    big = (
        b"<rss version='2.0'><channel>"
        + b"".join(
            b"<item><title>t%d</title><description>&lt;p&gt;x&lt;/p&gt;</description></item>" % i
            for i in range(40_000)
        )
        + b"</channel></rss>"
    )
    small = (DATA / "rss_undated.xml").read_bytes()
    async with ParsePool(workers=1, timeout=0.2, memory_mb=1024) as pool:
        with pytest.raises(ParseError) as caught:
            await pool.parse(big, RSS, "http://x/")
        assert caught.value.reason == "timeout"
        assert pool.restarts == 1
        pool.timeout = 30
        feed = await pool.parse(small, RSS, "http://x/")
        assert feed.entries[0].title == "Twelve arrested"
    heavy = (
        b"<rss version='2.0'><channel>"
        + b"".join(
            b"<item><title>t%d</title><description>%s</description></item>" % (i, b"y" * 2000)
            for i in range(6000)
        )
        + b"</channel></rss>"
    )
    async with ParsePool(workers=1, timeout=30, memory_mb=80) as tight:
        assert (await tight.parse(small, RSS, "http://x/")).entries  # the limit leaves room for a normal feed
        with pytest.raises(ParseError) as caught:
            await tight.parse(heavy, RSS, "http://x/")  # 12 MB of feed does not fit in 80 MiB
        assert caught.value.reason in {"memory", "crashed"}
        assert (await tight.parse(small, RSS, "http://x/")).entries  # and the pool goes on


def test_huge_fields_are_cut_to_the_article_limits() -> None:
    huge = b"<rss version='2.0'><channel><item><title>" + b"T" * 3_000_000 + b"</title>"
    huge += b"<description>" + b"word " * 600_000 + b"</description></item></channel></rss>"
    (entry,) = parse_feed(huge, RSS, "http://x/").entries
    assert len(entry.title) == 4000
    assert len(entry.text) <= 2_000_000
