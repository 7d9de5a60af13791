"""Decide what a quantity counts: the metric (killed, injured...), the group counted, and its owner.

Five places in a sentence name the metric, tried from the most to the least direct:
the counted noun itself ("4,700 casualties", "31 dead"); a predicate after the noun phrase
("100 troops [were] killed", "two employees of the company lost their lives"); a cue right
before the number ("killing 31", "sent 3,000"); a figure phrase earlier in the clause that
the number completes ("the death toll from the quake ... rose by one to 115", "put the number
of people unaccounted for at 179"); and, for a subset ("including 22 children", "19 of them
seriously"), the figure it belongs to. Quantities that measure rather than count people
(money, percentages, dates, ages, magnitudes, distances, tonnage, houses, rockets) are
rejected here. Every search looks at a bounded window, so a sentence costs linear time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from newsdesk.extraction import lexicon as lx
from newsdesk.extraction.numbers import Quantity
from newsdesk.extraction.tokens import Token
from newsdesk.extraction.world import Entity, Gazetteer

# Words that may stand inside a counted noun phrase before its head: "North Korean", "foreign",
# "more", "civilian". Verbs, prepositions and punctuation end the phrase.
_NP_STOP = frozenset(
    """
    were was are is be been being have has had will would could should may might can do did does
    that which who whom whose when where while as than then there here this these those it its in on
    at from to for by with without during after before since until into onto over under about near
    across against among between through toward towards per via and or but nor so yet if because
    said says told say according including
    """.split()
)
_NP_MAX = 5
# Words that open a predicate or a verb phrase: the counted noun phrase ends before them.
_PREDICATE_STARTS = frozenset(key[0] for key in lx.METRIC_PREDICATES) | frozenset(
    """
    already still now also just reportedly who remained remain remains being lost died
    """.split()
)
_RELATIVE_ENDS = frozenset({"were", "was", "are", "is", "had", "have", "has"})
_GROUP_WORDS = frozenset({"group", "movement", "militia", "organisation", "organization", "party", "army"})
_OF_DETERMINERS = frozenset({"the", "their", "its", "his", "her", "our", "your", "an", "a", "those", "these"})
_PREDICATE_SKIP = frozenset(
    """
    were was are is been being have has had reportedly also all now later subsequently since then
    already believed thought feared said confirmed estimated known reported still likely probably
    to be remained remain remains could may might would will who that which yet officially were
    allegedly apparently initially eventually earlier overnight each
    """.split()
)
_PP_OPENERS = frozenset(
    {
        "of",
        "in",
        "at",
        "from",
        "on",
        "near",
        "inside",
        "across",
        "aboard",
        "with",
        "backed",
        "supported",
        "aided",
    }
)
# Between a cue before the number and the number: "killing [at least] 26", "sent [an additional] 3,000".
_BRIDGE = frozenset(
    """
    a an the of to at has have had is was were now some from than more by estimated total already
    officially confirmed another additional further its their his her our for all
    """.split()
)
_BRIDGE_MAX = 6
_CLAUSE_BREAK = frozenset({".", ";", ":", "!", "?", "(", ")"})
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
_TOLL_WINDOW = 30
_TOLL_STOP = frozenset({".", ";", "!", "?"})
_LINK_ADVERBS = frozenset({"now", "probably", "likely", "already", "still", "officially", "reportedly"})
_TOLL_MAX = max(len(k) for k in lx.TOLL_HEADS)
_TOLL_LAST = frozenset(k[-1] for k in lx.TOLL_HEADS)
_CUE_LAST = frozenset(k[-1] for k in lx.METRIC_BEFORE)
_WEAK_CUES_BEFORE = frozenset({"leaving", "left"})
_PREDICATE_FIRST = frozenset(k[0] for k in lx.METRIC_PREDICATES)
# The lengths of the predicates each first word opens, longest first: only those are looked up.
_PREDICATE_SIZES: dict[str, tuple[int, ...]] = {
    first: tuple(sorted({len(k) for k in lx.METRIC_PREDICATES if k[0] == first}, reverse=True))
    for first in _PREDICATE_FIRST
}
_NUMBER_WORDS = frozenset(lx.UNITS) | frozenset(lx.TENS) | frozenset(lx.SCALES)
_NOMINAL_METRICS = frozenset(
    {"deaths", "death", "fatalities", "fatality", "casualties", "casualty", "losses", "injuries", "injury",
     "arrests", "detentions"}
)  # fmt: skip
_JOINED_MODIFIERS = frozenset({"armed", "military", "federal", "national", "local", "other", "security"})
_ASIDE_MAX = 12
_PP_MAX = 10
_ASIDE_OPENERS = frozenset(
    {"including", "among", "mostly", "mainly", "many", "most", "some", "of", "excluding", "killed", "dead"}
)


# Not frozen, though never changed once built: one is built for every figure read,
# and a frozen dataclass pays an ``object.__setattr__`` per field to build
# (``replace`` makes a changed copy).
@dataclass(slots=True)
class Reading:
    """What a quantity counts, as far as its own sentence says."""

    metric: str
    group: str | None
    """The kind of people counted (troops, people, children, customers...), when a noun says it."""
    owner: Entity | None
    """An owner named inside the counted noun phrase ("North Korean troops", "Hezbollah fighters")."""
    owner_pronoun: str | None
    """A possessive pronoun that owns the counted people ("its own soldiers", "our martyrs")."""
    cue: int
    """Index of the token that named the metric (for attribution distance)."""
    strength: float
    head: int | None
    via: str
    """noun | predicate | before | toll | subset: which wording gave the metric."""
    anchor: int
    """Where the figure's own phrase starts: the toll phrase, the cue, or the number."""
    inherits: bool = False
    """The counted people are those of the figure before ("two others", "19 of them")."""
    confirmed: bool = False
    """The wording itself confirms the count ("confirmed dead")."""


# Not frozen, though never changed once built: one is built for every figure read,
# and a frozen dataclass pays an ``object.__setattr__`` per field to build
# (``replace`` makes a changed copy).
@dataclass(slots=True)
class _NounPhrase:
    head: int | None
    end: int
    """Index of the last token of the phrase (the head, or the number when there is no noun)."""
    group: str | None
    modifier_group: str | None
    metric: str | None
    owner: Entity | None
    owner_pronoun: str | None
    rejected: bool
    subset: bool
    inherits: bool = False


