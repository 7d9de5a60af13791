"""Who states a figure: reporting cues ("said", "according to", "acknowledged") and their agents.

Agents are named entities from the gazetteer ("Kim Jong Un", "NIS"), people with a title
("Interior Minister Gérald Darmanin", "Maui police chief John Pelletier"), capitalised names
("Telvora", "East2West news service"), generic authorities ("the ministry", "South Korea's
intelligence", "local officials", "Houthi-run health ministry"), or references resolved
against :class:`Mentions`, which lives for one article: pronouns go to the most salient
person so far ("he" -> Kim Jong Un), short names to the full name seen earlier ("Kim",
"Vasquez"), "it" to the body last named, definite descriptions to the last body of a
fitting kind ("the agency" -> National Intelligence Service, "the company" -> Telvora), and
"the country's" to the last country named. People and bodies the gazetteer does not know
are remembered the first time the story names them, with what their title says they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.extraction import lexicon as lx
from newsdesk.extraction.tokens import Token
from newsdesk.extraction.world import Entity, Gazetteer, Match

_CONNECTORS = frozenset(
    {"of", "for", "and", "on", "de", "al", "bin", "el", "van", "von", "da", "di", "du", "la", "le"}
)
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "local", "senior", "top"})
_TIME_WORDS = (
    lx.MONTHS | lx.WEEKDAYS | {"today", "yesterday", "earlier", "later", "recently", "tonight", "overnight"}
)
_PREPOSITIONS = frozenset(
    {"of", "for", "to", "with", "on", "from", "against", "about", "behind", "at", "into", "by", "in"}
)
_EARLIER = frozenset({"initially", "previously", "earlier", "originally", "first"})
_NOT_CUE_AFTER = {
    "claimed": {"the", "responsibility", "lives"},
    "confirmed": {"dead", "killed", "deaths", "cases"},
    "reported": {"missing", "dead", "killed", "injured", "cases"},
    "put": {"on", "in", "out", "up", "off", "down", "forward"},
    "gave": {"birth", "up", "way", "chase", "evidence", "rise"},
    "posted": {"to", "in", "at"},
    "counts": {"of"},
    "records": {"of", "for"},
    "notes": {"of"},
    "states": {"of", "and"},
    "estimate": {"of"},
    "estimates": {"of"},
}
# What a definite description ("the agency", "the ministry") may refer back to.
_ROLE_KINDS: dict[str, frozenset[str]] = {
    "intelligence": frozenset({"intelligence"}),
    "military": frozenset({"military"}),
    "police": frozenset({"police"}),
    "ministry": frozenset({"ministry", "government", "military"}),
    "government": frozenset({"government", "ministry", "leader"}),
    "agency": frozenset(
        {"agency", "intelligence", "ministry", "police", "military", "government", "ngo", "state_media"}
    ),
    "media": frozenset({"media", "state_media"}),
    "company": frozenset({"company", "organisation"}),
    "ngo": frozenset({"ngo"}),
}
# Roles whose figures come from somebody's tally: "according to a tally by The Associated Press".
_TALLY_HEADS = frozenset(
    {"tally", "count", "database", "analysis", "report", "estimate", "survey", "review", "post"}
)
# Words that say a role is not the party's own: "Western officials", "foreign intelligence".
_FOREIGN = frozenset(
    {"western", "foreign", "international", "allied", "outside", "independent", "u.n.", "un"}
)
_TITLE_HEADS = frozenset(lx.TITLE_KINDS) | {"chief", "head"}
# Finite verbs: a comma-enclosed stretch holding one is a clause, not an appositive.
_FINITE = frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "will",
        "would",
        "added",
    }
)
_COMPANY_WORDS = frozenset(
    """
    inc corp corporation ltd ag plc llc gmbh sa co company group systems holdings technologies airlines
    airways bank energy motors telecom pharma pharmaceuticals industries enterprises
    """.split()
)
_ORGANISATION_WORDS = frozenset(
    """
    trust foundation charity society association union university hospital institute council
    committee network alliance federation league organisation organization centre center
    """.split()
)
_TITLE_WORDS = (
    _TITLE_HEADS
    | frozenset(lx.TITLE_MODIFIERS)
    | {"regional", "provincial", "state", "deputy", "acting", "local", "county", "city", "district", "vice"}
)
_HYPHEN_OWNERS = (
    "-run",
    "-led",
    "-controlled",
    "-held",
    "-backed",
    "-aligned",
    "-installed",
    "-appointed",
    "-based",
)
_DECAY = 0.7
_FORGOTTEN = 1e-4
_MAX_GROUPS = 64
_NAME_REACH = 10
_SUBJECT_REACH = 40
_PRONOUN_REACH = 30


@dataclass(frozen=True, slots=True)
class Source:
    """The one who states a figure, as the article names it, with what newsdesk knows of them."""

    text: str
    kind: str
    country: str | None
    generic: bool = False
    """A role without a name or country ("the ministry", "officials"): its country comes from the story."""
    anonymous: bool = False
    foreign: bool = False
    """A role marked as outside the story's party ("Western officials")."""


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
    known: dict[str, Entity] = field(default_factory=dict)
    """People and bodies the gazetteer does not know, by the name the story gave them."""

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

    def remember(self, entity: Entity) -> None:
        """A person or body named with what they are (from their title or from the gazetteer)."""
        if entity.kind in {"person", "leader"} or (
            entity.kind not in {"organisation", "company"}
            and " " in entity.name
            and _looks_personal(entity.name)
            and not any(word.lower().rstrip("'s’") in lx.AUTHORITY_NOUNS for word in entity.name.split())
        ):
            self.known.setdefault(entity.name, entity)
            self.full_names.setdefault(entity.name.split()[-1], entity)
            self.salience[entity] = self.salience.get(entity, 0.0) + 2.0
        else:
            self.known.setdefault(entity.name, entity)
            self._push_group(entity)

    def _push_group(self, entity: Entity) -> None:
        if entity in self.groups:
            self.groups.remove(entity)
        self.groups.append(entity)
        if len(self.groups) > _MAX_GROUPS:
            del self.groups[0]  # bodies named long ago are not what "the agency" means now

    def read_sentence(self, tokens: list[Token], matches: list[Match], gazetteer: Gazetteer) -> None:
        """Take in a sentence's mentions once its claims have been extracted."""
        for entity in list(self.salience):
            weight = self.salience[entity] * _DECAY
            if weight < _FORGOTTEN:
                del self.salience[entity]  # unmentioned for dozens of sentences: no longer "he"
            else:
                self.salience[entity] = weight
        covered: set[int] = set()
        for match in matches:
            covered.update(range(match.first, match.last + 1))
            entity = match.entity
            if entity.is_person or entity in gazetteer.short_of:
                self._see_person(entity, _subject_like(tokens, match.first, match.last))
                for short in gazetteer.short_of.get(entity, ()):
                    self.full_names[short] = entity
                if entity.is_person:
                    continue
            if entity in gazetteer.short_of:
                continue
            if entity.is_geography or entity.kind == "metonym":
                if entity.country:
                    self.last_country = entity.country
            else:
                self._push_group(entity)
        if self.full_names:
            for k, tok in enumerate(tokens):
                if k not in covered and tok.is_capitalised and tok.bare.title() in self.full_names:
                    self._see_person(self.full_names[tok.bare.title()], _subject_like(tokens, k, k))

    def _see_person(self, entity: Entity, subject_like: bool) -> None:
        self.salience[entity] = self.salience.get(entity, 0.0) + (2.0 if subject_like else 1.0)

    def short(self, token: Token) -> Entity | None:
        if not self.full_names or not token.is_capitalised:
            return None
        return self.full_names.get(token.text) or self.full_names.get(_strip(token.text))


