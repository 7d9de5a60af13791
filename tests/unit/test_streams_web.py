"""Pure parts of the worker's API: the `since` parameter and the public figure shape."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from newsdesk.settings import Settings
from streams.app import create_app
from streams.figures import figure_matches, public_figure
from streams.peers import LOCAL, ask_all
from streams.web import _since


def test_since_accepts_iso_and_durations() -> None:
    assert _since("2025-08-22T12:00:00Z") == datetime(2025, 8, 22, 12, tzinfo=UTC)
    assert abs(_since("90m") - (datetime.now(UTC) - timedelta(minutes=90))) < timedelta(seconds=5)
    assert abs(_since(None) - (datetime.now(UTC) - timedelta(hours=24))) < timedelta(seconds=5)
    with pytest.raises(ValueError, match="duration"):
        _since("a while ago")


def test_public_figure_hides_delivery_bookkeeping() -> None:
    stored = {"key": "k", "party": "Chile", "metric": "killed", "pending": [{"id": "x"}]}
    assert "pending" not in public_figure(stored)
    assert figure_matches(stored, party="chile", metric="killed")
    assert not figure_matches(stored, party="Peru")
    assert not figure_matches(stored, metric="injured")


async def test_a_peer_is_asked_for_its_own_share_and_a_dead_peer_is_an_answer_not_an_error() -> None:
    seen: list[dict[str, str]] = []

    async def figures(request: web.Request) -> web.Response:
        seen.append(dict(request.query))
        return web.json_response({"figures": [{"key": "chile:people:killed"}], "count": 1})

    app = web.Application()
    app.router.add_get("/figures/", figures)
    async with TestServer(app) as server, aiohttp.ClientSession() as session:
        live = str(server.make_url("")).rstrip("/")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            dead = f"http://127.0.0.1:{sock.getsockname()[1]}"  # bound, not listening: refused
            answers = await ask_all(session, [live, dead], "/figures/", {"metric": "killed"})
    assert seen == [{"metric": "killed", "scope": LOCAL}]
    assert [(a.url, a.status) for a in answers] == [(live, 200), (dead, 0)]
    assert answers[0].body["count"] == 1
    assert answers[1].body["error"]


def test_the_worker_listens_on_its_bind_address_and_announces_its_host(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "NEWSDESK_WEB_HOST": "worker-3.internal",
            "NEWSDESK_WEB_BIND": "0.0.0.0",
            "NEWSDESK_WEB_PORT": "6070",
            "NEWSDESK_DATA_DIR": str(tmp_path / "new" / "state"),
        }
    )
    app = create_app(settings, store="memory://")
    assert app.conf.web_bind == "0.0.0.0"
    assert str(app.conf.canonical_url) == "http://worker-3.internal:6070"
    assert (tmp_path / "new" / "state").is_dir()
    plain = create_app(Settings.from_env({"NEWSDESK_DATA_DIR": str(tmp_path / "plain")}), store="memory://")
    assert plain.conf.web_bind == plain.conf.web_host == "127.0.0.1"
