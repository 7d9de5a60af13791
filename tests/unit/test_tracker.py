"""Change semantics of figure tracking, on hand-made claims (no extraction involved)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from newsdesk import schemas
from newsdesk.records import Alert, Claim
from newsdesk.tracking import FigureState, observe

KEY = "north-korea:troops:killed"


def claim(value: float | None = None, **changes: Any) -> Claim:
    base = Claim(
        article_id="a1",
        sentence="Officials said 100 soldiers were killed.",
        value=value,
        low=value,
        high=value,
        qualifier="exact",
        vague_text=None,
        metric="killed",
        subject="troops",
        party="North Korea",
        source="Kim Jong Un",
        official=True,
        stance="acknowledged",
        published="2025-08-22T12:00:00Z",
        figure_key=KEY,
        number_text=str(value),
        url="https://example.test/a1",
    )
    return replace(base, **changes)


def vague(text: str, low: float, high: float, **changes: Any) -> Claim:
    return claim(None, low=low, high=high, qualifier="vague", vague_text=text, **changes)


def run(*claims: Claim) -> tuple[FigureState, list[Alert]]:
    state: FigureState | None = None
    alerts: list[Alert] = []
    for c in claims:
        state, new = observe(state, c)
        alerts.extend(new)
    assert state is not None
    return state, alerts


def kinds(alerts: list[Alert]) -> list[str]:
    return [a.kind for a in alerts]


def test_first_increase_decrease() -> None:
    _, alerts = run(
        claim(31, article_id="a1", published="2025-01-01T00:00:00Z"),
        claim(47, article_id="a2", published="2025-01-02T00:00:00Z"),
        claim(40, article_id="a3", published="2025-01-03T00:00:00Z"),
    )
    assert kinds(alerts) == ["first", "increase", "decrease"]
    assert alerts[1].previous is not None
    assert (alerts[1].previous.value, alerts[1].current.value) == (31, 47)
    assert alerts[1].previous.article_id == "a1"
    assert alerts[2].severity in {"medium", "high", "critical"}  # a downward revision is never "low"


def test_alerts_validate_against_the_schema() -> None:
    _, alerts = run(claim(31, article_id="a1"), claim(47, article_id="a2", published="2025-08-23T00:00:00Z"))
    for alert in alerts:
        assert schemas.errors("alert", alert.to_dict()) == []


def test_restatement_by_another_outlet_is_silent() -> None:
    _, alerts = run(
        claim(100, article_id="a1"),
        claim(100, article_id="a2", published="2025-08-23T00:00:00Z", outlet="Other wire"),
        claim(
            100, article_id="a3", published="2025-08-24T00:00:00Z", qualifier="approx", low=None, high=None
        ),
    )
    assert kinds(alerts) == ["first"]


def test_vague_to_number_is_revised() -> None:
    _, alerts = run(
        vague("a handful", 2, 9, article_id="july", published="2025-07-02T00:00:00Z"),
        claim(100, article_id="aug", published="2025-08-22T00:00:00Z"),
    )
    assert kinds(alerts) == ["first", "revised"]
    previous = alerts[1].previous
    assert previous is not None
    assert previous.vague_text == "a handful"
    assert previous.published == "2025-07-02T00:00:00Z"


def test_superseded_value_in_the_same_article_seeds_history() -> None:
    _, alerts = run(
        vague("a handful", 2, 9, article_id="aug", superseded=True),
        claim(100, article_id="aug"),
    )
    assert kinds(alerts) == ["revised"]
    assert alerts[0].previous is not None
    assert alerts[0].previous.vague_text == "a handful"


def test_late_arriving_older_article_lands_in_history_without_alert() -> None:
    state, alerts = run(
        claim(31, article_id="a1", published="2025-01-01T00:00:00Z"),
        claim(47, article_id="a3", published="2025-01-03T00:00:00Z"),
        claim(40, article_id="a2", published="2025-01-02T00:00:00Z"),
    )
    assert kinds(alerts) == ["first", "increase"]
    assert [o.value for o in state.official] == [31, 40, 47]


def test_third_party_figures_never_alert_but_come_as_context() -> None:
    _, alerts = run(
        claim(600, article_id="nis", official=False, source="National Intelligence Service",
              stance="estimated", qualifier="approx", low=None, high=None, published="2025-04-28T00:00:00Z"),
        claim(100, article_id="aug"),
    )  # fmt: skip
    assert kinds(alerts) == ["first"]
    context = alerts[0].context
    assert [(c.source, c.value) for c in context] == [("National Intelligence Service", 600)]
    assert context[0].ratio_to_official == 6.0


def test_increment_adds_to_latest_total() -> None:
    _, alerts = run(
        claim(12_000, article_id="a1", metric="deployed", published="2025-01-01T00:00:00Z"),
        claim(3_000, article_id="a2", metric="deployed", increment=True, published="2025-02-01T00:00:00Z"),
    )
    assert kinds(alerts) == ["first", "increase"]
    assert alerts[1].current.value == 15_000


def test_increment_without_a_total_is_not_an_alert() -> None:
    _, alerts = run(claim(3_000, increment=True))
    assert alerts == []


def test_replaying_the_same_claims_gives_no_second_alert_and_ids_are_stable() -> None:
    claims = [claim(31, article_id="a1"), claim(47, article_id="a2", published="2025-08-23T00:00:00Z")]
    state, first = run(*claims)
    again: list[Alert] = []
    for c in claims:
        state, new = observe(state, c)
        again.extend(new)
    assert again == []
    _, fresh = run(*claims)
    assert [a.id for a in fresh] == [a.id for a in first]


def test_state_round_trips_through_a_dict() -> None:
    state, _ = run(
        claim(600, article_id="nis", official=False, source="NIS", stance="estimated"),
        claim(31, article_id="a1"),
    )
    assert FigureState.from_dict(state.to_dict()) == state


def test_denied_figures_do_not_alert() -> None:
    _, alerts = run(claim(31, stance="denied"))
    assert alerts == []


def test_an_official_projection_is_context_not_an_alert() -> None:
    # "The toll has risen to 241 ... it could climb as high as 450": only the count moves the figure.
    state, alerts = run(
        claim(241, article_id="a1"),
        claim(450, article_id="a2", qualifier="at_most", low=None, stance="estimated", projected=True),
    )
    assert [(a.kind, a.current.value) for a in alerts] == [("first", 241)]
    assert [o.value for o in state.third_party] == [450]


def test_a_part_of_a_total_is_context_not_its_own_alert() -> None:
    state, alerts = run(
        claim(27, article_id="a1", subject="people"),
        claim(3, article_id="a1", subject="children", figure_key="ukraine:children:injured", part=True),
    )
    assert [a.current.value for a in alerts] == [27]
    assert [o.value for o in state.third_party] == [3]


def test_one_current_statement_per_article_and_figure() -> None:
    # "The toll rose to 24 ... after four bodies were found": the lede's figure is the statement.
    _, alerts = run(
        claim(20, article_id="a1", published="2025-07-24T00:00:00Z"),
        claim(24, article_id="a2", published="2025-07-25T00:00:00Z"),
        claim(4, article_id="a2", published="2025-07-25T00:00:00Z"),
    )
    assert [(a.kind, a.current.value) for a in alerts] == [("first", 20), ("increase", 24)]


def test_low_confidence_official_claims_are_context_only() -> None:
    state, alerts = observe(None, claim(31, confidence=0.2), min_confidence=0.5)
    assert alerts == []
    assert state.official == ()
    assert [o.value for o in state.third_party] == [31]


def test_context_gap_reads_like_a_desk_note() -> None:
    _, alerts = run(
        claim(600, article_id="nis", official=False, source="NIS", stance="estimated", qualifier="approx",
              low=None, high=None, published="2025-04-28T00:00:00Z"),
        claim(100, article_id="aug"),
    )  # fmt: skip
    assert alerts[0].context[0].gap == "official 100 vs NIS ~600 (6.0x)"


def test_unattributed_restatement_of_the_official_figure_is_not_context() -> None:
    _, alerts = run(
        claim(100, article_id="copy", official=False, source=None, stance="reported", outlet="Some paper",
              published="2025-08-21T00:00:00Z"),
        claim(100, article_id="aug"),
    )  # fmt: skip
    assert alerts[0].context == []


def test_a_different_incident_is_a_new_episode_not_a_decrease() -> None:
    _, alerts = run(
        claim(59, article_id="fire", event="fire", published="2025-03-16T00:00:00Z"),
        claim(12, article_id="bus", event="road-crash", published="2025-04-20T00:00:00Z"),
        claim(62, article_id="fire2", event="wildfire", published="2025-04-21T00:00:00Z"),
    )
    # fire and wildfire are one family: 62 revises the fire's 59, not the crash's 12.
    assert [(a.kind, a.current.value, a.previous.value if a.previous else None) for a in alerts] == [
        ("first", 59, None),
        ("first", 12, None),
        ("increase", 62, 59),
    ]


def test_two_attacks_in_two_towns_are_two_incidents_but_a_flood_spreads() -> None:
    _, alerts = run(
        claim(12, article_id="a1", event="attack", site="Bannu", published="2025-03-04T14:00:00Z"),
        claim(18, article_id="a2", event="attack", site="Bannu", published="2025-03-04T20:00:00Z"),
        claim(6, article_id="a3", event="attack", site="Dera Ismail Khan", published="2025-03-05T11:00:00Z"),
        claim(8, article_id="a4", event="attack", site="Dera Ismail Khan", published="2025-03-05T18:00:00Z"),
    )
    assert [(a.kind, a.current.value, a.previous.value if a.previous else None) for a in alerts] == [
        ("first", 12, None),
        ("increase", 18, 12),
        ("first", 6, None),
        ("increase", 8, 6),
    ]
    _, floods = run(
        claim(30, article_id="f1", event="flood", site="Porto Alegre", published="2025-05-01T00:00:00Z"),
        claim(41, article_id="f2", event="flood", site="Canoas", published="2025-05-02T00:00:00Z"),
    )
    assert [a.kind for a in floods] == ["first", "increase"]


def test_a_short_incident_long_ago_is_not_revised_by_a_new_one() -> None:
    _, alerts = run(
        claim(115, article_id="flood-2024", event="flood", published="2024-08-20T00:00:00Z"),
        claim(40, article_id="flood-2025", event="flood", published="2025-07-01T00:00:00Z"),
    )
    assert [a.kind for a in alerts] == ["first", "first"]


def test_long_running_events_compare_across_months() -> None:
    _, alerts = run(
        vague("a handful", 2, 9, article_id="july", event="war", published="2025-07-02T00:00:00Z"),
        claim(100, article_id="aug", event="war", published="2025-10-22T00:00:00Z"),
    )
    assert [a.kind for a in alerts] == ["first", "revised"]


def test_a_lower_count_from_another_official_source_soon_after_is_lagging_not_a_decrease() -> None:
    state, alerts = run(
        claim(31, article_id="a1", source="AFAD", published="2024-03-11T06:00:00Z"),
        claim(29, article_id="a2", source="the governor's office", published="2024-03-11T09:00:00Z"),
        claim(47, article_id="a3", source="AFAD", published="2024-03-11T18:00:00Z"),
    )
    assert [(a.kind, a.current.value, a.previous.value if a.previous else None) for a in alerts] == [
        ("first", 31, None),
        ("increase", 47, 31),
    ]
    assert [o.lagging for o in state.official] == [False, True, False]


def test_a_revision_downwards_is_a_decrease_whoever_gives_it() -> None:
    _, alerts = run(
        claim(115, article_id="a1", source="NDMA", published="2024-08-20T08:00:00Z"),
        claim(97, article_id="a2", source="the ministry", stance="revised", published="2024-08-20T10:00:00Z"),
        claim(90, article_id="a3", source="the ministry", published="2024-08-22T10:00:00Z"),
    )
    assert [a.kind for a in alerts] == ["first", "decrease", "decrease"]
