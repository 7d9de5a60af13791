"""The board's bounded memory: de-duplicated, newest first, resumable, indexed by figure."""

from __future__ import annotations

import pytest

from newsdesk.alertfilter import AlertFilter
from newsdesk.board.view import AlertView
from tests.support import sample_alert


def test_duplicates_by_id_are_kept_once() -> None:
    view = AlertView(10)
    assert view.add(sample_alert(1), timestamp_ms=1) is not None
    assert view.add(sample_alert(1), timestamp_ms=2) is None
    assert len(view) == 1
    assert view.last_seq == 1


def test_newest_first_by_broker_time_not_by_arrival() -> None:
    view = AlertView(10)
    # A rebuild reads partition 0 to its end, then partition 1: arrival is not time order.
    for n, ts in [(1, 100), (2, 300), (3, 200), (4, 50)]:
        view.add(sample_alert(n), timestamp_ms=ts)
    assert [e.alert["id"] for e in view.recent()] == [sample_alert(n)["id"] for n in (2, 3, 1, 4)]
    assert [e.card["order"][0] for e in view.recent(limit=2)] == [300, 200]


def test_capacity_forgets_the_oldest_and_its_figure_index() -> None:
    view = AlertView(3)
    for n in range(5):
        view.add(sample_alert(n, figure_key=f"f{n}"), timestamp_ms=n)
    assert len(view) == 3
    assert [e.alert["id"] for e in view.recent()] == [sample_alert(n)["id"] for n in (4, 3, 2)]
    assert view.figure("f0") == []
    assert view.figure_page("f1") is None
    assert view.figure_page("f4") is not None
    # Older than everything kept: not added (it would be dropped at once).
    assert view.add(sample_alert(9), timestamp_ms=-1) is None
    assert sample_alert(9)["id"] not in view


def test_since_resumes_after_a_seq_in_arrival_order_with_filters() -> None:
    view = AlertView(10)
    for n in range(6):
        view.add(sample_alert(n, kind="increase" if n % 2 else "decrease"), timestamp_ms=100 - n)
    assert [e.seq for e in view.since(3)] == [4, 5, 6]
    assert [e.seq for e in view.since(0, AlertFilter.build(kind=["increase"]))] == [2, 4, 6]
    assert view.since(6) == []


def test_recent_filters_and_limits() -> None:
    view = AlertView(10)
    view.add(sample_alert(1, party="North Korea"), timestamp_ms=1)
    view.add(sample_alert(2, party="Russia"), timestamp_ms=2)
    view.add(sample_alert(3, party="north korea"), timestamp_ms=3)
    found = view.recent(AlertFilter.build(party=["North Korea"]))
    assert [e.alert["party"] for e in found] == ["north korea", "North Korea"]
    assert len(view.recent(limit=1)) == 1
    assert set(view.parties()) == {"north korea", "North Korea", "Russia"}
    assert view.parties()[-1] == "Russia"  # sorted regardless of case


def test_figure_page_holds_the_timeline_and_cards() -> None:
    view = AlertView(10)
    view.add(sample_alert(1), timestamp_ms=1)
    view.add(sample_alert(2), timestamp_ms=2)
    page = view.figure_page("testland:people:killed")
    assert page is not None
    assert page["figure"] == {
        "figure_key": "testland:people:killed",
        "party": "Testland",
        "subject": "people",
        "metric": "killed",
    }
    assert [c["seq"] for c in page["alerts"]] == [2, 1]
    assert {p["y"] for p in page["timeline"]["official"]} == {50, 101, 102}


def test_capacity_must_be_positive() -> None:
    with pytest.raises(ValueError, match="capacity"):
        AlertView(0)
