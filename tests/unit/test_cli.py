"""The stable CLI forms, run as real processes with no broker."""

from __future__ import annotations

from pathlib import Path

from newsdesk import schemas
from newsdesk.utils import json
from tests.support import ROOT, run_cli

NO_BROKER = {"NEWSDESK_BROKER": "127.0.0.1:1", "PATH": "/usr/bin:/bin"}


def test_replay_embedded_prints_only_alert_json_lines() -> None:
    result = run_cli("replay", str(ROOT / "seeds"), "--embedded", env=NO_BROKER)
    assert result.returncode == 0, result.stderr.decode()
    alerts = [json.loads(line) for line in result.stdout.splitlines()]
    assert alerts, "the seeds must raise at least one alert"
    for alert in alerts:
        assert schemas.errors("alert", alert) == []
    seed_alert = [a for a in alerts if a["metric"] == "killed" and a["current"]["value"] == 100]
    assert len(seed_alert) == 1
    assert seed_alert[0]["party"] == "North Korea"
    assert seed_alert[0]["previous"]["vague_text"] == "a handful"
    assert all(a["current"]["value"] not in {600, 4700} for a in alerts)
    # Deterministic: a second run prints the same alerts, ids included.
    again = run_cli("replay", str(ROOT / "seeds"), "--embedded", env=NO_BROKER)
    assert again.stdout == result.stdout


def test_extract_reads_stdin_and_files(tmp_path: Path) -> None:
    line = json.dumps({"id": "x1", "text": "Police said 120 protesters were arrested in Paris."})
    result = run_cli("extract", env=NO_BROKER, stdin=line + b"\n")
    assert result.returncode == 0, result.stderr.decode()
    claims = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(c["metric"], c["value"], c["article_id"]) for c in claims] == [("arrested", 120, "x1")]
    path = tmp_path / "a.jsonl"
    path.write_bytes(line + b"\n")
    from_file = run_cli("extract", str(path), env=NO_BROKER)
    assert from_file.stdout == result.stdout


def test_extract_skips_a_bad_line_with_a_message_and_keeps_going() -> None:
    good = json.dumps({"id": "x1", "text": "Police said 120 protesters were arrested in Paris."})
    result = run_cli("extract", env=NO_BROKER, stdin=b"{broken\n" + good + b"\n")
    assert result.returncode == 1
    assert b"stdin:1" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_replay_to_an_unreachable_broker_fails_clearly() -> None:
    result = run_cli("replay", str(ROOT / "seeds"), env=NO_BROKER, timeout=120)
    assert result.returncode == 1
    assert b"cannot reach Kafka" in result.stderr


def test_bad_setting_is_reported_not_a_traceback() -> None:
    result = run_cli("alerts", env={**NO_BROKER, "NEWSDESK_PARTITIONS": "lots"})
    assert result.returncode == 1
    assert b"NEWSDESK_PARTITIONS" in result.stderr
    assert b"Traceback" not in result.stderr
