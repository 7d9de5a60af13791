"""Poison messages go to the dead-letter topic with their reason; the worker keeps going."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from newsdesk import schemas
from newsdesk.records import Article
from newsdesk.utils import json
from streams.admin import ensure_topics
from tests.support import isolated_env, producer, read_topic, running_worker, settings_from

pytestmark = [pytest.mark.integration, pytest.mark.coroutine_timeout(300)]

GOOD = Article(
    id="good-1",
    url="https://example.test/good-1",
    title="Quake toll rises",
    text="The Interior Ministry of Turkey said on Monday that 47 people were killed in the earthquake.",
    published="2025-02-06T10:00:00Z",
    outlet="Example",
    feed="test",
    fetched_at="2025-02-06T10:05:00Z",
)


async def test_poison_messages_are_dead_lettered_and_the_stream_continues(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    settings = settings_from(env)
    await ensure_topics(settings)
    poison = [
        (b"p1", b"this is not json"),
        (b"p2", json.dumps({"id": "p2", "title": "missing fields"})),
        (b"p3", b"\xff\xfe\x00binary"),
    ]
    wrong_key_claim = {
        "article_id": "x", "sentence": "s", "value": 5, "low": 5, "high": 5, "qualifier": "exact",
        "vague_text": None, "metric": "killed", "subject": "people", "party": "Turkey", "source": None,
        "official": False, "stance": "reported", "published": None, "figure_key": "turkey:people:killed",
        "number_text": "5",
    }  # fmt: skip
    with running_worker(env, tmp_path / "worker.log") as worker:
        worker.wait_ready()
        async with producer(settings) as client:
            for key, value in poison:
                await client.send_and_wait(settings.topic_articles, key=key, value=value, partition=0)
            await client.send_and_wait(
                settings.topic_claims, key=b"not-the-figure-key", value=json.dumps(wrong_key_claim)
            )
            await client.send_and_wait(
                settings.topic_articles, key=GOOD.id.encode(), value=json.dumps(GOOD.to_dict()), partition=0
            )
        try:
            letters = await read_topic(settings, settings.topic_deadletter, lambda r: len(r) >= 4, timeout=90)
            claims = await read_topic(
                settings,
                settings.topic_claims,
                lambda r: any(v.get("article_id") == GOOD.id for _, v in r),
                timeout=60,
            )
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- worker log ---\n{worker.log()[-5000:]}") from None

    by_key = dict(letters)
    for _, letter in letters:
        assert schemas.errors("deadletter", letter) == []
    assert by_key[b"p1"]["stage"] == "decode"
    assert by_key[b"p1"]["payload"] == "this is not json"
    assert by_key[b"p1"]["topic"] == settings.topic_articles
    assert by_key[b"p2"]["stage"] == "validate"
    assert "required" in by_key[b"p2"]["reason"]
    assert by_key[b"p3"]["payload_encoding"] == "base64"
    assert base64.b64decode(by_key[b"p3"]["payload"]) == b"\xff\xfe\x00binary"
    assert by_key[b"not-the-figure-key"]["stage"] == "validate"
    assert "figure_key" in by_key[b"not-the-figure-key"]["reason"]
    # The good article after the poison was processed.
    good_claims = [v for _, v in claims if v["article_id"] == GOOD.id]
    assert [(c["metric"], c["value"]) for c in good_claims] == [("killed", 47)]
