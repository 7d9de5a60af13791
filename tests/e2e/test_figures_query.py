"""Tracked figures are queryable: `newsdesk figures` (from the changelog) and the worker's JSON API."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from newsdesk import schemas
from newsdesk.utils import json
from tests.support import ROOT, isolated_env, read_topic, run_cli, running_worker, settings_from, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.coroutine_timeout(300)]

KEY = "north-korea:troops:killed"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback test URL
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


async def test_figures_cli_and_worker_api(tmp_path: Path) -> None:
    port = free_port()
    env = isolated_env(tmp_path, NEWSDESK_WEB_ENABLED="true", NEWSDESK_WEB_PORT=str(port))
    settings = settings_from(env)
    base = f"http://127.0.0.1:{port}"
    with running_worker(env, tmp_path / "worker.log") as worker:
        worker.wait_ready()
        assert run_cli("replay", str(ROOT / "seeds"), env=env).returncode == 0
        await read_topic(settings, settings.topic_alerts, lambda r: len(r) >= 2, timeout=120)

        def figure_served() -> bool:
            status, body = get(f"{base}/figures/{KEY}/")
            return status == 200 and any(o["value"] == 100 for o in body["official"])

        wait_until(figure_served, 60, "the worker to serve the figure")
        status, figure = get(f"{base}/figures/{KEY}/")
        assert status == 200
        assert schemas.errors("figure", figure) == []
        assert "pending" not in figure

        status, index = get(f"{base}/figures/?metric=killed&party=North%20Korea")
        assert status == 200
        assert [f["key"] for f in index["figures"]] == [KEY]
        status, none = get(f"{base}/figures/?party=Atlantis")
        assert (status, none["count"]) == (200, 0)
        status, _ = get(f"{base}/figures/atlantis:people:killed/")
        assert status == 404

        status, recent = get(f"{base}/alerts/?since=1h")
        assert status == 200
        assert {a["current"]["value"] for a in recent["alerts"]} >= {100}
        for alert in recent["alerts"]:
            assert schemas.errors("alert", alert) == []
        status, later = get(f"{base}/alerts/?since=2999-01-01T00:00:00Z")
        assert (status, later["count"]) == (200, 0)
        status, _ = get(f"{base}/alerts/?since=yesterday-ish")
        assert status == 400

    # The CLI reads the changelog: it works with the worker stopped.
    listed = run_cli("figures", "--json", env=env)
    assert listed.returncode == 0, listed.stderr.decode()
    figures = {f["key"]: f for f in map(json.loads, listed.stdout.splitlines())}
    assert KEY in figures
    for value in figures.values():
        assert schemas.errors("figure", value) == []
    official = [(o["value"], o["vague_text"]) for o in figures[KEY]["official"]]
    assert (None, "a handful") in official
    assert (100, None) in official
    assert figures[KEY]["third_party"]

    filtered = run_cli("figures", "--metric", "casualties", "--json", env=env)
    assert all(json.loads(line)["metric"] == "casualties" for line in filtered.stdout.splitlines())
    text = run_cli("figures", "--party", "north korea", env=env)
    assert b"official 100" in text.stdout
    assert b"a handful" in text.stdout
