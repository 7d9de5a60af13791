"""The poller's memory, in one SQLite file in the data dir: feed state, seen articles, in-flight sends.

* ``feeds``: per feed its current URL (after permanent redirects), validators (ETag,
  Last-Modified), schedule, failure streak and status (``active``, ``dead``, ``gone``).
* ``seen``: article ids that the broker acknowledged, with a hash of their content (edits
  are republished), a resemblance sketch (:func:`feeds.dedup.sketch`: an edit that moved
  the link is still a revision) and when they were first and last seen. Bounded: per feed only the
  ``keep`` most recently seen are kept; an id still in the feed is touched on every poll
  that sees it, so only ids that left the feed long ago are forgotten.
* ``pending``: articles handed to the broker but not yet acknowledged. After a crash, the
  poller reads the articles topic from a ``checkpoint`` (end offsets taken before those sends)
  and marks what did arrive as seen, so a restart neither republishes nor loses anything.

Validators are saved only together with the seen ids of the same poll, so a 304 can never
hide entries that were not published.

A feed whose configured URL changes starts again from the new URL (validators, schedule,
failures and status reset) but keeps ``guid_unreliable``: the flag says how the ids already in
the seen-set under this feed id were made, and forgetting it would republish the feed's entries
under guid ids.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import IO, Any

from feeds.config import FeedSpec
from feeds.dedup import Candidate, Seen, link_hash, sketch
from feeds.exceptions import FeedError
from newsdesk.utils import json

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    id TEXT PRIMARY KEY,
    config_url TEXT NOT NULL,
    url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    next_poll REAL NOT NULL DEFAULT 0,
    interval REAL,
    failures INTEGER NOT NULL DEFAULT 0,
    failing_since REAL,
    last_error TEXT,
    last_error_kind TEXT,
    last_success REAL,
    status TEXT NOT NULL DEFAULT 'active',
    guid_unreliable INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS seen (
    article_id TEXT PRIMARY KEY,
    feed_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    link_hash TEXT,
    sketch TEXT
);
CREATE INDEX IF NOT EXISTS seen_by_feed ON seen (feed_id, last_seen);
CREATE TABLE IF NOT EXISTS pending (
    article_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    feed_id TEXT NOT NULL,
    batch TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    first_seen REAL NOT NULL,
    created_at REAL NOT NULL,
    link_hash TEXT,
    sketch TEXT,
    PRIMARY KEY (article_id, revision)
);
CREATE TABLE IF NOT EXISTS checkpoints (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    topic TEXT NOT NULL,
    done_at REAL NOT NULL,
    offsets TEXT NOT NULL
);
"""
ADDED_COLUMNS = (("seen", "sketch", "TEXT"), ("pending", "sketch", "TEXT"))
"""Columns added after the first release: state files written before get them at open."""
UPSERT_SEEN = (
    "INSERT INTO seen "
    "(article_id, feed_id, content_hash, revision, first_seen, last_seen, link_hash, sketch) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
    "content_hash = excluded.content_hash, revision = excluded.revision, last_seen = excluded.last_seen, "
    "link_hash = excluded.link_hash, sketch = excluded.sketch"
)
TOUCH_EVERY = 3600.0
"""Seconds between two updates of an unchanged article's last_seen (fewer writes per poll)."""
FORGET_AFTER = 180 * 86400.0
"""Seen ids not seen in any feed for this long are forgotten, whatever feed they came from."""


@dataclass(slots=True)
class FeedState:
    id: str
    config_url: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    next_poll: float = 0.0
    interval: float | None = None
    failures: int = 0
    failing_since: float | None = None
    last_error: str | None = None
    last_error_kind: str | None = None
    last_success: float | None = None
    status: str = "active"
    guid_unreliable: bool = False


@dataclass(frozen=True, slots=True)
class Pending:
    article_id: str
    revision: int
    feed_id: str
    batch: str
    content_hash: str
    first_seen: float
    created_at: float
    link_hash: str | None = None
    sketch: str | None = None


_PENDING_COLUMNS = [f.name for f in fields(Pending)]
_FEED_COLUMNS = [f.name for f in fields(FeedState)]


