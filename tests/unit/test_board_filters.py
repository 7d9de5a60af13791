"""One alert filter for the board, webhooks and `newsdesk alerts`."""

from __future__ import annotations

import pytest

from newsdesk.alertfilter import AlertFilter, FilterError
from tests.support import sample_alert


def test_an_empty_filter_matches_everything() -> None:
    flt = AlertFilter.build(party=["", " "], metric=[], kind=[""])
    assert flt.is_empty
    assert flt.matches(sample_alert())
    assert flt.matches({})


def test_each_given_set_must_hold() -> None:
    flt = AlertFilter.build(party=["testland"], metric=["killed", "injured"], kind=["increase"])
    assert flt.matches(sample_alert())
    assert not flt.matches(sample_alert(party="Elsewhere"))
    assert not flt.matches(sample_alert(metric="arrested"))
    assert not flt.matches(sample_alert(kind="decrease"))


def test_party_names_compare_case_and_space_insensitively() -> None:
    flt = AlertFilter.build(party=["  north   KOREA "])
    assert flt.matches(sample_alert(party="North Korea"))
    assert not flt.matches(sample_alert(party="South Korea"))


def test_min_severity_keeps_that_level_and_worse() -> None:
    flt = AlertFilter.build(min_severity="high")
    assert flt.matches(sample_alert(severity="critical"))
    assert flt.matches(sample_alert(severity="high"))
    assert not flt.matches(sample_alert(severity="medium"))
    no_severity = sample_alert()
    del no_severity["severity"]
    assert not flt.matches(no_severity)  # the schema's default is "low"


def test_figure_key_filter() -> None:
    flt = AlertFilter.build(figure="testland:people:killed")
    assert flt.matches(sample_alert())
    assert not flt.matches(sample_alert(figure_key="x:y:killed"))


@pytest.mark.parametrize(
    ("field", "value"), [("metric", "exploded"), ("kind", "surge"), ("min_severity", "dire")]
)
def test_unknown_vocabulary_is_an_error_not_an_empty_result(field: str, value: str) -> None:
    arguments = {field: value if field == "min_severity" else [value]}
    with pytest.raises(FilterError, match=value):
        AlertFilter.build(**arguments)  # type: ignore[arg-type]
