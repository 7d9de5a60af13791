"""A small, linear-time tokenizer that keeps character offsets.

Every later step (numbers, metrics, attribution) works on these tokens, so offsets into the
original text survive to the claim's evidence. Tokens are plain slotted objects built in one
pass: building them is the largest fixed cost of extraction, so nothing here is computed twice
(a sentence is lowered once and sliced, and the regular expression has no per-character
alternation).
"""

from __future__ import annotations

import re

# Dotted abbreviations ("U.S."); words, which keep inner apostrophes and hyphens ("Korea's",
# "year-old", "al-Farhan"); numbers with their separators and ordinal or plural ending ("4,700",
# "7.5", "3rd", "1990s"); anything else is a one-character token.
# Both kinds of word open with a letter, which is matched once: the abbreviation is tried only when a
# dot follows it (the same tokens as trying "(?:[^\W\d_]\.){2,}" first at every letter, a third faster).
_TOKEN = re.compile(
    r"[^\W\d_](?:\.(?:[^\W\d_]\.)+(?![^\W\d_])|\w*(?:['’][^\W\d_]\w*|-[^\W_]\w*)*)"
    r"|\d+(?:[,.]\d+)*+(?:(?:st|nd|rd|th|s)(?!\w))?"
    r"|\S"
)


_APOSTROPHE_S = frozenset({"'s", "’s"})
_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "an", "at", "az"})
_S_APOSTROPHE = frozenset({"s'", "s’"})
_POSSESSIVE_LAST = frozenset("s'’")


class Token:
    """One token: its text, offsets into the article field, and the views every step asks for."""

    __slots__ = ("bare", "end", "is_capitalised", "is_number", "lower", "start", "text")

    def __init__(self, text: str, start: int, end: int, low: str | None = None) -> None:
        self.text = text
        self.start = start
        self.end = end
        if low is None:
            low = text.lower()
        self.lower = low
        # Looked up, not computed: a story's tokens are mostly words it has used before.
        self.is_number, self.is_capitalised = _SHAPES.get(text) or _shape(text, low)
        self.bare = _BARES.get(low) or _bare(low)

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


# Memos of the views that depend only on a token's text (its shape) or its lower case (its bare
# form). Emptied when full, so that a stream of never-repeated words cannot grow them without bound.
_SHAPES: dict[str, tuple[bool, bool]] = {}
_BARES: dict[str, str] = {}
_MEMO_SIZE = 50_000


def _shape(text: str, low: str) -> tuple[bool, bool]:
    """(is_number, is_capitalised) of a token; ``low`` is its lower case."""
    first = text[0]
    # "al-Farhan", "el-Sisi": a name with a lower-case particle is a name all the same.
    capitalised = first.isupper() or (text[2:3] == "-" and low[:2] in _PARTICLES and text[3:4].isupper())
    shape = (first.isdigit(), capitalised)
    if len(_SHAPES) >= _MEMO_SIZE:
        _SHAPES.clear()
    _SHAPES[text] = shape
    return shape


def _bare(low: str) -> str:
    """Lower case without a possessive ending: "korea's" -> "korea", "soldiers'" -> "soldiers"."""
    bare = low
    if low[-1] in _POSSESSIVE_LAST:
        ending = low[-2:]
        bare = low[:-2] if ending in _APOSTROPHE_S else low[:-1] if ending in _S_APOSTROPHE else low
    if len(_BARES) >= _MEMO_SIZE:
        _BARES.clear()
    _BARES[low] = bare
    return bare


def tokenize(text: str, offset: int = 0) -> list[Token]:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length in lower case ("İ"): no slicing
        return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]
    return [
        Token(m.group(), (start := m.start()) + offset, (end := m.end()) + offset, lowered[start:end])
        for m in _TOKEN.finditer(text)
    ]
