"""Structured logs for the poller: one JSON object per line on stderr, so they can be grepped and parsed.

Records made with :func:`feeds.poller.event` carry an ``event`` name and ``fields``; other
records (aiohttp, aiokafka) come out with their logger name and message.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Any

from newsdesk.utils import json


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": getattr(record, "event", None) or "log",
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            data.update({k: v for k, v in fields.items() if v is not None and k not in data})
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data).decode("utf-8")


def configure(level: str | int) -> None:
    """Send the ``feeds`` loggers to stderr as JSON lines at ``level``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("feeds")
    logger.handlers[:] = [handler]
    logger.setLevel(level if isinstance(level, int) else level.upper())
    logger.propagate = False
