"""`newsdesk webhooks --redeliver`: dead-lettered deliveries POSTed again, on the real broker.

A real `newsdesk webhooks` process gives up on a receiver that refuses (410), which leaves dead
letters; once the config points at a receiver that accepts, `--redeliver` sends the same alerts
again, signed the same way, and the receiver (checking signatures with hmac itself) gets each.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Any

import pytest

from newsdesk.messages import encode
from newsdesk.records import DeadLetter
from newsdesk.utils import json
from newsdesk.webhooks.deadletter import delivery_failure
from streams.admin import ensure_topics
from tests.integration.test_webhook_delivery import (
    config,
    publish,
    receiver,
    wait_exit,
    webhooks_process,
)
from tests.support import (
    NEWSDESK,
    ROOT,
    isolated_env,
    producer,
    read_to_end,
    read_topic,
    sample_alert,
    settings_from,
)

pytestmark = [pytest.mark.integration, pytest.mark.coroutine_timeout(240)]


async def cli(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    """Run newsdesk without blocking the loop the receiver answers from."""
    process = await asyncio.create_subprocess_exec(
        NEWSDESK, *args, env=env, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def letter_of_another_kind(settings: Any) -> list[bytes]:
    """What else the dead-letter topic holds: a worker's poison message, another config's failure."""
    poison = DeadLetter(
        id="t/0/7", stage="decode", topic=settings.topic_articles, partition=0, offset=7, key=None,
        payload="{not json", payload_encoding="utf-8", error="DecodeError", reason="not JSON",
        failed_at="2025-01-01T00:00:00Z",
    )  # fmt: skip
    elsewhere = delivery_failure(
        subscription="another-desk", topic=settings.topic_alerts, partition=0, offset=0, key=None,
        value=json.dumps(sample_alert(99)), error="DeliveryFailed", reason="HTTP 500",
    )  # fmt: skip
    return [encode("deadletter", poison), encode("deadletter", elsewhere)]


async def test_dead_lettered_deliveries_are_sent_again_signed_the_same_way(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    settings = settings_from(env)
    await ensure_topics(settings)
    alerts = [sample_alert(n, figure_key=f"testland:people:killed-{n}") for n in range(4)]
    ids = sorted(a["id"] for a in alerts)
    await publish(settings, alerts)

    async with receiver() as seen:
        refusing, accepting = tmp_path / "refusing.toml", tmp_path / "accepting.toml"
        refusing.write_text(config(seen, desk={"url": "URL/gone", "max_attempts": 1}))
        accepting.write_text(config(seen, desk={"url": "URL/ok"}))

        # The receiver refuses: every alert ends up a dead letter of subscription "desk".
        with webhooks_process(env, refusing, tmp_path / "webhooks.log") as process:
            await read_topic(settings, settings.topic_deadletter, lambda r: len(r) >= len(alerts), 60)
            process.send_signal(signal.SIGTERM)
            assert await wait_exit(process, 30) == 0
        async with producer(settings) as client:
            for value in letter_of_another_kind(settings):
                await client.send_and_wait(settings.topic_deadletter, value=value)
        letters_before = len(await read_to_end(settings, settings.topic_deadletter))
        assert letters_before == len(alerts) + 2
        refused = len(seen.requests)

        # --dry-run lists, sends nothing.
        code, out, err = await cli(
            "webhooks", "--config", str(accepting), "--redeliver", "--dry-run", env=env
        )
        assert code == 0, err
        assert sorted(line.split()[2] for line in out.splitlines()) == ids
        assert all(" to desk (dead-lettered " in line and "HTTP 410" in line for line in out.splitlines())
        assert "skipped: 1 another subscription, 1 stage decode" in err
        assert len(seen.requests) == refused

        # Filters: nothing written since a date in the future; an unknown subscription is an error.
        code, out, err = await cli(
            "webhooks", "--config", str(accepting), "--redeliver", "--since", "2999-01-01", env=env
        )
        assert (code, out) == (0, "")
        assert "0 redelivered, 0 failed" in err
        code, _, err = await cli(
            "webhooks", "--config", str(accepting), "--redeliver", "--subscription", "nope", env=env
        )
        assert code == 1
        assert "no subscription named nope" in err
        code, _, err = await cli("webhooks", "--config", str(accepting), "--since", "1h", env=env)
        assert code == 1
        assert "go with --redeliver" in err

        # Still refused: reported, exit 1, and no second letter is written.
        code, out, err = await cli(
            "webhooks", "--config", str(refusing), "--redeliver", "--since", "1h", env=env
        )
        assert code == 1
        assert sorted(line.split()[1] for line in out.splitlines() if line.startswith("failed ")) == ids
        assert "0 redelivered, 4 failed" in err

        # The receiver is back (the config now points at it): each alert arrives, signed.
        code, out, err = await cli(
            "webhooks", "--config", str(accepting), "--redeliver", "--subscription", "desk", env=env
        )
        assert code == 0, err
        assert sorted(line.split()[1] for line in out.splitlines() if line.startswith("redelivered ")) == ids
        assert "4 redelivered, 0 failed" in err
        assert sorted(seen.accepted) == ids
        assert seen.bad_signatures == 0
        for alert in alerts:
            sent = seen.bodies[alert["id"]]
            assert {k: v for k, v in sent.items() if k != "text"} == alert
            assert sent["text"].startswith("*INCREASE* (high) Testland")
        assert len(await read_to_end(settings, settings.topic_deadletter)) == letters_before