def read_quantity(
    tokens: list[Token],
    q: Quantity,
    gazetteer: Gazetteer,
    previous: Reading | None = None,
    recent_metric: str | None = None,
) -> Reading | None:
    """Return the reading of ``q``, or None when it is not a count of people (or their records).

    ``previous`` is the figure read just before in the same sentence (for subsets and
    comparisons); ``recent_metric`` the metric of the story's last figure, for figure phrases
    that do not name one ("the number could be more than 100").
    """
    if q.delta or _measures_something(tokens, q) or _part_of_whole(tokens, q):
        return None
    if q.first >= 2 and tokens[q.first - 1].lower == "but" and tokens[q.first - 2].lower == "all":
        return None  # "48 people had died, all but one of them in São Sebastião": where, not how many
    np = _noun_phrase(tokens, q, gazetteer)
    if np.rejected:
        return None
    if q.year_like and np.head is None:
        return None
    if _not_a_figure(tokens, np.end):
        return None  # "three of the dead had been identified"
    if (
        np.head is not None
        and tokens[np.head].bare in _REMAINS
        and q.first > 0
        and tokens[q.first - 1].lower in lx.NOT_FIGURE_PREDICATES
    ):
        return None  # "the institute had identified 62 bodies", "repatriated 40 bodies": not the toll

    group = np.group or np.modifier_group
    metric: str | None = None
    cue = q.core_first
    strength = 0.0
    via = ""
    anchor = q.first
    if np.metric is not None:
        metric, cue, strength, via = np.metric, np.head if np.head is not None else q.core_first, 1.0, "noun"
        if metric != "killed" and q.last + 1 < len(tokens) and tokens[q.last + 1].lower == "of":
            died = _predicate_after(tokens, np.end)
            if died is not None and died[0] == "killed":
                # "one of the wounded had died": the partitive names who, the verb what happened
                metric, cue, strength, via = "killed", died[1], 0.9, "predicate"
    if metric is None:
        coordinated = (
            previous is not None
            and q.first > 0
            and tokens[q.first - 1].lower == "and"
            and (np.head is None or group == previous.group)
        )
        after = _predicate_after(tokens, np.end, coordinated, headless=np.head is None)
        before = _cue_before(tokens, q.first)
        if after is not None and before is not None:
            # Both sides name a metric: the nearer one belongs to this number; "leaving" names one
            # only when nothing after the number does ("leaving 31 still held by the bandits").
            weak = tokens[before[1]].lower in _WEAK_CUES_BEFORE
            chosen = after if weak or after[1] - np.end <= q.first - before[1] else before
            metric, cue, strength = chosen[0], chosen[1], 0.85
            via = "predicate" if chosen is after else "before"
        elif after is not None:
            metric, cue, strength, via = after[0], after[1], 0.9, "predicate"
        elif before is not None:
            metric, cue, strength, via = before[0], before[1], 0.8, "before"
        if before is not None and via == "before":
            anchor = before[1]
    if metric is None:
        toll = _toll_before(tokens, q, (previous.metric if previous else None) or recent_metric)
        if toll is not None:
            metric, cue, strength, via = toll[0], toll[1], 0.75, "toll"
            anchor = toll[1]
            if group is None:
                group = _toll_group(tokens, toll[1], q.first)
    inherits = np.inherits or np.subset
    if (
        via == "predicate"
        and previous is not None
        and _subset_before(tokens, q)
        and any(t.lower in {"who", "that", "which"} for t in tokens[np.end + 1 : cue])
    ):
        metric = None  # "killed 34, including 10 soldiers who were trapped by flames": 10 of the 34 killed
    if metric is None and previous is not None and (np.subset or _subset_before(tokens, q)):
        metric, cue, strength, via = previous.metric, q.core_first, 0.7, "subset"
        inherits = True
    if metric is None and previous is not None and _it_links_back(tokens, q):
        metric, cue, strength, via = (
            previous.metric,
            q.core_first,
            0.7,
            "toll",
        )  # "... adding that it was likely to exceed 3,000"
        group = group or previous.group
    if metric is None and previous is not None and _joined_to_previous(tokens, q, previous.cue):
        # "113 killed in Gansu and 18 in Qinghai", "dozens of protesters and a handful of journalists"
        metric, cue, strength, via = previous.metric, q.core_first, 0.65, "subset"
        inherits = group is None
    if metric is not None and group is None and previous is not None and via == "before" and q.increment:
        group, inherits = previous.group, True  # "killed 36 villagers and abducted dozens more"
    if metric is None:
        return None
    if (
        metric in {"killed", "missing", "casualties"}
        and np.head is not None
        and tokens[np.head].bare in _SURVIVORS
    ):
        return None  # "60 bodies and 212 survivors": the survivors are the rescued, not the toll
    if q.qualifier == "vague" and via != "predicate" and _of_the_counted(tokens, q.last):
        return None  # "the bodies of several of the victims": part of a figure given elsewhere
    if inherits and previous is not None and group is None:
        group = previous.group

    if group == "fallen":
        group = None  # "101 fallen heroes": whose they are comes from the story
    if group in {"hostages", "troops", "fighters"} and metric == "arrested" and tokens[cue].lower == "held":
        metric = "captured"  # hostages and soldiers "held" are captives, not arrests
    if metric == "arrested" and tokens[cue].lower == "held" and _held_by_captors(tokens, cue):
        metric = "captured"  # "12 guards had been briefly held by inmates"
    if group == "patients" and metric == "injured":
        group = "people"  # "the hospital received 14 patients": the injured, whoever they are
    if group is None or via == "noun":
        named = _predicate_group(tokens, np.end)
        if named is not None:
            group = named  # "11 of the dead were children"
    if (
        group == "prisoners"
        and tokens[cue].lower == "held"
        and cue > 0
        and tokens[cue - 1].lower in {"are", "is"}
    ):
        return None  # "prisons, where more than 19,500 inmates are held": a population, not arrests
    if metric == "captured" and group == "prisoners":
        group = "troops"  # prisoners taken in war are soldiers
    if metric in lx.METRIC_NEEDS_PERSON and group is None and np.head is not None and np.metric is None:
        return None  # "sent 3,000 letters": a count of things
    if metric in {"deployed", "captured"} and via == "before" and group is None and np.head is None:
        return None  # "sent 3,000" with no people named: too weak to count
    if via == "before" and tokens[cue].lower in _CARE_VERBS and group not in _CARED_FOR:
        return None  # "received 5,000 refugees", "treated 40": care counts only the hurt
    if (
        q.spelled
        and q.value is not None
        and q.value < 10
        and group is None
        and np.metric is None
        and via not in {"toll", "subset"}
        and not inherits
        and not (via == "predicate" and _opens_clause(tokens, q.first) and cue - np.end <= 3)
    ):
        return None  # a bare "one"/"two" with no counted noun is rarely a figure
    owner = np.owner or (previous.owner if inherits and previous is not None else None)
    confirmed = via == "predicate" and tokens[cue].lower == "confirmed"
    return Reading(
        metric, group, owner, np.owner_pronoun, cue, strength, np.head, via, anchor, inherits, confirmed
    )


