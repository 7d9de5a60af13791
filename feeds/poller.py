"""The poll loop: which feeds are due, and what one poll of one feed does from fetch to seen-set.

One poll: conditional fetch -> parse in a worker process -> ids and dedup -> articles -> the
sink (for Kafka: wait for the broker's acknowledgement) -> seen ids, validators and the next
poll time saved in one transaction. Whatever fails, the feed is rescheduled (backoff) and
the loop goes on; a publish failure keeps the old validators, so the same entries come back.

Durable sinks (Kafka) also get crash safety: articles are written to ``pending`` before they
are sent; at start (and after a failed send) pending articles are looked up on the topic from
the last checkpoint before them, so a kill -9 at any point neither duplicates nor loses one.

The feed list can change while a poll runs. A poll works on the feed's state object of the
moment it started; when the feeds file changes the feed's URL, :meth:`Poller.apply` gives the
feed a fresh state (from the new URL), and the poll finishing afterwards is *superseded*: its
articles are published and recorded as seen (they are real entries of the old URL, and the seen
ids keep the new URL's first poll from repeating them), but the feed's row — validators,
schedule, failures, status of the old URL — is not written over the fresh one. Only what the
poll learned about the feed's ids (``guid_unreliable``) is carried over, because the ids it
recorded were made that way.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import heapq
import logging
import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from feeds import config as feeds_config
from feeds import fulltext, page_text
from feeds.config import FeedsConfig, FeedSpec
from feeds.dedup import Candidate, guids_unreliable, lookup_ids, select
from feeds.exceptions import FeedConfigError, FetchError, ParseError, PublishError
from feeds.fetch import Fetcher, FetchResult
from feeds.metrics import PollMetrics
from feeds.normalise import language_tag
from feeds.parse import ParsedFeed
from feeds.parse_worker import ParsePool
from feeds.safety import AccessPolicy
from feeds.schedule import Bounds, adaptive_interval, after_success, backoff, clamp, is_dead
from feeds.sinks import Sink
from feeds.state import FeedState, Pending, StateStore
from newsdesk import schemas
from newsdesk.exceptions import SchemaError
from newsdesk.records import Article
from newsdesk.settings import Settings
from newsdesk.utils.timeutil import parse_iso, to_iso

log = logging.getLogger("feeds.poller")

RELOAD_EVERY = 5.0
CHECKPOINT_EVERY = 60.0
REPORT_EVERY = 3600.0
PUBLISH_RETRY = 60.0
"""Seconds before a feed whose articles the sink did not take is polled again (capped by its minimum)."""
MAX_TAGS = 100
MAX_TEXT_BYTES = 800_000
"""An article's text is cut to this many UTF-8 bytes: Kafka refuses messages over 1 MB by default
(``max.message.bytes``, the producer's ``max_request_size``), and one refused message would block its
feed for good."""
ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article))


def event(level: int, name: str, message: str = "", **fields: Any) -> None:
    """A structured log record: ``event`` plus fields, which the poll command prints as JSON."""
    log.log(level, message or name, extra={"event": name, "fields": fields})


class FeedSource:
    """The feed list from a file (re-read when it changes) and/or URLs given on the command line."""

    def __init__(self, settings: Settings, path: Path | None, urls: Sequence[str] = ()) -> None:
        self.settings = settings
        self.path = path
        self.urls = list(urls)
        self._stamp: tuple[int, int] | None = None

    def load(self) -> FeedsConfig:
        file_config = FeedsConfig()
        if self.path is not None:
            self._stamp = self._current_stamp()
            file_config = feeds_config.load(self.path, self.settings)
        if not self.urls:
            return file_config
        extra = feeds_config.from_urls(self.urls, self.settings)
        known = {spec.id for spec in file_config.feeds}
        feeds = (*file_config.feeds, *(spec for spec in extra.feeds if spec.id not in known))
        return FeedsConfig(
            feeds=feeds, allow_private=file_config.allow_private, problems=file_config.problems
        )

    def changed(self) -> bool:
        return self.path is not None and self._current_stamp() != self._stamp

    def _current_stamp(self) -> tuple[int, int] | None:
        assert self.path is not None
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)


@dataclass(slots=True)
class Outcome:
    """What one poll of one feed came to (also logged as the ``poll`` event)."""

    feed_id: str
    url: str
    result: str
    """ok, not_modified, error, publish_failed or skipped."""
    kind: str | None = None
    message: str | None = None
    new: int = 0
    updates: int = 0
    full_text: int = 0
    """Articles whose text came from their web page (full-text fetch)."""


@dataclass(slots=True)
class _Run:
    running: dict[str, asyncio.Task[Outcome]] = field(default_factory=dict)
    in_flight: set[str] = field(default_factory=set)
    recovery_needed: bool = False


class Poller:
    def __init__(
        self,
        settings: Settings,
        *,
        source: FeedSource,
        sink: Sink,
        state: StateStore,
        fetcher: Fetcher,
        parser: ParsePool,
        pages: ParsePool | None = None,
        metrics: PollMetrics | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """``pages`` is the worker pool (role ``page``) for full-text extraction; without it, or
        without trafilatura, full-text fetch stays off whatever the config says."""
        self.settings = settings
        self.source = source
        self.sink = sink
        self.store = state
        self.fetcher = fetcher
        self.parser = parser
        self.metrics = metrics or PollMetrics()
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not secrets
        self.clock = clock
        self.specs: dict[str, FeedSpec] = {}
        self.states: dict[str, FeedState] = {}
        self._run = _Run()
        self._heap: list[tuple[float, str]] = []
        self.pages = (
            fulltext.PageFetcher(
                fetcher,
                pages,
                per_poll=settings.poll_fulltext_per_poll,
                budget=settings.poll_fulltext_budget,
            )
            if pages is not None and page_text.available()
            else None
        )
        self._fulltext_warned = False

    # ---------------------------------------------------------------- feed list

    def apply(self, feeds_config: FeedsConfig) -> None:
        for problem in feeds_config.problems:
            event(logging.WARNING, "config_problem", problem)
        specs = {spec.id: spec for spec in feeds_config.feeds if spec.enabled}
        synced = self.store.sync(specs.values())
        # Polls under way hold the current state objects: keep those unless the feed's URL changed.
        self.states = {
            feed_id: current
            if (current := self.states.get(feed_id)) is not None and current.config_url == state.config_url
            else state
            for feed_id, state in synced.items()
        }
        self.specs = specs
        self._heap = [
            (state.next_poll, feed_id) for feed_id, state in self.states.items() if feed_id in specs
        ]
        heapq.heapify(self._heap)
        self._report_statuses()
        event(logging.INFO, "feeds_loaded", f"{len(specs)} feed(s)", feeds=len(specs))
        if self.fetcher.set_file_policy(AccessPolicy.of(feeds_config.allow_private)):
            event(
                logging.INFO,
                "access_policy",
                f"from now on fetching {self.fetcher.policy.describe()}",
                allow_private=self.fetcher.policy.all_private,
                networks=[str(n) for n in self.fetcher.policy.networks],
            )
        wanted = sum(1 for spec in specs.values() if fulltext.enabled(spec, self.settings))
        if wanted and self.pages is None and not self._fulltext_warned:
            self._fulltext_warned = True
            why = (
                "trafilatura is not installed (pip install 'newsdesk[fulltext]')"
                if not page_text.available()
                else "no page worker pool"
            )
            event(
                logging.WARNING,
                "fulltext_unavailable",
                f"{wanted} feed(s) ask for full text, but {why}: full-text fetch is off, "
                "entries keep the feed's text",
                feeds=wanted,
            )

    def reload_if_changed(self) -> None:
        if not self.source.changed():
            return
        try:
            self.apply(self.source.load())
        except FeedConfigError as exc:
            event(logging.ERROR, "config_error", f"{exc}; keeping the previous feed list")

    def _distrust_guids(self, spec: FeedSpec, state: FeedState, why: str) -> None:
        state.guid_unreliable = True
        event(logging.INFO, "guids_unreliable", f"{why}; ids from links from now on", feed=spec.id)

    def _set_status(self, state: FeedState, status: str) -> None:
        if state.status != status:
            state.status = status
            self._report_statuses()

    def _report_statuses(self) -> None:
        counts: dict[str, int] = {}
        for feed_id in self.specs:
            status = self.states[feed_id].status
            counts[status] = counts.get(status, 0) + 1
        self.metrics.statuses(counts)

    # ---------------------------------------------------------------- runs

    async def run_once(self) -> list[Outcome]:
        """Poll every configured feed once, now (gone feeds are skipped), and return what happened."""
        await self.recover()
        await self.checkpoint()
        limit = asyncio.Semaphore(self.settings.poll_concurrency)

        async def one(spec: FeedSpec) -> Outcome:
            async with limit:
                return await self.poll(spec)

        outcomes = await asyncio.gather(*(one(spec) for spec in self.specs.values()))
        return list(outcomes)

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Poll feeds as they fall due until ``stop`` is set; then wait for the polls under way."""
        await self.recover()
        await self.checkpoint()
        run = self._run
        wake = asyncio.Event()
        last_reload = last_checkpoint = self.clock()
        last_report = last_reload - REPORT_EVERY + 60.0  # a first report a minute after start
        try:
            while not stop.is_set():
                now = self.clock()
                if now - last_report >= REPORT_EVERY:
                    last_report = now
                    self.report_dead()
                if now - last_reload >= RELOAD_EVERY:
                    last_reload = now
                    self.reload_if_changed()
                if self.sink.durable and now - last_checkpoint >= CHECKPOINT_EVERY:
                    last_checkpoint = now
                    await self.checkpoint()
                if run.recovery_needed:
                    await self.recover()
                next_due = self._dispatch(now, wake)
                wake.clear()
                delay = min(max(next_due - self.clock(), 0.05), RELOAD_EVERY)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(_first(stop, wake), timeout=delay)
        finally:
            if run.running:
                await asyncio.gather(*run.running.values(), return_exceptions=True)

    def _dispatch(self, now: float, wake: asyncio.Event) -> float:
        """Start due feeds up to the concurrency limit; return when the next one falls due.

        The due times sit in a heap; an entry whose time no longer matches the feed's state
        is stale (the feed was polled or reloaded since) and is dropped when it surfaces.
        """
        run = self._run
        heap = self._heap
        while heap and heap[0][0] <= now and len(run.running) < self.settings.poll_concurrency:
            when, feed_id = heapq.heappop(heap)
            state = self.states.get(feed_id)
            if (
                feed_id not in self.specs
                or state is None
                or feed_id in run.running
                or state.status == "gone"
                or state.next_poll != when
            ):
                continue
            task = asyncio.create_task(self.poll(self.specs[feed_id]), name=f"poll:{feed_id}")
            run.running[feed_id] = task

            def done(_: asyncio.Task[Outcome], feed_id: str = feed_id) -> None:
                run.running.pop(feed_id, None)
                state = self.states.get(feed_id)
                if state is not None and state.status != "gone":
                    heapq.heappush(heap, (state.next_poll, feed_id))
                wake.set()

            task.add_done_callback(done)
        return heap[0][0] if heap else now + RELOAD_EVERY

    def report_dead(self) -> None:
        """Log the dead feeds (failing for days) together, so someone fixes or removes them."""
        dead = [
            state
            for feed_id, state in self.states.items()
            if feed_id in self.specs and state.status == "dead"
        ]
        if dead:
            event(
                logging.WARNING,
                "feeds_dead",
                f"{len(dead)} feed(s) failing for days: "
                + "; ".join(f"{s.url} ({s.last_error_kind}: {s.last_error})" for s in dead[:20]),
                feeds=[s.id for s in dead],
            )

    # ---------------------------------------------------------------- crash safety

    async def checkpoint(self) -> None:
        if not self.sink.durable:
            return
        try:
            offsets = await self.sink.checkpoint()
        except PublishError as exc:
            event(logging.WARNING, "checkpoint_failed", str(exc))
            return
        self.store.add_checkpoint(self.settings.topic_articles, offsets, done_at=self.clock())

    async def recover(self) -> None:
        """Settle articles sent but never acknowledged (a crash, or a failed send) against the topic."""
        if not self.sink.durable:
            return
        pending = self.store.pending(excluding=self._run.in_flight)
        if not pending:
            self._run.recovery_needed = False
            return
        oldest = min(p.created_at for p in pending)
        offsets = self.store.checkpoint_before(self.settings.topic_articles, oldest)
        wanted = {(p.article_id, p.revision) for p in pending}
        try:
            arrived = await self.sink.arrived(offsets, wanted)
        except PublishError as exc:
            self._run.recovery_needed = True
            event(logging.WARNING, "recovery_failed", f"{exc}; will try again", pending=len(pending))
            return
        landed: list[Pending] = [p for p in pending if (p.article_id, p.revision) in arrived]
        lost = [p for p in pending if (p.article_id, p.revision) not in arrived]
        self.store.settle_pending(landed, lost, self.clock())
        self._run.recovery_needed = False
        event(
            logging.INFO,
            "recovered",
            f"{len(landed)} in-flight article(s) had arrived, {len(lost)} will be sent again",
            arrived=len(landed),
            resend=len(lost),
            scanned_from="beginning" if offsets is None else offsets,
        )

    # ---------------------------------------------------------------- one feed

    async def poll(self, spec: FeedSpec) -> Outcome:
        state = self.states[spec.id]
        if state.status == "gone":
            return self._log(Outcome(spec.id, state.url, "skipped", "gone", "the feed answered 410 Gone"))
        try:
            return await self._poll(spec, state)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # one feed's bug must never stop the poller
            log.exception("unexpected error polling %s", spec.url)
            return self._failed(spec, state, "internal", f"{type(exc).__name__}: {exc}")

    async def _poll(self, spec: FeedSpec, state: FeedState) -> Outcome:
        started = self.clock()
        try:
            result = await self.fetcher.fetch(state.url, etag=state.etag, last_modified=state.last_modified)
        except FetchError as exc:
            self.metrics.fetched("error", exc.elapsed, kind=exc.kind)
            return self._failed(spec, state, exc.kind, str(exc), retry_after=exc.retry_after)
        bounds = self._bounds(spec)
        if result.not_modified:
            self.metrics.fetched("not_modified", result.elapsed)
            interval = bounds.fixed or clamp(state.interval or bounds.min_interval, bounds)
            self._succeeded(spec, state, result, interval, started)
            self._record(spec, state, [], [], started)
            return self._log(Outcome(spec.id, result.url, "not_modified"))
        self.metrics.fetched("ok", result.elapsed)
        try:
            parsed = await self.parser.parse(result.body, result.headers, result.url)
        except ParseError as exc:
            return self._failed(spec, state, exc.reason, str(exc))
        if not state.guid_unreliable and guids_unreliable(parsed.entries):
            self._distrust_guids(spec, state, "one guid on different entries")
        trust = not state.guid_unreliable
        seen = self.store.seen(lookup_ids(parsed.entries, spec.id, trust_guid=trust))
        selection = select(parsed.entries, spec.id, trust_guid=trust, seen=seen)
        if selection.guid_reused:
            self._distrust_guids(spec, state, "a known guid came back on another story")
            seen = self.store.seen(lookup_ids(parsed.entries, spec.id, trust_guid=False))
            selection = select(parsed.entries, spec.id, trust_guid=False, seen=seen)
        candidates, unchanged = selection.publish, selection.unchanged
        fetched_at = to_iso(_utc(started))
        ready = [
            (c, a) for c in candidates if (a := self._article(c, spec, parsed, result, fetched_at, started))
        ]
        if ready and self.pages is not None and fulltext.enabled(spec, self.settings):
            ready = await self._with_full_text(spec, ready)
        if ready:
            published = await self._publish(spec, [c for c, _ in ready], [a for _, a in ready])
            if not published:
                state.next_poll = started + min(PUBLISH_RETRY, bounds.min_interval) * self.rng.uniform(
                    0.8, 1.2
                )
                self._save_feed(spec, state)
                return self._log(
                    Outcome(spec.id, result.url, "publish_failed", "publish", "sink did not acknowledge")
                )
        dates = [parse_iso(e.published).timestamp() for e in parsed.entries if e.published]
        self._succeeded(spec, state, result, adaptive_interval(dates, started, bounds), started)
        self._record(spec, state, [c for c, _ in ready], unchanged, started)
        updates = sum(1 for c, _ in ready if c.revision)
        self.metrics.published(len(ready) - updates, updates)
        notes = "; ".join(parsed.notes) or None
        return self._log(
            Outcome(
                spec.id,
                result.url,
                "ok",
                "bozo" if parsed.bozo else None,
                notes,
                len(ready) - updates,
                updates,
                sum(1 for _, a in ready if a.full_text),
            )
        )

    async def _with_full_text(
        self, spec: FeedSpec, ready: list[tuple[Candidate, Article]]
    ) -> list[tuple[Candidate, Article]]:
        """The same articles, with the text of their web page where the feed gave only a summary."""
        assert self.pages is not None
        wanted = [i for i, (_, article) in enumerate(ready) if fulltext.needs_page(article.text, article.url)]
        if not wanted:
            return ready
        pages = await self.pages.texts([ready[i][1].url or "" for i in wanted])
        out = list(ready)
        for index, page in zip(wanted, pages, strict=True):
            candidate, article = ready[index]
            if page.text is not None and len(page.text) > len(article.text):
                self.metrics.page("ok")
                out[index] = (
                    candidate,
                    dataclasses.replace(article, text=_cap_utf8(page.text, MAX_TEXT_BYTES), full_text=True),
                )
                continue
            result = page.result if page.text is None else "short"
            self.metrics.page(result)
            event(
                logging.INFO,
                "fulltext_skipped",
                f"{page.url}: {result}"
                + (f" ({page.message})" if page.message else "")
                + "; the feed's text is kept",
                feed=spec.id,
                article=candidate.id,
                url=page.url,
                kind=result,
                reason=page.message or None,
            )
        return out

    async def _publish(self, spec: FeedSpec, candidates: list[Candidate], articles: list[Article]) -> bool:
        durable = self.sink.durable
        batch = uuid.uuid4().hex
        if durable:
            if self._run.recovery_needed:
                await self.recover()
                if self._run.recovery_needed:
                    return False
            self.store.add_pending(batch, spec.id, candidates, self.clock())
            self._run.in_flight.add(batch)
        try:
            await self.sink.publish(articles)
        except PublishError as exc:
            self.metrics.publish_failures.inc()
            self._run.recovery_needed = durable
            event(logging.WARNING, "publish_failed", str(exc), feed=spec.id, articles=len(articles))
            return False
        finally:
            self._run.in_flight.discard(batch)
        return True

    def _article(
        self,
        candidate: Candidate,
        spec: FeedSpec,
        parsed: ParsedFeed,
        result: FetchResult,
        fetched_at: str,
        now: float,
    ) -> Article | None:
        entry = candidate.entry
        published, estimated = entry.published, False
        if published is None or parse_iso(published).timestamp() > now + 86400:
            published, estimated = to_iso(_utc(candidate.first_seen or now)), True
        outlet = spec.outlet or parsed.title or None
        tags = list(dict.fromkeys([*spec.tags, *entry.categories]))[:MAX_TAGS]
        article = Article(
            id=candidate.id,
            url=entry.link,
            title=entry.title,
            text=_cap_utf8(entry.text, MAX_TEXT_BYTES),
            published=published,
            outlet=outlet[:500] if outlet else None,
            feed=spec.url,
            fetched_at=fetched_at,
            feed_id=spec.id,
            outlet_id=spec.outlet_id or (feeds_config.slug(outlet) if outlet else None),
            language=language_tag(
                spec.language, entry.language, parsed.language, result.headers.get("content-language")
            ),
            tags=tags,
            updated=entry.updated,
            published_estimated=estimated,
            revision=candidate.revision,
        )
        try:
            # A shallow dict: Article.to_dict deep-copies, and this runs for every entry.
            schemas.validate("article", {name: getattr(article, name) for name in ARTICLE_FIELDS})
        except SchemaError as exc:
            event(logging.WARNING, "entry_invalid", str(exc), feed=spec.id, article=candidate.id)
            return None
        return article

    # ---------------------------------------------------------------- bookkeeping

    def _is_current(self, state: FeedState) -> bool:
        """False for a poll superseded while it ran: the feed's URL changed in the config meanwhile.

        (A feed removed from the config keeps its state object, so its last poll is saved as usual.)
        """
        return self.states.get(state.id) is state

    def _carry_over(self, spec: FeedSpec, state: FeedState) -> None:
        """A superseded poll leaves the fresh state alone, except for how the feed's ids are made."""
        current = self.states.get(state.id)
        event(
            logging.INFO,
            "poll_superseded",
            f"{state.url}: the feed changed in the config while it was polled; "
            "its articles count, its old state is not saved",
            feed=spec.id,
        )
        if current is not None and state.guid_unreliable and not current.guid_unreliable:
            current.guid_unreliable = True
            self.store.save_feed(current)

    def _save_feed(self, spec: FeedSpec, state: FeedState) -> None:
        if self._is_current(state):
            self.store.save_feed(state)
        else:
            self._carry_over(spec, state)

    def _record(
        self,
        spec: FeedSpec,
        state: FeedState,
        published: list[Candidate],
        unchanged: list[str],
        now: float,
    ) -> None:
        current = self._is_current(state)
        self.store.record(state, published, unchanged, now, save_feed=current)
        if not current:
            self._carry_over(spec, state)

    def _bounds(self, spec: FeedSpec) -> Bounds:
        return Bounds(spec.min_interval, spec.max_interval, spec.interval)

    def _succeeded(
        self, spec: FeedSpec, state: FeedState, result: FetchResult, interval: float, now: float
    ) -> None:
        if result.permanent_url and result.permanent_url != state.url:
            event(logging.INFO, "feed_moved", f"{state.url} -> {result.permanent_url}", feed=spec.id)
            state.url = result.permanent_url
        if state.status == "dead":
            event(logging.INFO, "feed_alive", "the feed answers again", feed=spec.id)
        state.etag = result.etag
        state.last_modified = result.last_modified
        state.interval = interval
        state.next_poll = now + after_success(interval, self._bounds(spec), self.rng, max_age=result.max_age)
        state.failures = 0
        state.failing_since = None
        state.last_success = now
        self._set_status(state, "active")

    def _failed(
        self, spec: FeedSpec, state: FeedState, kind: str, message: str, *, retry_after: float | None = None
    ) -> Outcome:
        now = self.clock()
        self.metrics.failed(kind)
        state.failures += 1
        state.failing_since = state.failing_since or now
        state.last_error, state.last_error_kind = message[:1000], kind
        bounds = self._bounds(spec)
        if kind == "gone":
            self._set_status(state, "gone")
            event(logging.WARNING, "feed_gone", f"{state.url}: 410 Gone; no longer polled", feed=spec.id)
        elif is_dead(state.failing_since, state.failures, now, self.settings.poll_dead_after):
            if state.status != "dead":
                event(
                    logging.WARNING,
                    "feed_dead",
                    f"{state.url} has failed since {to_iso(_utc(state.failing_since))}: {message}",
                    feed=spec.id,
                    failures=state.failures,
                )
            self._set_status(state, "dead")
            state.next_poll = now + bounds.max_interval * self.rng.uniform(0.9, 1.1)
        else:
            state.next_poll = now + backoff(state.failures, bounds, self.rng, retry_after=retry_after)
        self._save_feed(spec, state)
        return self._log(Outcome(spec.id, state.url, "error", kind, message))

    def _log(self, outcome: Outcome) -> Outcome:
        level = logging.WARNING if outcome.result in {"error", "publish_failed"} else logging.INFO
        event(
            level,
            "poll",
            f"{outcome.url}: {outcome.result}"
            + (f" ({outcome.kind}: {outcome.message})" if outcome.kind else ""),
            feed=outcome.feed_id,
            url=outcome.url,
            result=outcome.result,
            kind=outcome.kind,
            reason=outcome.message,
            new=outcome.new,
            updates=outcome.updates,
            full_text=outcome.full_text or None,
        )
        return outcome


def _cap_utf8(text: str, limit: int) -> str:
    """``text`` cut so that its UTF-8 encoding fits ``limit`` bytes (never inside a character)."""
    if len(text) * 4 <= limit:
        return text
    encoded = text.encode("utf-8")
    return text if len(encoded) <= limit else encoded[:limit].decode("utf-8", "ignore")


def _utc(epoch: float) -> Any:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(epoch, UTC)


async def _first(*events: asyncio.Event) -> None:
    """Return as soon as one of ``events`` is set."""
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
        await asyncio.gather(*waiters, return_exceptions=True)
