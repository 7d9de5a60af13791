"""Quantities as news copy writes them: digits, words, bounds, ranges, vague amounts, increments."""

from __future__ import annotations

import pytest

from newsdesk.extraction.numbers import Quantity, find_quantities, may_hold_quantity
from newsdesk.extraction.tokens import tokenize


def quantities(text: str) -> list[Quantity]:
    return find_quantities(tokenize(text))


def only(text: str) -> Quantity:
    found = quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("47 people died", 47, "exact"),
        ("4,700 casualties", 4700, "exact"),
        ("1.2 million customers", 1_200_000, "exact"),
        ("1.2m customers", 1_200_000, "exact"),
        ("4bn records", 4_000_000_000, "exact"),
        ("three hundred and forty two people", 342, "exact"),
        ("twenty-one people", 21, "exact"),
        ("three billion accounts", 3_000_000_000, "exact"),
        ("two dozen soldiers", 24, "approx"),
        ("a dozen soldiers", 12, "approx"),
        ("more than 600 troops", 600, "at_least"),
        ("at least 47 people", 47, "at_least"),
        ("over 100 people", 100, "at_least"),
        ("up to 12,000 troops", 12_000, "at_most"),
        ("as many as 600 troops", 600, "at_most"),
        ("fewer than 30 people", 30, "at_most"),
        ("nearly 100 people", 100, "approx"),
        ("some 4,700 casualties", 4700, "approx"),
        ("an estimated 600 troops", 600, "approx"),
        ("roughly 600 troops", 600, "approx"),
        ("100-odd soldiers", 100, "approx"),
        ("100 or so soldiers", 100, "approx"),
        ("100-plus soldiers", 100, "at_least"),
    ],
)
def test_number_value_and_qualifier(text: str, value: float, qualifier: str) -> None:
    q = only(text)
    assert (q.value, q.qualifier) == (value, qualifier)


def test_exact_numbers_carry_their_bounds() -> None:
    q = only("47 people died")
    assert (q.low, q.high) == (47, 47)
    q = only("at least 47 people died")
    assert (q.low, q.high) == (47, None)
    q = only("up to 12,000 troops")
    assert (q.low, q.high) == (None, 12_000)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 20 and 30 people", 20, 30),
        ("20 to 30 people", 20, 30),
        ("20-30 people", 20, 30),
        ("between 2 and 3 million people", 2_000_000, 3_000_000),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    q = only(text)
    assert (q.qualifier, q.value, q.low, q.high) == ("range", None, low, high)


@pytest.mark.parametrize(
    ("text", "vague", "low", "high"),
    [
        ("a handful of soldiers", "a handful", 2, 9),
        ("dozens of people", "dozens", 24, 99),
        ("hundreds of people", "hundreds", 200, 999),
        ("thousands of troops", "thousands", 2000, 9999),
        ("tens of thousands of people", "tens of thousands", 20_000, 99_999),
        ("hundreds of thousands of people", "hundreds of thousands", 200_000, 999_999),
        ("more than a handful of soldiers", "more than a handful", 2, None),
    ],
)
def test_vague_quantities_keep_their_wording_and_bounds(
    text: str, vague: str, low: float, high: float | None
) -> None:
    q = only(text)
    assert (q.qualifier, q.value, q.vague_text, q.low, q.high) == ("vague", None, vague, low, high)


def test_increments_are_marked() -> None:
    assert only("another 3,000 were deployed").increment
    assert only("2.5 million more customers").increment
    assert only("an additional 40 people").increment
    assert not only("3,000 were deployed").increment


def test_a_change_by_a_number_is_a_delta_not_a_figure() -> None:
    found = quantities("the toll rose by one to 115")
    assert [(q.value, q.delta) for q in found] == [(1, True), (115, False)]


def test_from_to_is_two_figures_not_a_range() -> None:
    found = quantities("the toll rose from 64 to 115")
    assert [q.value for q in found] == [64, 115]
    assert all(q.qualifier == "exact" for q in found)


def test_times_are_not_numbers_and_years_are_flagged() -> None:
    assert quantities("at 10:30 local time") == []
    assert only("in August 2024").year_like
    assert not only("2,024 people").year_like


def test_linear_on_a_megabyte_of_digits() -> None:
    # A million digits is one token and no count at all; it must not blow up either.
    assert quantities("9" * 1_000_000) == []
    assert [q.value for q in quantities("1 " * 100_000)][:2] == [1, 1]


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("now probably exceed 600,000", 600_000, "at_least"),
        ("rose above 200", 200, "at_least"),
        ("no more than 300,000 accounts", 300_000, "at_most"),
        ("Eleven people were killed", 11, "exact"),
    ],
)
def test_bounds_written_as_verbs_and_capitalised_words(text: str, value: float, qualifier: str) -> None:
    q = only(text)
    assert (q.value, q.qualifier) == (value, qualifier)


def test_up_to_after_a_verb_of_movement_is_not_a_bound() -> None:
    q = only("the ministry revised the death toll up to 153")
    assert (q.value, q.qualifier) == (153, "exact")
    assert only("up to 153 people").qualifier == "at_most"


def test_a_small_number_is_vague() -> None:
    q = only("a small number had been captured")
    assert (q.qualifier, q.vague_text) == ("vague", "a small number")


def test_more_after_a_number_is_an_increment_and_another_before_it() -> None:
    assert only("two more bodies").increment
    assert only("another 10,100 people").increment


def test_may_hold_quantity_is_a_cheap_prefilter() -> None:
    assert may_hold_quantity("Police said 12 were hurt.")
    assert may_hold_quantity("Tens of thousands fled.")
    assert not may_hold_quantity("The ministry gave no figure.")


def test_linear_on_long_runs() -> None:
    found = quantities("12 people, " + ", " * 100_000 + "and dozens more")
    assert [q.value for q in found][:1] == [12]
    assert found[-1].vague_text == "dozens"
    assert len(quantities("one " * 200_000)) == 1


def test_an_article_alone_is_no_quantity_and_a_couple_needs_of() -> None:
    # "a" and "an" start a quantity only before its words ("a handful", "a dozen", "a hundred").
    assert quantities("a couple who were trapped in their home") == []
    assert only("a couple of officers were hurt").vague_text == "a couple"
    assert quantities("a man and an officer were hurt") == []
    assert only("a hundred people").value == 100


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [("toll passes 2,700", 2700, "at_least"), ("deaths closer to 20", 20, "approx")],
)
def test_more_words_that_bound_a_number(text: str, value: float, qualifier: str) -> None:
    q = only(text)
    assert (q.value, q.qualifier) == (value, qualifier)