def read_breach_count(tokens: list[Token], q: Quantity, gazetteer: Gazetteer) -> Reading | None:
    """In a breach story, people whose data a clause names without a metric word: "the ID numbers of up
    to 1.2 million subscribers", "the data of all of its 9.7 million customers", "has told 212,000
    donors". Only as the object of such a phrase: "250,000 customers have moved to rivals" or "which
    has 19 million subscribers" are the customer base, not the breach."""
    if q.delta or q.year_like or _measures_something(tokens, q):
        return None
    k = q.first - 1
    while k >= 0 and tokens[k].lower in {"all", "its", "their", "the"}:
        k -= 1
    if k < 0 or tokens[k].lower not in _BREACH_OBJECT:
        return None
    if (
        tokens[k].lower == "of"
        and k > 0
        and tokens[k - 1].bare in {"sample", "samples", "batch", "subset", "portion"}
    ):
        return None  # "a sample of 2,000 records" posted as proof
    np = _noun_phrase(tokens, q, gazetteer)
    group = np.group or np.modifier_group
    if np.rejected or np.head is None or group not in _BREACH_GROUPS:
        return None
    return Reading("affected", group, np.owner, np.owner_pronoun, np.head, 0.6, np.head, "noun", q.first)


def _joined_to_previous(tokens: list[Token], q: Quantity, previous_cue: int) -> bool:
    """ "113 killed in Gansu and 18 in Qinghai", "84,457 evacuees in Kelantan and Terengganu 40,292".

    Only within the previous figure's clause: in "213 died, the committee said on Monday, as soldiers,
    police and thousands of volunteers continued to clear streets" the volunteers are not the dead.
    """
    if any(t.lower in _NEW_CLAUSE for t in tokens[previous_cue + 1 : q.first]):
        return False
    k = q.first - 1
    if k >= 0 and tokens[k].lower == "and":
        return True
    return k >= 1 and tokens[k].is_capitalised and tokens[k - 1].lower == "and"


_SURVIVORS = frozenset({"survivors", "survivor"})
_SUBORDINATORS = frozenset(
    {"after", "as", "when", "while", "because", "before", "since", "although", "though"}
)
_REMAINS = frozenset({"bodies", "body", "remains", "corpses"})
_NEW_CLAUSE = frozenset({"as", "while", "when", "whereas", "but", ";"})
_COORDINATED_ADJECTIVES = frozenset(
    {"current", "former", "past", "present", "existing", "new", "active", "inactive", "retired", "serving"}
)
# People whose records a breach exposes; and the words that make a count of them its object.
_BREACH_GROUPS = frozenset(
    """
    customers people patients accounts records workers children voters passengers migrants police troops
    """.split()
)
_BREACH_OBJECT = frozenset(
    {"of", "for", "on", "about", "told", "notified", "contacted", "warned", "alerted", "informed", "emailed"}
)
_CARE_VERBS = frozenset({"treated", "treating", "admitted", "received"})
_CARED_FOR = frozenset(
    {"patients", "people", "children", "protesters", "police", "troops", "civilians", "workers"}
)
_PERIODS = frozenset({"year", "week", "month", "day", "season", "summer", "winter", "decade", "weekend"})
_IT_LINK = frozenset(
    "to likely could would will may might was is be probably expected set now soon already has had".split()
)


def _it_links_back(tokens: list[Token], q: Quantity) -> bool:
    """ "the toll has risen to 2,719 ..., adding that it was likely to exceed 3,000": "it" is the figure."""
    k = q.first
    if not (k < q.core_first and tokens[k].lower in lx.TOLL_LINKS):
        k -= 1
        if k < 0 or tokens[k].lower not in lx.TOLL_LINKS:
            return False
    k -= 1
    steps = 0
    while k >= 0 and steps < 6 and tokens[k].lower in _IT_LINK:
        k -= 1
        steps += 1
    return k >= 0 and tokens[k].lower == "it" and steps > 0


def _held_by_captors(tokens: list[Token], cue: int) -> bool:
    k = cue + 1
    if k >= len(tokens) or tokens[k].lower != "by":
        return False
    k += 1
    while k < len(tokens) and tokens[k].lower in {"the", "a", "an", "local", "their"}:
        k += 1
    return k < len(tokens) and tokens[k].bare not in lx.AUTHORITY_NOUNS


def _predicate_group(tokens: list[Token], end: int) -> str | None:
    """ "11 of the dead were children": the group a predicate nominal names."""
    k = end + 1
    if k + 1 < len(tokens) and tokens[k].lower in {"were", "are"}:
        k += 1
        if tokens[k].lower in {"all", "mostly", "also"} and k + 1 < len(tokens):
            k += 1
        group = lx.PERSON_NOUNS.get(tokens[k].bare)
        if group is not None and group != "fallen":
            return group
    return None


def _of_the_counted(tokens: list[Token], last: int) -> bool:
    k = last + 1
    return (
        k + 2 < len(tokens)
        and tokens[k].lower == "of"
        and tokens[k + 1].lower in {"the", "those", "these"}
        and (tokens[k + 2].bare in lx.METRIC_NOUNS or tokens[k + 2].bare in {"victims", "casualties"})
    )


def _opens_clause(tokens: list[Token], first: int) -> bool:
    """ "and eight were injured": the number is the subject of its own clause."""
    return first == 0 or tokens[first - 1].lower in {"and", ",", ";", "while", "but", "whereas", "with"}


