"""The board's copy of the figure table: decoding the changelog, a bounded store, the full history."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from newsdesk import schemas
from newsdesk.board.app import create_app
from newsdesk.board.changelog import FigureFeed
from newsdesk.board.feed import AlertFeed
from newsdesk.board.figures import FigureRecordError, FigureStore, decode_record, slim
from newsdesk.board.hub import Hub
from newsdesk.board.timeline import history_timeline
from newsdesk.board.view import AlertView
from newsdesk.settings import Settings
from newsdesk.utils import json
from tests.support import sample_alert

KEY = "testland:people:killed"


def observation(value: float | None, published: str, **changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "value": value, "low": value, "high": value, "qualifier": "exact", "vague_text": None,
        "article_id": f"article-{value}-{published[:10]}", "published": published,
        "source": "Interior Ministry", "sentence": f"The ministry said {value} people were killed.",
        "url": None, "outlet": "Example", "stance": "acknowledged", "superseded": False, "arrival": 0,
    }  # fmt: skip
    item.update(changes)
    return item


def figure_state(**changes: Any) -> dict[str, Any]:
    """A figure as the worker's table holds it: four official statements, two third parties."""
    state: dict[str, Any] = {
        "key": KEY,
        "party": "Testland",
        "subject": "people",
        "metric": "killed",
        "official": [
            observation(12, "2025-03-01T08:00:00Z", superseded=True, incident="earthquake"),
            observation(31, "2025-03-02T08:00:00Z", incident="earthquake"),
            observation(20, "2025-03-02T20:00:00Z", lagging=True, source="Governor", incident="earthquake"),
            observation(47, "2025-03-03T08:00:00Z", incident="earthquake"),
            observation(5, "2025-07-01T08:00:00Z", incident="flood"),
        ],
        "third_party": [
            observation(90, "2025-03-03T10:00:00Z", source="Red Crescent", stance="estimated"),
        ],
        "alert_ids": ["a1", "a2"],
        "arrivals": 5,
        "seen": ["article-47"],
        "pending": [],
    }
    state.update(changes)
    assert schemas.errors("figure", state) == []
    return state


def record(state: dict[str, Any] | None, key: str = KEY) -> tuple[bytes, bytes | None]:
    return json.dumps(key), None if state is None else json.dumps(state)


# ---------------------------------------------------------------- decoding and the store


def test_a_changelog_record_decodes_to_the_key_and_state() -> None:
    key, state = decode_record(*record(figure_state()))
    assert key == KEY
    assert state is not None
    assert state["official"][1]["value"] == 31
    assert decode_record(*record(None)) == (KEY, None)  # a tombstone


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (b"{oops", b"{}", "key is not JSON"),
        (b"42", b"{}", "not a figure key"),
        (None, b"{}", "not a figure key"),
        (b'"k"', b"{oops", "value is not JSON"),
        (b'"k"', b'{"key": "k"}', "not a figure state"),
    ],
)
def test_records_that_are_not_figure_states_are_errors(
    key: bytes | None, value: bytes | None, message: str
) -> None:
    with pytest.raises(FigureRecordError, match=message):
        decode_record(key, value)


def test_slim_keeps_what_the_chart_draws_and_drops_the_rest() -> None:
    kept = slim(figure_state())
    assert set(kept) == {"key", "party", "subject", "metric", "official", "third_party"}
    assert not any("sentence" in item for item in kept["official"] + kept["third_party"])
    assert kept["official"][2]["lagging"] is True
    assert kept["official"][0]["incident"] == "earthquake"


def test_the_store_keeps_the_newest_state_and_forgets_the_least_recently_changed() -> None:
    store = FigureStore(2)
    assert store.apply("a", figure_state(key="a"))
    assert store.apply("b", figure_state(key="b"))
    assert not store.apply("a", figure_state(key="a", arrivals=9, alert_ids=["x"]))  # nothing drawn changed
    assert store.apply("c", figure_state(key="c"))
    assert ("a" in store, "b" in store, "c" in store) == (True, False, True)  # b changed longest ago
    assert store.forgotten == 1
    newer = figure_state(key="a")
    newer["official"].append(observation(60, "2025-03-04T08:00:00Z", incident="earthquake"))
    assert store.apply("a", newer)
    a = store.get("a")
    assert a is not None
    assert [o["value"] for o in a["official"]][-1] == 60
    assert store.apply("a", None)  # deleted
    assert store.get("a") is None
    assert not store.apply("a", None)
    with pytest.raises(ValueError, match="at least 1"):
        FigureStore(0)


# ---------------------------------------------------------------- the timeline


def test_the_history_comes_from_the_state_with_alerts_merged_in() -> None:
    state = slim(figure_state())
    alert = sample_alert(7, figure_key=KEY)  # 50 -> 107: an alert the state does not show yet
    alert["previous"]["published"] = "2025-02-28T08:00:00Z"
    alert["current"]["published"] = "2025-03-05T08:00:00Z"
    timeline = history_timeline(state, [alert])
    official = timeline["official"]
    assert [(p["y"], p["origin"]) for p in official] == [
        (50.0, "alert"),
        (12.0, "figure"),
        (31.0, "figure"),
        (20.0, "figure"),
        (47.0, "figure"),
        (107.0, "alert"),
        (5.0, "figure"),
    ]
    by_value = {p["y"]: p for p in official}
    assert by_value[12.0]["superseded"]
    assert not by_value[31.0]["superseded"]
    # The lagging governor's count is off the line; the flood starts a new line.
    assert by_value[20.0]["lagging"]
    assert by_value[20.0]["segment"] is None
    assert {by_value[v]["segment"] for v in (12.0, 31.0, 47.0)} == {0}
    assert by_value[5.0]["segment"] == 1
    # Third parties: the state's latest and the alert's context, each once.
    assert [(p["source"], p["origin"]) for p in timeline["context"]] == [
        ("Monitor Group", "alert"),
        ("Red Crescent", "figure"),
    ]


