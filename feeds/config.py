"""The feed list: a TOML file with per-feed overrides, or a plain list of URLs.

TOML (see ``feeds.example.toml``)::

    [poller]
    allow_private = false          # private/loopback/link-local addresses (default: refused);
                                   # or some networks only: ["127.0.0.0/8", "::1"]

    [defaults]                     # applies to every [[feed]] unless the feed says otherwise
    min_interval = "2m"
    max_interval = "24h"
    language = "en"
    tags = ["wire"]

    [[feed]]
    url = "https://example.org/rss.xml"
    id = "example-world"           # optional; default: a hash of the URL, so keep URLs stable
    outlet = "Example News"
    tags = ["world"]
    interval = "10m"               # a fixed interval instead of the adaptive one
    fulltext = true                # summary-only feed: fetch each article page for its text

A text file holds one URL per line; blank lines and lines starting with ``#`` are ignored.
The poller re-reads the file when it changes, so feeds are added and removed without a restart,
and ``allow_private`` applies from the next fetch on.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from feeds.exceptions import FeedConfigError
from newsdesk.exceptions import SettingsError
from newsdesk.settings import Settings
from newsdesk.utils.ids import stable_id

FEED_KEYS = frozenset(
    {
        "url", "id", "outlet", "tags", "language", "interval", "min_interval", "max_interval", "enabled",
        "fulltext",
    }
)  # fmt: skip
DEFAULT_KEYS = FEED_KEYS - {"url", "id", "outlet", "enabled"}
POLLER_KEYS = frozenset({"allow_private"})
_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed as configured. ``id`` keys its state, so it must stay stable across edits."""

    id: str
    url: str
    outlet: str | None = None
    outlet_id: str | None = None
    tags: tuple[str, ...] = ()
    language: str | None = None
    interval: float | None = None
    min_interval: float = 120.0
    max_interval: float = 86400.0
    enabled: bool = True
    fulltext: bool | None = None
    """Fetch article pages for their text: True/False as configured, None to follow the setting."""


@dataclass(frozen=True, slots=True)
class FeedsConfig:
    feeds: tuple[FeedSpec, ...] = ()
    allow_private: bool | tuple[str, ...] | None = None
    """What the file says about private addresses: all (True), none (False), some networks
    (``("127.0.0.0/8",)``), or None when it says nothing."""
    problems: tuple[str, ...] = field(default=())
    """Entries skipped as invalid (the rest of the file still applies)."""


