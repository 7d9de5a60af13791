"""A small, linear-time tokenizer that keeps character offsets.

Every later step (numbers, metrics, attribution) works on these tokens, so offsets into the
original text survive to the claim's evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Numbers keep their separators ("4,700", "7.5"); words keep inner apostrophes and hyphens
# ("Korea's", "year-old"); anything else is a one-character token.
_TOKEN = re.compile(
    r"(?>\d+(?:[,.]\d+)*)(?:st|nd|rd|th|s)?(?!\w)"
    r"|(?>\d+(?:[,.]\d+)*)"
    r"|(?:[^\W\d_]\.){2,}(?![^\W\d_])"
    r"|[^\W\d_](?:[\w]|['’](?=[^\W\d_])|-(?=[^\W_]))*"
    r"|\S"
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    lower: str

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def bare(self) -> str:
        """Lower-case text without a possessive ending: "Korea's" -> "korea"."""
        low = self.lower
        if low.endswith(("'s", "’s")):
            return low[:-2]
        if low.endswith(("s'", "s’")):
            return low[:-1]
        return low


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [
        Token(m.group(), m.start() + offset, m.end() + offset, m.group().lower())
        for m in _TOKEN.finditer(text)
    ]
