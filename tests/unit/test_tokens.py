"""Tokens: abbreviations, words with apostrophes and hyphens, numbers, and the views every step reads."""

from __future__ import annotations

import pytest

from newsdesk.extraction.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. said", ["The", "U.S.", "said"]),
        ("U.S.A", ["U", ".", "S", ".", "A"]),  # an abbreviation must end on its dot
        ("a.b.c", ["a", ".", "b", ".", "c"]),
        ("e.g. this", ["e.g.", "this"]),
        ("A. Smith", ["A", ".", "Smith"]),
        ("Korea's al-Farhan year-old", ["Korea's", "al-Farhan", "year-old"]),
        ("4,700 7.5 3rd 1990s 10:30", ["4,700", "7.5", "3rd", "1990s", "10", ":", "30"]),
    ],
)
def test_token_texts(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == expected


def test_views_and_offsets() -> None:
    tokens = tokenize("Kenya’s soldiers, al-Shabaab's: 12", offset=100)
    assert [t.text for t in tokens] == ["Kenya’s", "soldiers", ",", "al-Shabaab's", ":", "12"]
    assert [(t.start, t.end) for t in tokens][:3] == [(100, 107), (108, 116), (116, 117)]
    assert [t.bare for t in tokens] == ["kenya", "soldiers", ",", "al-shabaab", ":", "12"]
    assert [t.is_capitalised for t in tokens] == [True, False, False, True, False, False]
    assert [t.is_number for t in tokens] == [False, False, False, False, False, True]
