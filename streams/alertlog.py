"""Read alerts back from the alerts topic from a point in time, for the worker's ``/alerts`` API.

Kafka keeps a time index per partition, so "alerts since T" is a seek, not a scan.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsdesk.exceptions import DecodeError
from newsdesk.settings import Settings
from newsdesk.utils import json
from streams.reader import read_to_end


async def alerts_since(settings: Settings, since: datetime, limit: int = 1000) -> list[dict[str, Any]]:
    """Alerts written to the topic at or after ``since`` (oldest first), at most ``limit``."""
    records = await read_to_end(
        settings,
        settings.topic_alerts,
        since_ms=int(since.timestamp() * 1000),
        client_id=f"{settings.app_id}-alertlog",
    )
    rows: list[tuple[int, dict[str, Any]]] = []
    for record in records:
        try:
            rows.append((record.timestamp, json.loads(record.value)))
        except DecodeError:
            continue
    rows.sort(key=lambda row: row[0])
    return [alert for _, alert in rows[:limit]]
