"""Prometheus metrics of the poller, in a registry of its own (served when a port is set).

The 304 ratio is ``rate(newsdesk_poll_fetches_total{result="not_modified"}[1h])`` over
``rate(newsdesk_poll_fetches_total{result=~"ok|not_modified"}[1h])``; the gauge
``newsdesk_poll_not_modified_ratio`` carries the same ratio since the poller started.

``newsdesk_poll_fetch_seconds{outcome}`` times every fetch that ended, however it ended:
``ok``, ``not_modified`` or the error kind (``timeout``, ``http_5xx``, ``blocked``, ...). A
latency histogram of the successes alone would hide the feeds that hang until the timeout.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

FETCH_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class PollMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.fetches = Counter(
            "newsdesk_poll_fetches",
            "Feed fetches by result (ok, not_modified, error)",
            ["result"],
            registry=r,
        )
        self.errors = Counter(
            "newsdesk_poll_errors",
            "Feed failures by kind (timeout, http_5xx, not_a_feed, ...)",
            ["kind"],
            registry=r,
        )
        self.articles = Counter(
            "newsdesk_poll_articles_published",
            "Articles acknowledged by the sink (new or update)",
            ["kind"],
            registry=r,
        )
        self.publish_failures = Counter(
            "newsdesk_poll_publish_failures",
            "Batches the sink did not acknowledge (retried later)",
            registry=r,
        )
        self.fetch_seconds = Histogram(
            "newsdesk_poll_fetch_seconds",
            "Time to fetch one feed (redirects included), by outcome (ok, not_modified or the error kind)",
            ["outcome"],
            buckets=FETCH_BUCKETS,
            registry=r,
        )
        self.fulltext = Counter(
            "newsdesk_poll_fulltext_pages",
            "Article pages fetched for full text, by result (ok, short, or why it failed)",
            ["result"],
            registry=r,
        )
        self.feeds = Gauge(
            "newsdesk_poll_feeds", "Configured feeds by status (active, dead, gone)", ["status"], registry=r
        )
        self.not_modified_ratio = Gauge(
            "newsdesk_poll_not_modified_ratio",
            "Share of successful fetches answered 304 since start",
            registry=r,
        )
        self._ok = 0
        self._not_modified = 0
        self._server: object | None = None

    def fetched(self, result: str, seconds: float | None = None, *, kind: str | None = None) -> None:
        """One fetch ended: ``result`` is ok, not_modified or error (then ``kind`` says which)."""
        self.fetches.labels(result=result).inc()
        if seconds is not None:
            outcome = (kind or "unknown") if result == "error" else result
            self.fetch_seconds.labels(outcome=outcome).observe(seconds)
        if result == "ok":
            self._ok += 1
        elif result == "not_modified":
            self._not_modified += 1
        total = self._ok + self._not_modified
        if total:
            self.not_modified_ratio.set(self._not_modified / total)

    def failed(self, kind: str) -> None:
        self.errors.labels(kind=kind).inc()

    def published(self, new: int, updates: int) -> None:
        if new:
            self.articles.labels(kind="new").inc(new)
        if updates:
            self.articles.labels(kind="update").inc(updates)

    def page(self, result: str) -> None:
        self.fulltext.labels(result=result).inc()

    def statuses(self, counts: dict[str, int]) -> None:
        for status in ("active", "dead", "gone"):
            self.feeds.labels(status=status).set(counts.get(status, 0))

    def serve(self, host: str, port: int) -> None:
        """Serve /metrics on ``host:port`` from a daemon thread (until :meth:`close`)."""
        server, _thread = start_http_server(port, addr=host, registry=self.registry)
        self._server = server

    def close(self) -> None:
        server = self._server
        if server is not None:
            server.shutdown()  # type: ignore[attr-defined]
            server.server_close()  # type: ignore[attr-defined]
            self._server = None
