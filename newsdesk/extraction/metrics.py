"""Decide what a quantity counts: the metric (killed, injured...), the subject, and its own party.

Three places in a clause name the metric, and all three are read:
the counted noun itself ("4,700 casualties", "31 dead"), a predicate after the noun phrase
("100 troops [were] killed", "troops sent to Kursk"), and a cue before the number
("killing 31", "the death toll rose to 47", "the deaths of 100 troops").
Quantities that measure rather than count people (money, percentages, dates, ages,
magnitudes, distances, tonnage, houses, rockets) are rejected here.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.extraction import lexicon as lx
from newsdesk.extraction.numbers import Quantity
from newsdesk.extraction.tokens import Token
from newsdesk.extraction.world import Gazetteer

# Words that may stand inside a counted noun phrase before its head: "North Korean", "foreign",
# "more", "civilian". Verbs, prepositions and punctuation end the phrase.
_NP_STOP = frozenset(
    """
    were was are is be been being have has had will would could should may might can do did does
    that which who whom whose when where while as than then there here this these those it its in on
    at from to for by with without during after before since until into onto over under about near
    across against among between through toward towards per via and or but nor so yet if because
    said says told say according
    """.split()
)
_NP_MAX = 5
_PREDICATE_SKIP = frozenset(
    """
    were was are is been being have has had reportedly also all now later subsequently since then
    already believed thought feared said confirmed estimated known reported being
    """.split()
)
# Between a cue before the number and the number: "the death toll [rose to] 47", "toll [stood at] 31".
_BRIDGE = frozenset(
    """
    a an the of to at has have had is was were now rose risen climbed jumped reached stood stands
    stand hit surpassed passed topped exceeded increased grew went up been put risen revised raised
    lowered fell dropped some from than more by estimated total already officially confirmed
    """.split()
)
_BRIDGE_MAX = 6
_CLAUSE_BREAK = frozenset({".", ";", ":", "!", "?", "(", ")", '"', "“", "”"})
_ADJECTIVE_SUBJECTS = {
    "civilian": "civilians",
    "military": "troops",
    "child": "children",
    "police": "police",
    "migrant": "migrants",
    "customer": "customers",
    "user": "customers",
}
_NOT_COUNT_BEFORE = frozenset(
    """
    aged age ages magnitude no number nos page chapter article section flight route highway road
    resolution decree law order item room floor grade level category class model version phase code
    zone sector block unit squad division brigade battalion regiment corps platoon team paragraph
    episode season vol volume year since
    """.split()
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a quantity counts, as far as its own clause says."""

    metric: str
    subject: str | None
    party: str | None
    """A country named inside the counted noun phrase ("North Korean troops")."""
    cue: int
    """Index of the token that named the metric (for attribution distance)."""
    strength: float
    head: int | None


def read_quantity(tokens: list[Token], q: Quantity, gazetteer: Gazetteer) -> Reading | None:
    """Return the reading of ``q``, or None when it is not a count of people (or their records)."""
    if q.delta or _measures_something(tokens, q):
        return None
    np = _noun_phrase(tokens, q, gazetteer)
    if np.rejected:
        return None
    if q.year_like and np.head is None:
        return None

    metric: str | None = None
    cue = q.core_first
    strength = 0.0
    if np.metric is not None:
        metric, cue, strength = np.metric, np.head if np.head is not None else q.core_first, 1.0
    after = _predicate_after(tokens, np.end)
    before = _cue_before(tokens, q.first)
    if metric is None and after is not None and before is not None:
        # Both sides name a metric: the nearer one belongs to this number.
        after_distance = after[1] - np.end
        before_distance = q.first - before[1]
        chosen = after if after_distance <= before_distance else before
        metric, cue, strength = chosen[0], chosen[1], 0.8
    elif metric is None and after is not None:
        metric, cue, strength = after[0], after[1], 0.9
    elif metric is None and before is not None:
        metric, cue, strength = before[0], before[1], 0.8
    if metric is None:
        return None

    subject = np.subject
    if subject is None and np.modifier_subject is not None:
        subject = np.modifier_subject
    if metric in lx.METRIC_NEEDS_PERSON and subject is None and np.head is not None:
        return None  # "sent 3,000 letters": a count of things
    if q.spelled and q.value is not None and q.value < 10 and subject is None and np.metric is None:
        return None  # a bare "one"/"two" with no counted noun is rarely a figure
    return Reading(metric, subject, np.party, cue, strength, np.head)


@dataclass(frozen=True, slots=True)
class _NounPhrase:
    head: int | None
    end: int
    """Index of the last token of the phrase (the head, or the number when there is no noun)."""
    subject: str | None
    modifier_subject: str | None
    metric: str | None
    party: str | None
    rejected: bool


