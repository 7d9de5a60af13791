"""The poller's SQLite state: feeds, the bounded seen-set, in-flight articles, checkpoints."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from feeds.config import FeedSpec
from feeds.dedup import Candidate, sketch
from feeds.exceptions import FeedError
from feeds.parse import ParsedEntry
from feeds.state import StateStore

ENTRY = ParsedEntry(guid="g", link=None, title="T", text="x", published=None, updated=None, language=None)


def candidate(article_id: str, revision: int = 0, digest: str = "h") -> Candidate:
    return Candidate(article_id, ENTRY, digest, revision, None)


def test_state_survives_a_reopen_and_a_url_change_resets_the_feed(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    store = StateStore(path)
    state = store.sync([FeedSpec(id="f", url="http://a/")])["f"]
    state.url, state.etag, state.status = "http://moved/", '"e"', "gone"
    store.record(state, [candidate("a1")], [], 1000.0)
    store.close()
    store = StateStore(path)
    again = store.sync([FeedSpec(id="f", url="http://a/")])["f"]
    assert (again.url, again.etag, again.status) == ("http://moved/", '"e"', "gone")
    assert set(store.seen(["a1", "zz"])) == {"a1"}
    fresh = store.sync([FeedSpec(id="f", url="http://b/")])["f"]
    assert (fresh.url, fresh.etag, fresh.status) == ("http://b/", None, "active")
    store.close()


def test_one_poller_per_state_file(tmp_path: Path) -> None:
    first = StateStore(tmp_path / "s.sqlite3")
    try:
        with pytest.raises(FeedError, match="another poller"):
            StateStore(tmp_path / "s.sqlite3")
    finally:
        first.close()
    StateStore(tmp_path / "s.sqlite3").close()


def test_seen_set_is_bounded_per_feed_keeping_the_most_recent() -> None:
    store = StateStore(None, keep_per_feed=10)
    state = store.sync([FeedSpec(id="f", url="http://a/")])["f"]
    for batch in range(5):
        store.record(state, [candidate(f"a{batch}-{i}") for i in range(5)], [], 1000.0 + batch)
    assert store.seen_count() <= 11
    assert set(store.seen([f"a4-{i}" for i in range(5)])) == {f"a4-{i}" for i in range(5)}
    assert store.seen(["a0-0"]) == {}
    kept = store.seen_count()
    assert store.forget_old(1000.0 + 200 * 86400) == kept
    assert store.seen_count() == 0


def test_pending_and_checkpoints() -> None:
    store = StateStore(None)
    store.sync([FeedSpec(id="f", url="http://a/")])
    store.add_checkpoint("t", {0: 5, 1: 7}, done_at=100.0)
    store.add_checkpoint("t", {0: 9, 1: 9}, done_at=200.0)
    store.add_pending("b1", "f", [candidate("a1"), candidate("a2", revision=1)], now=150.0)
    store.add_pending("b2", "f", [candidate("a3")], now=250.0)
    assert {p.article_id for p in store.pending(excluding={"b2"})} == {"a1", "a2"}
    oldest = min(p.created_at for p in store.pending())
    assert store.checkpoint_before("t", oldest) == {0: 5, 1: 7}
    assert store.checkpoint_before("t", 50.0) is None
    pending = store.pending()
    landed = [p for p in pending if p.article_id == "a2"]
    store.settle_pending(landed, [p for p in pending if p.article_id != "a2"], now=300.0)
    assert store.pending() == []
    assert set(store.seen(["a1", "a2", "a3"])) == {"a2"}
    assert store.seen(["a2"])["a2"].revision == 1


def test_a_url_change_keeps_how_the_feed_makes_its_ids() -> None:
    store = StateStore(None)
    state = store.sync([FeedSpec(id="f", url="http://a/")])["f"]
    state.guid_unreliable, state.etag = True, '"e"'
    store.save_feed(state)
    moved = store.sync([FeedSpec(id="f", url="http://b/")])["f"]
    assert (moved.url, moved.etag, moved.guid_unreliable) == ("http://b/", None, True)


def test_recording_articles_without_the_feed_row() -> None:
    store = StateStore(None)
    fresh = store.sync([FeedSpec(id="f", url="http://b/")])["f"]
    superseded = FeedSpec(id="f", url="http://a/")
    stale = store.sync([superseded])["f"]  # what a poll of the old URL held
    store.sync([FeedSpec(id="f", url="http://b/")])
    stale.etag = '"old"'
    store.record(stale, [candidate("a1")], [], 1000.0, save_feed=False)
    assert set(store.seen(["a1"])) == {"a1"}
    assert store.feeds()["f"].config_url == fresh.config_url == "http://b/"
    assert store.feeds()["f"].etag is None


def test_sketches_are_kept_with_seen_and_pending_articles() -> None:
    store = StateStore(None)
    state = store.sync([FeedSpec(id="f", url="http://a/")])["f"]
    store.record(state, [candidate("a1")], [], 1000.0)
    assert store.seen(["a1"])["a1"].sketch == sketch(ENTRY)
    store.add_pending("b", "f", [candidate("a2")], now=1001.0)
    (pending,) = store.pending()
    assert pending.sketch == sketch(ENTRY)
    store.settle_pending([pending], [], now=1002.0)
    assert store.seen(["a2"])["a2"].sketch == sketch(ENTRY)


def test_a_state_file_from_before_sketches_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE seen (article_id TEXT PRIMARY KEY, feed_id TEXT NOT NULL, content_hash TEXT NOT NULL,"
        " revision INTEGER NOT NULL DEFAULT 0, first_seen REAL NOT NULL, last_seen REAL NOT NULL,"
        " link_hash TEXT);"
        "CREATE TABLE pending (article_id TEXT NOT NULL, revision INTEGER NOT NULL, feed_id TEXT NOT NULL,"
        " batch TEXT NOT NULL, content_hash TEXT NOT NULL, first_seen REAL NOT NULL,"
        " created_at REAL NOT NULL, link_hash TEXT, PRIMARY KEY (article_id, revision));"
        "INSERT INTO seen VALUES ('a0', 'f', 'h', 0, 1.0, 1.0, NULL);"
    )
    old.commit()
    old.close()
    store = StateStore(path)
    try:
        assert store.seen(["a0"])["a0"].sketch is None
        state = store.sync([FeedSpec(id="f", url="http://a/")])["f"]
        store.record(state, [candidate("a1")], [], 1000.0)
        store.add_pending("b", "f", [candidate("a2")], now=1001.0)
        assert store.seen(["a1"])["a1"].sketch == sketch(ENTRY)
        assert [p.article_id for p in store.pending()] == ["a2"]
    finally:
        store.close()
