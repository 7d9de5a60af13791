"""Which worker holds a figure, and asking it, so the API answers whole on any worker.

The figure table is co-partitioned with ``news.claims``, whose messages are keyed by the raw
figure key, so a figure lives on the worker assigned that key's partition. Faust's own
``table_route`` hashes the table's JSON-serialised key (with quotes), which lands on another
partition; here the raw key is hashed, the way the claims were produced.

Peers are the other members of the consumer group, by the web URL each announced when it
joined (``canonical_url``); a worker started with the web server off is never asked.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import aiohttp
import faust

from newsdesk.utils import json

log = logging.getLogger(__name__)

LOCAL = "local"
"""``?scope=local``: answer from this worker's partitions only (what peers ask each other)."""

PEER_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class PeerAnswer:
    url: str
    status: int
    body: Any


def own_url(app: faust.App) -> str:
    return str(app.conf.canonical_url).rstrip("/")


def owner_of(app: faust.App, table: faust.types.TableT[Any, Any], key: str) -> str | None:
    """The web URL of the worker that holds ``key``, or None before partitions are assigned."""
    changelog = table.changelog_topic.get_topic_name()
    try:
        url = app.assignor.key_store(changelog, key.encode("utf-8"))
    except (KeyError, AssertionError, TypeError):
        return None
    return str(url).rstrip("/")


def peer_urls(app: faust.App, table: faust.types.TableT[Any, Any]) -> list[str]:
    """The other workers holding partitions of ``table``."""
    changelog = table.changelog_topic.get_topic_name()
    me = own_url(app)
    found = []
    for url, topics in app.router.table_metadata(table.name).items():
        if str(url).rstrip("/") != me and topics.get(changelog):
            found.append(str(url).rstrip("/"))
    return sorted(found)


async def ask(session: aiohttp.ClientSession, url: str, path: str, query: dict[str, str]) -> PeerAnswer:
    """GET ``path`` with ``scope=local`` from a peer; a failure is an answer with status 0."""
    params = {**query, "scope": LOCAL}
    try:
        async with session.get(
            f"{url}{path}", params=params, timeout=aiohttp.ClientTimeout(total=PEER_TIMEOUT)
        ) as response:
            body = json.loads(await response.read())
            return PeerAnswer(url, response.status, body)
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        log.warning("peer %s did not answer %s: %s", url, path, exc)
        return PeerAnswer(url, 0, {"error": str(exc) or type(exc).__name__})


async def ask_all(
    session: aiohttp.ClientSession, urls: list[str], path: str, query: dict[str, str]
) -> list[PeerAnswer]:
    return list(await asyncio.gather(*(ask(session, url, path, query) for url in urls)))
