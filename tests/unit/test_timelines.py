"""Each timeline raises exactly its expected alerts through `newsdesk replay --embedded`."""

from __future__ import annotations

import pytest

from newsdesk import schemas
from newsdesk.utils import json
from tests.support import run_cli
from tests.timelines import Timeline, compare, timelines

NO_BROKER = {"NEWSDESK_BROKER": "127.0.0.1:1", "PATH": "/usr/bin:/bin"}


def test_there_are_enough_timelines() -> None:
    assert len(timelines()) >= 12


@pytest.mark.parametrize("timeline", timelines(), ids=lambda t: t.name)
def test_timeline_embedded(timeline: Timeline) -> None:
    result = run_cli("replay", str(timeline.articles), "--embedded", "--order", timeline.order, env=NO_BROKER)
    assert result.returncode == 0, result.stderr.decode()
    alerts = [json.loads(line) for line in result.stdout.splitlines()]
    for alert in alerts:
        assert schemas.errors("alert", alert) == []
    assert compare(timeline, alerts) == ""
    assert len({a["id"] for a in alerts}) == len(alerts)