def _part_of_whole(tokens: list[Token], q: Quantity) -> bool:
    """ "nearly all of its 200 inhabitants": the number is the whole, not the figure."""
    k = q.first - 1
    if k >= 1 and tokens[k].lower in {"its", "their", "the"} and tokens[k - 1].lower == "of":
        return k >= 2 and tokens[k - 2].lower in lx.PART_OF_WHOLE
    return False


def _not_a_figure(tokens: list[Token], end: int) -> bool:
    for k in range(end + 1, min(len(tokens), end + 5)):
        low = tokens[k].lower
        if low in lx.NOT_FIGURE_PREDICATES:
            return _predicate_at(tokens, k) is None  # "buried alive" is a toll; "buried" alone is not
        if low not in _PREDICATE_SKIP:
            return False
    return False


def _noun_phrase(tokens: list[Token], q: Quantity, gazetteer: Gazetteer) -> _NounPhrase:
    j = q.last + 1
    n = len(tokens)
    if j < n and tokens[j].text in _QUOTES:
        j += 1  # killed "dozens" of soldiers
    if j < n and tokens[j].text in {"-", "–"}:
        j += 1
    owner: Entity | None = None
    owner_pronoun: str | None = None
    if j < n and tokens[j].lower == "of":  # "thousands of troops", "43,000 of its soldiers", "19 of them"
        if j + 1 < n and tokens[j + 1].lower in lx.SUBSET_PRONOUNS:
            return _NounPhrase(None, q.last, None, None, None, None, None, False, True)
        for k in range(j + 1, min(n, j + 6)):
            if tokens[k].bare in lx.PERSON_NOUNS or tokens[k].bare in lx.METRIC_NOUNS:
                break
            if tokens[k].bare in lx.THING_NOUNS and tokens[k - 1].is_number:
                # "more than 260 of the state's 497 municipalities": a share of things
                return _NounPhrase(k, k, None, None, None, None, None, True, False)
        j += 1
        if (
            j + 1 < n
            and tokens[j].lower in {"this", "last", "that", "the"}
            and tokens[j + 1].bare in _PERIODS
        ):
            j += 2  # "more than 100 of this year's deaths"
        elif j < n and tokens[j].lower in _OF_DETERMINERS:
            if tokens[j].lower in {"its", "their", "our", "his", "her"}:
                owner_pronoun = tokens[j].lower
                if j + 1 < n and tokens[j + 1].lower == "own":
                    owner_pronoun = "its"  # "their own troops": the speaker's own
                    j += 1
            j += 1
    modifier_group: str | None = None
    steps = 0
    metric_adjective: str | None = None
    while j < n and steps < _NP_MAX:
        tok = tokens[j]
        low = tok.bare
        if tok.text == "(" and j > 0 and tokens[j - 1].is_capitalised and _acronym_in_brackets(tokens, j):
            j += 3  # "200 Railway Protection Force (RPF) personnel": the name's short form
            continue
        if tok.text in _CLAUSE_BREAK or tok.text in {",", "—", "–"} or tok.text in _QUOTES:
            break
        if low in {"fallen", "dead"} and j + 1 < n and tokens[j + 1].bare in lx.PERSON_NOUNS:
            metric_adjective = "killed"  # "101 fallen heroes", "the dead soldiers"
            j += 1
            steps += 1
            continue
        if (
            low in lx.METRIC_NOUNS
            and not (low == "killed" and steps > 0)
            and low not in {"martyrs", "fallen"}
        ):
            group = lx.PERSON_NOUNS.get(low) or _of_group(tokens, j + 1)  # "8,000 arrests of migrants"
            if group is None and j + 1 < n and tokens[j + 1].bare in lx.PERSON_NOUNS:
                group = lx.PERSON_NOUNS[tokens[j + 1].bare]  # "two of the wounded children"
                group = None if group == "fallen" else group
            return _NounPhrase(
                j, j, group, modifier_group, lx.METRIC_NOUNS[low], owner, owner_pronoun, False, False
            )
        if low == "other" and j + 1 < n and tokens[j + 1].bare in lx.THING_NOUNS:
            return _NounPhrase(j + 1, j + 1, None, None, None, owner, owner_pronoun, True, False)
        if low == "other" and j + 1 < n and tokens[j + 1].bare in lx.PERSON_NOUNS:
            j += 1  # "eight other people"
            continue
        if low in {"others", "other"}:
            # "three soldiers were killed and two others wounded": the same people as before.
            return _NounPhrase(j, j, None, None, None, owner, owner_pronoun, False, False, True)
        if low in lx.PERSON_NOUNS:
            # "police officers": the last person noun is the head.
            k = j
            while k + 1 < n and tokens[k + 1].bare in lx.PERSON_NOUNS and k - j < 2:
                k += 1
            head_low = tokens[k].bare
            end = k
            if k + 1 < n and tokens[k + 1].bare in _NOMINAL_METRICS:
                # "1,662 civilian deaths", "child casualties": the person noun says whose, the next one what.
                return _NounPhrase(
                    k + 1,
                    k + 1,
                    lx.PERSON_NOUNS[head_low],
                    None,
                    lx.METRIC_NOUNS[tokens[k + 1].bare],
                    owner,
                    owner_pronoun,
                    False,
                    False,
                )
            joined = _joined_group(tokens, k)
            if joined is not None:
                end = joined  # "police officers and gendarmes", "soldiers and National Guard troops"
            if head_low in lx.METRIC_NOUNS and head_low not in {"martyrs", "fallen"}:
                return _NounPhrase(
                    k,
                    k,
                    lx.PERSON_NOUNS.get(low),
                    None,
                    lx.METRIC_NOUNS[head_low],
                    owner,
                    owner_pronoun,
                    False,
                    False,
                )
            group = lx.PERSON_COMPOUNDS.get((tokens[k - 1].bare, head_low)) if k > 0 else None
            group = group or lx.PERSON_NOUNS[head_low]
            metric = metric_adjective or (
                lx.METRIC_NOUNS.get(head_low) if head_low in {"martyrs", "fallen"} else None
            )
            of_owner, of_kind = _of_complement(tokens, k + 1, gazetteer)
            if head_low in {"members", "member", "personnel", "units"}:
                group = _member_kind(tokens, j, k, of_kind) or (
                    "troops" if head_low == "personnel" else group
                )
            owner = owner or of_owner
            return _NounPhrase(k, end, group, modifier_group, metric, owner, owner_pronoun, False, False)
        if low in lx.THING_NOUNS or low in lx.UNIT_WORDS or low in lx.CURRENCY_WORDS:
            return _NounPhrase(j, j, None, None, None, owner, owner_pronoun, True, False)
        if (
            low in {"and", "or"}
            and j + 1 < n
            and tokens[j - 1].bare in _COORDINATED_ADJECTIVES
            and tokens[j + 1].bare in _COORDINATED_ADJECTIVES
        ):
            j += 1  # "9.7 million current and former customers"
            continue
        if low in _COUNT_ADJECTIVES and j + 1 < n and tokens[j + 1].bare in lx.METRIC_NOUNS:
            j += 1  # "19 confirmed deaths", "12 suspected cases": an adjective here, not a predicate
            steps += 1
            continue
        if low in _NP_STOP or tok.is_number or low in _PREDICATE_STARTS or low in lx.PREDICATE_ADVERBS:
            break
        if low in {"government", "pro-government", "regime", "state"} and owner_pronoun is None:
            owner_pronoun = "government"  # "2,000 government soldiers": the state's own
        if low in _GROUP_WORDS and tok.lower != low and owner_pronoun is None:
            owner_pronoun = "its"  # "the group's commanders": the speaker's group

        match = gazetteer.match_at(tokens, j) if tok.is_capitalised else None
        if match is not None:
            if owner is None and (match.entity.country or not match.entity.is_geography):
                owner = match.entity
            after = tokens[match.last + 1].bare if match.last + 1 < n else ""
            if (
                match.entity.kind == "demonym"
                and tokens[match.last].lower.endswith("s")
                and after not in lx.PERSON_NOUNS
                and (after in _NP_STOP or after in _PREDICATE_STARTS or not after.isalpha())
            ):
                # "two Israelis were lightly injured": the demonym is the people counted.
                return _NounPhrase(
                    match.last, match.last, "people", modifier_group, None, owner, owner_pronoun, False, False
                )
            j = match.last + 1
            steps += 1
            continue
        if low in lx.ADJECTIVE_GROUPS:
            modifier_group = lx.ADJECTIVE_GROUPS[low]
        elif (tokens[j - 1].bare, low) in lx.PERSON_COMPOUNDS and j > 0:
            modifier_group = lx.PERSON_COMPOUNDS[(tokens[j - 1].bare, low)]
        j += 1
        steps += 1
    end = j - 1 if j - 1 > q.last and tokens[j - 1].text not in _QUOTES else q.last
    return _NounPhrase(None, end, None, modifier_group, metric_adjective, owner, owner_pronoun, False, False)


