"""Sentence splitting as news copy needs it: abbreviations, quotes, datelines, live blogs, releases."""

from __future__ import annotations

import pytest

from newsdesk.extraction.sentences import split_sentences, split_with_lead


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gen. Smith said 12 soldiers died. The army agreed.",
            ["Gen. Smith said 12 soldiers died.", "The army agreed."],
        ),
        (
            "U.S. officials said 40 people were hurt. They gave no names.",
            ["U.S. officials said 40 people were hurt.", "They gave no names."],
        ),
        (
            "The attack was claimed by J. Smith and others.",
            ["The attack was claimed by J. Smith and others."],
        ),
        (
            '"We have found 23 bodies." The search goes on.',
            ['"We have found 23 bodies."', "The search goes on."],
        ),
        ("It struck at 9:03 a.m. on Sunday.", ["It struck at 9:03 a.m. on Sunday."]),
        ("Was it 100? Nobody knows!", ["Was it 100?", "Nobody knows!"]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_index_the_text() -> None:
    text = "KYIV, Ukraine (AP) — At least 4 people died.\n\nPolice said 12 were hurt. Nobody was arrested."
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
    assert [s.paragraph for s in split_sentences(text)] == [0, 1, 1]


@pytest.mark.parametrize(
    ("text", "first", "dateline", "agency"),
    [
        (
            "Moscow [Russia], January 4 (ANI): The ministry said 1,400 soldiers died.",
            "The ministry said 1,400 soldiers died.",
            "Moscow Russia January 4",
            "ANI",
        ),
        ("KYIV, Ukraine (AP) — Four people died.", "Four people died.", "KYIV Ukraine", "AP"),
        (
            "WASHINGTON — The Pentagon said 500 troops left.",
            "The Pentagon said 500 troops left.",
            "WASHINGTON",
            None,
        ),
        (
            "BEIJING, July 31 (Xinhua) -- Rains left 30 dead.",
            "Rains left 30 dead.",
            "BEIJING July 31",
            "Xinhua",
        ),
    ],
)
def test_datelines_are_cut_and_kept_aside(text: str, first: str, dateline: str, agency: str | None) -> None:
    sentences, lead = split_with_lead(text)
    assert sentences[0].text == first
    assert (lead.dateline, lead.agency) == (dateline, agency)


def test_live_blog_stamps_are_cut() -> None:
    text = (
        "Live: strikes\n\n09:12 GMT — Four people died.\n\nUpdated 10:05 — Six people died.\n\n"
        "Earlier — It began."
    )
    assert texts(text) == ["Live: strikes", "Four people died.", "Six people died.", "It began."]


def test_press_release_headers_name_the_issuer() -> None:
    sentences, lead = split_with_lead("PRESS RELEASE — Ministry of Defence\n\nOne soldier died.")
    assert (lead.release, lead.issuer) == (True, "Ministry of Defence")
    assert [s.text for s in sentences] == ["One soldier died."]
    _, lead = split_with_lead("FOR IMMEDIATE RELEASE\n\nAcme AG confirms two deaths.")
    assert (lead.release, lead.issuer) == (True, None)


def test_runs_of_punctuation_and_huge_sentences_stay_linear() -> None:
    assert [len(s.text) for s in split_sentences("." * 1_000_000)] == [1_000_000]
    text = "Officials said 5 people died and 3 were hurt, " * 22_000
    found = split_sentences(text)
    assert len(found) == 1
    assert found[0].end - found[0].start == len(text.strip())


@pytest.mark.parametrize(
    ("text", "first", "dateline", "agency"),
    [
        ("DUBAI/JERUSALEM (Reuters) - Iran said 5 died.", "Iran said 5 died.", "DUBAI JERUSALEM", "Reuters"),
        ("BELGOROD, March 12. /TASS/. Five died.", "Five died.", "BELGOROD March 12.", "TASS"),
        (
            "Tirupati (Andhra Pradesh), Jan 9 (PTI) Six devotees died.",
            "Six devotees died.",
            "Tirupati Andhra Pradesh Jan 9",
            "PTI",
        ),
        ("Accra, 3 October — Acme Mining regrets.", "Acme Mining regrets.", "Accra 3 October", None),
    ],
)
def test_more_dateline_shapes(text: str, first: str, dateline: str, agency: str | None) -> None:
    sentences, lead = split_with_lead(text)
    assert sentences[0].text == first
    assert (lead.dateline, lead.agency) == (dateline, agency)


def test_an_organisation_named_before_the_verb_is_no_dateline() -> None:
    sentences, lead = split_with_lead("Amnesty International (AI) said 30 people died.")
    assert sentences[0].text.startswith("Amnesty International")
    assert lead.dateline is None


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        ("MINISTRY OF HEALTH — PRESS STATEMENT", "Ministry of Health"),
        ("STATEMENT FROM ASHANTI DEEP MINING LIMITED", "Ashanti Deep Mining Limited"),
        ("MEDIA RELEASE: Greater Manchester Police", "Greater Manchester Police"),
    ],
)
def test_statement_headers_name_the_issuer_before_or_after(header: str, issuer: str) -> None:
    sentences, lead = split_with_lead(header + "\n\nOne worker died.")
    assert (lead.release, lead.issuer) == (True, issuer)
    assert [s.text for s in sentences] == ["One worker died."]
