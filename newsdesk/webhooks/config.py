"""Subscriptions from a TOML file: who gets which alerts, where, signed with which secret.

::

    [[subscription]]
    name = "world-desk"                     # letters, digits, - and _; unique
    url = "https://chat.example/hooks/abc"  # http or https
    secret = "a long random string"         # HMAC-SHA256 key (see newsdesk.webhooks.signing)
    party = ["North Korea"]                 # optional filters: any of the listed values
    metric = ["killed", "casualties"]
    kind = ["increase", "revised"]
    min_severity = "high"                   # low < medium < high < critical
    # optional: max_attempts, timeout, backoff_base, backoff_cap (default: NEWSDESK_WEBHOOK_*),
    # start = "latest" | "earliest" (where a new subscription begins), group (consumer group id)

Unknown keys are errors, so a misspelt filter never turns into "deliver everything".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsdesk.alertfilter import AlertFilter, FilterError
from newsdesk.settings import Settings
from newsdesk.webhooks.exceptions import ConfigError

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_KEYS = {
    "name", "url", "secret", "party", "metric", "kind", "min_severity",
    "max_attempts", "timeout", "backoff_base", "backoff_cap", "start", "group",
}  # fmt: skip
MIN_SECRET_LENGTH = 16


@dataclass(frozen=True, slots=True)
class Subscription:
    name: str
    url: str
    secret: str
    filter: AlertFilter
    group: str
    """Kafka consumer group: this subscription's own committed position in the alerts topic."""
    max_attempts: int
    timeout: float
    backoff_base: float
    backoff_cap: float
    start: str
    """Where a subscription with no committed position begins: "latest" or "earliest"."""

    def __repr__(self) -> str:  # never print the secret
        return f"Subscription(name={self.name!r}, url={self.url!r}, group={self.group!r})"


def load_config(path: str | Path, settings: Settings) -> list[Subscription]:
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {file}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{file} is not UTF-8 text") from exc
    return parse_config(text, settings, source=str(file))


def parse_config(text: str, settings: Settings, *, source: str = "config") -> list[Subscription]:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from exc
    extra = sorted(set(document) - {"subscription"})
    if extra:
        raise ConfigError(f"{source}: unknown top-level key(s) {', '.join(extra)}; expected [[subscription]]")
    tables = document.get("subscription", [])
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{source}: no [[subscription]] table")
    subscriptions = [
        _subscription(table, settings, f"{source}: subscription {i + 1}") for i, table in enumerate(tables)
    ]
    for what in ("name", "group"):
        seen: set[str] = set()
        for sub in subscriptions:
            value = getattr(sub, what)
            if value in seen:
                raise ConfigError(f"{source}: two subscriptions share the {what} {value!r}")
            seen.add(value)
    return subscriptions


def _subscription(table: Any, settings: Settings, where: str) -> Subscription:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}")
    name = _text(table, "name", where)
    if not _NAME.match(name):
        raise ConfigError(f"{where}: name {name!r} must be letters, digits, '-' or '_' (at most 64)")
    where = f"{where} ({name})"
    url = _text(table, "url", where)
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"{where}: url must be an absolute http or https URL")
    secret = _text(table, "secret", where)
    if len(secret) < MIN_SECRET_LENGTH:
        raise ConfigError(f"{where}: secret must be at least {MIN_SECRET_LENGTH} characters")
    try:
        flt = AlertFilter.build(
            party=_strings(table, "party", where),
            metric=_strings(table, "metric", where),
            kind=_strings(table, "kind", where),
            min_severity=table.get("min_severity"),
        )
    except FilterError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    start = table.get("start", "latest")
    if start not in {"latest", "earliest"}:
        raise ConfigError(f"{where}: start must be 'latest' or 'earliest'")
    group = table.get("group", f"{settings.app_id}-webhook-{name}")
    if not isinstance(group, str) or not group.strip():
        raise ConfigError(f"{where}: group must be a non-empty string")
    sub = Subscription(
        name=name,
        url=url,
        secret=secret,
        filter=flt,
        group=group,
        max_attempts=_number(table, "max_attempts", settings.webhook_max_attempts, where, integer=True),
        timeout=_number(table, "timeout", settings.webhook_timeout, where),
        backoff_base=_number(table, "backoff_base", settings.webhook_backoff_base, where),
        backoff_cap=_number(table, "backoff_cap", settings.webhook_backoff_cap, where),
        start=start,
    )
    if sub.max_attempts < 1 or sub.timeout <= 0 or sub.backoff_base < 0 or sub.backoff_cap < sub.backoff_base:
        raise ConfigError(
            f"{where}: need max_attempts >= 1, timeout > 0 and 0 <= backoff_base <= backoff_cap"
        )
    return sub


def _text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: {key} is required (a non-empty string)")
    return value.strip()


def _strings(table: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a string or a list of strings")
    return value


def _number(table: Mapping[str, Any], key: str, default: float, where: str, *, integer: bool = False) -> Any:
    value = table.get(key, default)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (integer and not isinstance(value, int))
    ):
        raise ConfigError(f"{where}: {key} must be {'an integer' if integer else 'a number'}")
    return value
