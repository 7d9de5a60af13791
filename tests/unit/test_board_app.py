"""The board's web server with an in-memory view (no broker): headers, API and the live stream."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient, TestServer

from newsdesk.board.app import create_app
from newsdesk.board.feed import AlertFeed
from newsdesk.board.hub import Hub
from newsdesk.board.view import AlertView
from newsdesk.settings import Settings
from newsdesk.utils import json
from tests.support import sample_alert


@contextlib.asynccontextmanager
async def board() -> AsyncIterator[tuple[TestClient[web.Request, web.Application], AlertFeed]]:
    """Opened and closed inside each test: the leaked-task guard runs before fixtures finalise."""
    view, hub = AlertView(100), Hub(queue_size=4)
    feed = AlertFeed(Settings(), view, hub)
    app = create_app(view, hub, status=feed.status.to_dict, heartbeat=0.2)
    async with TestClient(TestServer(app)) as client:
        yield client, feed


def publish(feed: AlertFeed, n: int, **changes: object) -> None:
    assert feed.ingest(json.dumps(sample_alert(n, **changes)), timestamp_ms=n, where=f"test/{n}")


def assert_secure(response: ClientResponse) -> None:
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/figures/testland:people:killed",
        "/static/board.js",
        "/static/board.css",
        "/api/alerts",
        "/nothing",
    ],
)
async def test_every_response_carries_the_security_headers(path: str) -> None:
    async with board() as (client, _):
        response = await client.get(path)
        assert_secure(response)


async def test_pages_have_no_inline_script_or_style() -> None:
    async with board() as (client, _):
        for path in ("/", "/figures/x"):
            page = await (await client.get(path)).text()
            assert '<script type="module" src="/static/' in page
            assert "<script>" not in page
            assert "<style" not in page
            assert "style=" not in page
            assert " on" not in page.replace("\n", " ").split("<body")[1].split(">")[0]


async def test_static_assets_never_use_inner_html() -> None:
    async with board() as (client, _):
        for name in ("dom.js", "board.js", "figure.js", "chart.js"):
            source = await (await client.get(f"/static/{name}")).text()
            for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
                assert sink not in source, (name, sink)


async def test_no_directory_listing_or_escape_from_static() -> None:
    async with board() as (client, _):
        assert (await client.get("/static/")).status in {403, 404}
        assert (await client.get("/static/../app.py")).status in {403, 404}


async def test_api_alerts_newest_first_with_filters() -> None:
    async with board() as (client, feed):
        publish(feed, 1, party="North Korea")
        publish(feed, 2, party="Russia", metric="captured")
        publish(feed, 3, party="North Korea", kind="decrease")
        data = await (await client.get("/api/alerts")).json()
        assert [c["id"] for c in data["alerts"]] == [sample_alert(n)["id"] for n in (3, 2, 1)]
        assert data["last_seq"] == 3
        only = await (
            await client.get("/api/alerts", params={"party": "north korea", "kind": "increase"})
        ).json()
        assert [c["id"] for c in only["alerts"]] == [sample_alert(1)["id"]]
        metric = await (await client.get("/api/alerts", params={"metric": "captured", "limit": "5"})).json()
        assert [c["party"] for c in metric["alerts"]] == ["Russia"]
        bad = await client.get("/api/alerts", params={"metric": "exploded"})
        assert bad.status == 400
        assert "exploded" in (await bad.json())["error"]
        assert (await client.get("/api/alerts", params={"limit": "many"})).status == 400


async def test_invalid_records_are_counted_not_shown() -> None:
    async with board() as (client, feed):
        assert not feed.ingest(b"{not json", timestamp_ms=1, where="t/0/1")
        assert not feed.ingest(json.dumps({"id": "x"}), timestamp_ms=2, where="t/0/2")
        publish(feed, 1)
        health = await (await client.get("/api/health")).json()
        assert (health["alerts"], health["invalid"]) == (1, 2)


async def test_figure_api_and_facets() -> None:
    async with board() as (client, feed):
        publish(feed, 1)
        page = await (await client.get("/api/figures/testland:people:killed")).json()
        assert page["figure"]["party"] == "Testland"
        assert page["timeline"]["official"]
        assert page["timeline"]["context"][0]["source"] == "Monitor Group"
        missing = await client.get("/api/figures/nowhere:people:killed")
        assert missing.status == 404
        facets = await (await client.get("/api/facets")).json()
        assert facets["parties"] == ["Testland"]
        assert "killed" in facets["metrics"]
        assert "revised" in facets["kinds"]


async def read_event(response: ClientResponse) -> dict[str, object]:
    """The next ``alert`` event of an SSE stream (comments and retry lines skipped)."""
    fields: dict[str, str] = {}
    while True:
        line = (await asyncio.wait_for(response.content.readline(), 5)).decode().rstrip("\n")
        if line == "":
            if fields.get("event") == "alert":
                return {"id": int(fields["id"]), "card": json.loads(fields["data"])}
            fields = {}
        elif not line.startswith(":"):
            name, _, value = line.partition(": ")
            fields[name] = value


async def test_stream_sends_new_alerts_live_and_filters_them() -> None:
    async with board() as (client, feed):
        publish(feed, 1)
        response = await client.get("/api/stream", params={"party": "Russia"})
        assert response.headers["Content-Type"].startswith("text/event-stream")
        assert_secure(response)
        publish(feed, 2)  # another party: not for this stream
        publish(feed, 3, party="Russia")
        event = await read_event(response)
        assert event["id"] == 3
        assert event["card"]["party"] == "Russia"  # type: ignore[index]
        response.close()


async def test_stream_resumes_after_last_event_id() -> None:
    async with board() as (client, feed):
        for n in range(1, 5):
            publish(feed, n)
        response = await client.get("/api/stream", headers={"Last-Event-ID": "2"})
        assert [(await read_event(response))["id"] for _ in range(2)] == [3, 4]
        publish(feed, 5)
        assert (await read_event(response))["id"] == 5
        response.close()


async def test_a_slow_stream_is_ended_not_waited_for() -> None:
    async with board() as (client, feed):
        slow = await client.get("/api/stream")
        for n in range(1, 20):  # more than the stream's queue holds, without reading
            publish(feed, n)
        # The board did not block; the stream was ended and can resume from what it saw.
        assert len(feed.view) == 19
        # The stream ends (EOF) instead of holding alerts for a reader that is not reading.
        await asyncio.wait_for(slow.content.read(), 5)
        assert slow.content.at_eof()
        slow.close()
        again = await client.get("/api/stream", params={"since": "0"})
        assert [(await read_event(again))["id"] for _ in range(19)] == list(range(1, 20))
        again.close()


def test_web_refuses_a_port_out_of_range() -> None:
    from tests.support import run_cli

    result = run_cli(
        "web", "--port", "70000", env={"NEWSDESK_BROKER": "127.0.0.1:1", "PATH": "/usr/bin:/bin"}
    )
    assert result.returncode == 1
    assert b"out of range" in result.stderr
