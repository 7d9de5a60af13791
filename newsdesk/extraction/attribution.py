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

import re
from dataclasses import dataclass, field, replace

from newsdesk.extraction import lexicon as lx
from newsdesk.extraction.tokens import Token
from newsdesk.extraction.world import Entity, Gazetteer, Match

_CONNECTORS = frozenset(
    {"of", "for", "and", "on", "de", "al", "bin", "el", "van", "von", "da", "di", "du", "la", "le"}
)
_WHERE_NOUNS = frozenset({"country", "region", "area", "city", "territory", "province", "state", "capital"})
_NAME_PARTICLES = frozenset({"al", "bin", "ibn", "el", "van", "von", "da", "di", "du", "de", "la", "le"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "local", "senior", "top"})
_TIME_WORDS = (
    lx.MONTHS | lx.WEEKDAYS | {"today", "yesterday", "earlier", "later", "recently", "tonight", "overnight"}
)
_COMPANY_SUFFIXES = frozenset("ltd inc corp co plc llc bhd pty ag sa nv bv".split())
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
    "listed": {"as", "missing", "dead", "among"},  # "two residents listed as missing"
    "registered": {"as", "missing", "dead"},
    "records": {"of", "for"},
    "notes": {"of"},
    "states": {"of", "and"},
    "estimate": {"of"},
    "estimates": {"of"},
    "claims": {"data", "records", "information", "process", "processing", "history", "handling"},
    "reports": {"of"},
    "declared": {"a", "an", "war", "martial", "emergency"} | lx.WEEKDAYS,
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
    """
    tally count database analysis report estimate survey review post investigation study statement
    conference briefing bulletin update figures data records
    """.split()
)
_STATEMENT_HEADS = frozenset({"statement", "conference", "briefing", "bulletin", "update", "post"})
_TALLY_MODIFIERS = frozenset(
    {"press", "news", "official", "daily", "latest", "joint", "televised", "written"}
)
# Words that say a role is not the party's own: "Western officials", "foreign intelligence".
_FOREIGN = frozenset(
    {"western", "foreign", "international", "allied", "outside", "independent", "u.n.", "un"}
)
_TITLE_HEADS = frozenset(lx.TITLE_KINDS) | {"chief", "head"}
_REGION_WORDS = frozenset(
    {"region", "province", "oblast", "state", "county", "district", "governorate", "prefecture", "krai"}
)
_SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen"})
# Kinds of named body whose spokesman speaks for the body, not for a state.
_BODY_KINDS = frozenset({"armed_group", "ngo", "company", "organisation", "media"})
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
    airways bank energy motors telecom pharma pharmaceuticals industries enterprises limited mining
    resources minerals steel petroleum chemicals chemie insurance mobile telecoms airline partners
    """.split()
)
# Words in a body's name that make it a public agency, a monitor, or a local government.
_AGENCY_NAME_WORDS = frozenset(
    """
    emergency emergencies disaster disasters rescue protection relief crisis hospital medical
    coastguard prosecutor prosecutor's prosecutors
    """.split()
)
_MEDIA_NAME_WORDS = frozenset(
    {"press", "news", "times", "post", "journal", "herald", "tribune", "gazette", "telegraph", "broadcasting",
     "television", "radio", "tv", "newspaper"}
)  # fmt: skip
_INTERNATIONAL_WORDS = frozenset(
    {"africa", "african", "europe", "european", "asia", "asian", "international", "world", "global", "arab",
     "americas", "inter-american", "pan-african"}
)  # fmt: skip
_CUE_WORDS = frozenset(lx.REPORTING_VERBS) | {"according"}
_REPORT_NOUNS = frozenset(
    {"report", "reports", "rumours", "rumors", "claims", "claim", "allegations", "figures", "estimates"}
)
_MONITOR_WORDS = frozenset({"rights", "observatory", "watch", "amnesty", "ombudsman", "watchdog", "monitor"})
_LOCAL_GOVERNMENTS = frozenset(
    """
    county province district prefecture municipality city region oblast governorate council borough
    """.split()
)
# Titles that say only rank, not which body: their kind comes from the words before them.
_NEUTRAL_TITLES = frozenset({"director", "head", "chief"})
# Heads of a role that govern a territory: an armed group's ministry speaks for the land it runs.
_GOVERNING_HEADS = frozenset({"ministry", "government", "authorities", "administration", "officials"})
_ARMED_WORDS = frozenset(
    {
        "outlawed",
        "banned",
        "separatist",
        "rebel",
        "militant",
        "insurgent",
        "jihadist",
        "extremist",
        "paramilitary",
    }
)
_PROXY_OWNERS = ("-installed", "-appointed", "-backed", "-aligned")
# Words that make a government not the one in charge of the count.
_NOT_THE_GOVERNMENT = frozenset(
    {"parallel", "shadow", "exiled", "exile", "rival", "self-proclaimed", "opposition"}
)
# Between an agent and its reporting verb besides auxiliaries: "X regrets to announce", "X wishes to".
_BEFORE_VERB = frozenset({"to", "regrets", "regret", "wishes", "wish", "pleased", "saddened", "sadly"})
_ACRONYM = re.compile(r"[A-Z][A-Za-z]{1,9}")
_INITIAL = re.compile(r"[A-Z]")
_EARLIER_REPORTS = frozenset({"said", "given", "put", "reported", "announced", "told", "stated", "confirmed"})
_EARLIER_TIMES = frozenset({"last", "earlier", "previously", "yesterday"}) | lx.WEEKDAYS
_ORGANISATION_WORDS = frozenset(
    """
    trust foundation charity society association union university hospital institute council
    committee network alliance federation league organisation organization centre center school college
    """.split()
)
_TITLE_WORDS = (
    _TITLE_HEADS
    | frozenset(lx.TITLE_MODIFIERS)
    | {"regional", "provincial", "state", "deputy", "acting", "local", "county", "city", "district", "vice"}
    | {"province", "municipal", "senior", "public", "safety", "management", "crisis", "national"}
    | {"humanitarian", "refugee", "relief", "aid", "press", "chief", "official", "rights"}
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
_RESCALE = 1e-100
_MAX_GROUPS = 64
_NAME_REACH = 10
_SUBJECT_REACH = 40
_PRONOUN_REACH = 30


# Not frozen, though never changed once built: one is built for every speaker found,
# and a frozen dataclass pays an ``object.__setattr__`` per field to build
# (``replace`` makes a changed copy).
@dataclass(slots=True)
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


# Not frozen, though never changed once built: one is built for every reporting cue,
# and a frozen dataclass pays an ``object.__setattr__`` per field to build
# (``replace`` makes a changed copy).
@dataclass(slots=True)
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
    scale: float = 1.0
    groups: list[Entity] = field(default_factory=list)
    last_country: str | None = None
    full_names: dict[str, Entity] = field(default_factory=dict)
    known: dict[str, Entity] = field(default_factory=dict)
    """People and bodies the gazetteer does not know, by the name the story gave them."""
    last_body: Source | None = None
    """The body (not a person) that spoke last: whom a sentence-opening "It said" means."""
    unnamed_role: Source | None = None
    """An official the story described without naming ("the head of Kerman province's emergency
    services said"): the untitled name that speaks next is most likely theirs ("Mohammad Sabery said")."""
    sentences_since_role: int = 0
    described: set[str] = field(default_factory=set)
    """Names the story introduced with a role of their own ("the school's head teacher, Malam Sani
    Abdullahi,"): never given an unnamed official role met earlier."""

    def named_role(self, source: Source | None) -> Source | None:
        """Remember an unnamed official role; give an untitled person who speaks soon after it its kind."""
        if source is None or source.anonymous:
            return source
        if source.kind == "person" and source.country is None and _looks_personal(source.text):
            if source.text in self.described:
                return source
            role = self.unnamed_role
            if role is not None and self.sentences_since_role <= 2:
                self.unnamed_role = None
                named = replace(source, kind=role.kind, country=role.country, generic=role.country is None)
                self.known[source.text] = Entity(source.text, role.kind, role.country)
                return named
            return source
        words = source.text.split()
        unnamed = words[0] in {"the", "The"} or (
            words[0][:1].islower() and words[0] not in {"a", "an", "one"}
        )
        unnamed = unnamed or (words[-1][:1].islower() and words[0] not in {"a", "an", "A", "An", "one"})
        if source.kind in lx.OFFICIAL_KINDS and unnamed:
            self.unnamed_role = source  # "the head of ...", "the state premier of Saxony-Anhalt"
            self.sentences_since_role = 0
        return source

    def person(self) -> Entity | None:
        """The most salient person: "he" in news copy is nearly always the story's protagonist."""
        if not self.salience:
            return None
        entity, weight = max(self.salience.items(), key=lambda item: item[1])
        return entity if weight * self.scale >= _FORGOTTEN else None  # unmentioned for dozens of sentences

    def _boost(self, entity: Entity, weight: float) -> None:
        """Salience decays by _DECAY a sentence; weights are kept divided by the decay so far (``scale``),
        so a sentence costs nothing per remembered person."""
        self.salience[entity] = self.salience.get(entity, 0.0) + weight / self.scale

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
            self._boost(entity, 2.0)
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
        self.sentences_since_role += 1
        self.scale *= _DECAY
        if self.scale < _RESCALE:  # keep the stored weights far from underflow on very long articles
            self.salience = {
                e: w * self.scale for e, w in self.salience.items() if w * self.scale >= _FORGOTTEN
            }
            self.scale = 1.0
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
        capitals = [k for k, tok in enumerate(tokens) if tok.is_capitalised and k not in covered]
        if self.full_names:
            for k in capitals:
                name = tokens[k].bare.title()
                if name in self.full_names:
                    self._see_person(self.full_names[name], _subject_like(tokens, k, k))
        for k in capitals:
            # "owned by steelmaker ArcelorMittal", "the insurer Corvane Health": a body the story names
            # with what it is, so that "the company" finds it later.
            tok = tokens[k]
            if k == 0 or tok.lower in {"the", "a", "an"}:
                continue
            kind = lx.AUTHORITY_NOUNS.get(tokens[k - 1].lower)
            if kind not in {"company", "ngo"}:
                continue
            last = k
            while last + 1 < len(tokens) and last - k < 4 and tokens[last + 1].is_capitalised:
                last += 1
            name = " ".join(t.text for t in tokens[k : last + 1])
            if name not in self.known:
                self.remember(Entity(name, "company" if kind == "company" else "organisation", None))

    def _see_person(self, entity: Entity, subject_like: bool) -> None:
        self._boost(entity, 2.0 if subject_like else 1.0)

    def short(self, token: Token) -> Entity | None:
        if not self.full_names or not token.is_capitalised:
            return None
        return self.full_names.get(token.text) or self.full_names.get(_strip(token.text))


def _strip(text: str) -> str:
    return text[:-2] if text.endswith(("'s", "’s")) else text


def _looks_personal(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(
        w[:1].isupper() or (w[2:3] == "-" and w[3:4].isupper()) or w in _NAME_PARTICLES for w in words
    )


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
        self.found: list[SpeechEvent] = []
        self.spoken_body: Source | None = None
        self.spoken_person: Source | None = None
        """The last person (named or not) who spoke in this sentence: whom a later "he" means."""
        """The last body that spoke in this sentence so far: what "X said it feared" means by "it"."""

    def events(self) -> list[SpeechEvent]:
        tokens = self.tokens
        events = self.found
        n = len(tokens)
        # Only the tokens that can open a speech event are looked at (a reporting verb, "according",
        # a report noun): a sentence is scanned once, at C speed, to find them.
        for i in [k for k, t in enumerate(tokens) if t.lower in _CUE_WORDS or t.bare in _REPORT_NOUNS]:
            tok = tokens[i]
            low = tok.lower
            if low == "according" and i + 1 < n and tokens[i + 1].lower == "to":
                source = self.agent_right(i + 2)
                self._add(SpeechEvent(i, "reported", source, passive=False, earlier=False))
                continue
            if tok.bare in _REPORT_NOUNS:
                by = self._report_by(i)
                if by is not None:
                    # "denied a report by the opposition SPLM-IO that more than 100 troops had died":
                    # the figure is the report's, whoever quotes it.
                    self._add(
                        SpeechEvent(by, "reported", self.agent_right(by + 1), passive=False, earlier=False)
                    )
                    continue
            stance = lx.REPORTING_VERBS.get(low)
            if stance is None or (tok.is_capitalised and i > 0):
                continue
            following = tokens[i + 1].lower if i + 1 < n else ""
            if following in _NOT_CUE_AFTER.get(low, ()):
                continue
            if i > 0 and tokens[i - 1].lower in {"an", "the", "a"}:
                continue  # "an estimated 600": a hedge on the number, handled as its qualifier
            earlier = self._earlier(i)
            if low == "saying" and i > 0 and tokens[i - 1].lower == "as":
                self._add(SpeechEvent(i, stance, self._quoted_as(i - 1), passive=False, earlier=earlier))
                continue
            passive = i > 0 and tokens[i - 1].lower in {"is", "are", "was", "were", "been", "be"}
            if passive:
                source = None
                by = following == "by"
                if by:
                    source = self.agent_right(i + 2)
                # "confirmed by its teams": an agent is named, so the party does not speak for itself.
                self._add(SpeechEvent(i, stance, source, passive=source is None and not by, earlier=earlier))
                continue
            if low == "citing" and i + 1 < n:
                cited = self.agent_right(i + 1)
                if cited is not None:
                    # "state news agency MENA reported, citing the Cairo governorate": the cited speaks
                    if events and events[-1].cue >= i - 4:
                        # the report is theirs, not the outlet's
                        events[-1] = replace(events[-1], source=cited)
                    self._add(SpeechEvent(i, stance, cited, passive=False, earlier=earlier))
                    continue
            joined = i > 0 and tokens[i - 1].lower in {",", "and"}
            participle = low.endswith("ing") and i > 0 and tokens[i - 1].text == ","
            source = None if participle else self.agent_left(i - 1)
            if source is None and joined and events and events[-1].source is not None:
                # "the ministry said on Thursday, adding that ..." / "raised the toll ... and said ...":
                # the same speaker goes on.
                source = events[-1].source
            if source is None and (low.endswith("ing") or joined or not events):
                # "..., after initially admitting that ...", "A U.N. report released in February
                # estimated that ...": the agent is the sentence's subject.
                source = self.sentence_subject(i)
            if source is None and low in {"said", "says", "reported", "added", "estimated", "wrote"}:
                # "..., said the ministry"; "the 64 reported by the interior minister"
                source = self.agent_right(i + 2 if following == "by" else i + 1)
            self._add(SpeechEvent(i, stance, source, passive=False, earlier=earlier))
        if self.spoken_body is not None:
            self.mentions.last_body = self.spoken_body
        self._acronyms(events)
        return events

    def _earlier(self, i: int) -> bool:
        """Does the reporting verb at ``i`` report an earlier statement? "had initially admitted",
        "said earlier that", and a dated past perfect not itself reported by another verb ("It had
        given a toll of 58 on Saturday", "The company had said last week")."""
        tokens = self.tokens
        low = tokens[i].lower
        if any(t.lower in _EARLIER for t in tokens[max(0, i - 3) : i]):
            return True
        following = [t.lower for t in tokens[i + 1 : i + 3]]
        if (
            following[:1]
            and following[0] in {"earlier", "previously", "initially"}
            and following[1:] == ["that"]
        ):
            return True
        return (
            not self.found
            and i > 0
            and tokens[i - 1].lower == "had"
            and low in _EARLIER_REPORTS
            and _dated(tokens, i)
        )

    def _report_by(self, noun: int) -> int | None:
        """The "by" of "a report by X", "rumours spread by X", "claims made by X", or None."""
        tokens = self.tokens
        for k in range(noun + 1, min(len(tokens) - 1, noun + 3)):
            low = tokens[k].lower
            if low in {"by", "from"}:
                return k
            if low not in {"spread", "made", "issued", "released", "published", "circulated", "put", "out"}:
                return None
        return None

    def _add(self, event: SpeechEvent) -> None:
        self.found.append(event)
        source = event.source
        if source is not None and _is_body(source):
            self.spoken_body = source
        if source is not None and (
            source.kind in {"person", "leader"} or _is_individual(source) or _named_person(source)
        ):
            self.spoken_person = source  # "M23's spokesman Lawrence Kanyuka said ..., whom he said ..."
        source = self.mentions.named_role(source)
        if source is not event.source:
            self.found[-1] = replace(event, source=source)

    def _acronyms(self, events: list[SpeechEvent]) -> None:
        """ "according to the National Disaster Management Agency (NADMA)": remember NADMA as its name."""
        tokens = self.tokens
        by_last_word = {
            e.source.text.split()[-1]: e.source
            for e in events
            if e.source is not None and not e.source.anonymous
        }
        if not by_last_word:
            return
        for k in range(1, len(tokens) - 2):
            if (
                tokens[k].text != "("
                or tokens[k + 2].text != ")"
                or not _ACRONYM.fullmatch(tokens[k + 1].text)
            ):
                continue
            short = tokens[k + 1].text
            source = by_last_word.get(tokens[k - 1].text)
            if source is None or short in self.mentions.known or self.gazetteer.lookup(short) is not None:
                continue
            self.mentions.known[short] = Entity(source.text, source.kind, source.country)

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
            if tokens[k].lower in _FINITE or tokens[k].lower in lx.REPORTING_VERBS:
                return None  # past the subject: "The number of ... near the tomb of General X has reached"
            match = self.by_first.get(k)
            if match is not None and k > 0 and tokens[k - 1].lower in _PREPOSITIONS:
                continue  # "the tomb of General Qassem Soleimani": inside a phrase, not the subject
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
        acronym: str | None = None
        aside_role: Source | None = None
        while j >= 0 and steps < 8:
            low = tokens[j].lower
            if low == "." and j > 0 and tokens[j - 1].lower in _COMPANY_SUFFIXES:
                j -= 1  # "Harbourline Health Ltd. said": the dot ends the name, not a sentence
                continue
            before_time = low in {"on", "in"} and j + 1 < len(tokens) and tokens[j + 1].lower in _TIME_WORDS
            if low in lx.AUXILIARIES or low in _TIME_WORDS or before_time or low in _BEFORE_VERB:
                j -= 1
            elif tokens[j].text == ")":
                k = j
                while k >= 0 and j - k < 12 and tokens[k].text != "(":
                    k -= 1
                if j - k == 2 and _ACRONYM.fullmatch(tokens[k + 1].text):
                    acronym = tokens[k + 1].text  # "the Disaster Management Centre (DMC) said"
                j = k - 1
            elif low in {"which", "who"} and j >= 1 and tokens[j - 1].text == ",":
                j -= 2  # "the company, which said ...": the phrase before the comma
            elif (
                low in _WHERE_NOUNS
                and j >= 3
                and tokens[j - 1].lower == "the"
                and tokens[j - 2].lower in {"in", "at"}
            ):
                j -= 3  # "the U.N. mission in the country said": the mission, not the country
            elif tokens[j].text == ",":
                aside = self._aside_before(j)
                if aside is None:
                    return None
                named, j, role = aside
                if named is not None:
                    return self._named(named, acronym)
                aside_role = aside_role or role
                continue
            else:
                break
            steps += 1
        if j < 0:
            return None
        return self._named(_with_role(self._agent_ending(j), aside_role), acronym)

    def _named(self, source: Source | None, acronym: str | None) -> Source | None:
        """Remember the short form a name was given in parentheses, so "the DMC said" finds it later."""
        if source is not None and acronym is not None and not source.anonymous:
            self.mentions.known.setdefault(acronym, Entity(source.text, source.kind, source.country))
        return source

    def _agent_ending(self, j: int) -> Source | None:
        """The agent whose phrase ends at token ``j``."""
        tokens = self.tokens
        match = self.by_last.get(j)
        if match is not None:
            first = match.first
            if (
                (match.entity.is_geography or match.entity.kind == "metonym")
                and first >= 2
                and tokens[first - 1].lower in {"in", "of", "for", "at"}
                and _is_role(tokens[first - 2])
            ):
                # "Police in Batangas", "the regional government of Valencia": a role and its place;
                # "the IOM's office in Dakar": a body's office, not the government of Dakar.
                body = self.by_last.get(first - 3)
                if body is not None and not body.entity.is_geography and body.entity.kind != "metonym":
                    return self.from_match(body)
                role = self.agent_at(first - 2, leftward=True)
                if role is not None and role.country is None and not role.anonymous and role.generic:
                    start = first - 2
                    while (
                        start > 0
                        and first - start < 5
                        and (
                            tokens[start - 1].lower in {"the", "a", "an"}
                            or tokens[start - 1].bare != tokens[start - 1].lower
                        )
                    ):
                        start -= 1  # "the prosecutor's office in Karlsruhe"
                    text = " ".join(t.text for t in tokens[start : match.last + 1])
                    return Source(text, role.kind, match.entity.country)
                return role
            where = _place_phrase_start(tokens, first) if match.entity.is_geography else None
            if where is not None and where >= 1:
                # "UAB Hospital in Birmingham said", "the prosecutor's office in Karlsruhe said",
                # "doctors at a hospital in the nearby town of Mach said": the place is where the
                # speaker is; the speaker is what stands before it, if anything is recognised there.
                speaker = self._speaker_before_place(where)
                if speaker is not None and speaker.country is None and speaker.generic:
                    # "humanitarian groups working in Mandalay": of the place's country.
                    return replace(speaker, country=match.entity.country)
                if speaker is not None:
                    return speaker
            if match.entity.is_geography and first > 0:
                body = self.by_last.get(first - 1)
                if body is not None and not body.entity.is_geography and body.entity.kind != "metonym":
                    return self.from_match(body)  # "Amnesty International Kenya": the body's branch there
            return self.from_match(match)
        role = self._role_of_complement(j)
        if role is not None:
            return role
        owner = self._possessive_owner(j)
        if owner is not None:
            return owner
        if tokens[j].is_capitalised:
            first = j
            while first > 0 and j - first < 3 and tokens[first - 1].is_capitalised:
                first -= 1
            where = _place_phrase_start(tokens, first)
            if where is not None and where >= 1:
                # An unknown name after "in"/"at" is a place: "UAB Hospital in Birmingham said".
                speaker = self._speaker_before_place(where)
                if speaker is not None:
                    return speaker
        return self.agent_at(j, leftward=True)

    def _speaker_before_place(self, where: int) -> Source | None:
        """Who stands before the place phrase opening at ``where``: "the prosecutor's office [in
        Karlsruhe]", "doctors at a government hospital [in the town of Mach]"."""
        tokens = self.tokens
        speaker = self._agent_ending(where - 1)
        if speaker is not None:
            return speaker
        role: int | None = None
        for k in range(where - 1, max(-1, where - 7), -1):
            if tokens[k].text in {",", ";", ":"}:
                break
            if _is_role(tokens[k]):
                role = k  # the leftmost: "doctors at a government hospital" are doctors
            elif role is None and tokens[k].lower in {"its", "their"}:
                return self._group_pronoun(k)  # "its teams in Tawila": the body whose teams they are
        return self.agent_at(role, leftward=True) if role is not None else None

    def _possessive_owner(self, j: int) -> Source | None:
        """ "the military's media wing", "the ministry's press office": an unknown head owned by a body."""
        tokens = self.tokens
        if not tokens[j].text[:1].islower() or _is_role(tokens[j]) or tokens[j].bare in _TITLE_HEADS:
            return None
        for k in range(j - 1, max(-1, j - 4), -1):
            tok = tokens[k]
            if tok.text in {"'", "’"} and k > 0 and tokens[k - 1].lower.endswith("s"):
                # "a doctors' association": the apostrophe stands alone
                if _is_role(tokens[k - 1]):
                    return self.agent_at(k - 1, leftward=True)
                return None
            if tok.bare == tok.lower:
                if tok.text[:1].isalpha() and tok.lower not in _DETERMINERS:
                    continue
                return None
            match = self.by_last.get(k)
            if match is not None and not match.entity.is_geography:
                return self.from_match(match)
            if _is_role(tok):
                owner = self.agent_at(k, leftward=True)
                if owner is not None and not owner.anonymous:
                    text = " ".join(t.text for t in tokens[k - len(owner.text.split()) + 1 : j + 1])
                    return replace(owner, text=text)
                return owner
            return None
        return None

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
                if role is None and tokens[k - 1].bare in _NEUTRAL_TITLES:
                    # "the head of the county emergency inspectorate": a rank, whose body the complement names
                    read = self._title_kind(k + 1, j + 1)
                    if read is not None and read[0] is not None:
                        text = _as_written(tokens[max(0, k - 2) : j + 1])
                        return Source(text, read[0], read[1], generic=read[1] is None)
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

    def _aside_before(self, comma: int) -> tuple[Source | None, int, Source | None] | None:
        """An appositive or relative clause that ends at ``comma``: (a name it gives, where to go on,
        the role it gives the name before it: ", the army spokesman,", ", a rights group,")."""
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
                    where = self.by_last.get(comma - 1)
                    if (
                        where is not None
                        and where.entity.kind == "place"
                        and where.first >= inner
                        and all(t.is_capitalised for t in tokens[inner:comma])
                    ):
                        return None, k - 1, None  # "its teams in Tawila, North Darfur,": where they are
                    match = self.by_first.get(inner)
                    if match is not None and match.last == comma - 1:
                        return self.from_match(match), k - 1, None
                    if all(t.is_capitalised or t.lower in _CONNECTORS for t in tokens[inner:comma]):
                        return self._named_role(k - 1, inner, comma - 1), k - 1, None
                possessive = first.bare != first.lower  # ", Kenya's second-largest telecoms operator,"
                if (
                    first.lower
                    in {
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
                    }
                    or (first.text[:1].islower())
                    or possessive
                ):
                    describes = first.lower in {"the", "a", "an"} or possessive
                    role = self._aside_role(inner, comma - 1) if describes else None
                    return None, k - 1, role
                return None
            if tokens[k].text in {".", ";", ":", "(", ")"} or tokens[k].text in {'"', "“", "”"}:
                return None
            k -= 1
        return None

    def _aside_role(self, first: int, last: int) -> Source | None:
        """The role an appositive names ("the army spokesman", "a rights group"), or None."""
        tokens = self.tokens
        for k in range(last, first, -1):
            if tokens[k].bare in lx.TITLE_KINDS or tokens[k].bare in _TITLE_HEADS:
                title = self._title_kind(first + 1, k + 1)
                if title is not None and title[0] is not None:
                    return Source(" ".join(t.text for t in tokens[first : last + 1]), title[0], title[1])
            if _is_role(tokens[k]):
                return self.role(first, k)
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
            if _is_role(tok) or tok.bare in lx.TITLE_KINDS or tok.bare in _TITLE_HEADS:
                # "A spokesman for the Ministry of Disaster Management": the body named, else the title.
                role = self.agent_at(k, leftward=True) if _is_role(tok) else self._titled_role(k)
                break
        if role is None or role.anonymous or role.kind in {"person", "organisation"}:
            if role is not None and not role.anonymous:
                self.mentions.described.add(name)
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
        if j >= n or tokens[j].is_number:
            return None  # "said 2,000 government soldiers had surrendered": the number is no agent
        if tokens[j].lower in _TIME_WORDS:
            return None  # "the rescue headquarters said Tuesday": a day is never the speaker
        match = self.by_first.get(j)
        if match is not None and not match.entity.is_geography:
            return self.from_match(match)
        while j + 1 < n and tokens[j].bare in _TALLY_MODIFIERS and tokens[j + 1].bare in _TALLY_HEADS:
            j += 1  # "according to a press conference held by the municipal government"
        if tokens[j].bare in _TALLY_HEADS:
            # "according to a tally by The Associated Press": the one who keeps the tally.
            for k in range(j + 1, min(n, j + 6)):
                if tokens[k].lower in {"by", "of", "from"} and k + 1 < n:
                    tallier = self.agent_right(k + 1)
                    if tallier is not None:
                        return tallier
            if tokens[j].bare in _STATEMENT_HEADS:
                return None  # "according to a statement": whose, the sentence does not say here
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
            if self.spoken_person is not None:
                return self.spoken_person  # "A local doctor ... told the AP that he had counted 100 bodies"
            person = self.mentions.person()
            return from_entity(person) if person else Source(tok.text, "person", None, anonymous=True)
        if low in {"they", "it", "we"}:
            return self._group_pronoun(j)
        if lx.PERSON_NOUNS.get(tok.bare) == "fighters" and not tok.is_capitalised:
            # "the rebels said": the armed group the story has named.
            group = self.mentions.group(frozenset({"armed_group"}))
            return from_entity(group) if group is not None else Source(tok.text, "armed_group", None)
        if tok.bare in lx.TITLE_KINDS and not _is_role(tok) and not tok.is_capitalised:
            # "the senior general said": the person the story has been speaking of, or the title's body.
            person = self.mentions.person()
            return from_entity(person) if person is not None else self._titled_role(j)
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
                    joint = (
                        prev.lower == "and"
                        and first >= 2
                        and (match := self.by_last.get(first - 2)) is not None
                        and match.entity.kind == "demonym"
                    )
                    if joint:
                        first -= 1  # "Ukrainian and Russian-installed officials": both sides speak
                        continue
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
        """ "it"/"they": the body that spoke earlier in the sentence ("X said it feared"), else the body
        named earlier in it (not a place named as where: "its office in Dakar"), else the body that
        spoke last in the story ("It said it had struck 800 targets"), else the last one named."""
        if self.spoken_body is not None:
            return self.spoken_body
        for k in range(j - 1, max(-1, j - _PRONOUN_REACH), -1):
            match = self.by_last.get(k)
            if match is None:
                continue
            locative = match.first > 0 and self.tokens[match.first - 1].lower in _PREPOSITIONS
            if not match.entity.is_geography and not (locative and match.entity.kind == "metonym"):
                return self.from_match(match)
            if match.entity.kind in {"country", "metonym"} and not locative:
                return self.from_match(match)
        if self.mentions.last_body is not None:
            return self.mentions.last_body
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
            while first >= 2 and tokens[first - 1].text == "." and _INITIAL.fullmatch(tokens[first - 2].text):
                first -= 2  # "S. Venkateswar", "J. Smith": an initial before the name
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
            while t > 0 and first - t < 7:
                prev = tokens[t - 1]
                if (
                    prev.bare in _TITLE_WORDS
                    or prev.bare in lx.AUTHORITY_NOUNS
                    or (prev.is_capitalised and prev.lower not in {"the", "a", "an"} and t < first)
                ):
                    t -= 1
                elif prev.lower in {"of", "the"} and any(
                    tokens[m].bare in _TITLE_HEADS for m in range(max(0, t - 4), t - 1)
                ):
                    t -= 1  # "Acting Governor of the Kursk Region Alexey Smirnov"
                else:
                    break
            if any(
                tokens[k].bare in _TITLE_HEADS or (_names_a_body(tokens[k]) and not tokens[k].is_capitalised)
                for k in range(t, first)
            ):
                first = t
        # The name follows the last title word ("Governor", "chief", "Minister"); no title, no split.
        name_first = first
        for k in range(last, first - 1, -1):
            if k < last and tokens[k + 1].lower in _CONNECTORS:
                continue  # "Directorate General of Health Services": a word of the name, not a title
            if tokens[k].bare in _TITLE_HEADS or (not tokens[k].is_capitalised and _names_a_body(tokens[k])):
                name_first = k + 1
                break
        for k in range(last - 1, name_first - 1, -1):
            if tokens[k].lower in _REGION_WORDS and tokens[k + 1].is_capitalised:
                name_first = k + 1  # "Governor of the Kursk Region Alexey Smirnov": the region is the title's
                break
        if name_first > last:
            name_first = first
        title = tokens[first:name_first]
        name = tokens[name_first : last + 1]
        name_text = _as_written(name) if name else _as_written(tokens[first : last + 1])
        read = self._title_kind(first, name_first)
        kind, country = read if read is not None else (None, None)
        last_body = self.mentions.last_body
        if (
            title
            and country is None
            and all(t.bare in _SPOKES for t in title)
            and last_body is not None
            and not last_body.foreign
        ):
            # "The U.N. human rights office said ... Spokeswoman Ravina Shamdasani said": a bare
            # spokesperson speaks for the body the story just quoted.
            kind, country = last_body.kind, last_body.country
        if kind == "organisation" and any(
            t.bare in {"executive", "ceo", "chairman", "chairwoman"} for t in title
        ):
            group = self.mentions.group(frozenset({"company", "organisation", "ngo"}))
            if group is not None:
                return from_entity(group)  # "Chief executive Sarah Okafor" speaks for her organisation
        authority = next((lx.AUTHORITY_NOUNS[t.bare] for t in name if t.bare in lx.AUTHORITY_NOUNS), None)
        if _armed(tokens, first, name, self.gazetteer):
            kind = "armed_group"  # "the outlawed Baloch Liberation Army", "the separatist Y Front"
        if kind is None and {t.bare for t in name} & _MONITOR_WORDS:
            kind = "ngo"  # "Kenya National Commission on Human Rights": a monitor, whatever its name says
        if kind is None and authority is not None and authority not in {"company", "ngo", "media"}:
            kind = (
                authority  # "the Ministry of Emergency Management": a ministry whose country is the story's
            )
        if kind is None:
            words = {t.bare for t in name}
            if words & _MONITOR_WORDS:
                kind = "ngo"  # "Kenya National Commission on Human Rights", "Syrian Observatory"
            elif words & _INTERNATIONAL_WORDS and not self.gazetteer.scan(name):
                kind = "ngo"  # "Africa Centres for Disease Control": an international body, no state's voice
            elif words & _MEDIA_NAME_WORDS:
                kind = "media"  # "The Associated Press", "Dunya News"
            elif words & _AGENCY_NAME_WORDS:
                kind = "agency"  # "Central Emergency Operation Center", "University Children's Hospital"
            elif name[-1].bare in _LOCAL_GOVERNMENTS and len(name) >= 2:
                kind = "government"  # "Pingyuan County", "Kelvedon Borough Council"
            elif words & _COMPANY_WORDS:
                kind = "company"
            elif words & _ORGANISATION_WORDS:
                kind = "organisation"
            elif _looks_personal(name_text) and all(t.bare not in lx.AUTHORITY_NOUNS for t in name):
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

    def _title_kind(self, first: int, end: int) -> tuple[str | None, str | None] | None:
        """What the title words ``tokens[first:end]`` say a person speaks for: (kind, country).
        A company or charity word wins ("health insurer", "the British charity"); a neutral title
        ("director", "head", "chief") takes its kind from the words before it ("crisis management
        director", "police chief"); a place or demonym in it gives the country."""
        tokens = self.tokens
        kind: str | None = None
        body: str | None = None
        body_word = ""
        country: str | None = None
        for index in range(first, end):
            tok = tokens[index]
            bare = tok.bare
            if lx.AUTHORITY_NOUNS.get(bare) in {"company", "ngo", "media"} and not tok.is_capitalised:
                body, body_word = lx.AUTHORITY_NOUNS[bare], bare
            if bare in _NEUTRAL_TITLES:
                kind = kind or lx.TITLE_KINDS.get(bare)
            elif bare in lx.TITLE_KINDS:
                kind = lx.TITLE_KINDS[bare] if kind in {None, "government", "organisation"} else kind
            elif bare in lx.TITLE_MODIFIERS and lx.TITLE_MODIFIERS[bare] is not None:
                modifier = lx.TITLE_MODIFIERS[bare]
                kind = (
                    modifier
                    if kind in {None, "government", "organisation"} or modifier != "government"
                    else kind
                )
            elif bare in lx.AUTHORITY_NOUNS and kind is None:
                kind = lx.AUTHORITY_NOUNS[bare]
            if tok.is_capitalised and country is None:
                match = self.gazetteer.match_at(tokens, index)
                if match is not None and match.entity.kind in _BODY_KINDS and body is None:
                    # "M23's spokesman", "UN humanitarian spokesman": the body named is whom they speak for
                    body, body_word = match.entity.kind, match.entity.kind
                if match is not None and match.entity.country:
                    country = match.entity.country
        if body in _BODY_KINDS and body_word == body:
            kind = (
                "state_media"
                if body == "media" and any(tokens[i].bare == "state" for i in range(first, end))
                else body
            )
        elif body == "media":
            state = any(tokens[i].bare == "state" for i in range(first, end))
            kind = "state_media" if state else "media"  # "state broadcaster TVM", "the newspaper Noroeste"
        elif body is not None:
            kind = "company" if body == "company" else "organisation" if body_word == "charity" else "ngo"
        if kind is None and country is None:
            return None
        return kind, country

    def _titled_role(self, k: int) -> Source | None:
        """A title noun with its modifiers before it ("the senior general", "the head"), as a role."""
        tokens = self.tokens
        first = k
        while first > 0 and k - first < 5 and tokens[first - 1].text[:1].isalpha():
            prev = tokens[first - 1]
            if prev.lower in _PREPOSITIONS or prev.lower in {"and", "that", "said", "while", "as"}:
                break
            first -= 1
            if prev.lower in {"the", "a", "an"}:
                break
        read = self._title_kind(first, k + 1)
        if read is None or read[0] is None:
            return None
        text = " ".join(t.text for t in tokens[first : k + 1])
        return Source(text, read[0], read[1], generic=read[1] is None)

    def role(self, first: int, last: int) -> Source:
        """A role noun phrase: "the ministry", "local officials", "South Korea's intelligence"."""
        tokens = self.tokens
        head = tokens[last].bare
        words = tokens[first : last + 1]
        text = " ".join(t.text for t in words)
        lowered = {t.bare for t in words}
        country: str | None = None
        installed = False
        for k in range(first, last + 1):
            tok = tokens[k]
            match = self.gazetteer.match_at(tokens, k) if tok.is_capitalised else None
            if (
                match is not None
                and not match.entity.is_geography
                and match.entity.kind != "metonym"
                and match.last < last
            ):
                if match.entity.kind == "armed_group" and head in _GOVERNING_HEADS:
                    # "the Houthi rebels' health ministry": the ministry of the land the group runs.
                    kind = "ministry" if lowered & lx.MINISTRY_WORDS or head == "ministry" else "government"
                    return Source(text, kind, match.entity.country, generic=match.entity.country is None)
                # "The Public Defender's office", "Hezbollah's media office": the body itself speaks.
                return self.from_match(match)
            if match is not None and match.entity.country:
                country = match.entity.country
                break
            if "-" in tok.text and tok.lower.endswith(_HYPHEN_OWNERS):
                owner = self.gazetteer.lookup(tok.text.rsplit("-", 1)[0])
                if owner is not None and owner.country:
                    country = owner.country  # "Houthi-run health ministry"
                    # "Russian-installed officials" govern a land that is not their backer's.
                    installed = tok.lower.endswith(_PROXY_OWNERS)
                    break
        if country is None and lowered & {"country", "nation", "country's", "nation's"}:
            country = self.mentions.last_country  # "the country's spy agency"
        foreign = bool(lowered & _FOREIGN) or installed
        if lowered & _ARMED_WORDS:
            # "a separatist spokesman", "the rebel commander": an armed group's voice, not the state's.
            return Source(text, "armed_group", None, generic=True)
        if lowered & _NOT_THE_GOVERNMENT and kind_of_head(head) == "government":
            # "the parallel National Unity Government", "the exiled cabinet": not the authority in charge.
            return Source(text, "opposition", country, generic=country is None)
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
        elif lowered & _MONITOR_WORDS:
            kind = "ngo"  # "the ombudsman's office", "the rights commission": watchdogs, not the authority
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


def agent_of(
    tokens: list[Token], matches: list[Match], gazetteer: Gazetteer, mentions: Mentions, verb: int
) -> Source | None:
    """The agent of the verb at ``verb`` ("Police have arrested ..."), read as a speaker's agent is."""
    return _Reader(tokens, matches, gazetteer, mentions).agent_left(verb - 1) if verb > 0 else None


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


def _as_written(tokens: list[Token]) -> str:
    """Tokens joined as the text spaced them ("S. Venkateswar", not "S . Venkateswar")."""
    parts: list[str] = []
    for k, tok in enumerate(tokens):
        if k and tok.start > tokens[k - 1].end:
            parts.append(" ")
        parts.append(tok.text)
    return "".join(parts)


def _armed(tokens: list[Token], first: int, name: list[Token], gazetteer: Gazetteer) -> bool:
    if any(m.entity.kind == "armed_group" for m in gazetteer.scan(name)):
        return True  # "Islamic State Sahel Province": a branch of a known armed group
    words = {t.bare for t in name}
    if "liberation" in words and words & {"army", "front", "movement", "forces", "tigers"}:
        return True
    return any(tokens[k].bare in _ARMED_WORDS for k in range(max(0, first - 3), first))


def _dated(tokens: list[Token], verb: int) -> bool:
    """A time named after a past-perfect report: "had said last week", "had given ... on Saturday"."""
    return any(t.lower in _EARLIER_TIMES for t in tokens[verb + 1 : verb + 12])


def _names_a_body(tok: Token) -> bool:
    """ "insurer", "charity", "broadcaster", "provincial": a word before a name that says what body it is."""
    return (
        lx.AUTHORITY_NOUNS.get(tok.bare) in {"company", "ngo", "media"}
        or lx.TITLE_MODIFIERS.get(tok.bare) == "government"
    )


def _is_individual(source: Source) -> bool:
    """ "a local doctor", "one of the health workers", "a police officer": one person, named or not."""
    words = source.text.lower().split()
    return bool(words) and words[0] in {"a", "an", "one"} and source.kind in {"anonymous", "person", "police"}


def _named_person(source: Source) -> bool:
    """A person named with a title: "spokesman Lawrence Kanyuka" speaks for a body but is one person."""
    return not source.anonymous and " " in source.text and _looks_personal(source.text)


def _is_body(source: Source) -> bool:
    return not source.anonymous and source.kind not in {"person", "leader"} and not source.foreign


def _with_role(source: Source | None, role: Source | None) -> Source | None:
    """A name whose appositive says what it is: "Mike Sauschuck, the public safety commissioner,"
    speaks for the government; "KontraS, a rights group," is a monitor."""
    if source is None or role is None or source.anonymous or role.anonymous:
        return source
    if source.kind in {"person", "organisation"} or (source.kind == "agency" and role.kind == "ngo"):
        return replace(
            source,
            kind=role.kind,
            country=source.country or role.country,
            generic=(source.country or role.country) is None and role.kind in lx.OFFICIAL_KINDS,
        )
    return source


def kind_of_head(head: str) -> str | None:
    return lx.AUTHORITY_NOUNS.get(head)


_TOWN_NOUNS = frozenset({"town", "city", "village", "district", "province", "region", "state", "county"})


def _place_phrase_start(tokens: list[Token], first: int) -> int | None:
    """Index of the "in"/"at" that opens the place phrase ending with the place at ``first``, or None.

    "in Birmingham", "at Aktau", "in the nearby town of Mach".
    """
    k = first - 1
    if k >= 1 and tokens[k].lower == "of" and tokens[k - 1].lower in _TOWN_NOUNS:
        k -= 2
        while k >= 0 and k >= first - 6 and tokens[k].lower not in {"in", "at"} and tokens[k].text.islower():
            k -= 1  # "the nearby", "the coastal"
    if k >= 0 and tokens[k].lower in {"in", "at"}:
        return k
    return None


def _is_role(tok: Token) -> bool:
    return tok.bare in lx.AUTHORITY_NOUNS or tok.bare in lx.ANONYMOUS_SOURCES


def from_entity(entity: Entity) -> Source:
    """A known entity as a source; a country, its capital or a place speaking means its government."""
    kind = "government" if entity.kind in {"country", "metonym", "place", "demonym"} else entity.kind
    # An official with no country known ("Vice President Cevdet Yilmaz") speaks for the story's.
    generic = entity.country is None and kind in lx.OFFICIAL_KINDS
    return Source(entity.name, kind, entity.country, generic=generic)