def parse_duration(value: object, where: str) -> float:
    """Seconds from ``90``, ``"90s"``, ``"2m"``, ``"1.5h"`` or ``"1d"``."""
    if isinstance(value, bool):
        raise FeedConfigError(f"{where}: expected a duration, got {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        seconds = float(match.group(1)) * _UNITS[match.group(2) or "s"]
    else:
        raise FeedConfigError(f"{where}: {value!r} is not a duration like 90, '90s', '10m', '2h' or '1d'")
    if seconds <= 0:
        raise FeedConfigError(f"{where}: a duration must be positive")
    return seconds


def slug(text: str) -> str:
    """``"Le Monde (FR)"`` -> ``"le-monde-fr"``: a readable id for an outlet."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:100] or stable_id(text, length=12)


def feed_id_for(url: str) -> str:
    return "f-" + stable_id(url.strip(), length=16)


def load(path: Path, settings: Settings) -> FeedsConfig:
    """Read a feeds file: TOML when it ends in ``.toml``, else one URL per line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FeedConfigError(f"{path}: cannot read the feeds file: {exc}") from exc
    if path.suffix.lower() == ".toml":
        try:
            document = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise FeedConfigError(f"{path}: not valid TOML: {exc}") from exc
        return from_toml(document, settings, where=str(path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FeedConfigError(f"{path}: not UTF-8 text: {exc}") from exc
    urls = [line.strip() for line in text.splitlines()]
    return from_urls((u for u in urls if u and not u.startswith("#")), settings)


def from_urls(urls: Iterable[str], settings: Settings) -> FeedsConfig:
    feeds = []
    seen: set[str] = set()
    for url in urls:
        spec = FeedSpec(
            id=feed_id_for(url),
            url=url,
            min_interval=settings.poll_min_interval,
            max_interval=settings.poll_max_interval,
        )
        if spec.id not in seen:
            seen.add(spec.id)
            feeds.append(spec)
    return FeedsConfig(feeds=tuple(feeds))


def from_toml(document: Mapping[str, Any], settings: Settings, *, where: str = "feeds") -> FeedsConfig:
    """Build the config; a bad ``[[feed]]`` is reported in ``problems`` and skipped, not fatal."""
    unknown = set(document) - {"poller", "defaults", "feed"}
    if unknown:
        raise FeedConfigError(f"{where}: unknown section(s) {sorted(unknown)}; known: poller, defaults, feed")
    poller = _table(document.get("poller", {}), f"{where} [poller]")
    _no_unknown(poller, POLLER_KEYS, f"{where} [poller]")
    allow_private = _allow_private(poller.get("allow_private"), f"{where} [poller]")
    defaults = _table(document.get("defaults", {}), f"{where} [defaults]")
    _no_unknown(defaults, DEFAULT_KEYS, f"{where} [defaults]")
    entries = document.get("feed", [])
    if not isinstance(entries, list):
        raise FeedConfigError(f"{where}: 'feed' must be an array of tables ([[feed]])")
    feeds: list[FeedSpec] = []
    problems: list[str] = []
    ids: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        here = f"{where} feed #{number}"
        try:
            spec = _feed(_table(entry, here), defaults, settings, here)
        except FeedConfigError as exc:
            problems.append(str(exc))
            continue
        if spec.id in ids:
            problems.append(f"{here}: duplicate feed id {spec.id!r} (skipped)")
            continue
        ids.add(spec.id)
        feeds.append(spec)
    return FeedsConfig(feeds=tuple(feeds), allow_private=allow_private, problems=tuple(problems))


def _feed(entry: Mapping[str, Any], defaults: Mapping[str, Any], settings: Settings, where: str) -> FeedSpec:
    _no_unknown(entry, FEED_KEYS, where)
    merged = {**defaults, **entry}
    url = merged.get("url")
    if not isinstance(url, str) or not url.strip():
        raise FeedConfigError(f"{where}: 'url' is required")
    url = url.strip()
    feed_id = merged.get("id") or feed_id_for(url)
    if not isinstance(feed_id, str) or not _ID.match(feed_id):
        raise FeedConfigError(f"{where}: id {feed_id!r} must be 1-100 of letters, digits, . _ : -")
    outlet = _optional_str(merged, "outlet", where)
    language = _optional_str(merged, "language", where)
    tags = merged.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise FeedConfigError(f"{where}: tags must be a list of strings")
    enabled = merged.get("enabled", True)
    if not isinstance(enabled, bool):
        raise FeedConfigError(f"{where}: enabled must be true or false")
    fulltext = merged.get("fulltext")
    if fulltext is not None and not isinstance(fulltext, bool):
        raise FeedConfigError(f"{where}: fulltext must be true or false")
    low = parse_duration(merged.get("min_interval", settings.poll_min_interval), f"{where} min_interval")
    high = parse_duration(merged.get("max_interval", settings.poll_max_interval), f"{where} max_interval")
    if low > high:
        raise FeedConfigError(f"{where}: min_interval is above max_interval")
    interval = merged.get("interval")
    return FeedSpec(
        id=feed_id,
        url=url,
        outlet=outlet,
        outlet_id=slug(outlet) if outlet else None,
        tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
        language=language.lower() if language else None,
        interval=parse_duration(interval, f"{where} interval") if interval is not None else None,
        min_interval=low,
        max_interval=high,
        enabled=enabled,
        fulltext=fulltext,
    )


def _allow_private(value: object, where: str) -> bool | tuple[str, ...] | None:
    """``true``, ``false``, or the networks (``"127.0.0.0/8"``, ``"::1"``) allowed beyond public ones."""
    if value is None or isinstance(value, bool):
        return value
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise FeedConfigError(f"{where}: allow_private must be true, false or a list of networks")
    networks = []
    for item in value:
        try:
            networks.append(str(ipaddress.ip_network(item.strip(), strict=False)))
        except ValueError as exc:
            raise FeedConfigError(f"{where}: allow_private: {item!r} is not a network ({exc})") from exc
    return tuple(dict.fromkeys(networks))


def _table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FeedConfigError(f"{where}: expected a table")
    return value


def _no_unknown(table: Mapping[str, Any], known: frozenset[str], where: str) -> None:
    unknown = set(table) - known
    if unknown:
        raise FeedConfigError(f"{where}: unknown key(s) {sorted(unknown)}; known: {sorted(known)}")


def _optional_str(table: Mapping[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FeedConfigError(f"{where}: {key} must be a string")
    return value.strip() or None


def check_poll_settings(settings: Settings) -> None:
    """The ``poll_*`` settings that must be positive, and bounds that must be ordered."""
    for name in (
        "poll_concurrency",
        "poll_per_host",
        "poll_connect_timeout",
        "poll_timeout",
        "poll_max_body",
        "poll_min_interval",
        "poll_max_interval",
        "poll_dead_after",
        "poll_parse_workers",
        "poll_parse_timeout",
        "poll_parse_memory",
        "poll_seen_per_feed",
        "poll_fulltext_per_poll",
        "poll_fulltext_budget",
    ):
        if getattr(settings, name) <= 0:
            raise SettingsError(f"NEWSDESK_{name.upper()} must be positive")
    if settings.poll_min_interval > settings.poll_max_interval:
        raise SettingsError("NEWSDESK_POLL_MIN_INTERVAL is above NEWSDESK_POLL_MAX_INTERVAL")
    if not 0 <= settings.poll_metrics_port < 65536:
        raise SettingsError("NEWSDESK_POLL_METRICS_PORT must be 0 (off) or a port number")
