"""End to end on the real broker: seeds/ -> `newsdesk replay` -> `newsdesk worker` -> news.alerts.

The worker and the replay run as real subprocesses; this test reads the topics with its own
consumers, checks the North Korea alert the seeds must raise (and the ones they must not),
validates every message against its schema, and compares with `newsdesk replay --embedded`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from feeds.seeds import load_paths
from newsdesk import schemas
from newsdesk.pipeline import Pipeline
from newsdesk.utils import json
from tests.support import ROOT, isolated_env, read_to_end, read_topic, run_cli, running_worker, settings_from

pytestmark = [pytest.mark.e2e, pytest.mark.coroutine_timeout(400)]

SEEDS = ROOT / "seeds"
SEED_ARTICLE = "seed-000_e33a1d4c89308a14"


def expected_counts() -> tuple[int, int, int]:
    """(articles, claims, alerts) that in-process extraction and tracking give for seeds/."""
    articles = load_paths([SEEDS])
    pipeline = Pipeline()
    claims = alerts = 0
    for article in articles:
        found = pipeline.claims(article)
        claims += len(found)
        for claim in found:
            alerts += len(pipeline.track(claim))
    return len(articles), claims, alerts


def is_the_seed_alert(alert: dict[str, Any]) -> bool:
    return bool(
        alert["metric"] == "killed"
        and alert["party"] == "North Korea"
        and alert["current"]["value"] == 100
        and alert["current"]["article_id"] == SEED_ARTICLE
    )


async def test_seeds_raise_the_north_korea_alert_on_the_real_broker(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    settings = settings_from(env)
    n_articles, n_claims, n_alerts = expected_counts()
    assert n_alerts >= 1

    with running_worker(env, tmp_path / "worker.log") as worker:
        worker.wait_ready()
        replay = run_cli("replay", str(SEEDS), env=env)
        assert replay.returncode == 0, replay.stderr.decode()
        assert replay.stdout == b""

        try:
            alert_records = await read_topic(
                settings, settings.topic_alerts, lambda r: len(r) >= n_alerts, timeout=120
            )
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- worker log ---\n{worker.log()[-5000:]}") from None
        article_records = await read_topic(
            settings, settings.topic_articles, lambda r: len(r) >= n_articles, timeout=30
        )
        claim_records = await read_topic(
            settings, settings.topic_claims, lambda r: len(r) >= n_claims, timeout=60
        )
        dead = await read_to_end(settings, settings.topic_deadletter)

    alerts = [value for _, value in alert_records]

    # The alert the seeds exist for.
    matching = [a for a in alerts if is_the_seed_alert(a)]
    assert len(matching) == 1, json.dumps_pretty(alerts).decode()
    alert = matching[0]
    assert alert["kind"] in {"revised", "increase"}
    previous = alert["previous"]
    assert previous is not None
    assert previous["published"] < alert["current"]["published"]
    assert previous["value"] is not None or previous["vague_text"]
    sentence = alert["current"]["sentence"]
    assert "100" in sentence
    seed_text = (SEEDS / "000_e33a1d4c89308a14.txt").read_text("utf-8")
    assert sentence in seed_text
    assert alert_records[[a for _, a in alert_records].index(alert)][0] == alert["figure_key"].encode()

    # Third-party figures and tonnage never alert.
    for other in alerts:
        assert other["current"]["value"] not in {600, 4700, 7_500_000}, other
        assert "Intelligence" not in (other["current"]["source"] or "")
    # The restatement by another outlet (seed 003) raised nothing more, and no id repeats.
    assert len({a["id"] for a in alerts}) == len(alerts) == n_alerts

    # Every message the test saw matches its contract; nothing was dead-lettered.
    for kind, records in (("article", article_records), ("claim", claim_records), ("alert", alert_records)):
        for _, value in records:
            assert schemas.errors(kind, value) == [], (kind, value)  # type: ignore[arg-type]
    assert len(article_records) == n_articles
    assert len(claim_records) == n_claims
    for key, value in claim_records:
        assert key == value["figure_key"].encode()
    assert dead == []

    # The same alerts as the embedded mode, with no broker involved.
    embedded = run_cli("replay", str(SEEDS), "--embedded", env=env)
    assert embedded.returncode == 0, embedded.stderr.decode()
    embedded_alerts = [json.loads(line) for line in embedded.stdout.splitlines()]
    assert sorted(a["id"] for a in embedded_alerts) == sorted(a["id"] for a in alerts)
