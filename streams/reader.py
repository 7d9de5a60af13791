"""Read a topic from the beginning (or from a time) up to its current end, then stop.

Several things need "what does this topic hold right now": the ledger of delivered alerts,
the ``/alerts`` API, ``newsdesk figures`` (the table's changelog) and the tests. They all
read with a private consumer (no group, nothing committed) through this one function.
"""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError

from newsdesk.settings import Settings
from streams.admin import topic_partitions
from streams.exceptions import StreamsError


class ReadError(StreamsError):
    """A topic could not be read back."""

    retriable = True


async def read_to_end(
    settings: Settings, topic: str, *, since_ms: int | None = None, client_id: str = "newsdesk-reader"
) -> list[Any]:
    """Every record of ``topic`` (from ``since_ms``, Kafka time, when given), in order per partition."""
    partitions = await topic_partitions(settings, topic)
    if not partitions:
        return []
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=None,
        enable_auto_commit=False,
        client_id=client_id,
        # "earliest", not a seek after assign: a seek can race the initial reset to "latest".
        auto_offset_reset="earliest",
    )
    try:
        await consumer.start()
        tps = [TopicPartition(topic, p) for p in partitions]
        consumer.assign(tps)
        end = await consumer.end_offsets(tps)
        for tp in tps:
            await consumer.position(tp)  # settle the initial reset before any seek
        if since_ms is None:
            remaining = {tp for tp in tps if end[tp] > 0}
        else:
            starts = await consumer.offsets_for_times(dict.fromkeys(tps, since_ms))
            remaining = set()
            for tp in tps:
                found = starts.get(tp)
                consumer.seek(tp, end[tp] if found is None else found.offset)
                if found is not None:
                    remaining.add(tp)
        records: list[Any] = []
        while remaining:
            batch = await consumer.getmany(*remaining, timeout_ms=500)
            for items in batch.values():
                records.extend(items)
            for tp in list(remaining):
                if await consumer.position(tp) >= end[tp]:
                    remaining.discard(tp)
        return records
    except KafkaError as exc:
        raise ReadError(f"cannot read {topic} from {settings.broker}: {exc}") from exc
    finally:
        await consumer.stop()
