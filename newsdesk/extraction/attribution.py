"""Who states a figure: reporting cues ("said", "according to", "acknowledged") and their agents.

Agents are named entities from the gazetteer ("Kim Jong Un", "NIS"), capitalised names
("East2West news service"), generic authorities ("the ministry", "South Korea's intelligence",
"local officials"), or references resolved against :class:`Mentions`, which lives for one
article: pronouns go to the most salient person so far ("he" -> Kim Jong Un), short names to
the full name seen earlier ("Kim"), definite descriptions to the last body of a fitting kind
("the agency" -> National Intelligence Service), and "the country's" to the last country named.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.extraction import lexicon as lx
from newsdesk.extraction.tokens import Token
from newsdesk.extraction.world import Entity, Gazetteer, Match

_CONNECTORS = frozenset({"of", "for", "and", "on", "de", "al", "bin", "el"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "local", "senior", "top"})
_TIME_WORDS = lx.MONTHS | lx.WEEKDAYS | {"today", "yesterday", "earlier", "later", "recently", "tonight"}
_PREPOSITIONS = frozenset(
    {"of", "for", "to", "with", "on", "from", "against", "about", "behind", "at", "into"}
)
_EARLIER = frozenset({"initially", "previously", "earlier", "originally", "first"})
_NOT_CUE_AFTER = {
    "claimed": {"the", "responsibility", "lives"},
    "confirmed": {"dead", "killed", "deaths", "cases"},
    "reported": {"missing", "dead", "killed", "injured", "cases"},
    "put": {"on", "in", "out", "up", "off", "down", "forward"},
    "gave": {"birth", "up"},
    "posted": {"to", "in", "at"},
}
# What a definite description ("the agency", "the ministry") may refer back to.
_ROLE_KINDS: dict[str, frozenset[str]] = {
    "intelligence": frozenset({"intelligence"}),
    "military": frozenset({"military"}),
    "police": frozenset({"police"}),
    "ministry": frozenset({"ministry", "government"}),
    "government": frozenset({"government", "ministry", "leader"}),
    "agency": frozenset(
        {"agency", "intelligence", "ministry", "police", "military", "government", "ngo", "state_media"}
    ),
    "media": frozenset({"media", "state_media"}),
    "company": frozenset({"company"}),
}
_DECAY = 0.7


@dataclass(frozen=True, slots=True)
class Source:
    """The one who states a figure, as the article names it, with what newsdesk knows of them."""

    text: str
    kind: str
    country: str | None
    generic: bool = False
    """A role without a name or country ("the ministry", "officials"): its country comes from the story."""
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class SpeechEvent:
    cue: int
    stance: str
    source: Source | None
    passive: bool
    earlier: bool
    """The cue reports an earlier statement: "had initially admitted", "previously said"."""


@dataclass(slots=True)
class Mentions:
    """The article so far: who was named, how prominently, and what country was last mentioned."""

    salience: dict[Entity, float] = field(default_factory=dict)
    groups: list[Entity] = field(default_factory=list)
    last_country: str | None = None
    full_names: dict[str, Entity] = field(default_factory=dict)

    def person(self) -> Entity | None:
        """The most salient person: "he" in news copy is nearly always the story's protagonist."""
        if not self.salience:
            return None
        return max(self.salience.items(), key=lambda item: item[1])[0]

    def group(self, kinds: frozenset[str]) -> Entity | None:
        for entity in reversed(self.groups):
            if entity.kind in kinds:
                return entity
        return None

    def read_sentence(self, tokens: list[Token], matches: list[Match], gazetteer: Gazetteer) -> None:
        """Take in a sentence's mentions once its claims have been extracted."""
        for entity in list(self.salience):
            self.salience[entity] *= _DECAY
        covered: set[int] = set()
        for match in matches:
            covered.update(range(match.first, match.last + 1))
            entity = match.entity
            if entity.is_person:
                self._see_person(entity, _subject_like(tokens, match.first, match.last))
                for short, options in gazetteer.shorts.items():
                    if entity in options:
                        self.full_names[short] = entity
            elif entity.is_geography or entity.kind == "metonym":
                if entity.country:
                    self.last_country = entity.country
            else:
                if entity in self.groups:
                    self.groups.remove(entity)
                self.groups.append(entity)
        for k, tok in enumerate(tokens):
            if k not in covered and tok.text in self.full_names:
                self._see_person(self.full_names[tok.text], _subject_like(tokens, k, k))

    def _see_person(self, entity: Entity, subject_like: bool) -> None:
        self.salience[entity] = self.salience.get(entity, 0.0) + (2.0 if subject_like else 1.0)


