"""`newsdesk alerts` with --party/--metric/--kind on the real broker: a desk's own filtered feed."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from newsdesk.utils import json
from streams.admin import ensure_topics
from tests.support import NEWSDESK, ROOT, isolated_env, producer, run_cli, sample_alert, settings_from

pytestmark = [pytest.mark.e2e, pytest.mark.coroutine_timeout(180)]


def alerts() -> list[dict[str, Any]]:
    return [
        sample_alert(1),
        sample_alert(2, party="Otherland", figure_key="otherland:people:killed"),
        sample_alert(3, kind="revised"),
        sample_alert(4, metric="captured", figure_key="testland:people:captured"),
        sample_alert(5, party="otherland", kind="revised", figure_key="otherland:people:killed"),
    ]


async def publish(settings: Any, items: list[dict[str, Any]]) -> None:
    async with producer(settings) as client:
        for alert in items:
            # One partition: the expected order is the order published.
            await client.send_and_wait(settings.topic_alerts, value=json.dumps(alert), partition=0)


def ids_printed(stdout: bytes) -> list[str]:
    return [json.loads(line)["id"] for line in stdout.splitlines()]


async def test_filters_select_alerts_and_keep_the_output_forms(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    settings = settings_from(env)
    await ensure_topics(settings)
    published = alerts()
    await publish(settings, published)

    def run(*options: str) -> bytes:
        result = run_cli("alerts", "--from-beginning", *options, env=env, timeout=60)
        assert result.returncode == 0, result.stderr.decode()
        return result.stdout

    everything = run("--json")
    assert ids_printed(everything) == [a["id"] for a in published]
    assert ids_printed(run("--json", "--party", "otherland")) == [published[1]["id"], published[4]["id"]]
    assert ids_printed(run("--json", "--kind", "revised")) == [published[2]["id"], published[4]["id"]]
    assert ids_printed(run("--json", "--metric", "captured")) == [published[3]["id"]]
    assert ids_printed(run("--json", "--party", "Testland", "--kind", "increase", "--kind", "decrease")) == [
        published[0]["id"],
        published[3]["id"],
    ]
    assert ids_printed(run("--json", "--min-severity", "critical")) == []
    # Filtered lines are the unfiltered lines, byte for byte; the text form is filtered the same way.
    lines = everything.splitlines(keepends=True)
    assert run("--json", "--metric", "captured") == lines[3]
    text = run()
    captured = run("--metric", "captured")
    assert captured.decode().startswith("[2025-03-02] INCREASE")
    assert captured in text
    assert text.count(b"[2025-03-02]") == 5
    assert captured.count(b"[2025-03-02]") == 1


async def test_follow_with_a_filter_prints_only_matching_new_alerts(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    settings = settings_from(env)
    await ensure_topics(settings)
    first = sample_alert(10, party="Otherland")
    await publish(settings, [first])
    process = await asyncio.create_subprocess_exec(
        NEWSDESK, "alerts", "--follow", "--from-beginning", "--json", "--party", "Otherland",
        env=env, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        line = await asyncio.wait_for(process.stdout.readline(), 60)
        assert json.loads(line)["id"] == first["id"]  # it is reading: now publish more
        later = [sample_alert(11), sample_alert(12, party="otherland"), sample_alert(13, kind="revised")]
        await publish(settings, later)
        line = await asyncio.wait_for(process.stdout.readline(), 60)
        assert json.loads(line)["id"] == later[1]["id"]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 30) == 0


def test_an_unknown_metric_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    result = run_cli("alerts", "--metric", "exploded", env=isolated_env(tmp_path), timeout=60)
    assert result.returncode == 2
    assert b"exploded" in result.stderr
    assert result.stdout == b""
