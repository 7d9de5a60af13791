"""Create newsdesk's topics with explicit partition counts; never rely on broker auto-create."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from newsdesk.settings import Settings
from streams.exceptions import TopicError

log = logging.getLogger(__name__)

FOREVER = "-1"


@dataclass(frozen=True, slots=True)
class TopicSpec:
    name: str
    partitions: int
    config: dict[str, str]


def topic_specs(settings: Settings) -> list[TopicSpec]:
    """The four topics. Alerts and dead letters are kept forever: desks replay them."""
    return [
        TopicSpec(settings.topic_articles, settings.partitions, {}),
        TopicSpec(settings.topic_claims, settings.partitions, {}),
        TopicSpec(settings.topic_alerts, settings.partitions, {"retention.ms": FOREVER}),
        TopicSpec(settings.topic_deadletter, settings.deadletter_partitions, {"retention.ms": FOREVER}),
    ]


async def ensure_topics(settings: Settings, *, timeout_ms: int = 30_000) -> list[str]:
    """Create any missing topic; check existing ones have the expected partitions. Returns created names."""
    admin = await _connect(settings, timeout_ms)
    try:
        existing = set(await admin.list_topics())
        specs = topic_specs(settings)
        missing = [s for s in specs if s.name not in existing]
        created: list[str] = []
        if missing:
            new = [
                NewTopic(s.name, s.partitions, settings.replication_factor, topic_configs=s.config)
                for s in missing
            ]
            response = await admin.create_topics(new, timeout_ms=timeout_ms)
            for name, code, message in _errors(response):
                if code == TopicAlreadyExistsError.errno:
                    continue  # another worker created it first
                if code != 0:
                    raise TopicError(f"cannot create topic {name}: error {code} {message or ''}".strip())
                created.append(name)
            log.info("created topics %s", ", ".join(created) or "(none)")
        counts = await _partition_counts(admin, [s.name for s in specs])
        for spec in specs:
            if counts.get(spec.name) != spec.partitions:
                raise TopicError(
                    f"topic {spec.name} has {counts.get(spec.name)} partitions, "
                    f"newsdesk expects {spec.partitions}; "
                    f"set NEWSDESK_PARTITIONS to match or recreate the topic"
                )
        return created
    except KafkaError as exc:
        raise TopicError(f"topic administration failed: {exc}", retriable=exc.retriable) from exc
    finally:
        await admin.close()


async def _partition_counts(
    admin: AIOKafkaAdminClient, names: list[str], wait: float = 10.0
) -> dict[str, int]:
    """Partition count per topic; a just-created topic may take a moment to appear in metadata."""
    deadline = asyncio.get_running_loop().time() + wait
    while True:
        described = await admin.describe_topics(names)
        counts = {d["topic"]: len(d["partitions"]) for d in described if d.get("error_code") == 0}
        if len(counts) == len(names) or asyncio.get_running_loop().time() > deadline:
            return counts
        await asyncio.sleep(0.2)


async def _connect(settings: Settings, timeout_ms: int = 30_000) -> AIOKafkaAdminClient:
    """A started admin client; an unreachable broker is a retriable :class:`TopicError`."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.bootstrap_servers,
        client_id=f"{settings.app_id}-admin",
        request_timeout_ms=timeout_ms,
    )
    try:
        await admin.start()
    except KafkaError as exc:
        await admin.close()
        raise TopicError(f"cannot reach Kafka at {settings.broker}: {exc}", retriable=True) from exc
    return admin


def _errors(response: object) -> list[tuple[str, int, str | None]]:
    rows = []
    for item in getattr(response, "topic_errors", []):
        name, code = item[0], item[1]
        message = item[2] if len(item) > 2 else None
        rows.append((name, code, message))
    return rows


async def topic_partitions(settings: Settings, topic: str, *, wait: float = 0.0) -> list[int]:
    """Partition ids of ``topic``, waiting up to ``wait`` seconds for it to exist (empty if it never does)."""
    admin = await _connect(settings)
    try:
        deadline = asyncio.get_running_loop().time() + wait
        while True:
            described = await admin.describe_topics([topic])
            found = [d for d in described if d.get("topic") == topic and d.get("error_code") == 0]
            if found and found[0]["partitions"]:
                return sorted(p["partition"] for p in found[0]["partitions"])
            if asyncio.get_running_loop().time() >= deadline:
                return []
            await asyncio.sleep(0.25)
    except KafkaError as exc:
        raise TopicError(f"cannot describe topic {topic}: {exc}", retriable=exc.retriable) from exc
    finally:
        await admin.close()
