"""The pure core of webhook delivery: config, body and Slack text, signatures, retry schedule."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import pytest

from newsdesk.settings import Settings
from newsdesk.utils import json
from newsdesk.webhooks.config import parse_config
from newsdesk.webhooks.exceptions import ConfigError
from newsdesk.webhooks.payload import body, slack_text
from newsdesk.webhooks.retry import Verdict, backoff, classify, next_step, parse_retry_after
from newsdesk.webhooks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, signed_headers, verify
from tests.support import ROOT, run_cli, sample_alert

SECRET = "0123456789abcdef-secret"  # noqa: S105 - a test key
NO_BROKER = {"NEWSDESK_BROKER": "127.0.0.1:1", "PATH": "/usr/bin:/bin"}
SETTINGS = Settings(app_id="deskapp", webhook_max_attempts=5, webhook_timeout=3.0)


# ---------------------------------------------------------------- config


def test_the_example_file_parses() -> None:
    subs = parse_config((ROOT / "webhooks.example.toml").read_text("utf-8"), SETTINGS)
    assert len(subs) >= 2
    assert len({s.group for s in subs}) == len(subs)


def test_config_defaults_come_from_settings_and_filters_are_built() -> None:
    (sub,) = parse_config(
        f"""
        [[subscription]]
        name = "world-desk"
        url = "https://chat.example/hook"
        secret = "{SECRET}"
        party = "North Korea"
        metric = ["killed", "casualties"]
        kind = ["increase", "revised"]
        min_severity = "high"
        """,
        SETTINGS,
    )
    assert sub.group == "deskapp-webhook-world-desk"
    assert (sub.max_attempts, sub.timeout, sub.start) == (5, 3.0, "latest")
    assert sub.filter.matches(sample_alert(party="north korea", kind="revised", severity="critical"))
    assert not sub.filter.matches(sample_alert(party="North Korea", severity="medium"))
    assert SECRET not in repr(sub)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "no \\[\\[subscription\\]\\]"),
        ("[[subscription]]\nname = 'x'\nurl = 'https://a.example/'\nsecret = 'short'", "secret"),
        ("[[subscription]]\nname = 'x'\nurl = 'ftp://a.example/'\nsecret = '" + SECRET + "'", "url"),
        ("[[subscription]]\nname = 'x y'\nurl = 'https://a.example/'\nsecret = '" + SECRET + "'", "name"),
        ("[[subscription]]\nname = 'x'\nurl = 'https://a.example/'\nsecret = '" + SECRET + "'\nmetrics = ['killed']", "unknown key"),  # noqa: E501
        ("[[subscription]]\nname = 'x'\nurl = 'https://a.example/'\nsecret = '" + SECRET + "'\nkind = ['surge']", "surge"),  # noqa: E501
        ("[[subscription]]\nname = 'x'\nurl = 'https://a.example/'\nsecret = '" + SECRET + "'\nmax_attempts = 0", "max_attempts"),  # noqa: E501
        (("[[subscription]]\nname = 'x'\nurl = 'https://a.example/'\nsecret = '" + SECRET + "'\n") * 2, "share the name"),  # noqa: E501
        ("not toml = = =", "TOML"),
    ],
)  # fmt: skip
def test_bad_config_is_a_clear_error(body: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(body, SETTINGS)


# ---------------------------------------------------------------- payload


def test_body_is_the_alert_plus_text() -> None:
    alert = sample_alert(1, added_later={"x": 1})  # fields added to the schema later pass through
    sent = json.loads(body(alert))
    assert {k: v for k, v in sent.items() if k != "text"} == alert
    assert sent["text"] == slack_text(alert)


def test_slack_text_reads_well_and_escapes_feed_text() -> None:
    alert = sample_alert(1, summary="Testland · people killed: 50 → 101 <!channel> & <@U123>")
    alert["current"]["sentence"] = "Officials said <b>101</b> died & <https://evil.example|click>."
    text = slack_text(alert)
    lines = text.splitlines()
    assert (
        lines[0]
        == "*INCREASE* (high) Testland · people killed: 50 → 101 &lt;!channel&gt; &amp; &lt;@U123&gt;"
    )
    assert (
        lines[1] == "> Officials said &lt;b&gt;101&lt;/b&gt; died &amp; &lt;https://evil.example|click&gt;."
    )
    assert "Previously: 50 (Interior Ministry, 2025-03-01)" in lines
    assert "Beside it: Monitor Group estimated about 600, 5.9x official" in lines
    assert lines[-1] == "<https://news.example.test/articles/1|Read the article>"
    assert "<!channel>" not in text


def test_slack_text_links_only_http_urls() -> None:
    alert = sample_alert(1, url="javascript:alert(1)")
    alert["current"]["url"] = None
    assert "<javascript" not in slack_text(alert)
    assert "Read the article" not in slack_text(alert)


# ---------------------------------------------------------------- signing


def test_signature_is_hmac_sha256_over_timestamp_dot_body() -> None:
    payload = b'{"id":"abc"}'
    expected = hmac.new(SECRET.encode(), b"1700000000." + payload, hashlib.sha256).hexdigest()
    assert sign(SECRET, 1_700_000_000, payload) == f"v1={expected}"
    headers = signed_headers(SECRET, 1_700_000_000, payload)
    assert headers[TIMESTAMP_HEADER] == "1700000000"
    assert headers[SIGNATURE_HEADER] == f"v1={expected}"


def test_verify_accepts_ours_and_rejects_tampering_replay_and_wrong_keys() -> None:
    payload = b'{"id":"abc"}'
    sig = sign(SECRET, 1_700_000_000, payload)
    assert verify(SECRET, "1700000000", payload, sig, now=1_700_000_100)
    assert not verify(SECRET, "1700000000", payload + b" ", sig, now=1_700_000_100)
    assert not verify("another-secret-of-length", "1700000000", payload, sig, now=1_700_000_100)
    assert not verify(SECRET, "1700000001", payload, sig, now=1_700_000_100)
    assert not verify(SECRET, "1700000000", payload, sig, now=1_700_001_000)  # too old: a replay
    assert not verify(SECRET, None, payload, sig, now=1_700_000_000)
    assert not verify(SECRET, "soon", payload, sig, now=1_700_000_000)


# ---------------------------------------------------------------- retry


@pytest.mark.parametrize(
    ("status", "verdict"),
    [
        (200, Verdict.DELIVERED), (202, Verdict.DELIVERED), (204, Verdict.DELIVERED),
        (None, Verdict.RETRY), (408, Verdict.RETRY), (425, Verdict.RETRY), (429, Verdict.RETRY),
        (500, Verdict.RETRY), (502, Verdict.RETRY), (503, Verdict.RETRY),
        (301, Verdict.GIVE_UP), (400, Verdict.GIVE_UP), (401, Verdict.GIVE_UP), (404, Verdict.GIVE_UP),
        (410, Verdict.GIVE_UP), (413, Verdict.GIVE_UP),
    ],
)  # fmt: skip
def test_classify(status: int | None, verdict: Verdict) -> None:
    assert classify(status) is verdict


def test_the_retry_budget_ends_in_giving_up() -> None:
    assert next_step(500, 1, 3) is Verdict.RETRY
    assert next_step(500, 3, 3) is Verdict.GIVE_UP
    assert next_step(200, 3, 3) is Verdict.DELIVERED


def test_backoff_doubles_within_jitter_and_is_capped() -> None:
    low = [backoff(n, 0.5, 8.0, rand=lambda: 0.0) for n in range(1, 8)]
    high = [backoff(n, 0.5, 8.0, rand=lambda: 1.0) for n in range(1, 8)]
    assert high == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert low == [h / 2 for h in high]  # jitter draws from the upper half: never a burst at zero
    drawn = backoff(3, 0.5, 8.0)
    assert 1.0 <= drawn <= 2.0


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    assert backoff(1, 0.5, 30.0, retry_after=10.0, rand=lambda: 0.0) == 10.0
    assert backoff(1, 0.5, 30.0, retry_after=3600.0, rand=lambda: 0.0) == 30.0
    assert backoff(4, 0.5, 30.0, retry_after=1.0, rand=lambda: 1.0) == 4.0
    assert parse_retry_after(" 12 ") == 12.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") is None
    assert parse_retry_after(None) is None


# ---------------------------------------------------------------- command line


def test_check_prints_the_subscriptions_without_a_broker() -> None:
    result = run_cli("webhooks", "--config", str(ROOT / "webhooks.example.toml"), "--check", env=NO_BROKER)
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith(
        "world-desk-chat: https://chat.example.org/hooks/world-desk (group newsdesk-webhook-"
    )
    assert "severity >= medium" in lines[0]
    assert lines[1].endswith("every alert)")
    assert b"secret" not in result.stdout


def test_a_bad_config_file_is_reported_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "hooks.toml"
    path.write_text("[[subscription]]\nname = 'x'\nurl = 'https://a.example/'\nsecret = 'short'\n")
    result = run_cli("webhooks", "--config", str(path), env=NO_BROKER)
    assert result.returncode == 1
    assert b"secret must be at least" in result.stderr
    assert b"Traceback" not in result.stderr
    missing = run_cli("webhooks", "--config", str(tmp_path / "nope.toml"), env=NO_BROKER)
    assert missing.returncode == 1
    assert b"cannot read" in missing.stderr
