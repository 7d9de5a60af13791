"""Find quantities in a sentence's tokens: digits, number words, ranges, bounds and vague amounts.

A quantity is only a number with its wording ("more than 600", "between 20 and 30",
"a handful", "2.5 million more"); whether it counts people, and what happens to them, is
decided later (``metrics``). Every token is looked at a bounded number of times, so the
cost is linear in the length of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsdesk.extraction import lexicon as lx
from newsdesk.extraction.tokens import Token

_DIGITS = re.compile(r"\d+(?:[,.]\d+)*")
# Could a text hold a quantity at all? Digits, number words or vague amounts: one C-level search
# lets the extractor skip the (much dearer) token-level work for sentences that cannot.
_MAYBE = re.compile(
    r"\d|\b(?:"
    + "|".join(
        sorted(
            {
                *lx.UNITS,
                *lx.TENS,
                *lx.SCALES,
                "dozen",
                *(" ".join(w for w in k if w != "a") for k in lx.VAGUE),
            },
            key=len,
            reverse=True,
        )
    )
    + r")\b",
    re.IGNORECASE,
)
_EUROPEAN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_HYPHENS = frozenset({"-", "–", "—"})
_NUMBER_WORDS = frozenset(lx.UNITS) | frozenset(lx.TENS) | frozenset(lx.SCALES) | {"dozen"}
_MAX_MODIFIER = max(len(k) for k in lx.MODIFIERS)
_MODIFIER_LAST = frozenset(k[-1] for k in lx.MODIFIERS)
_INCREMENT_LAST = frozenset(k[-1] for k in lx.INCREMENT_BEFORE)
_MAX_VAGUE = max(len(k) for k in lx.VAGUE)
_ARTICLES = frozenset({"a", "an"})
_AFTER_ARTICLE = frozenset(k[1] for k in lx.VAGUE if k[0] == "a") | {
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
}
# Words a quantity can begin with: cheap to test before any parsing.
_STARTERS = frozenset(k[0] for k in lx.VAGUE) | _NUMBER_WORDS | {"a", "an"}


# Not frozen, though never changed once built: one is built for every number found,
# and a frozen dataclass pays an ``object.__setattr__`` per field to build
# (``replace`` makes a changed copy).
@dataclass(slots=True)
class Quantity:
    """A number as written, with its bounds. Token indices are inclusive."""

    first: int
    last: int
    core_first: int
    core_last: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    vague_text: str | None
    increment: bool
    spelled: bool
    """Written in words ("one", "three hundred"): weaker evidence than digits."""
    year_like: bool
    delta: bool = False
    """A change rather than a figure: the "one" of "rose by one to 115"."""


def may_hold_quantity(text: str) -> bool:
    """False when ``text`` certainly holds no quantity (no digit, number word or vague amount)."""
    return _MAYBE.search(text) is not None


def find_quantities(tokens: list[Token]) -> list[Quantity]:
    found: list[Quantity] = []
    starters = _STARTERS
    candidates = [k for k, t in enumerate(tokens) if t.is_number or t.lower in starters or "-" in t.lower]
    i = 0
    for k in candidates:
        if k < i:
            continue
        if tokens[k].lower in _ARTICLES and (
            k + 1 >= len(tokens) or tokens[k + 1].lower not in _AFTER_ARTICLE
        ):
            continue  # "a", "an": a quantity only in "a handful", "a dozen", "a hundred", "a few"...
        core = _core_at(tokens, k)
        if core is None:
            continue
        value, low, high, vague_text, end, spelled = core
        quantity = _with_context(tokens, k, end, value, low, high, vague_text, spelled)
        if quantity is not None:
            found.append(quantity)
            i = quantity.last + 1
        else:
            i = end + 1
    return found


# ---------------------------------------------------------------- the number itself

_Core = tuple[float | None, float | None, float | None, str | None, int, bool]


def _core_at(tokens: list[Token], i: int) -> _Core | None:
    """Parse the bare number starting at token ``i``: (value, low, high, vague_text, last index, spelled)."""
    tok = tokens[i]
    if tok.is_number:
        return _digits_at(tokens, i)
    if tok.lower not in _STARTERS and tok.lower.split("-", 1)[0] not in _STARTERS:
        return None
    vague = _vague_at(tokens, i)
    if vague is not None:
        return vague
    return _words_at(tokens, i)


def _digits_at(tokens: list[Token], i: int) -> _Core | None:
    tok = tokens[i]
    if not _DIGITS.fullmatch(tok.text):  # "1990s", "3rd"
        return None
    if i > 0 and tokens[i - 1].text in {":", "/"} and tokens[i - 1].start == tok.start - 1:
        return None  # the minutes of 10:30, the month of 4/1
    if i > 1 and _glued_decimal(tokens[i - 2], tokens[i - 1], tok):
        return None  # the decimals of "R4.5 million", "v2.5": the number is not this fragment
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt.text in {":", "/"} and i + 2 < len(tokens) and tokens[i + 2].is_number:
        return None  # a time (10:30) or a date (4/1)
    value = _parse_digits(tok.text)
    if value is None:
        return None
    end = i
    if nxt is not None:
        if nxt.lower in lx.SCALES:
            value *= lx.SCALES[nxt.lower]
            end = i + 1
        elif nxt.lower in lx.SHORT_SCALES and (nxt.start == tok.end or nxt.lower in {"bn", "mln", "mn"}):
            value *= lx.SHORT_SCALES[nxt.lower]
            end = i + 1
    return value, None, None, None, end, False


def _glued_decimal(before: Token, dot: Token, tok: Token) -> bool:
    """A word ending in a digit, a dot and digits, all unspaced: a code or amount ("R4.5"), not a count."""
    return (
        dot.text == "."
        and before.end == dot.start
        and dot.end == tok.start
        and not before.is_number
        and before.text[-1].isdigit()
    )


def _parse_digits(text: str) -> float | None:
    if len(text) > 24:
        return None  # a serial number or a run of digits, not a count
    if _EUROPEAN_THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    cleaned = text.replace(",", "")
    if cleaned.count(".") > 1:
        return None  # a version number or an IP address
    try:
        return float(cleaned)
    except ValueError:
        return None


def _words_at(tokens: list[Token], i: int) -> _Core | None:
    """Number words: "three", "twenty-one", "a hundred", "two dozen", "three hundred and forty"."""
    words: list[str] = []
    j = i
    if i > 0 and tokens[i].lower in lx.SCALES and tokens[i - 1].text[-1].isdigit():
        return None  # the scale of an amount already read, or of one that is not a count ("R4.5 million")
    if tokens[i].lower in {"a", "an"}:
        if i + 1 < len(tokens) and tokens[i + 1].lower in {
            "hundred",
            "thousand",
            "million",
            "billion",
            "dozen",
        }:
            words.append("one")
            j = i + 1
        else:
            return None
    last = j - 1
    while j < len(tokens):
        parts = tokens[j].lower.split("-")
        if all(p in _NUMBER_WORDS for p in parts):
            words.extend(parts)
            last = j
            j += 1
            continue
        if (
            tokens[j].lower == "and"
            and words
            and j + 1 < len(tokens)
            and tokens[j + 1].lower.split("-")[0] in _NUMBER_WORDS
        ):
            j += 1
            continue
        break
    if not words or last < i:
        return None
    value = _words_value(words)
    if value is None:
        return None
    # "a dozen", "a hundred": round wording, read as approximate.
    approximate = tokens[i].lower in {"a", "an"} or words[-1] == "dozen"
    low, high = (None, None) if approximate else (value, value)
    return value, low, high, ("~" if approximate else None), last, True


def _words_value(words: list[str]) -> float | None:
    total = 0.0
    current = 0.0
    seen_digit_word = False
    for word in words:
        if word in lx.UNITS:
            current += lx.UNITS[word]
            seen_digit_word = True
        elif word in lx.TENS:
            current += lx.TENS[word]
            seen_digit_word = True
        elif word == "dozen":
            current = max(current, 1) * 12
            seen_digit_word = True
        elif word == "hundred":
            current = max(current, 1) * 100
            seen_digit_word = True
        elif word in lx.SCALES:
            total += max(current, 1) * lx.SCALES[word]
            current = 0
            seen_digit_word = True
    if not seen_digit_word:
        return None
    return total + current


def _vague_at(tokens: list[Token], i: int) -> _Core | None:
    for size in range(min(_MAX_VAGUE, len(tokens) - i), 0, -1):
        key = tuple(t.lower for t in tokens[i : i + size])
        bounds = lx.VAGUE.get(key)
        if (
            bounds is not None
            and key == ("a", "couple")
            and (i + 2 >= len(tokens) or tokens[i + 2].lower != "of")
        ):
            continue  # "a couple who were trapped": two people, but a noun, not a quantity
        if bounds is not None:
            text = " ".join(t.text for t in tokens[i : i + size])
            return None, bounds[0], bounds[1], text, i + size - 1, True
    return None


# ---------------------------------------------------------------- modifiers, ranges, increments


def _with_context(
    tokens: list[Token],
    i: int,
    end: int,
    value: float | None,
    low: float | None,
    high: float | None,
    vague_text: str | None,
    spelled: bool,
) -> Quantity | None:
    first = i
    qualifier = "exact"
    increment = False
    approximate_words = vague_text == "~"
    if approximate_words:
        vague_text = None
        qualifier = "approx"
    is_vague = vague_text is not None

    # Words before: "between", bounds and hedges, "another".
    mod_size, modifier = _modifier_before(tokens, i)
    if modifier is not None:
        qualifier = modifier
        first = i - mod_size
    if _match_before(tokens, first, lx.INCREMENT_BEFORE):
        increment = True
        first -= _match_before(tokens, first, lx.INCREMENT_BEFORE)

    # A range: "20 to 30", "20-30", "between 20 and 30" (but not "from 20 to 30", a change).
    last = end
    if not is_vague and value is not None:
        span = _range_after(tokens, first, i, end, value)
        if span is not None:
            range_first, range_last, v1, v2 = span
            # "between 2018 and 2020", "2014-2016": a span of years, unless people follow.
            years = not spelled and _year(tokens[i].text) and _year(tokens[range_last].text)
            return _quantity(
                range_first, range_last, i, range_last, None, v1, v2, "range", None, increment, spelled, years
            )

    # Words after: "100-odd", "100 or so", "100-plus", "3,000 more".
    after = _words_after(tokens, last)
    if after[:1] == ["-"]:
        after = after[1:]
        hyphen = 1
    else:
        hyphen = 0
    if after[:1] == ["odd"] or after[:2] == ["or", "so"]:
        qualifier = "approx" if not is_vague else qualifier
        last += hyphen + (1 if after[:1] == ["odd"] else 2)
    elif after[:1] == ["plus"] or after[:2] == ["or", "more"]:
        qualifier = "at_least" if not is_vague else qualifier
        last += hyphen + (1 if after[:1] == ["plus"] else 2)
    elif hyphen == 0 and after[:1] == ["more"] and after[1:2] != ["than"]:
        increment = True
        last += 1

    if is_vague:
        text = " ".join(t.text for t in tokens[first : end + 1]) if modifier else vague_text
        if modifier == "at_least":
            high = None
        elif modifier == "at_most":
            low = None
        return _quantity(first, last, i, end, None, low, high, "vague", text, increment, spelled)

    assert value is not None
    if qualifier == "exact":
        low, high = value, value
    elif qualifier == "at_least":
        low, high = value, None
    elif qualifier == "at_most":
        low, high = None, value
    else:
        low, high = None, None
    year_like = (
        not spelled
        and end == i
        and value.is_integer()
        and 1800 <= value <= 2100
        and "," not in tokens[i].text
    )
    delta = first >= 2 and tokens[first - 1].lower == "by" and tokens[first - 2].lower in lx.CHANGE_VERBS
    quantity = _quantity(
        first, last, i, end, value, low, high, qualifier, None, increment, spelled, year_like
    )
    return replace(quantity, delta=True) if delta else quantity


def _quantity(
    first: int,
    last: int,
    core_first: int,
    core_last: int,
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: str,
    vague_text: str | None,
    increment: bool,
    spelled: bool,
    year_like: bool = False,
) -> Quantity:
    return Quantity(
        first=first,
        last=last,
        core_first=core_first,
        core_last=core_last,
        value=_tidy(value),
        low=_tidy(low),
        high=_tidy(high),
        qualifier=qualifier,
        vague_text=vague_text,
        increment=increment,
        spelled=spelled,
        year_like=year_like,
    )


def _tidy(number: float | None) -> float | None:
    """Whole numbers as ints, so JSON reads 100 rather than 100.0."""
    if number is None:
        return None
    return int(number) if float(number).is_integer() else round(number, 6)


def _year(text: str) -> bool:
    """A bare four-digit number that reads as a year (no separator: "2,018" is a count)."""
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


def _range_after(
    tokens: list[Token], first: int, i: int, end: int, value: float
) -> tuple[int, int, float, float] | None:
    """The range that starts with the number at ``i``: (first, last, low, high), or None."""
    if end + 2 >= len(tokens):
        return None
    joiner = tokens[end + 1]
    between = first > 0 and tokens[first - 1].lower == "between"
    if not (joiner.text in _HYPHENS or joiner.lower == "to" or (between and joiner.lower == "and")):
        return None
    if first > 0 and tokens[first - 1].lower in {"from", "by"}:
        return None  # "from 20 to 30", "by one to 115": a change of figure, not a range
    second = _core_at(tokens, end + 2)
    if second is None or second[0] is None:
        return None
    low, high, second_last = value, second[0], second[4]
    if end == i and second_last > end + 2 and low < high:
        # "between 2 and 3 million": the second number's scale applies to the first too.
        scale = high / max(_core_value_unscaled(tokens, end + 2), 1)
        if scale > 1 and low * scale <= high:
            low *= scale
    if low >= high:
        return None
    return (first - 1 if between else first), second_last, low, high


def _core_value_unscaled(tokens: list[Token], i: int) -> float:
    value = _parse_digits(tokens[i].text) if tokens[i].is_number else None
    return value if value is not None else 1.0


def _modifier_before(tokens: list[Token], i: int) -> tuple[int, str | None]:
    if i == 0 or tokens[i - 1].lower not in _MODIFIER_LAST:
        return 0, None
    for size in range(min(_MAX_MODIFIER, i), 0, -1):
        key = tuple(t.lower for t in tokens[i - size : i])
        qualifier = lx.MODIFIERS.get(key)
        if qualifier is not None:
            if key == ("up", "to") and _moved(tokens, i - size):
                return 0, None  # "revised the toll up to 153": a movement, not a bound
            return size, qualifier
    return 0, None


def _moved(tokens: list[Token], up: int) -> bool:
    """Is the "up" at ``up`` the particle of a verb of movement a few words back?"""
    return any(t.lower in lx.MOVEMENT_VERBS for t in tokens[max(0, up - 5) : up])


def _match_before(tokens: list[Token], i: int, options: set[tuple[str, ...]]) -> int:
    if i == 0 or tokens[i - 1].lower not in _INCREMENT_LAST:
        return 0
    for size in (2, 1):
        if i - size >= 0 and tuple(t.lower for t in tokens[i - size : i]) in options:
            return size
    return 0


def _words_after(tokens: list[Token], last: int, count: int = 3) -> list[str]:
    return [t.lower for t in tokens[last + 1 : last + 1 + count]]