def _joined_group(tokens: list[Token], k: int) -> int | None:
    """The end of a second group joined to the person noun at ``k`` ("and National Guard troops")."""
    n = len(tokens)
    if k + 2 >= n or tokens[k + 1].lower not in {"and", "or"}:
        return None
    for j in range(k + 2, min(n, k + 6)):
        tok = tokens[j]
        if tok.bare in lx.PERSON_NOUNS:
            return j
        if not (tok.is_capitalised or tok.bare in lx.ADJECTIVE_GROUPS or tok.bare in _JOINED_MODIFIERS):
            return None
    return None


def _of_group(tokens: list[Token], j: int) -> str | None:
    if j + 1 < len(tokens) and tokens[j].lower == "of":
        k = j + 1
        if tokens[k].lower in _OF_DETERMINERS and k + 1 < len(tokens):
            k += 1
        group = lx.PERSON_NOUNS.get(tokens[k].bare)
        return None if group == "fallen" else group
    return None


def _of_complement(tokens: list[Token], j: int, gazetteer: Gazetteer) -> tuple[Entity | None, str | None]:
    """ "members [of an ethnic armed group]", "users [of the shopping app Marketa]": owner and kind."""
    n = len(tokens)
    if j >= n or tokens[j].lower != "of":
        return None, None
    owner: Entity | None = None
    kind: str | None = None
    for k in range(j + 1, min(n, j + 7)):
        tok = tokens[k]
        if (
            tok.text in _CLAUSE_BREAK
            or tok.text == ","
            or tok.lower in {"who", "that", "which", "were", "was", "had"}
        ):
            break
        if tok.bare in lx.MEMBER_KINDS and kind is None:
            kind = lx.MEMBER_KINDS[tok.bare]
        if tok.is_capitalised and owner is None:
            match = gazetteer.match_at(tokens, k)
            if match is not None and (match.entity.country or not match.entity.is_geography):
                owner = match.entity
    return owner, kind


def _member_kind(tokens: list[Token], first: int, head: int, of_kind: str | None) -> str | None:
    """What "members" are, from the words around them: "National Guard members" are troops."""
    for k in range(max(0, first - 3), head):
        kind = lx.MEMBER_KINDS.get(tokens[k].bare)
        if kind is not None:
            return kind
    return of_kind


_RESCUE_REACH = 24
_RESCUED = frozenset({"rescued", "freed", "released", "escaped", "saved"})
_BROUGHT_OUT = frozenset({"brought", "pulled", "dug", "carried", "lifted", "airlifted", "found"})
_RETURNED = frozenset({"returned", "escaped", "reappeared", "resurfaced"})


def _saved_at(tokens: list[Token], k: int) -> bool:
    """ "have escaped", "were freed", "were brought out alive" starting at ``k``."""
    words = [t.lower for t in tokens[k : k + 5]]
    if words and words[0] in _RETURNED:
        return True
    if not words or words[0] not in {"were", "was", "have", "had", "are"}:
        return False
    words = words[1:]
    if words and words[0] == "been":
        words = words[1:]
    if words and words[0] in _RESCUED:
        return True
    return bool(words) and words[0] in _BROUGHT_OUT and "alive" in words


