"""Article sources and publishers: seed files, and the RSS/Atom poller (``newsdesk poll``).

Everything here ends in :class:`newsdesk.records.Article` values; publishing them to Kafka
is :mod:`feeds.publisher`'s job, so a source never needs a broker to be tested.

The poller, edge to core: :mod:`feeds.config` (the feed list), :mod:`feeds.fetch` (HTTP) with
:mod:`feeds.safety` (which addresses), :mod:`feeds.parse_worker` (bounded parse processes) running
:mod:`feeds.parse` (feedparser, hostile XML defused) and :mod:`feeds.normalise` (text, URLs, times),
:mod:`feeds.dedup` (ids, new/edited/seen), :mod:`feeds.schedule` (when next), :mod:`feeds.state`
(SQLite), :mod:`feeds.sinks` (Kafka or stdout), :mod:`feeds.metrics`, :mod:`feeds.fulltext`
(article pages of summary-only feeds) with :mod:`feeds.page_text` (trafilatura, in page worker
processes), and :mod:`feeds.poller`, which runs one poll of one feed from fetch to seen-set and
the loop around it.
"""
