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

    partitions: int = 4
    """Partitions of the articles, claims and alerts topics (and so of the figure table)."""

    deadletter_partitions: int = 1
    replication_factor: int = 1

    store: str = "rocksdb://"
    """Faust table store: ``rocksdb://`` (rocksdict) in production, ``memory://`` for tests."""

    data_dir: Path = field(default=Path(".newsdesk"))
    """Where the worker keeps its local table state."""

    web_enabled: bool = True
    web_host: str = "127.0.0.1"
    web_port: int = 6066

    log_level: str = "info"

    produce_timeout: float = 30.0
    """Seconds a publisher waits for the broker to acknowledge one batch before it reports an error."""

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