def test_a_statement_in_both_the_state_and_an_alert_is_drawn_once_as_the_states() -> None:
    state = figure_state()
    alert = sample_alert(0, figure_key=KEY)
    alert["previous"] = copy.deepcopy(state["official"][1])
    alert["current"] = copy.deepcopy(state["official"][3])
    timeline = history_timeline(slim(state), [alert])
    assert [p["y"] for p in timeline["official"]] == [12.0, 31.0, 20.0, 47.0, 5.0]
    assert {p["origin"] for p in timeline["official"]} == {"figure"}


def test_without_a_state_the_alerts_alone_make_one_line() -> None:
    timeline = history_timeline(None, [sample_alert(1), sample_alert(2)])
    assert [p["y"] for p in timeline["official"]] == [50.0, 101.0, 102.0]
    assert {p["origin"] for p in timeline["official"]} == {"alert"}
    assert {p["segment"] for p in timeline["official"]} == {0}


# ---------------------------------------------------------------- the feed and the API


def board(capacity: int = 10) -> tuple[AlertFeed, FigureFeed, TestClient[Any, Any]]:
    """Call inside a running loop (the test client needs one)."""
    view, hub, store = AlertView(100), Hub(queue_size=8), FigureStore(capacity)
    alerts = AlertFeed(Settings(), view, hub)
    figures = FigureFeed(Settings(app_id="deskapp"), store, hub)
    app = create_app(
        view, hub, heartbeat=0.2, figures=store, status=lambda: {"figures": figures.status.to_dict()}
    )
    return alerts, figures, TestClient(TestServer(app))


def test_the_feed_reads_the_tables_changelog_topic() -> None:
    figures = FigureFeed(Settings(app_id="deskapp"), FigureStore(1), Hub())
    assert figures.topic == "deskapp-figures-changelog"


async def test_a_figure_page_shows_the_history_even_without_any_alert() -> None:
    alerts, figures, client = board()
    async with client:
        assert figures.ingest(*record(figure_state()), where="c/0/0")
        assert not figures.ingest(b"{oops", b"{}", where="c/0/1")
        page = await (await client.get(f"/api/figures/{KEY}")).json()
        assert page["history"] == "figure"
        assert page["alerts"] == []
        assert page["figure"] == {
            "figure_key": KEY,
            "party": "Testland",
            "subject": "people",
            "metric": "killed",
        }
        assert [p["text"] for p in page["timeline"]["official"] if not p["lagging"]] == [
            "12",
            "31",
            "47",
            "5",
        ]
        health = await (await client.get("/api/health")).json()
        assert (health["figures"]["figures"], health["figures"]["invalid"]) == (1, 1)

        # An alert of a figure the table does not hold: drawn from the alert, as before.
        alerts.ingest(
            json.dumps(sample_alert(1, figure_key="elsewhere:people:killed")), timestamp_ms=1, where="a"
        )
        other = await (await client.get("/api/figures/elsewhere:people:killed")).json()
        assert other["history"] == "alerts"
        assert {p["origin"] for p in other["timeline"]["official"]} == {"alert"}

        # A tombstone removes the history; with no alert either, the figure is unknown.
        figures.ingest(*record(None), where="c/0/2")
        assert (await client.get(f"/api/figures/{KEY}")).status == 404


async def test_a_figure_page_stream_is_told_when_its_figure_changes() -> None:
    _, figures, client = board()
    async with client:
        figures.ingest(*record(figure_state()), where="c/0/0")  # during the start-up rebuild: no event
        figures.status.ready = True
        response = await client.get("/api/stream", params={"figure": KEY})
        other = await client.get("/api/stream", params={"figure": "elsewhere:people:killed"})
        changed = figure_state()
        changed["official"].append(observation(60, "2025-03-04T08:00:00Z", incident="earthquake"))
        assert figures.ingest(*record(changed), where="c/0/1")
        assert not figures.ingest(*record(changed), where="c/0/2")  # same history: no event
        event = await next_event(response)
        assert event == ("figure", {"figure_key": KEY})
        with pytest.raises(TimeoutError):
            await next_event(other, timeout=0.5)
        response.close()
        other.close()


async def next_event(response: Any, timeout: float = 5.0) -> tuple[str, Any]:
    fields: dict[str, str] = {}
    async with asyncio.timeout(timeout):
        while True:
            line = (await response.content.readline()).decode().rstrip("\n")
            if line == "":
                if "event" in fields:
                    return fields["event"], json.loads(fields["data"])
                fields = {}
            elif not line.startswith(":"):
                name, _, value = line.partition(": ")
                fields[name] = value
