"""Figures in words for people: "100", "about 600", "at least 47", "20-30", "a handful"."""

from __future__ import annotations


def describe(
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: str,
    vague: str | None,
    *,
    compact: bool = False,
) -> str:
    """A figure as a desk would write it; ``compact`` writes "~600" instead of "about 600"."""
    if qualifier == "vague":
        return vague or "an unspecified number"
    if qualifier == "range":
        return f"{_number(low)}-{_number(high)}"
    words = {"approx": "~" if compact else "about ", "at_least": "at least ", "at_most": "up to "}
    return words.get(qualifier, "") + _number(value)


def short_ratio(ratio: float | None) -> str:
    """ " (6x)" for a ratio worth showing, else nothing."""
    if ratio is None or ratio <= 0 or 0.9 <= ratio <= 1.1:
        return ""
    return f" ({ratio:.1f}x)" if ratio < 10 else f" ({ratio:.0f}x)"


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
