"""kill -9 the worker mid-replay, restart it: every expected alert is on the topic, none twice by id.

The replay is a long timeline (many figures, each revised several times, with third-party
noise), so the kill lands while claims and alerts are in flight. The restarted worker
recovers the figure table from its changelog and local store and carries on.
"""

from __future__ import annotations

import random
import signal
from pathlib import Path

import pytest

from newsdesk.pipeline import Pipeline
from newsdesk.records import Article
from newsdesk.utils import json
from tests.support import (
    Worker,
    isolated_env,
    read_to_end,
    read_topic,
    run_cli,
    settings_from,
    wait_caught_up,
)

pytestmark = [pytest.mark.e2e, pytest.mark.coroutine_timeout(600)]

COUNTRIES = [
    "Peru", "Chile", "Kenya", "Nepal", "Vietnam", "Mexico", "Brazil", "Greece", "Italy", "Spain",
    "Japan", "India", "Turkey", "Egypt", "Morocco", "Nigeria", "Ghana", "Bolivia", "Ecuador", "Colombia",
]  # fmt: skip
UPDATES = 6


def crash_timeline(seed: int = 11) -> list[Article]:
    """Per country, a flood toll revised upwards several times by its interior ministry."""
    rng = random.Random(seed)
    articles = []
    day = 0
    tolls = dict.fromkeys(COUNTRIES, 0)
    for update in range(UPDATES):
        for country in COUNTRIES:
            day += 1
            tolls[country] += rng.randint(3, 40)
            ngo = tolls[country] * 2 + rng.randint(1, 50)
            text = (
                f"{country}'s Interior Ministry said on Monday that {tolls[country]} people had been killed "
                f"in the floods, as rescue teams reached cut-off villages.\n\n"
                f"A local aid group estimated that at least {ngo} people had died. "
                f"The floods have damaged {rng.randint(100, 9000)} homes and 40 bridges."
            )
            articles.append(
                Article(
                    id=f"crash-{country.lower()}-{update}",
                    url=f"https://crash.newsdesk.example/{country.lower()}/{update}",
                    title=f"Flood update {update + 1} from {country}",
                    text=text,
                    published=f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}T08:00:00Z",
                    outlet="Wire",
                    feed="test",
                    fetched_at="2024-12-31T00:00:00Z",
                )
            )
    return articles


async def test_kill_9_mid_replay_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    articles = crash_timeline()
    expected = sorted(alert.id for alert in Pipeline().run(articles))
    assert len(expected) == len(COUNTRIES) * UPDATES  # one alert per update: the timeline is all signal
    path = tmp_path / "timeline.jsonl"
    path.write_bytes(b"".join(json.dumps_line(a.to_dict()) for a in articles))

    env = isolated_env(tmp_path)
    settings = settings_from(env)
    first = Worker(env, tmp_path / "worker-1.log").start()
    try:
        first.wait_ready()
        replay = run_cli("replay", str(path), env=env)
        assert replay.returncode == 0, replay.stderr.decode()
        # Kill once part of the work is done and the rest is in flight.
        await read_topic(settings, settings.topic_alerts, lambda r: len(r) >= len(expected) // 5, timeout=120)
    finally:
        first.stop(sig=signal.SIGKILL)
    assert first.process is not None
    assert first.process.returncode == -signal.SIGKILL

    alerts_at_kill = len(await read_to_end(settings, settings.topic_alerts))
    assert alerts_at_kill < len(expected), "the worker finished before the kill: make the timeline longer"

    second = Worker(env, tmp_path / "worker-2.log").start()
    try:
        second.wait_ready()
        await read_topic(settings, settings.topic_alerts, lambda r: len(r) >= len(expected), timeout=180)
        await wait_caught_up(settings, settings.app_id, [settings.topic_articles, settings.topic_claims])
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- restarted worker log ---\n{second.log()[-4000:]}") from None
    finally:
        second.stop()

    got = [value["id"] for _, value in await read_to_end(settings, settings.topic_alerts)]
    assert len(got) == len(set(got)), f"{len(got) - len(set(got))} alert(s) published twice"
    assert sorted(got) == expected
