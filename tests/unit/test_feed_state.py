"""The poller's SQLite state: feeds, the bounded seen-set, in-flight articles, checkpoints."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.config import FeedSpec
from feeds.dedup import Candidate
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