def _strip(text: str) -> str:
    return text[:-2] if text.endswith(("'s", "’s")) else text


def _looks_personal(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _subject_like(tokens: list[Token], first: int, last: int) -> bool:
    """Does the mention stand where an agent stands (not after a preposition, before a verb)?"""
    if first > 0 and tokens[first - 1].lower in _PREPOSITIONS:
        return False
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    return after is None or (after.text[:1].islower() and after.lower not in _PREPOSITIONS | {"and", "or"})


class _Reader:
    """Reads the speech events of one sentence; holds what every helper needs."""

    def __init__(
        self, tokens: list[Token], matches: list[Match], gazetteer: Gazetteer, mentions: Mentions
    ) -> None:
        self.tokens = tokens
        self.matches = matches
        self.gazetteer = gazetteer
        self.mentions = mentions
        self.by_last = {m.last: m for m in matches}
        self.by_first = {m.first: m for m in matches}

    def events(self) -> list[SpeechEvent]:
        tokens = self.tokens
        events: list[SpeechEvent] = []
        n = len(tokens)
        for i, tok in enumerate(tokens):
            low = tok.lower
            if low == "according" and i + 1 < n and tokens[i + 1].lower == "to":
                source = self.agent_right(i + 2)
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
            if low == "saying" and i > 0 and tokens[i - 1].lower == "as":
                events.append(SpeechEvent(i, stance, self._quoted_as(i - 1), passive=False, earlier=earlier))
                continue
            passive = i > 0 and tokens[i - 1].lower in {"is", "are", "was", "were", "been", "be"}
            if passive:
                source = None
                by = following == "by"
                if by:
                    source = self.agent_right(i + 2)
                # "confirmed by its teams": an agent is named, so the party does not speak for itself.
                events.append(
                    SpeechEvent(i, stance, source, passive=source is None and not by, earlier=earlier)
                )
                continue
            joined = i > 0 and tokens[i - 1].lower in {",", "and"}
            participle = low.endswith("ing") and i > 0 and tokens[i - 1].text == ","
            source = None if participle else self.agent_left(i - 1)
            if source is None and joined and events and events[-1].source is not None:
                # "the ministry said on Thursday, adding that ..." / "raised the toll ... and said ...":
                # the same speaker goes on.
                source = events[-1].source
            if source is None and (low.endswith("ing") or joined):
                # "..., after initially admitting that ...": the agent is the sentence's subject.
                source = self.sentence_subject(i)
            if source is None and low in {"said", "says", "reported", "added", "estimated", "wrote"}:
                source = self.agent_right(i + 1)  # "..., said the ministry"
            events.append(SpeechEvent(i, stance, source, passive=False, earlier=earlier))
        return events

    # ------------------------------------------------------------ agents

    def _quoted_as(self, as_index: int) -> Source | None:
        """ "TASS quoted the ministry as saying": the ministry; "X was quoted ... as saying": X."""
        tokens = self.tokens
        for k in range(as_index - 1, max(-1, as_index - 14), -1):
            if tokens[k].lower == "quoted":
                if k > 0 and tokens[k - 1].lower in {"was", "were", "is", "been"}:
                    return self.sentence_subject(k)
                return self.agent_right(k + 1)
        return self.sentence_subject(as_index)

    def sentence_subject(self, before: int) -> Source | None:
        tokens = self.tokens
        for k in range(min(before, _SUBJECT_REACH)):
            match = self.by_first.get(k)
            if match is not None and not match.entity.is_geography:
                return self.from_match(match)
            if tokens[k].lower in lx.PRONOUNS_PERSON:
                person = self.mentions.person()
                return from_entity(person) if person else None
            short = self.mentions.short(tokens[k])
            if short is not None:
                return from_entity(short)
            if tokens[k].bare in lx.AUTHORITY_NOUNS or tokens[k].bare in lx.ANONYMOUS_SOURCES:
                return self.agent_at(k, leftward=True)
        return None

    def agent_left(self, j: int) -> Source | None:
        tokens = self.tokens
        # Skip what may stand between an agent and its verb: "has", "also", "on Friday", "(NIS)",
        # ", which rarely discloses its losses,", ", one of Europe's largest operators,".
        steps = 0
        while j >= 0 and steps < 8:
            low = tokens[j].lower
            before_time = low in {"on", "in"} and j + 1 < len(tokens) and tokens[j + 1].lower in _TIME_WORDS
            if low in lx.AUXILIARIES or low in _TIME_WORDS or before_time:
                j -= 1
            elif tokens[j].text == ")":
                k = j
                while k >= 0 and j - k < 12 and tokens[k].text != "(":
                    k -= 1
                j = k - 1
            elif tokens[j].text == ",":
                aside = self._aside_before(j)
                if aside is None:
                    return None
                named, j = aside
                if named is not None:
                    return named
                continue
            else:
                break
            steps += 1
        if j < 0:
            return None
        match = self.by_last.get(j)
        if match is not None:
            first = match.first
            if (
                match.entity.is_geography
                and first >= 2
                and self.tokens[first - 1].lower in {"in", "of", "for"}
                and _is_role(self.tokens[first - 2])
            ):
                # "Police in Batangas", "the regional government of Valencia": a role and its place.
                role = self.agent_at(first - 2, leftward=True)
                if role is not None and role.country is None and not role.anonymous:
                    text = " ".join(t.text for t in self.tokens[first - 2 : match.last + 1])
                    return Source(text, role.kind, match.entity.country)
                return role
            return self.from_match(match)
        role = self._role_of_complement(j)
        if role is not None:
            return role
        return self.agent_at(j, leftward=True)

    def _role_of_complement(self, j: int) -> Source | None:
        """ "the director of Medina hospital", "a spokesman for the ministry", "the mayor of Kharkiv":
        the role before "of"/"for" speaks, with what its complement says of it."""
        tokens = self.tokens
        if _is_role(tokens[j]) or (tokens[j].is_capitalised and self.by_last.get(j) is None and j > 0):
            return None
        for k in range(j - 1, max(-1, j - 5), -1):
            low = tokens[k].lower
            if (
                low in {"of", "for"}
                and k > 0
                and (_is_role(tokens[k - 1]) or tokens[k - 1].bare in _TITLE_HEADS)
            ):
                role = self.agent_at(k - 1, leftward=True)
                if role is None or role.anonymous:
                    return role
                inner = next((self.by_last[i] for i in range(j, k, -1) if i in self.by_last), None)
                if inner is not None and not inner.entity.is_geography and inner.entity.kind != "metonym":
                    return self.from_match(inner)  # "a spokesman for the Pentagon": the Pentagon speaks
                if inner is not None and inner.last == j and inner.entity.country and role.country is None:
                    # "the mayor of Kharkiv"; but "the director of Medina hospital" names a hospital
                    return Source(role.text, role.kind, inner.entity.country, foreign=role.foreign)
                return role
            if low in {",", ".", ";", "said", "that"} or tokens[k].is_number:
                return None
        return None

    def _aside_before(self, comma: int) -> tuple[Source | None, int] | None:
        """An appositive or relative clause that ends at ``comma``: (a name it gives, where to go on)."""
        tokens = self.tokens
        k = comma - 1
        while k >= 0 and comma - k <= 20:
            if tokens[k].text == ",":
                inner = k + 1
                if inner >= comma:
                    return None
                if any(t.lower in _FINITE for t in tokens[inner:comma]) and tokens[inner].lower not in {
                    "which",
                    "who",
                    "whose",
                }:
                    return None  # ", the interior ministry said on Thursday,": a clause, not an aside
                first = tokens[inner]
                if first.is_capitalised and first.lower not in {"the", "a", "an"}:
                    # ", TixNow," / ", Othman Abduljaleel,": the name the aside gives.
                    match = self.by_first.get(inner)
                    if match is not None and match.last == comma - 1:
                        return self.from_match(match), k - 1
                    if all(t.is_capitalised or t.lower in _CONNECTORS for t in tokens[inner:comma]):
                        return self._named_role(k - 1, inner, comma - 1), k - 1
                if first.lower in {
                    "which",
                    "who",
                    "whose",
                    "whom",
                    "one",
                    "a",
                    "an",
                    "the",
                    "its",
                    "their",
                    "also",
                } or (first.text[:1].islower()):
                    return None, k - 1
                return None
            if tokens[k].text in {".", ";", ":", "(", ")"} or tokens[k].text in {'"', "“", "”"}:
                return None
            k -= 1
        return None

    def _named_role(self, role_last: int, name_first: int, name_last: int) -> Source | None:
        """ "A spokesman for the Ministry of Disaster Management, Janan Sayeeq,": the name speaks
        with what the role before it says he is."""
        name = " ".join(t.text for t in self.tokens[name_first : name_last + 1])
        role: Source | None = None
        for k in range(role_last, max(-1, role_last - 8), -1):
            tok = self.tokens[k]
            if tok.text in {",", ".", ";", ":"}:
                break
            match = self.by_last.get(k)
            if match is not None and not match.entity.is_geography:
                role = self.from_match(match)
                break
            if _is_role(tok) or tok.bare in lx.TITLE_KINDS:
                # "A spokesman for the Ministry of Disaster Management": the body named, else the title.
                role = self.agent_at(k, leftward=True)
                break
        if role is None or role.anonymous or role.kind in {"person", "organisation"}:
            return self.agent_at(name_last, leftward=True)
        entity = Entity(name, role.kind, role.country)
        self.mentions.remember(entity)
        return Source(name, role.kind, role.country, generic=role.country is None, foreign=role.foreign)

    def agent_right(self, j: int) -> Source | None:
        tokens = self.tokens
        n = len(tokens)
        start = j
        if j < n and tokens[j].lower in {"its", "their"}:
            return self._group_pronoun(j)  # "confirmed by its teams"
        while j < n and tokens[j].lower in _DETERMINERS:
            j += 1
        if j >= n:
            return None
        match = self.by_first.get(j)
        if match is not None and not match.entity.is_geography:
            return self.from_match(match)
        if tokens[j].bare in _TALLY_HEADS:
            # "according to a tally by The Associated Press": the one who keeps the tally.
            for k in range(j + 1, min(n, j + 6)):
                if tokens[k].lower in {"by", "of", "from"} and k + 1 < n:
                    tallier = self.agent_right(k + 1)
                    if tallier is not None:
                        return tallier
            return Source(" ".join(t.text for t in tokens[start : j + 1]), "media", None, generic=True)
        # "South Korea's spy agency", "Ukrainian officials": geography, then a role.
        k = j
        if match is not None:
            k = match.last + 1
        while (
            k < n
            and k - j < 5
            and not _is_role(tokens[k])
            and tokens[k].lower not in {",", ".", "that", "said"}
        ):
            k += 1
        if k < n and _is_role(tokens[k]):
            return self.role(start, k)
        return self.agent_at(j, leftward=False)

    def agent_at(self, j: int, *, leftward: bool) -> Source | None:
        tokens = self.tokens
        tok = tokens[j]
        low = tok.lower
        if low in lx.PRONOUNS_PERSON:
            person = self.mentions.person()
            return from_entity(person) if person else Source(tok.text, "person", None, anonymous=True)
        if low in {"they", "it", "we"}:
            return self._group_pronoun(j)
        short = self.mentions.short(tok)
        if short is not None:
            return from_entity(short)
        known = self.mentions.known.get(tok.text)
        if known is not None:
            return from_entity(known)
        if _is_role(tok):
            first = j
            if leftward:
                # Modifiers of the role, leftwards: "South Korea's intelligence", "the country's spy agency".
                while first > 0 and j - first < 6:
                    prev = tokens[first - 1]
                    if prev.text in {",", ".", ";", '"', "“", "”", ":", "—", "–"} or prev.lower in {
                        "that",
                        "and",
                        "but",
                        "said",
                        "while",
                        "as",
                        "when",
                        "after",
                    }:
                        break
                    if prev.is_number or prev.lower in _PREPOSITIONS:
                        break
                    first -= 1
                    if prev.lower in {"the", "a", "an"}:
                        break
            return self.role(first, j)
        if tok.is_capitalised and low not in {"the", "a", "an", "but", "and", "in", "on", "at"}:
            return self.proper_name(j, leftward=leftward)
        return None

    def _group_pronoun(self, j: int) -> Source | None:
        """ "it"/"they": the body named earlier in the sentence, else the last one in the story."""
        for k in range(j - 1, max(-1, j - _PRONOUN_REACH), -1):
            match = self.by_last.get(k)
            if match is not None and not match.entity.is_geography:
                return self.from_match(match)
            if match is not None and match.entity.kind in {"country", "metonym"}:
                return self.from_match(match)
        group = self.mentions.group(
            _ROLE_KINDS["agency"] | {"company", "media", "armed_group", "organisation"}
        )
        return from_entity(group) if group else None

    def proper_name(self, j: int, *, leftward: bool) -> Source:
        """A name the gazetteer does not know: "Telvora", "Interior Minister Gérald Darmanin"."""
        tokens = self.tokens
        first, last = j, j
        if leftward:
            while (
                first > 0
                and j - first < _NAME_REACH
                and (
                    tokens[first - 1].is_capitalised
                    or (
                        tokens[first - 1].lower in _CONNECTORS
                        and first > 1
                        and tokens[first - 2].is_capitalised
                    )
                )
            ):
                if tokens[first - 1].lower in {"the", "a", "an"}:
                    break
                first -= 1
        else:
            while (
                last + 1 < len(tokens)
                and last - j < _NAME_REACH
                and (
                    tokens[last + 1].is_capitalised
                    or (
                        tokens[last + 1].lower in _CONNECTORS
                        and last + 2 < len(tokens)
                        and tokens[last + 2].is_capitalised
                    )
                    or tokens[last + 1].lower in {"news", "service", "agency"}
                )
            ):
                last += 1
        return self._titled(first, last, leftward=leftward)

    def _expert_before(self, first: int) -> bool:
        """ "Security researchers at the firm X": X employs the speakers, who are not its voice."""
        tokens = self.tokens
        for k in range(first - 1, max(-1, first - 5), -1):
            if tokens[k].bare in {"researchers", "analysts", "experts", "researcher", "analyst", "expert"}:
                return True
            if tokens[k].text in {",", ".", ";"}:
                return False
        return False

    def _titled(self, first: int, last: int, *, leftward: bool) -> Source:
        """Split "North Carolina Governor Roy Cooper" into a title and a name, and read the title."""
        tokens = self.tokens
        if leftward:
            # Lower-case title words before the capitalised run: "Maui police chief John Pelletier".
            t = first
            while t > 0 and first - t < 5:
                prev = tokens[t - 1]
                if (
                    prev.bare in _TITLE_WORDS
                    or prev.bare in lx.AUTHORITY_NOUNS
                    or (prev.is_capitalised and prev.lower not in {"the", "a", "an"} and t < first)
                ):
                    t -= 1
                else:
                    break
            if any(tokens[k].bare in _TITLE_HEADS for k in range(t, first)):
                first = t
        # The name follows the last title word ("Governor", "chief", "Minister"); no title, no split.
        name_first = first
        for k in range(last, first - 1, -1):
            if tokens[k].bare in _TITLE_HEADS:
                name_first = k + 1
                break
        if name_first > last:
            name_first = first
        title = tokens[first:name_first]
        name = tokens[name_first : last + 1]
        name_text = (
            " ".join(t.text for t in name) if name else " ".join(t.text for t in tokens[first : last + 1])
        )
        kind: str | None = None
        country: str | None = None
        for index, tok in enumerate(title):
            bare = tok.bare
            if bare in lx.TITLE_KINDS:
                kind = lx.TITLE_KINDS[bare] if kind in {None, "government"} else kind
            elif bare in lx.TITLE_MODIFIERS and lx.TITLE_MODIFIERS[bare] is not None:
                kind = lx.TITLE_MODIFIERS[bare]
            elif bare in lx.AUTHORITY_NOUNS and kind is None:
                kind = lx.AUTHORITY_NOUNS[bare]
            if tok.is_capitalised and country is None:
                match = self.gazetteer.match_at(tokens, first + index)
                if match is not None and match.entity.country:
                    country = match.entity.country
        if kind == "organisation" and any(
            t.bare in {"executive", "ceo", "chairman", "chairwoman"} for t in title
        ):
            group = self.mentions.group(frozenset({"company", "organisation", "ngo"}))
            if group is not None:
                return from_entity(group)  # "Chief executive Sarah Okafor" speaks for her organisation
        authority = next((lx.AUTHORITY_NOUNS[t.bare] for t in name if t.bare in lx.AUTHORITY_NOUNS), None)
        if kind is None and authority is not None and authority not in {"company", "ngo", "media"}:
            kind = (
                authority  # "the Ministry of Emergency Management": a ministry whose country is the story's
            )
        if kind is None:
            if any(t.bare in _COMPANY_WORDS for t in name):
                kind = "company"
            elif any(t.bare in _ORGANISATION_WORDS for t in name):
                kind = "organisation"
            elif len(name) >= 2 and all(t.bare not in lx.AUTHORITY_NOUNS for t in name):
                kind = "person"
            else:
                kind = "organisation"
        if kind in {"organisation", "company"} and self._expert_before(first):
            return Source(name_text, "expert", country)  # "researchers at the firm Hexaguard"
        entity = Entity(name_text, kind, country)
        self.mentions.remember(entity)
        return Source(
            name_text,
            kind,
            country,
            generic=country is None and kind not in {"person", "organisation", "company"},
        )

    def role(self, first: int, last: int) -> Source:
        """A role noun phrase: "the ministry", "local officials", "South Korea's intelligence"."""
        tokens = self.tokens
        head = tokens[last].bare
        words = tokens[first : last + 1]
        text = " ".join(t.text for t in words)
        lowered = {t.bare for t in words}
        country: str | None = None
        for k in range(first, last + 1):
            tok = tokens[k]
            match = self.gazetteer.match_at(tokens, k) if tok.is_capitalised else None
            if (
                match is not None
                and not match.entity.is_geography
                and match.entity.kind != "metonym"
                and match.last < last
            ):
                # "The Public Defender's office", "Hezbollah's media office": the body itself speaks.
                return self.from_match(match)
            if match is not None and match.entity.country:
                country = match.entity.country
                break
            if "-" in tok.text and tok.lower.endswith(_HYPHEN_OWNERS):
                owner = self.gazetteer.lookup(tok.text.rsplit("-", 1)[0])
                if owner is not None and owner.country:
                    country = owner.country  # "Houthi-run health ministry"
                    break
        if country is None and lowered & {"country", "nation", "country's", "nation's"}:
            country = self.mentions.last_country  # "the country's spy agency"
        foreign = bool(lowered & _FOREIGN)
        if head in lx.ANONYMOUS_SOURCES:
            return Source(text, "anonymous", country, generic=country is None, anonymous=True)
        kind = lx.AUTHORITY_NOUNS[head]
        if lowered & {"intelligence", "spy", "spies"}:
            kind = "intelligence"
        elif "state" in lowered and kind == "media":
            kind = "state_media"
        elif lowered & lx.MINISTRY_WORDS and kind in {"government", "agency"}:
            kind = "ministry"
        elif lowered & {"police"}:
            kind = "police"
        elif lowered & {"rights", "humanitarian", "volunteer", "aid", "charity"} and kind in {
            "ngo",
            "agency",
            "media",
        }:
            kind = "ngo"
        elif lowered & {"opposition"}:
            return Source(text, "anonymous", country, generic=country is None, anonymous=True)
        definite = words[0].lower in {"the", "this", "that"}
        if country is None and definite and not foreign and len(words) <= 2:
            # "the agency", "the intelligence service": the body named earlier in the story.
            referent = self.mentions.group(_ROLE_KINDS.get(kind, frozenset({kind})))
            if referent is not None:
                return from_entity(referent)
        if not foreign and len(words) > 1:
            self.mentions.remember(Entity(text, kind, country))  # so that a later "it" finds it
        return Source(text, kind, country, generic=country is None, foreign=foreign)

    def from_match(self, match: Match) -> Source:
        entity = match.entity
        if (
            entity.is_geography
            and match.last + 1 < len(self.tokens)
            and _is_role(self.tokens[match.last + 1])
        ):
            return self.role(match.first, match.last + 1)
        return from_entity(entity)


def speech_events(
    tokens: list[Token], matches: list[Match], gazetteer: Gazetteer, mentions: Mentions
) -> list[SpeechEvent]:
    """Every reporting cue in a sentence with its agent, left to right."""
    return _Reader(tokens, matches, gazetteer, mentions).events()


def resolve_name(text: str, gazetteer: Gazetteer, mentions: Mentions) -> Source | None:
    """A source named outside a sentence, such as a press release's issuer."""
    from newsdesk.extraction.tokens import tokenize

    tokens = tokenize(text)
    if not tokens:
        return None
    matches = gazetteer.scan(tokens)
    reader = _Reader(tokens, matches, gazetteer, mentions)
    if matches and matches[0].first == 0 and matches[0].last == len(tokens) - 1:
        return reader.from_match(matches[0])
    last = len(tokens) - 1
    if _is_role(tokens[last]):
        source = reader.role(0, last)
        if source.country is None:
            return Source(text, source.kind, None, generic=True)
        return source
    return reader.proper_name(last, leftward=True)


def _is_role(tok: Token) -> bool:
    return tok.bare in lx.AUTHORITY_NOUNS or tok.bare in lx.ANONYMOUS_SOURCES


def from_entity(entity: Entity) -> Source:
    """A known entity as a source; a country, its capital or a place speaking means its government."""
    kind = "government" if entity.kind in {"country", "metonym", "place", "demonym"} else entity.kind
    # An official with no country known ("Vice President Cevdet Yilmaz") speaks for the story's.
    generic = entity.country is None and kind in lx.OFFICIAL_KINDS
    return Source(entity.name, kind, entity.country, generic=generic)