def _rescued_after(tokens: list[Token], start: int) -> bool:
    """A participle right after the counted people ("miners trapped ...") describes them; when the
    clause's own verb then says they were saved ("were brought out alive"), they are not the figure."""
    commas = 0
    for k in range(start, min(len(tokens) - 1, start + _RESCUE_REACH)):
        low = tokens[k].lower
        if low == "," and commas == 0 and tokens[k + 1].is_capitalised:
            commas = 1  # "abducted from a mosque in Gidan Dawa village, Kaura Namoda Area, have escaped"
            continue
        if low in _CLAUSE_BREAK or low == ",":
            # The aside closed: the clause's verb must come right after it (no second aside, so
            # the look stays a few tokens long however many commas a sentence has).
            return commas == 1 and low == "," and _saved_at(tokens, k + 1)
        if low in _NEW_CLAUSE or low == "because":
            return False  # "104 people still missing as heavy rain returned": another clause's verb
        if low in _RETURNED:
            return True  # "37 children who fled into the bush during the attack returned home"
        if low in {"were", "was", "have", "had", "are"}:
            after = tokens[k + 1 : k + 5]
            words = [t.lower for t in after]
            if words and words[0] == "been":
                words = words[1:]
            if words and words[0] in _RESCUED:
                return True
            return bool(words) and words[0] in _BROUGHT_OUT and "alive" in words
    return False


# Verbs before a number that make it whom an effort aims at ("a vaccination campaign targeting 1.1 million
# people", "aiming to reach 40,000 families"), never a toll.
_TARGET_VERBS = frozenset(
    """
    vaccinate vaccinating inoculate inoculating targeting targets feed feeding accommodate accommodating
    serve serving assist assisting benefit benefiting benefitting
    """.split()
)
_AIMS = frozenset("aim aims aiming aimed plan plans planning hope hopes hoping seeks".split())


def _a_target(tokens: list[Token], first: int) -> bool:
    if first < 1:
        return False
    before = tokens[first - 1].lower
    if before in _TARGET_VERBS:
        return True
    if before != "reach" or first < 3:
        return False
    return tokens[first - 2].lower == "to" and tokens[first - 3].lower in _AIMS


def _predicate_after(
    tokens: list[Token], end: int, coordinated: bool = False, headless: bool = False
) -> tuple[str, int] | None:
    """The metric predicate after a counted noun phrase ending at ``end``, and where it is.

    ``headless``: the number counts no noun of its own ("the toll has risen to 17"), so an "and"
    after it opens a new clause ("..., and five miners remain trapped"), not a coordinated phrase.
    """
    j = end + 1
    n = len(tokens)
    skipped = 0
    while j < n and skipped < 8:
        low = tokens[j].lower
        if low == "," and j + 1 < n and tokens[j + 1].is_number:
            # "685 firefighters[, 190 fire engines and 33 aircraft] were fighting": a list, one predicate.
            after = _coordinated_end(tokens, j)
            if after is not None and _list_closes(tokens, after):
                j = after
                skipped += 1
                continue
        if low == ",":
            # ", most of them women," / ", including two women,": step over the aside.
            k = j + 1
            while (
                k < n
                and k - j <= _ASIDE_MAX
                and tokens[k].text != ","
                and tokens[k].text not in _CLAUSE_BREAK
            ):
                k += 1
            if k < n and tokens[k].text == "," and k - j <= _ASIDE_MAX:
                j = k + 1
                skipped += 1
                continue
            return None
        if tokens[j].text in _QUOTES:
            j += 1  # 'two of the attackers had been "neutralised"'
            continue
        if low in {"—", "–"}:
            # "13 people — eight civilians and five soldiers — had died": step over the dashes' aside.
            k = j + 1
            while k < n and k - j <= _ASIDE_MAX and tokens[k].text not in {"—", "–"}:
                if tokens[k].text in _CLAUSE_BREAK:
                    break
                k += 1
            j = k + 1 if k < n and tokens[k].text in {"—", "–"} else j + 1
            skipped += 1
            continue
        found = _predicate_at(tokens, j)
        if found is not None:
            relative = (
                j == end + 1
                or (j == end + 2 and tokens[end + 1].lower == "who")
                or (
                    j <= end + 4 and tokens[end + 1].lower in {"listed", "reported", "registered", "declared"}
                )
            )  # "two residents listed as missing were found alive"
            rest = j + 1
            while (
                rest < n
                and rest <= j + 3
                and (
                    tokens[rest].lower in {"missing", "dead", "for"}
                    or (
                        tokens[rest].lower == "as"
                        and rest + 1 < n
                        and tokens[rest + 1].lower in {"missing", "dead"}
                    )
                )
            ):
                rest += 1  # past the rest of "listed as missing", "unaccounted for"
            if relative and _rescued_after(tokens, rest):
                return None  # "Three miners trapped underground for 87 hours were brought out alive"
            if j == end + 1 and found[0] == "deployed":
                # "14 soldiers serving with the mission had been killed": where they served describes
                # them; what happened to them comes after.
                posted = _main_predicate_after_posting(tokens, j)
                if posted is not None:
                    return posted
            return found  # before skipping: "confirmed dead" is a predicate, "confirmed" alone a filler
        if low in lx.SHELTER_VERBS and _shelter_after(tokens, j + 1):
            return "displaced", j  # "25,000 people remain in 880 shelters"
        if low in {"and", "or"} and headless and skipped > 0:
            return None
        if headless and low in _SUBORDINATORS:
            return (
                None  # "rose to 21 on Sunday after four of the injured died": that verb is another clause's
            )
        if low in {"and", "or"}:
            after = _coordinated_end(tokens, j)
            if after is not None:
                j = after  # "13 civilians [and eight soldiers] had been killed": one predicate for both
                skipped += 1
                continue
        if low in {"who", "that"} and skipped == 0 and j + 1 < n and _predicate_at(tokens, j + 1) is None:
            # "Two adults who tried to protect the children were also seriously hurt", "Fifty workers who
            # had been travelling by minibus through the gorge were missing": on to the main verb.
            main = _main_verb(tokens, j)
            if main is not None:
                j = main
                skipped += 1
                continue
        if low in _PREDICATE_SKIP or low in lx.PREDICATE_ADVERBS:
            j += 1
            skipped += 1
            continue
        if low in _PP_OPENERS:
            # "two employees [of the company] lost their lives": step over one short phrase.
            if coordinated:
                return None  # "31 dead on the left bank and 21 [in areas held by Kyiv]": the 21 are dead too
            k = j + 1
            words = 0
            while k < n and words <= _PP_MAX:
                found = _predicate_at(tokens, k)
                if found is not None:
                    return found
                if tokens[k].lower in lx.SHELTER_VERBS and _shelter_after(tokens, k + 1):
                    return "displaced", k
                if tokens[k].text == "," and k + 1 < n and tokens[k + 1].is_capitalised and not coordinated:
                    k += 1  # "personnel of the Nepal Army, Nepal Police and ... have been mobilised"
                    continue
                if tokens[k].text in _CLAUSE_BREAK or tokens[k].text == ",":
                    return None
                if headless and tokens[k].lower in _SUBORDINATORS:
                    return None
                if tokens[k].is_number and (
                    low == "with"
                    or not (
                        k + 1 < n and tokens[k + 1].text[:1].isalpha() and tokens[k + 1].lower not in _NP_STOP
                    )
                ):
                    # "from 20,500 families" is part of the phrase; a bare number, or one after "with"
                    # ("..., with another 10,100 people reported missing"), is a figure of its own.
                    return None
                if tokens[k].lower not in _PREDICATE_SKIP:
                    words += 1
                k += 1
        return None
    return None