def _subject_like(tokens: list[Token], first: int, last: int) -> bool:
    """Does the mention stand where an agent stands (not after a preposition, before a verb)?"""
    if first > 0 and tokens[first - 1].lower in _PREPOSITIONS:
        return False
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    return after is None or (after.text[:1].islower() and after.lower not in _PREPOSITIONS | {"and", "or"})


def speech_events(
    tokens: list[Token], matches: list[Match], gazetteer: Gazetteer, mentions: Mentions
) -> list[SpeechEvent]:
    """Every reporting cue in a sentence with its agent, left to right."""
    events: list[SpeechEvent] = []
    by_last = {m.last: m for m in matches}
    by_first = {m.first: m for m in matches}
    n = len(tokens)
    for i, tok in enumerate(tokens):
        low = tok.lower
        if low == "according" and i + 1 < n and tokens[i + 1].lower == "to":
            source = _agent_right(tokens, i + 2, by_first, gazetteer, mentions)
            events.append(SpeechEvent(i, "reported", source, passive=False, earlier=False))
            continue
        stance = lx.REPORTING_VERBS.get(low)
        if stance is None or (tok.is_capitalised and i > 0):
            continue
        following = tokens[i + 1].lower if i + 1 < n else ""
        if following in _NOT_CUE_AFTER.get(low, ()):
            continue
        if i > 0 and tokens[i - 1].lower in {"an", "the", "a"}:
            continue  # "an estimated 600": a hedge on the number, handled as its qualifier
        earlier = any(t.lower in _EARLIER for t in tokens[max(0, i - 3) : i])
        passive = i > 0 and tokens[i - 1].lower in {"is", "are", "was", "were", "been", "be"}
        if passive:
            source = None
            if following == "by":
                source = _agent_right(tokens, i + 2, by_first, gazetteer, mentions)
            events.append(SpeechEvent(i, stance, source, passive=source is None, earlier=earlier))
            continue
        source = _agent_left(tokens, i - 1, by_last, gazetteer, mentions)
        if source is None and low.endswith("ing"):
            # "..., after initially admitting that ...": the agent is the sentence's subject.
            source = _sentence_subject(tokens, matches, i, mentions)
        if source is None:
            source = _agent_right(tokens, i + 1, by_first, gazetteer, mentions)
        events.append(SpeechEvent(i, stance, source, passive=False, earlier=earlier))
    return events


def _sentence_subject(
    tokens: list[Token], matches: list[Match], before: int, mentions: Mentions
) -> Source | None:
    for match in matches:
        if match.last < before and not match.entity.is_geography:
            return _from_entity(match.entity)
    for k in range(before):
        if tokens[k].text in mentions.full_names:
            return _from_entity(mentions.full_names[tokens[k].text])
        if tokens[k].lower in lx.PRONOUNS_PERSON and mentions.person() is not None:
            person = mentions.person()
            return _from_entity(person) if person else None
    return None


def _agent_left(
    tokens: list[Token], j: int, by_last: dict[int, Match], gazetteer: Gazetteer, mentions: Mentions
) -> Source | None:
    # Skip what may stand between an agent and its verb: "has", "also", "on Friday", "(NIS)".
    steps = 0
    while j >= 0 and steps < 6:
        low = tokens[j].lower
        before_time = low in {"on", "in"} and j + 1 < len(tokens) and tokens[j + 1].lower in _TIME_WORDS
        if low in lx.AUXILIARIES or low in _TIME_WORDS or before_time:
            j -= 1
        elif tokens[j].text == ")":
            while j >= 0 and tokens[j].text != "(":
                j -= 1
            j -= 1
        else:
            break
        steps += 1
    if j < 0:
        return None
    match = by_last.get(j)
    if match is not None:
        return _from_entity(match.entity)
    return _agent_at(tokens, j, gazetteer, mentions, leftward=True)


def _agent_right(
    tokens: list[Token], j: int, by_first: dict[int, Match], gazetteer: Gazetteer, mentions: Mentions
) -> Source | None:
    n = len(tokens)
    start = j
    while j < n and tokens[j].lower in _DETERMINERS:
        j += 1
    if j >= n:
        return None
    match = by_first.get(j)
    if match is not None and not match.entity.is_geography:
        return _from_entity(match.entity)
    # "South Korea's spy agency", "Ukrainian officials": geography, then a role.
    k = j
    if match is not None:
        k = match.last + 1
    while (
        k < n and k - j < 5 and not _is_role(tokens[k]) and tokens[k].lower not in {",", ".", "that", "said"}
    ):
        k += 1
    if k < n and _is_role(tokens[k]):
        return _role(tokens, start, k, gazetteer, mentions)
    return _agent_at(tokens, j, gazetteer, mentions, leftward=False)