def _noun_phrase(tokens: list[Token], q: Quantity, gazetteer: Gazetteer) -> _NounPhrase:
    j = q.last + 1
    n = len(tokens)
    if j < n and tokens[j].text in {"-", "–"}:
        j += 1
    if j < n and tokens[j].lower == "of":  # "thousands of troops", "a handful of soldiers"
        j += 1
        if j < n and tokens[j].lower in {"the", "their", "its", "his", "her"}:
            j += 1
    party: str | None = None
    modifier_subject: str | None = None
    steps = 0
    while j < n and steps < _NP_MAX:
        tok = tokens[j]
        low = tok.bare
        if tok.text in _CLAUSE_BREAK or tok.text in {",", "—", "–"}:
            break
        if low in lx.METRIC_NOUNS and not (low == "killed" and steps > 0):
            subject = lx.PERSON_NOUNS.get(low)
            return _NounPhrase(j, j, subject, modifier_subject, lx.METRIC_NOUNS[low], party, False)
        if low in lx.PERSON_NOUNS:
            # "police officers": the last person noun is the head.
            k = j
            while k + 1 < n and tokens[k + 1].bare in lx.PERSON_NOUNS and steps < _NP_MAX:
                k += 1
            head_low = tokens[k].bare
            if head_low in lx.METRIC_NOUNS:
                return _NounPhrase(
                    k, k, lx.PERSON_NOUNS.get(low), None, lx.METRIC_NOUNS[head_low], party, False
                )
            return _NounPhrase(k, k, lx.PERSON_NOUNS[head_low], modifier_subject, None, party, False)
        if low in lx.THING_NOUNS or low in lx.UNIT_WORDS or low in lx.CURRENCY_WORDS:
            return _NounPhrase(j, j, None, None, None, party, True)
        if low in _NP_STOP or tok.is_number:
            break
        match = gazetteer.match_at(tokens, j) if tok.is_capitalised else None
        if match is not None:
            if match.entity.country and party is None:
                party = match.entity.country
            j = match.last + 1
            steps += 1
            continue
        if low in _ADJECTIVE_SUBJECTS:
            modifier_subject = _ADJECTIVE_SUBJECTS[low]
        j += 1
        steps += 1
    return _NounPhrase(None, q.last, None, modifier_subject, None, party, False)


def _predicate_after(tokens: list[Token], end: int) -> tuple[str, int] | None:
    j = end + 1
    n = len(tokens)
    skipped = 0
    while j < n and tokens[j].lower in _PREDICATE_SKIP and skipped < 3:
        j += 1
        skipped += 1
    if j >= n:
        return None
    for size in (4, 3, 2, 1):
        key = tuple(t.lower for t in tokens[j : j + size])
        metric = lx.METRIC_PREDICATES.get(key)
        if metric is not None:
            return metric, j
    return None


def _cue_before(tokens: list[Token], first: int) -> tuple[str, int] | None:
    j = first - 1
    bridged = 0
    while j >= 0 and bridged <= _BRIDGE_MAX:
        tok = tokens[j]
        if j > 0 and tokens[j - 1].lower == "by" and (tok.is_number or tok.lower in _NUMBER_WORDS):
            j -= 2  # "rose by one to 115": the change sits between the cue and the figure
            bridged += 1
            continue
        if tok.text in _CLAUSE_BREAK or tok.is_number:
            return None
        if tok.text == ",":
            j = _skip_aside(tokens, j)
        for size in (4, 3, 2, 1):
            start = j - size + 1
            if start < 0:
                continue
            key = tuple(t.lower for t in tokens[start : j + 1])
            metric = lx.METRIC_BEFORE.get(key)
            if metric is not None:
                return metric, start
        if tok.lower not in _BRIDGE and tok.text != ",":
            return None
        j -= 1
        bridged += 1
    return None


_NUMBER_WORDS = frozenset(lx.UNITS) | frozenset(lx.TENS) | frozenset(lx.SCALES)
_ASIDE_OPENERS = frozenset(
    {"including", "among", "mostly", "mainly", "many", "most", "some", "of", "excluding"}
)


def _skip_aside(tokens: list[Token], comma: int) -> int:
    """Step over ", including the wounded," so the cue before it is found: returns the new index."""
    k = comma - 1
    while k >= 0 and comma - k <= 8:
        if tokens[k].text == ",":
            return k if tokens[k + 1].lower in _ASIDE_OPENERS else comma
        if tokens[k].text in _CLAUSE_BREAK:
            return comma
        k -= 1
    return comma


def _measures_something(tokens: list[Token], q: Quantity) -> bool:
    """Money, percentages, dates, times, ages, magnitudes, units: not a count of people."""
    before = tokens[q.core_first - 1] if q.core_first > 0 else None
    after_index = q.core_last + 1
    after = tokens[after_index] if after_index < len(tokens) else None
    if after is not None and after.text in {"-", "–"} and after_index + 1 < len(tokens):
        after = tokens[after_index + 1]  # "35-year-old", "7.8-magnitude"
    if before is not None:
        if (
            before.text in lx.CURRENCY_SYMBOLS
            or before.lower in lx.CURRENCY_WORDS
            or before.lower.endswith("$")
        ):
            return True
        if before.lower in lx.MONTHS or before.lower in lx.WEEKDAYS:
            return True
        if before.lower in _NOT_COUNT_BEFORE or before.text == "#":
            return True
    if after is not None:
        low = after.lower
        if low in lx.UNIT_WORDS or low in lx.CURRENCY_WORDS or low in lx.MONTHS or after.text == "%":
            return True
        if low.startswith(("year-old", "years-old", "month-old", "day-old", "week-old")):
            return True
        if low in {"per", "percent", "pc"}:
            return True
    return bool(q.year_like and (after is None or after.bare not in lx.PERSON_NOUNS))
