"""Choosing what `--redeliver` re-sends: which letters, for which subscription, each alert once."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

import pytest

from newsdesk.settings import Settings
from newsdesk.utils import json
from newsdesk.webhooks.config import parse_config
from newsdesk.webhooks.deadletter import delivery_failure
from newsdesk.webhooks.exceptions import ConfigError
from newsdesk.webhooks.redeliver import choose, parse_since, plan
from tests.support import sample_alert

CONFIG = """
[[subscription]]
name = "desk"
url = "http://127.0.0.1:9/a"
secret = "0123456789abcdef-secret"

[[subscription]]
name = "data"
url = "http://127.0.0.1:9/b"
secret = "0123456789abcdef-secret"
"""
SUBS = parse_config(CONFIG, Settings())
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def letter(subscription: str, n: int, *, offset: int = 0, value: bytes | None = None) -> dict[str, Any]:
    raw = json.dumps(sample_alert(n)) if value is None else value
    return delivery_failure(
        subscription=subscription, topic="news.alerts", partition=0, offset=offset, key=None,
        value=raw, error="DeliveryFailed", reason="HTTP 503 after 8 attempt(s)",
    ).to_dict()  # fmt: skip


def test_since_takes_iso_times_and_durations() -> None:
    assert parse_since("2025-05-31T08:00:00Z", NOW) == datetime(2025, 5, 31, 8, tzinfo=UTC)
    assert parse_since("2025-05-31", NOW) == datetime(2025, 5, 31, tzinfo=UTC)
    assert parse_since("90m", NOW) == datetime(2025, 6, 1, 10, 30, tzinfo=UTC)
    assert parse_since("7d", NOW) == datetime(2025, 5, 25, 12, tzinfo=UTC)
    with pytest.raises(ConfigError, match="neither ISO 8601 nor a duration"):
        parse_since("yesterday", NOW)


def test_subscriptions_are_chosen_by_name_and_an_unknown_one_is_an_error() -> None:
    assert [s.name for s in choose(SUBS, [])] == ["desk", "data"]
    assert [s.name for s in choose(SUBS, ["data", "data"])] == ["data"]
    with pytest.raises(ConfigError, match="no subscription named nope"):
        choose(SUBS, ["nope", "desk"])


def test_plan_resends_each_alert_once_per_subscription_in_topic_order() -> None:
    poison = {**letter("desk", 0), "stage": "decode", "subscription": None}
    letters = [
        letter("desk", 2, offset=2),
        poison,
        None,  # a record that was not a dead letter at all
        letter("data", 2, offset=2),
        letter("desk", 1, offset=1),
        letter("desk", 2, offset=2),  # dead-lettered twice (say, after a restart): sent once
        letter("elsewhere", 3),
        letter("desk", 4, value=b'{"id": "not an alert"}'),
    ]
    chosen = plan(letters, SUBS)
    assert [(r.sub.name, r.alert["id"]) for r in chosen.resend] == [
        ("desk", sample_alert(2)["id"]),
        ("data", sample_alert(2)["id"]),
        ("desk", sample_alert(1)["id"]),
    ]
    assert chosen.resend[0].alert == sample_alert(2)
    assert dict(chosen.skipped) == {
        "stage decode": 1,
        "not a dead letter": 1,
        "same alert again": 1,
        "another subscription": 1,
        "payload is not a valid alert": 1,
    }
    only_data = plan(letters, choose(SUBS, ["data"]))
    assert [r.sub.name for r in only_data.resend] == ["data"]


def test_a_base64_payload_is_decoded() -> None:
    item = letter("desk", 5)
    item["payload"] = base64.b64encode(json.dumps(sample_alert(5))).decode("ascii")
    item["payload_encoding"] = "base64"
    (resend,) = plan([item], SUBS).resend
    assert resend.alert == sample_alert(5)
    item["payload"] = "!!! not base64"
    assert plan([item], SUBS).skipped == {"payload is not a valid alert": 1}
