"""The timelines through the real worker on Kafka give exactly the alerts of embedded replay.

One worker per timeline (each with its own topics, group and state), five at a time.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from feeds.seeds import load_paths
from newsdesk.pipeline import Pipeline
from tests.support import (
    Worker,
    isolated_env,
    read_to_end,
    read_topic,
    run_cli,
    settings_from,
    wait_caught_up,
)
from tests.timelines import Timeline, timelines

pytestmark = [pytest.mark.e2e, pytest.mark.coroutine_timeout(900)]

BATCH = 5


def embedded_alerts(timeline: Timeline) -> list[dict[str, Any]]:
    pipeline = Pipeline()
    articles = load_paths([timeline.articles], order=timeline.order)
    return [alert.to_dict() for alert in pipeline.run(articles)]


async def run_through_worker(timeline: Timeline, tmp: Path) -> str:
    """'' when the worker's alerts equal the embedded ones (by id, none twice); else why not."""
    env = isolated_env(tmp)
    settings = settings_from(env)
    expected = embedded_alerts(timeline)
    worker = Worker(env, tmp / "worker.log").start()
    try:
        await asyncio.to_thread(worker.wait_ready)
        replay = await asyncio.to_thread(
            run_cli, "replay", str(timeline.articles), "--order", timeline.order, env=env
        )
        if replay.returncode != 0:
            return f"{timeline.name}: replay failed: {replay.stderr.decode()}"
        await read_topic(settings, settings.topic_alerts, lambda r: len(r) >= len(expected), timeout=120)
        await wait_caught_up(settings, settings.app_id, [settings.topic_articles, settings.topic_claims])
        got = [value for _, value in await read_to_end(settings, settings.topic_alerts)]
    except AssertionError as exc:
        return f"{timeline.name}: {exc}\n--- worker log ---\n{worker.log()[-3000:]}"
    finally:
        await asyncio.to_thread(worker.stop)
    got_ids = [a["id"] for a in got]
    if len(set(got_ids)) != len(got_ids):
        return f"{timeline.name}: an alert id appears twice: {sorted(got_ids)}"
    if sorted(got_ids) != sorted(a["id"] for a in expected):
        worker_says = sorted(a["summary"] for a in got)
        embedded_says = sorted(a["summary"] for a in expected)
        return f"{timeline.name}: worker {worker_says} != embedded {embedded_says}"
    return ""


async def test_timelines_through_the_real_worker_match_embedded_replay(tmp_path: Path) -> None:
    problems: list[str] = []
    all_timelines = timelines()
    for start in range(0, len(all_timelines), BATCH):
        batch = all_timelines[start : start + BATCH]
        for timeline in batch:
            (tmp_path / timeline.name).mkdir()
        results = await asyncio.gather(*(run_through_worker(t, tmp_path / t.name) for t in batch))
        problems.extend(r for r in results if r)
    assert not problems, "\n\n".join(problems)