def _main_verb(tokens: list[Token], relative: int) -> int | None:
    """The finite verb after a relative clause opened at ``relative`` whose predicate names a metric."""
    n = len(tokens)
    for k in range(min(n - 1, relative + 14), relative + 1, -1):
        if tokens[k].lower not in _RELATIVE_ENDS or tokens[k - 1].lower in {"who", "that"}:
            continue
        if any(t.text in _CLAUSE_BREAK or t.text == "," for t in tokens[relative:k]):
            continue
        j = k
        while (
            j < n
            and j - k < 5
            and (tokens[j].lower in _PREDICATE_SKIP or tokens[j].lower in lx.PREDICATE_ADVERBS)
        ):
            if _predicate_at(tokens, j) is not None:
                break
            j += 1
        if j < n and _predicate_at(tokens, j) is not None:
            return k
    return None


def _shelter_after(tokens: list[Token], k: int) -> bool:
    """ "in 880 shelters", "to 798 state-run shelters", "in temporary relief centres"."""
    n = len(tokens)
    if k >= n or tokens[k].lower not in {"in", "to", "at", "into"}:
        return False
    for j in range(k + 1, min(n, k + 5)):
        tok = tokens[j]
        if tok.bare in lx.SHELTER_NOUNS:
            return True
        if not (tok.is_number or tok.text[:1].islower()) or tok.lower in _NP_STOP - {"the", "a"}:
            return False
    return False


_COUNT_ADJECTIVES = frozenset({"confirmed", "reported", "registered", "recorded", "suspected", "probable"})
_AUXILIARY_VERBS = frozenset({"were", "was", "had", "have", "has", "are", "is"})
_POSTING_VERBS = frozenset(
    {"serving", "stationed", "posted", "deployed", "based", "fighting", "sent", "dispatched"}
)
_POSTING_PREPOSITIONS = frozenset({"with", "in", "on", "at", "as", "to", "near", "along", "for", "under"})


def _main_predicate_after_posting(tokens: list[Token], j: int) -> tuple[str, int] | None:
    """The predicate after a posting participle and its phrase ("serving with X [had been killed]")."""
    n = len(tokens)
    if j + 1 >= n or tokens[j].lower not in _POSTING_VERBS:
        return None
    if tokens[j + 1].lower not in _POSTING_PREPOSITIONS:
        return None
    for k in range(j + 2, min(n, j + 14)):
        if tokens[k].text in _CLAUSE_BREAK or tokens[k].text == ",":
            return None
        if tokens[k].lower in _AUXILIARY_VERBS:
            for m in range(k, min(n, k + 4)):
                found = _predicate_at(tokens, m)
                if found is not None and found[0] != "deployed":
                    return found
            return None
    return None


def _list_closes(tokens: list[Token], k: int) -> bool:
    """After a list item: another item (", 12 ...") or the last one ("and 33 ...")."""
    return k + 1 < len(tokens) and tokens[k].text in {",", "and"} and tokens[k + 1].is_number


def _acronym_in_brackets(tokens: list[Token], open_at: int) -> bool:
    """ "(RPF)": an all-capital short form between brackets."""
    if open_at + 2 >= len(tokens) or tokens[open_at + 2].text != ")":
        return False
    text = tokens[open_at + 1].text
    return 2 <= len(text) <= 8 and text.isupper() and text.isalpha()


def _coordinated_end(tokens: list[Token], and_at: int) -> int | None:
    """Where a noun phrase joined by "and" ends ("and eight soldiers", "and a teacher"), or None when
    what follows "and" is not a counted noun phrase (its own clause: "and 41 are feared dead")."""
    n = len(tokens)
    k = and_at + 1
    if k >= n:
        return None
    first = tokens[k]
    if not (first.is_number or first.lower in _NUMBER_WORDS or first.lower in {"a", "an"}):
        # "2,800 soldiers [and militia members] had been sent": people joined without a number.
        for m in range(k, min(n, k + 3)):
            tok = tokens[m]
            if not tok.text[:1].isalpha() or tok.lower in _NP_STOP or tok.lower in _PREDICATE_STARTS:
                return None
            if tok.bare in lx.PERSON_NOUNS and tok.bare not in lx.METRIC_NOUNS:
                return m + 1
        return None
    k += 1
    while k < n and (tokens[k].is_number or tokens[k].lower in _NUMBER_WORDS):
        k += 1
    nouns = 0
    while k < n and nouns < 4:
        tok = tokens[k]
        if not tok.text[:1].isalpha() or tok.lower in _NP_STOP or tok.lower in _PREDICATE_STARTS:
            break
        if tok.bare in lx.METRIC_NOUNS:
            return None  # "and 12 injured": a count of its own
        nouns += 1
        k += 1
    return k if nouns else None


def _predicate_at(tokens: list[Token], j: int) -> tuple[str, int] | None:
    sizes = _PREDICATE_SIZES.get(tokens[j].lower)
    if sizes is None:
        return None
    room = len(tokens) - j
    for size in sizes:
        if size > room:
            continue
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
        if tok.text in _QUOTES:
            j -= 1  # killed "dozens" of soldiers
            continue
        if tok.text in _CLAUSE_BREAK or tok.is_number:
            return None
        if tok.text == ",":
            j = _skip_aside(tokens, j)
        for size in (4, 3, 2, 1) if tok.lower in _CUE_LAST else ():
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


