"""What the alerts topic already holds: the ids of alerts delivered, read back from Kafka.

A worker that died between deciding an alert and learning that the broker took it
restarts with that alert marked pending in the figure's state. Before sending it again it
asks the topic itself, so an alert is delivered once by id even across ``kill -9``. The
read happens only for figures with pending alerts, which only a crash leaves behind.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdesk.exceptions import DecodeError
from newsdesk.settings import Settings
from newsdesk.utils import json
from streams.reader import read_to_end


async def delivered_alert_ids(settings: Settings, keys: Iterable[str]) -> set[str]:
    """Ids of every alert on the alerts topic whose key is one of ``keys``."""
    wanted = {key.encode() for key in keys}
    if not wanted:
        return set()
    found: set[str] = set()
    for record in await read_to_end(settings, settings.topic_alerts, client_id=f"{settings.app_id}-ledger"):
        if record.key in wanted and record.value is not None:
            try:
                found.add(str(json.loads(record.value)["id"]))
            except (DecodeError, KeyError, TypeError):
                continue
    return found
