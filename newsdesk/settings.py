"""Every setting newsdesk reads, in one frozen object, each overridable by one environment variable.

The variable for a field is ``NEWSDESK_`` plus the field name in upper case, for example
``NEWSDESK_BROKER`` or ``NEWSDESK_TOPIC_ALERTS``. Nothing else in the code base reads the
environment for configuration, so this file is the complete list of knobs.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsdesk.exceptions import SettingsError

ENV_PREFIX = "NEWSDESK_"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True, slots=True)
class Settings:
    """Runtime configuration. Build it with :meth:`from_env`; change it with :meth:`replace`."""

    broker: str = "127.0.0.1:9092"
    """Kafka bootstrap servers, ``host:port`` separated by commas."""

    app_id: str = "newsdesk"
    """Faust application id: the consumer group and the prefix of its changelog topics."""

    topic_articles: str = "news.articles"
    topic_claims: str = "news.claims"
    topic_alerts: str = "news.alerts"
    topic_deadletter: str = "news.deadletter"
    """Topic names: articles in, claims between the agents, alerts out, and messages that failed."""

    partitions: int = 4
    """Partitions of the articles, claims and alerts topics (and so of the figure table)."""

    deadletter_partitions: int = 1
    """Partitions of the dead-letter topic."""

    replication_factor: int = 1
    """Replicas of every topic newsdesk creates (1 on a single broker)."""

    store: str = "rocksdb://"
    """Faust table store: ``rocksdb://`` (rocksdict) in production, ``memory://`` for tests."""

    data_dir: Path = field(default=Path(".newsdesk"))
    """Where the worker keeps its local table state."""

    web_enabled: bool = True
    """The worker's web server (``/figures``, ``/alerts``): on or off."""
    web_host: str = "127.0.0.1"
    """Address of the worker's web server, as other workers reach it (they route figure queries)."""
    web_port: int = 6066
    """Port of the worker's web server."""

    web_bind: str = ""
    """Interface the worker's web server listens on when it differs from ``web_host``, the address
    other workers reach it at (``0.0.0.0`` in a container, with ``web_host`` its host name)."""

    log_level: str = "info"
    """Log level of the worker (debug, info, warning, error)."""

    session_timeout: float = 10.0
    """Seconds without a heartbeat before a dead worker's partitions go to another (restart latency)."""

    alert_min_confidence: float = 0.5
    """Official claims extracted with less confidence than this are kept as context, never alerted on."""

    produce_timeout: float = 30.0
    """Seconds a publisher waits for the broker to acknowledge one batch before it reports an error."""

    # ---- feed poller (``newsdesk poll``); checked by feeds.config.check_poll_settings
    poll_feeds: str = ""
    """Feed list for ``newsdesk poll`` when ``--feeds`` is not given (TOML, or one URL per line)."""
    poll_user_agent_contact: str = ""
    """Contact (URL or e-mail) named in the poller's User-Agent, so publishers can reach the operator."""
    poll_concurrency: int = 64
    """Feeds fetched at the same time, over all hosts."""
    poll_per_host: int = 2
    """Feeds fetched at the same time from one host (publishers are not hammered)."""
    poll_connect_timeout: float = 10.0
    """Seconds one fetch may take to connect (DNS and TLS included)."""
    poll_timeout: float = 30.0
    """Seconds one fetch may take in all, body included."""
    poll_max_body: int = 15 * 1024 * 1024
    """Bytes of a feed after decompression; larger bodies are cut off while streaming and rejected."""
    poll_min_interval: float = 120.0
    poll_max_interval: float = 86400.0
    """Bounds of the adaptive interval between two polls of one feed, in seconds."""
    poll_dead_after: float = 3 * 86400.0
    """Seconds of uninterrupted failure after which a feed is marked dead (then tried once a max interval)."""
    poll_parse_workers: int = 2
    """Worker processes that parse feeds (each parse is bounded in time and memory)."""
    poll_parse_timeout: float = 20.0
    """Seconds one parse may take before its worker process is killed and the feed skipped."""
    poll_parse_memory: int = 1024
    """Address-space limit of one parse worker process, in MiB."""
    poll_allow_private: bool = False
    """Allow feeds on private, loopback and link-local addresses (off: only public addresses)."""
    poll_metrics_port: int = 0
    """Port of the poller's Prometheus /metrics; 0 turns it off."""
    poll_metrics_host: str = "127.0.0.1"
    """Interface the poller's Prometheus /metrics listens on."""
    poll_seen_per_feed: int = 5000
    """Seen article ids kept per feed (the oldest seen are forgotten first)."""
    poll_fulltext: bool = False
    """Fetch the article page of summary-only entries and use its text (trafilatura), for every feed
    whose config does not say ``fulltext = false``. Off: only feeds with ``fulltext = true``."""
    poll_fulltext_per_poll: int = 20
    """Article pages fetched at most in one poll of one feed; further entries keep the feed's text."""
    poll_fulltext_budget: float = 60.0
    """Seconds one poll may spend on article pages in all; pages not done by then are given up."""

    # ---- desk delivery: the live board (``newsdesk web``) and webhooks (``newsdesk webhooks``)
    board_host: str = "127.0.0.1"
    """Address ``newsdesk web`` listens on."""
    board_port: int = 6067
    """Port of ``newsdesk web``; 0 takes any free port (the address is printed at start)."""
    board_max_alerts: int = 2000
    """Alerts the board keeps in memory, newest first; at start it reads at most this many per partition."""
    board_heartbeat: float = 15.0
    """Seconds between keep-alive comments on an idle live stream (proxies close silent connections)."""
    board_max_figures: int = 5000
    """Figure histories (from the figure table's changelog) the board keeps; least recently changed go."""
    webhook_max_attempts: int = 8
    """Attempts to deliver one alert to one subscription before it goes to the dead-letter topic."""
    webhook_timeout: float = 10.0
    """Seconds one POST may take, connection included."""
    webhook_backoff_base: float = 0.5
    """First retry delay of a webhook delivery, in seconds; each retry doubles it (jittered)."""
    webhook_backoff_cap: float = 60.0
    """Longest delay between two attempts of one webhook delivery, in seconds."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Defaults overridden by ``NEWSDESK_*`` variables; a bad value raises :class:`SettingsError`."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for spec in fields(cls):
            name = ENV_PREFIX + spec.name.upper()
            if name in env:
                values[spec.name] = _coerce(name, env[name], spec.type)
        known = {ENV_PREFIX + spec.name.upper() for spec in fields(cls)}
        unknown = sorted(k for k in env if k.startswith(ENV_PREFIX) and k not in known)
        if unknown:
            raise SettingsError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        settings = cls(**values)
        settings.check()
        return settings

    def replace(self, **changes: Any) -> Settings:
        updated = dataclasses.replace(self, **changes)
        updated.check()
        return updated

    def check(self) -> None:
        for name in ("partitions", "deadletter_partitions", "replication_factor", "web_port"):
            if getattr(self, name) < 1:
                raise SettingsError(f"{ENV_PREFIX}{name.upper()} must be at least 1")
        if not self.bootstrap_servers:
            raise SettingsError(f"{ENV_PREFIX}BROKER names no server")
        topics = [self.topic_articles, self.topic_claims, self.topic_alerts, self.topic_deadletter]
        if len(set(topics)) != len(topics):
            raise SettingsError("the articles, claims, alerts and dead-letter topics must differ")

    @property
    def bootstrap_servers(self) -> list[str]:
        """Broker addresses without any ``kafka://`` scheme, as aiokafka wants them."""
        servers = []
        for part in self.broker.split(","):
            address = part.strip().removeprefix("kafka://")
            if address:
                servers.append(address)
        return servers

    @property
    def faust_broker(self) -> str:
        return ";".join(f"kafka://{server}" for server in self.bootstrap_servers)

    @classmethod
    def documented(cls) -> list[tuple[str, str]]:
        """``(variable, default)`` for every setting, for ``newsdesk settings`` and the README."""
        default = cls()
        return [(ENV_PREFIX + f.name.upper(), str(getattr(default, f.name))) for f in fields(cls)]


def _coerce(name: str, raw: str, kind: Any) -> Any:
    kind_name = kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))
    text = raw.strip()
    try:
        if kind_name == "int":
            return int(text)
        if kind_name == "float":
            return float(text)
        if kind_name == "bool":
            lowered = text.lower()
            if lowered in _TRUE:
                return True
            if lowered in _FALSE:
                return False
            raise ValueError(f"expected one of {sorted(_TRUE | _FALSE)}")
        if kind_name == "Path":
            return Path(text)
    except ValueError as exc:
        raise SettingsError(f"{name}={raw!r}: {exc}") from exc
    return text