def _agent_at(
    tokens: list[Token], j: int, gazetteer: Gazetteer, mentions: Mentions, *, leftward: bool
) -> Source | None:
    tok = tokens[j]
    low = tok.lower
    if low in lx.PRONOUNS_PERSON:
        person = mentions.person()
        return _from_entity(person) if person else Source(tok.text, "person", None, anonymous=True)
    if low in {"they", "it"}:
        group = mentions.group(_ROLE_KINDS["agency"] | {"company", "media"})
        return _from_entity(group) if group else None
    if tok.text in mentions.full_names:
        return _from_entity(mentions.full_names[tok.text])
    if _is_role(tok):
        first = j
        if leftward:
            # Modifiers of the role, leftwards: "South Korea's intelligence", "the country's spy agency".
            while first > 0 and j - first < 5:
                prev = tokens[first - 1]
                if prev.text in {",", ".", ";", '"', "“", "”"} or prev.lower in {
                    "that",
                    "and",
                    "but",
                    "said",
                    "while",
                }:
                    break
                if prev.is_number or prev.lower in _PREPOSITIONS:
                    break
                first -= 1
                if prev.lower in {"the", "a", "an"}:
                    break
        return _role(tokens, first, j, gazetteer, mentions)
    if tok.is_capitalised:
        return _proper_name(tokens, j, leftward=leftward)
    return None


def _proper_name(tokens: list[Token], j: int, *, leftward: bool) -> Source:
    """An unknown proper name: "East2West news service", "Maria Lopez"."""
    first, last = j, j
    if leftward:
        while first > 0 and (tokens[first - 1].is_capitalised or tokens[first - 1].lower in _CONNECTORS):
            first -= 1
        while first < j and not tokens[first].is_capitalised:
            first += 1
    else:
        while last + 1 < len(tokens) and (
            tokens[last + 1].is_capitalised
            or (
                tokens[last + 1].lower in _CONNECTORS
                and last + 2 < len(tokens)
                and tokens[last + 2].is_capitalised
            )
            or tokens[last + 1].lower in {"news", "service", "agency"}
        ):
            last += 1
    words = tokens[first : last + 1]
    text = " ".join(t.text for t in words)
    is_person = 2 <= len(words) <= 3 and all(
        t.is_capitalised and t.bare not in lx.AUTHORITY_NOUNS for t in words
    )
    return Source(text, "person" if is_person else "organisation", None)


def _is_role(tok: Token) -> bool:
    return tok.bare in lx.AUTHORITY_NOUNS or tok.bare in lx.ANONYMOUS_SOURCES


def _role(tokens: list[Token], first: int, last: int, gazetteer: Gazetteer, mentions: Mentions) -> Source:
    """A role noun phrase: "the ministry", "local officials", "South Korea's intelligence"."""
    head = tokens[last].bare
    words = tokens[first : last + 1]
    text = " ".join(t.text for t in words)
    lowered = {t.bare for t in words}
    country: str | None = None
    for k in range(first, last + 1):
        match = gazetteer.match_at(tokens, k) if tokens[k].is_capitalised else None
        if match is not None and match.entity.country:
            country = match.entity.country
            break
    if country is None and lowered & {"country", "nation"}:
        country = mentions.last_country  # "the country's spy agency"
    if head in lx.ANONYMOUS_SOURCES:
        return Source(text, "anonymous", country, generic=country is None, anonymous=True)
    kind = lx.AUTHORITY_NOUNS[head]
    if lowered & {"intelligence", "spy", "spies"}:
        kind = "intelligence"
    elif "state" in lowered and kind == "media":
        kind = "state_media"
    elif (
        lowered & {"health", "interior", "defence", "defense", "foreign", "emergency", "emergencies"}
        and kind == "government"
    ):
        kind = "ministry"
    definite = words[0].lower in {"the", "this", "that"}
    if country is None and definite:
        # "the agency", "the intelligence service": the body named earlier in the story.
        referent = mentions.group(_ROLE_KINDS.get(kind, frozenset({kind})))
        if referent is not None:
            return _from_entity(referent)
    return Source(text, kind, country, generic=country is None)


def _from_entity(entity: Entity) -> Source:
    """A known entity as a source; a country or its capital speaking means its government."""
    kind = "government" if entity.kind in {"country", "metonym"} else entity.kind
    return Source(entity.name, kind, entity.country)
