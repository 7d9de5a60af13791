"""Full text for summary-only feeds: fetch an entry's article page and publish the page's main text.

Off by default. On for a feed with ``fulltext = true`` in the feeds file, or for every feed that
does not say ``fulltext = false`` when ``NEWSDESK_POLL_FULLTEXT`` is true. Only entries about to
be published (new or edited) are fetched, and only those with a link whose feed text is shorter
than :data:`SUMMARY_CHARS` (a feed that carries whole articles costs nothing more).

The limits are the feed fetches' own: pages go through the poller's :class:`~feeds.fetch.Fetcher`
(http/https only, the address policy checked on the link and at every redirect, the per-host
slots shared with feed fetches, the body cap, the timeouts), and trafilatura runs in a separate
pool of worker processes (:mod:`feeds.parse_worker`, ``RLIMIT_AS`` and a timeout). On top, one
poll fetches at most ``NEWSDESK_POLL_FULLTEXT_PER_POLL`` pages, all within
``NEWSDESK_POLL_FULLTEXT_BUDGET`` seconds: a slow or hostile page costs its feed at most that
long, and the entries whose page failed or did not finish are published with the feed's text.

The page's text replaces the feed's only when it is longer (a consent wall or a paywall teaser
gives less). What counts for dedup and revisions stays the feed's entry: a page that changes on
its own does not make a revision.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from feeds.config import FeedSpec
from feeds.exceptions import FetchError, ParseError
from feeds.fetch import PAGE_ACCEPT, Fetcher
from feeds.parse_worker import ParsePool
from newsdesk.settings import Settings

SUMMARY_CHARS = 2000
"""Feed text shorter than this is taken for a summary, worth replacing by the page's text."""
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True, slots=True)
class Page:
    """What came of one article page: ``text`` when extracted, else ``result`` says why not."""

    url: str
    text: str | None
    result: str
    """``ok``, or why there is no text: a fetch error kind (``timeout``, ``too_large``,
    ``blocked``, ...), ``not_html``, an extraction failure (``timeout``, ``no_text``, ...),
    ``budget`` (not done within the poll's budget) or ``limit`` (over the per-poll limit)."""
    message: str = ""


def enabled(spec: FeedSpec, settings: Settings) -> bool:
    """The feed's own ``fulltext`` when it says, else the global setting."""
    return settings.poll_fulltext if spec.fulltext is None else spec.fulltext


def needs_page(text: str, link: str | None) -> bool:
    return bool(link) and len(text) < SUMMARY_CHARS


def is_html(content_type: str | None) -> bool:
    """HTML or XHTML, or no type at all (then the extractor decides)."""
    if not content_type:
        return True
    return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


class PageFetcher:
    """``await PageFetcher(fetcher, pool, per_poll=20, budget=60).texts(links)``: a :class:`Page` each."""

    def __init__(self, fetcher: Fetcher, pool: ParsePool, *, per_poll: int, budget: float) -> None:
        self.fetcher = fetcher
        self.pool = pool
        self.per_poll = per_poll
        self.budget = budget

    async def texts(self, links: Sequence[str]) -> list[Page]:
        """One :class:`Page` per link, in order. Never raises for a page: failures are results."""
        chosen = list(links[: self.per_poll])
        tasks = [asyncio.create_task(self._one(link), name=f"page:{link[:100]}") for link in chosen]
        try:
            done: set[asyncio.Task[Page]] = set()
            if tasks:
                done, _ = await asyncio.wait(tasks, timeout=self.budget)
        finally:
            for task in tasks:
                task.cancel()  # those still running: over the budget, or the poll was cancelled
            await asyncio.gather(*tasks, return_exceptions=True)
        pages = [
            task.result()
            if task in done
            else Page(link, None, "budget", f"not done within the {self.budget:g}s budget of the poll")
            for link, task in zip(chosen, tasks, strict=True)
        ]
        pages += [
            Page(link, None, "limit", f"over the limit of {self.per_poll} pages per poll")
            for link in links[self.per_poll :]
        ]
        return pages

    async def _one(self, link: str) -> Page:
        try:
            result = await self.fetcher.fetch(link, accept=PAGE_ACCEPT)
        except FetchError as exc:
            return Page(link, None, exc.kind, str(exc))
        if result.not_modified:
            return Page(link, None, "http_other", "304 to an unconditional request")
        content_type = result.headers.get("content-type")
        if not is_html(content_type):
            return Page(link, None, "not_html", f"the page is {content_type}, not HTML")
        try:
            text = await self.pool.extract(result.body, result.headers, result.url)
        except ParseError as exc:
            return Page(link, None, exc.reason, str(exc))
        return Page(link, text, "ok")