def _toll_before(tokens: list[Token], q: Quantity, fallback: str | None) -> tuple[str, int] | None:
    """ "the death toll from ... rose by one to [115]": the figure phrase the number completes."""
    j = q.first - 1
    if q.first < q.core_first and tokens[q.first].lower in lx.TOLL_LINKS:
        j = q.first  # "now probably exceed 600,000": the bound's own verb is the link
    while (
        j >= 1 and tokens[j - 1].lower == "by" and (tokens[j].is_number or tokens[j].lower in _NUMBER_WORDS)
    ):
        j -= 2  # "rose by one to": step over the change
    if j > 0 and tokens[j].lower in {"up", "down"}:
        j -= 1  # "revised the toll up to": "to" was the modifier's
    if j >= 1 and q.qualifier == "vague" and tokens[j].lower == "the" and tokens[j - 1].lower == "in":
        j -= 1  # "put their losses in the thousands"
    elif j >= 1 and tokens[j].lower in {"all", "the"} and tokens[j - 1].lower in lx.SUBSET_BEFORE:
        j -= 1
    if j < 0:
        return None
    low = tokens[j].lower
    if (
        low not in lx.TOLL_LINKS
        and low not in lx.SUBSET_BEFORE
        and not (low == "in" and q.qualifier == "vague")
        and not (
            low == "of" and j > 0 and lx.TOLL_HEADS.get((tokens[j - 1].bare,)) is not None
        )  # "a toll of 58"
    ):
        return None
    link = j
    while link > 0 and tokens[link - 1].lower in _LINK_ADVERBS:
        link -= 1
    stop = max(-1, link - _TOLL_WINDOW)
    k = link - 1
    while k > stop:
        tok = tokens[k]
        if tok.text in _TOLL_STOP:
            return None
        for size in range(min(_TOLL_MAX, k + 1), 0, -1) if tok.bare in _TOLL_LAST else ():
            start = k - size + 1
            key = tuple(t.bare for t in tokens[start : k + 1])
            if key not in lx.TOLL_HEADS:
                continue
            if start > 0 and tokens[start - 1].lower == "in" and key[-1] in {"total", "all"}:
                continue  # "27 structures had been lost in total": an adverb, not a tally's head
            metric = lx.TOLL_HEADS[key]
            if metric is None:
                metric = _toll_words(tokens, k + 1, link) or fallback
            if metric is not None:
                return metric, start
        k -= 1
    return None


def _toll_group(tokens: list[Token], head: int, number: int) -> str | None:
    """The people a figure phrase names inside itself: "the number of people killed" -> people."""
    for k in range(max(0, head - 2), min(number, head + 6)):
        bare = tokens[k].bare
        group = lx.PERSON_NOUNS.get(bare)
        if group is not None and group != "fallen" and k >= head:
            return group
        if bare in {"army", "military"} and k + 1 < number and tokens[k + 1].bare in {"death", "toll"}:
            return "troops"  # "the army's death toll"
    return None


def _toll_words(tokens: list[Token], first: int, last: int) -> str | None:
    """The metric a "number of ..." phrase names: "the number of people unaccounted for" -> missing."""
    for k in range(first, min(last, first + 8)):
        metric = lx.TOLL_WORDS.get(tokens[k].bare)
        if metric is not None:
            return metric
    return None


def _subset_before(tokens: list[Token], q: Quantity) -> bool:
    k = q.first - 1
    while k >= 0 and tokens[k].lower in {"all", "the", "some"}:
        k -= 1  # "including all four gunmen"
    if k >= 1 and tokens[k].lower in {"whom", "which"} and tokens[k - 1].lower == "of":
        return True  # "more than 1,000 people had been injured, of whom 197 remain in hospital"
    if (
        k >= 1
        and tokens[k].text in {"—", "–", ":"}
        and (tokens[k - 1].text[:1].isalpha() or tokens[k - 1].is_number)
    ):
        return True  # "13 people — eight civilians and five soldiers —", "four deaths — three in Kelantan"
    return k >= 0 and tokens[k].lower in lx.SUBSET_BEFORE


def _skip_aside(tokens: list[Token], comma: int) -> int:
    """Step over ", including the wounded," so the cue before it is found: returns the new index."""
    k = comma - 1
    while k >= 0 and comma - k <= _ASIDE_MAX:
        if tokens[k].text == ",":
            return k if tokens[k + 1].lower in _ASIDE_OPENERS else comma
        if tokens[k].text in _CLAUSE_BREAK:
            return comma
        k -= 1
    return comma


_COPULAS: Final = frozenset({"was", "is", "were", "are"})
_CLAUSE_EDGES: Final = frozenset({",", ";", ":", "that", "and", "but", "while"})


def _age_is_the_subject(tokens: list[Token], copula: int) -> bool:
    """ "the average age of those detained was 17": the number after the verb is an age."""
    for k in range(copula - 1, max(copula - 9, -1), -1):
        low = tokens[k].lower
        if low in _CLAUSE_EDGES:
            return False
        if low in {"age", "ages"}:
            return True
    return False


def _measures_something(tokens: list[Token], q: Quantity) -> bool:
    """Money, percentages, dates, times, ages, magnitudes, units: not a count of people."""
    if _a_target(tokens, q.first):
        return True
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
        if (before.lower in lx.MONTHS and before.is_capitalised) or before.lower in lx.WEEKDAYS:
            return True
        if before.lower in lx.NOT_COUNT_BEFORE or before.text == "#":
            return True
        if before.lower in _COPULAS and _age_is_the_subject(tokens, q.core_first - 1):
            return True
    if after is not None:
        low = after.lower
        month = low in lx.MONTHS and (after.is_capitalised or low != "may")  # "hundreds may have died"
        if low in lx.UNIT_WORDS or low in lx.CURRENCY_WORDS or month or after.text == "%":
            return True
        if low.startswith(("year-old", "years-old", "month-old", "day-old", "week-old", "storey", "story")):
            return True
        if low in {"per", "percent", "pc"}:
            return True
        if (
            low in {"years", "months"}
            and after_index + 1 < len(tokens)
            and tokens[after_index + 1].lower == "old"
        ):
            return True
    return bool(q.year_like and (after is None or after.bare not in lx.PERSON_NOUNS))