class StateStore:
    """``StateStore(path)`` keeps state in a file (locked against a second poller); ``None`` in memory."""

    def __init__(self, path: Path | None, *, keep_per_feed: int = 5000) -> None:
        self.path = path
        self.keep_per_feed = keep_per_feed
        self._lock: IO[bytes] | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(path.with_name(path.name + ".lock"))
        try:
            self._db = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
            self._add_new_columns()
        except sqlite3.Error as exc:
            self.close()
            raise FeedError(f"cannot open the poller state {path}: {exc}") from exc

    def _add_new_columns(self) -> None:
        for table, column, kind in ADDED_COLUMNS:
            present = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._db.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ---------------------------------------------------------------- feeds

    def sync(self, specs: Iterable[FeedSpec]) -> dict[str, FeedState]:
        """States for the configured feeds: new feeds are added; a feed whose configured URL changed
        starts again from the new URL (validators, failures and a ``gone`` status are reset; how
        its ids are made, ``guid_unreliable``, is kept)."""
        states = self.feeds()
        with self._transaction():
            for spec in specs:
                state = states.get(spec.id)
                if state is None:
                    state = FeedState(id=spec.id, config_url=spec.url, url=spec.url)
                elif state.config_url != spec.url:
                    state = FeedState(
                        id=spec.id,
                        config_url=spec.url,
                        url=spec.url,
                        guid_unreliable=state.guid_unreliable,
                    )
                else:
                    continue
                states[spec.id] = state
                self._write_feed(state)
        return states

    def feeds(self) -> dict[str, FeedState]:
        rows = self._db.execute(f"SELECT {', '.join(_FEED_COLUMNS)} FROM feeds").fetchall()  # noqa: S608
        return {row[0]: _feed_state(row) for row in rows}

    def save_feed(self, state: FeedState) -> None:
        with self._transaction():
            self._write_feed(state)

    def _write_feed(self, state: FeedState) -> None:
        values = asdict(state)
        values["guid_unreliable"] = int(state.guid_unreliable)
        placeholders = ", ".join(f":{name}" for name in _FEED_COLUMNS)
        self._db.execute(
            f"INSERT OR REPLACE INTO feeds ({', '.join(_FEED_COLUMNS)}) VALUES ({placeholders})",  # noqa: S608
            values,
        )

    # ---------------------------------------------------------------- seen

    def seen(self, ids: Sequence[str]) -> dict[str, Seen]:
        found: dict[str, Seen] = {}
        for chunk in _chunks(ids, 500):
            marks = ", ".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT article_id, content_hash, revision, first_seen, link_hash, sketch FROM seen "  # noqa: S608
                f"WHERE article_id IN ({marks})",
                chunk,
            )
            found.update({row[0]: Seen(*row[1:]) for row in rows})
        return found

    def record(
        self,
        state: FeedState,
        published: Sequence[Candidate],
        still_there: Sequence[str],
        now: float,
        *,
        save_feed: bool = True,
    ) -> None:
        """After the broker acknowledged ``published``: mark them seen and save the feed, atomically.

        ``save_feed=False`` records the articles only (a poll whose feed state was replaced meanwhile).
        """
        with self._transaction() as db:
            db.executemany(
                UPSERT_SEEN,
                [
                    (
                        c.id,
                        state.id,
                        c.content_hash,
                        c.revision,
                        c.first_seen or now,
                        now,
                        link_hash(c.entry),
                        sketch(c.entry),
                    )
                    for c in published
                ],
            )
            if published:
                db.executemany(
                    "DELETE FROM pending WHERE article_id = ? AND revision = ?",
                    [(c.id, c.revision) for c in published],
                )
            db.executemany(
                "UPDATE seen SET last_seen = ? WHERE article_id = ? AND last_seen < ?",
                [(now, article, now - TOUCH_EVERY) for article in still_there],
            )
            if save_feed:
                self._write_feed(state)
        if published:
            self._prune(state.id)

    def _prune(self, feed_id: str) -> None:
        count = self._db.execute("SELECT count(*) FROM seen WHERE feed_id = ?", (feed_id,)).fetchone()[0]
        if count <= self.keep_per_feed * 1.1:
            return
        with self._transaction() as db:
            db.execute(
                "DELETE FROM seen WHERE feed_id = ? AND article_id NOT IN "
                "(SELECT article_id FROM seen WHERE feed_id = ? ORDER BY last_seen DESC LIMIT ?)",
                (feed_id, feed_id, self.keep_per_feed),
            )

    def forget_old(self, now: float) -> int:
        with self._transaction() as db:
            return db.execute("DELETE FROM seen WHERE last_seen < ?", (now - FORGET_AFTER,)).rowcount

    def seen_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM seen").fetchone()[0])

    # ---------------------------------------------------------------- in-flight sends

    def add_pending(self, batch: str, feed_id: str, candidates: Sequence[Candidate], now: float) -> None:
        columns = ", ".join(_PENDING_COLUMNS)
        marks = ", ".join("?" * len(_PENDING_COLUMNS))
        with self._transaction() as db:
            db.executemany(
                f"INSERT OR REPLACE INTO pending ({columns}) VALUES ({marks})",  # noqa: S608
                [
                    (
                        c.id,
                        c.revision,
                        feed_id,
                        batch,
                        c.content_hash,
                        c.first_seen or now,
                        now,
                        link_hash(c.entry),
                        sketch(c.entry),
                    )
                    for c in candidates
                ],
            )

    def pending(self, *, excluding: Iterable[str] = ()) -> list[Pending]:
        skip = set(excluding)
        rows = self._db.execute(f"SELECT {', '.join(_PENDING_COLUMNS)} FROM pending").fetchall()  # noqa: S608
        return [Pending(*row) for row in rows if row[3] not in skip]

    def settle_pending(self, arrived: Iterable[Pending], lost: Iterable[Pending], now: float) -> None:
        """``arrived`` are on the topic (now seen); ``lost`` never made it (forgotten, to be sent again)."""
        arrived, lost = list(arrived), list(lost)
        with self._transaction() as db:
            db.executemany(
                UPSERT_SEEN,
                [
                    (
                        p.article_id,
                        p.feed_id,
                        p.content_hash,
                        p.revision,
                        p.first_seen,
                        now,
                        p.link_hash,
                        p.sketch,
                    )
                    for p in arrived
                ],
            )
            db.executemany(
                "DELETE FROM pending WHERE article_id = ? AND revision = ?",
                [(p.article_id, p.revision) for p in [*arrived, *lost]],
            )

    # ---------------------------------------------------------------- checkpoints

    def add_checkpoint(self, topic: str, offsets: dict[int, int], done_at: float, keep: int = 20) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO checkpoints (topic, done_at, offsets) VALUES (?, ?, ?)",
                (topic, done_at, json.dumps({str(p): o for p, o in offsets.items()}).decode()),
            )
            db.execute(
                "DELETE FROM checkpoints WHERE topic = ? AND id NOT IN "
                "(SELECT id FROM checkpoints WHERE topic = ? ORDER BY id DESC LIMIT ?)",
                (topic, topic, keep),
            )

    def checkpoint_before(self, topic: str, moment: float) -> dict[int, int] | None:
        """The newest checkpoint of ``topic`` completed before ``moment``; None if there is none."""
        row = self._db.execute(
            "SELECT offsets FROM checkpoints WHERE topic = ? AND done_at < ? ORDER BY done_at DESC LIMIT 1",
            (topic, moment),
        ).fetchone()
        if row is None:
            return None
        return {int(p): int(o) for p, o in json.loads(row[0]).items()}


def _feed_state(row: Sequence[Any]) -> FeedState:
    values = dict(zip(_FEED_COLUMNS, row, strict=True))
    values["guid_unreliable"] = bool(values["guid_unreliable"])
    return FeedState(**values)


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _lock(path: Path) -> IO[bytes]:
    handle = path.open("ab")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise FeedError(f"another poller holds {path} (its pid is inside); one poller per data dir") from None
    handle.truncate(0)
    handle.write(f"{os.getpid()}\n".encode())
    handle.flush()
    return handle


def now() -> float:
    return time.time()
