"""A small, linear-time tokenizer that keeps character offsets.

Every later step (numbers, metrics, attribution) works on these tokens, so offsets into the
original text survive to the claim's evidence. Tokens are plain slotted objects built in one
pass: building them is the largest fixed cost of extraction, so nothing here is computed twice.
"""

from __future__ import annotations

import re

# Numbers keep their separators ("4,700", "7.5"); words keep inner apostrophes and hyphens
# ("Korea's", "year-old"); anything else is a one-character token.
_TOKEN = re.compile(
    r"(?>\d+(?:[,.]\d+)*)(?:st|nd|rd|th|s)?(?!\w)"
    r"|(?>\d+(?:[,.]\d+)*)"
    r"|(?:[^\W\d_]\.){2,}(?![^\W\d_])"
    r"|[^\W\d_](?:[\w]|['’](?=[^\W\d_])|-(?=[^\W_]))*"
    r"|\S"
)


_APOSTROPHE_S = frozenset({"'s", "’s"})
_S_APOSTROPHE = frozenset({"s'", "s’"})


class Token:
    """One token: its text, offsets into the article field, and the views every step asks for."""

    __slots__ = ("bare", "end", "is_capitalised", "is_number", "lower", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        low = text.lower()
        self.lower = low
        first = text[0]
        self.is_number = first.isdigit()
        self.is_capitalised = first.isupper()
        # Lower case without a possessive ending: "Korea's" -> "korea", "soldiers'" -> "soldiers".
        ending = low[-2:]
        if ending in _APOSTROPHE_S:
            self.bare = low[:-2]
        elif ending in _S_APOSTROPHE:
            self.bare = low[:-1]
        else:
            self.bare = low

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]
