"""What a card shows: safe links only, and where the number stands in the evidence sentence."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.alerttext import safe_url
from newsdesk.board.present import card, locate_number
from newsdesk.board.timeline import figure_timeline, plot_value
from newsdesk.pipeline import Pipeline
from tests.support import ROOT, sample_alert


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "/relative/path",
        "//evil.example/x",
        "https://",
        'https://ok.example/"onmouseover="x',
        "https://ok.example/<script>",
        "https://ok.example/a b",
        None,
        42,
    ],
)
def test_unsafe_or_odd_urls_are_not_links(url: Any) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("url", ["https://news.example/a?b=1#c", "http://127.0.0.1:8080/x"])
def test_http_urls_are_links(url: str) -> None:
    assert safe_url(url) == url


def span_text(sentence: str, figure: dict[str, Any]) -> str | None:
    span = locate_number(sentence, figure)
    return sentence[span[0] : span[1]] if span else None


def exact(value: float) -> dict[str, Any]:
    return {"value": value, "low": value, "high": value, "qualifier": "exact", "vague_text": None}


RANGE = {"value": None, "low": 2000, "high": 3000, "qualifier": "range", "vague_text": None}


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        ("The deaths of 100 troops were acknowledged.", exact(100), "100"),
        ("Of 1,000 residents, 100 were killed.", exact(100), "100"),  # not the "1,000"
        ("A total of 4,700 casualties.", exact(4700), "4,700"),
        ("A total of 4700 casualties.", exact(4700), "4700"),
        ("A total of 4 700 casualties.", exact(4700), "4 700"),
        ("A breach hit 37 million customers.", exact(37_000_000), "37 million"),
        ("About 4.7m people were displaced.", exact(4_700_000), "4.7m"),
        ("Pyongyang admits A Handful died", {"qualifier": "vague", "vague_text": "a handful"}, "A Handful"),
        ("Between 2,000 and 3,000 were arrested.", RANGE, "2,000 and 3,000"),
        ("Some 100.5 tonnes and then 7 people.", exact(100), None),
        ("Nothing numeric here.", exact(5), None),
    ],
)  # fmt: skip
def test_locate_number_finds_the_number_as_written(
    sentence: str, figure: dict[str, Any], expected: str | None
) -> None:
    assert span_text(sentence, figure) == expected


def test_evidence_offsets_win_when_the_alert_carries_them() -> None:
    sentence = "Officials said 12 were hurt and 12 were killed."
    # Offsets are the article's: the sentence starts at 1000, the number at 1032.
    figure = {
        **exact(12),
        "evidence": {"field": "text", "start": 1000, "end": 1047, "number_start": 1032, "number_end": 1034},
    }
    assert locate_number(sentence, figure) == (32, 34)
    # Offsets outside the sentence are ignored, and the text search takes over.
    figure["evidence"] = {"start": 0, "end": 5, "number_start": 90, "number_end": 95}
    assert locate_number(sentence, figure) == (15, 17)


def test_number_text_from_the_claim_is_used_when_present() -> None:
    assert (
        span_text("Officials said a hundred died.", {**exact(100), "number_text": "a hundred"}) == "a hundred"
    )


def test_card_carries_plain_strings_and_only_safe_links() -> None:
    alert = sample_alert(7, url="javascript:alert(1)")
    alert["context"][0]["url"] = "data:text/html,x"
    shown = card(alert, seq=3, order=(5, 3))
    assert shown["id"] == alert["id"]
    assert shown["previous"]["text"] == "50"
    assert shown["current"]["text"] == "107"
    assert shown["url"] == "https://news.example.test/articles/7"  # the current figure's own link
    assert shown["context"][0]["url"] is None
    assert shown["context"][0]["ratio"] == "5.6x official"
    assert shown["sentence"][shown["highlight"][0] : shown["highlight"][1]] == "107"


def test_seed_alerts_highlight_their_numbers() -> None:
    from feeds.seeds import load_paths

    alerts = [a.to_dict() for a in Pipeline().run(load_paths([ROOT / "seeds"]))]
    highlighted = {
        card(a, seq=1, order=(0, 1))["sentence"][slice(*card(a, seq=1, order=(0, 1))["highlight"])]
        for a in alerts
    }
    assert highlighted == {"a handful", "100"}


def test_timeline_merges_official_values_and_third_party_points() -> None:
    first = sample_alert(0, kind="first", previous=None)
    second = sample_alert(20)
    second["previous"] = first["current"]  # the next alert starts where the last one ended
    timeline = figure_timeline([first, second])
    assert [p["y"] for p in timeline["official"]] == [100, 120]
    assert [p["t"] for p in timeline["official"]] == ["2025-03-02T08:00:00Z"] * 2
    assert len(timeline["context"]) == 1  # the same monitor figure beside both alerts
    assert timeline["context"][0]["y"] == 600
    assert timeline["context"][0]["source"] == "Monitor Group"


def test_plot_value_of_vague_and_range_figures() -> None:
    assert plot_value({"value": None, "low": 2, "high": 9}) == 5.5
    assert plot_value({"value": None, "low": 10, "high": None}) == 10
    assert plot_value({"value": None, "low": None, "high": None}) is None
