"""Publish articles to the articles topic with an idempotent, acks=all producer.

An article counts as published only when the broker has acknowledged it; errors from
aiokafka come back as :class:`PublishError` with a ``retriable`` flag, so pollers and replay
can decide to retry without knowing aiokafka's exception tree.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from types import TracebackType
from typing import Self

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from feeds.exceptions import PublishError
from newsdesk import schemas
from newsdesk.records import Article
from newsdesk.settings import Settings
from newsdesk.utils import json


class ArticlePublisher:
    """``async with ArticlePublisher(settings) as pub: await pub.publish_many(articles)``."""

    def __init__(self, settings: Settings, *, client_id: str = "newsdesk-publisher") -> None:
        self.settings = settings
        self.topic = settings.topic_articles
        self._producer = AIOKafkaProducer(
            bootstrap_servers=settings.bootstrap_servers,
            client_id=client_id,
            acks="all",
            enable_idempotence=True,
            linger_ms=10,
            request_timeout_ms=int(settings.produce_timeout * 1000),
        )

    async def __aenter__(self) -> Self:
        try:
            await self._producer.start()
        except KafkaError as exc:
            await self._producer.stop()
            raise PublishError(
                f"cannot reach Kafka at {self.settings.broker}: {exc}", retriable=True
            ) from exc
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._producer.stop()

    async def publish(self, article: Article) -> None:
        await self.publish_many([article])

    async def publish_many(self, articles: Iterable[Article], *, partition: int | None = None) -> int:
        """Send, then wait until the broker acknowledged every one; return how many.

        ``partition`` pins the whole batch to one partition, so the worker reads it in the
        order given (a replay of a timeline); by default articles spread by their id.
        """
        futures = []
        for article in articles:
            payload = article.to_dict()
            schemas.validate("article", payload)
            try:
                futures.append(
                    await self._producer.send(
                        self.topic, key=article.id.encode(), value=json.dumps(payload), partition=partition
                    )
                )
            except KafkaError as exc:
                raise PublishError(f"article {article.id}: {exc}", retriable=exc.retriable) from exc
        try:
            await asyncio.wait_for(asyncio.gather(*futures), timeout=self.settings.produce_timeout)
        except KafkaError as exc:
            raise PublishError(f"the broker did not take the batch: {exc}", retriable=exc.retriable) from exc
        except TimeoutError as exc:
            raise PublishError(
                f"no acknowledgement from Kafka within {self.settings.produce_timeout:.0f}s", retriable=True
            ) from exc
        return len(futures)
