"""From an article to claims: number, metric, subject, party, source, officiality, stance.

One pass reads the whole story (where it happens, what kind of incident it is, who issues
it, which armed groups it names); a second walks the sentences in order, so pronouns and
short names resolve to earlier mentions and a figure whose clause names no party inherits
the party last seen for the same group. Claims are drafted first and settled per article
(the company a breach story is about), then built.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from itertools import accumulate

from newsdesk.extraction import lexicon as lx
from newsdesk.extraction.attribution import (
    Mentions,
    Source,
    SpeechEvent,
    agent_of,
    from_entity,
    resolve_name,
    speech_events,
)
from newsdesk.extraction.events import EventVocabulary, vocabulary
from newsdesk.extraction.metrics import Reading, read_breach_count, read_quantity
from newsdesk.extraction.numbers import Quantity, find_quantities
from newsdesk.extraction.parties import Parties, Party, Story, is_official
from newsdesk.extraction.sentences import Lead, Sentence, split_with_lead
from newsdesk.extraction.tokens import Token, tokenize
from newsdesk.extraction.world import Entity, Gazetteer, Match, gazetteer, slug
from newsdesk.records import Article, Claim, Evidence

_CLAUSE_BREAKS = frozenset(
    {";", "though", "although", "but", "while", "whereas", "—", "however", "after", "before", "because"}
)
_REPORTING_HINTS = frozenset(lx.REPORTING_VERBS) | {"according"}
_QUANTITY_WORDS = (
    frozenset(lx.UNITS)
    | frozenset(lx.TENS)
    | frozenset(lx.SCALES)
    | {"dozen"}
    | frozenset(word for key in lx.VAGUE for word in key if word not in {"a", "of", "small"})
)
_DIGITS = re.compile(r"\d[\d,.]*")
# A run of capitalised words (with the small words names carry inside): where known names can be.
_CAPITALISED_RUN = re.compile(
    r"(?:\bthe\s+)?[A-Z][\w'’.&-]*(?:\s+(?:(?:of|for|and|on|de|al|bin|el|van|von|da|di|du|la|le|the)\s+)?[A-Z][\w'’.&-]*)*"
)
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_LOCATIVE = frozenset({"in", "across", "near", "at", "from", "on", "around", "outside", "off", "inside"})
# Nouns for a count somebody keeps: its keeper is the figure's source.
_TALLIES = frozenset({"tally", "count", "toll", "figure", "figures", "estimate", "database", "tallies"})
_SIDES = frozenset({"troops", "fighters"})
_SIDE_WORDS = frozenset(word for word, group in lx.PERSON_NOUNS.items() if group in _SIDES)
_EVENT_REACH = 60
# Words that open a sentence carrying on the one before: its speaker still speaks.
_CONTINUATIONS = frozenset(
    {
        "another",
        "of",
        "they",
        "most",
        "many",
        "some",
        "all",
        "both",
        "among",
        "he",
        "she",
        "it",
        "its",
        "their",
    }
)
_SUPERSEDED_WORDS = frozenset(word for key in lx.SUPERSEDED_BEFORE for word in key[:1])
_FALLEN = frozenset({"fallen", "martyrs", "martyr", "heroes", "hero"})
_GENERIC_HEADS = frozenset({"number", "total", "tally", "count", "figure"})
_CARRY_REACH = 3
_FUNCTION_WORDS = frozenset(
    """
    in the a an to of for on at by from were was are is their his her its and or out up down into with among
    """.split()
)
# Every word that can say what a number counts (a metric noun, predicate, cue or figure phrase): a
# sentence with none of them holds no figure, whatever numbers it has, and is not parsed for one.
_METRIC_VOCABULARY = (
    frozenset(lx.METRIC_NOUNS)
    | frozenset(lx.TOLL_WORDS)
    | frozenset(lx.SHELTER_VERBS)
    | frozenset(
        word
        for table in (lx.METRIC_PREDICATES, lx.METRIC_BEFORE, lx.TOLL_HEADS)
        for key in table
        for word in key
        if word not in _FUNCTION_WORDS
    )
)
_PEOPLE = frozenset(lx.PERSON_NOUNS)
_EARLIER_AFTER = frozenset({"initially", "originally", "previously"})
_ESTIMATE_BEFORE = frozenset({"estimated", "estimate", "believed", "probably", "likely", "assessed"})
_HEDGED_AFTER = frozenset({"believed", "feared", "thought", "likely", "probably", "could", "may", "might"})
_REVISING = frozenset({"revising", "raising", "updating", "lowering"})
# Verbs whose agent is the authority that did what the figure counts: its count is its own statement.
_ACTOR_VERBS = frozenset(
    """
    arrested detained arresting detaining deployed deploying dispatched sent mobilised mobilized
    evacuated evacuating relocated apprehended arrest detention deployment
    """.split()
)
_SCENE_WORDS = frozenset(
    {"the", "neighbouring", "neighboring", "nearby", "northern", "southern", "eastern", "western", "central"}
)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


@dataclass(slots=True)
class _Analysed:
    field: str
    sentence: Sentence
    tokens: list[Token]
    matches: list[Match]
    votes: Counter[str]
    rank: int
    lowers: list[str]
    light: bool
    """No number and no reporting verb: only its names and words were read (see ``_analyse``)."""
    dated: bool = False
    """The sentence names a year: background the outlet gives, not what the last speaker goes on saying."""


class _Index:
    """What every figure of one sentence looks up, computed once so each figure costs O(1) more:
    clause breaks as running counts (only when someone speaks in the sentence: they weigh the
    distance to a speaker), cues and names by position."""

    __slots__ = ("by_last", "clauses", "cues", "events", "first_time", "firsts", "matches")

    def __init__(self, lowers: list[str], matches: list[Match], events: list[SpeechEvent]) -> None:
        self.clauses: list[int] = []
        if events:
            breaks = [low in _CLAUSE_BREAKS for low in lowers]
            for k in _positions(lowers, "that"):
                if k > 0 and lowers[k - 1] == "and":
                    breaks[k] = True  # "... and that ...": a second clause
            self.clauses = [0, *accumulate(breaks)]
        self.first_time: int | None = None
        for k in _positions(lowers, "time"):
            if k > 0 and lowers[k - 1] == "first":
                self.first_time = k
                break
        self.matches = matches
        self.firsts = [m.first for m in matches]
        self.by_last = {m.last: m for m in matches}
        self.events = sorted(events, key=lambda e: e.cue)
        self.cues = [e.cue for e in self.events]

    def near(self, first: int, last: int, reach: int = 25) -> list[Match]:
        """The names within ``reach`` tokens of a figure."""
        return self.matches[bisect_left(self.firsts, first - reach) : bisect_right(self.firsts, last + reach)]

    def nearest_event(self, q: Quantity) -> SpeechEvent | None:
        best: tuple[int, SpeechEvent] | None = None
        lo = bisect_left(self.cues, q.core_first - _EVENT_REACH)
        hi = bisect_right(self.cues, q.core_first + _EVENT_REACH)
        for event in self.events[lo:hi]:
            low, high = sorted((event.cue, q.core_first))
            distance = high - low + 8 * (self.clauses[high] - self.clauses[low])
            if event.source is None:
                # A cue with no agent found explains less than one with its speaker; "are believed to be"
                # gives a stance, not a speaker.
                distance += 20 if event.passive else 15
            if best is None or distance < best[0]:
                best = (distance, event)
        return best[1] if best else None


@dataclass(slots=True)
class _ArticleState:
    story: Story
    mentions: Mentions = field(default_factory=Mentions)
    last_group: str | None = None
    last_metric: str | None = None
    group_by_metric: dict[str, str] = field(default_factory=dict)
    """The group of the story's last figure of each metric: whom "those arrested" or "the number" are."""
    carried_events: list[SpeechEvent] = field(default_factory=list)
    first_text_speech: SpeechEvent | None = None
    """The first speaker of the article's text: whom its headline's figures come from."""
    last_speech: tuple[int, SpeechEvent] | None = None
    """The story's last speech event with a speaker, and the rank of its sentence."""
    continues: bool = False
    """The sentence follows one that named a speaker, in the same paragraph."""
    release: bool = False
    """A press release: the first body that speaks in it is its issuer."""
    captive: bool = False
    """The story is about people abducted or taken hostage: those "still held" are captives."""


@dataclass(slots=True)
class _Draft:
    item: _Analysed
    q: Quantity
    reading: Reading
    group: str | None
    event: str | None
    source: Source | None
    party: Party
    official: bool
    stance: str
    superseded: bool
    projected: bool = False
    site: str | None = None
    part: bool = False


class Extractor:
    """Extracts claims from articles. Stateless between articles; safe to share."""

    def __init__(self, world: Gazetteer | None = None, events: EventVocabulary | None = None) -> None:
        self.world = world or gazetteer()
        self.events = events or vocabulary()
        self.parties = Parties(self.world)

    def extract(self, article: Article) -> list[Claim]:
        analysed, lead = self._analyse(article)
        state = _ArticleState(story=self._story(analysed, lead), release=lead.release)
        state.captive = any(not _CAPTIVE_WORDS.isdisjoint(item.lowers) for item in analysed)
        if lead.issuer:
            state.story.issuer = resolve_name(lead.issuer, self.world, state.mentions)
        elif lead.agency:
            agency = resolve_name(lead.agency, self.world, state.mentions)
            if agency is not None and agency.kind == "state_media":
                state.story.issuer = agency  # state media speak for the state in their own copy
        drafts: list[_Draft] = []
        previous_paragraph: tuple[str, int] | None = None
        for item in analysed:
            paragraph = (item.field, item.sentence.paragraph)
            if paragraph != previous_paragraph:
                state.carried_events = []
                previous_paragraph = paragraph
            drafts.extend(self._sentence_drafts(item, state))
            state.mentions.read_sentence(item.tokens, item.matches, self.world)
        drafts = self._headline_sources(drafts, state)
        drafts = _headline_groups(drafts)
        drafts = _settle_breach(drafts, state.story, f"{article.title}\n{article.text}")
        # The text's own statements before the headline's: a headline rounds ("deaths pass 100") what the
        # lede states exactly (112), and tracking takes an article's first statement of a figure.
        drafts.sort(key=lambda d: d.item.field == "title")
        claims = [self._claim(article, draft) for draft in drafts]
        return _order(_parts_of_totals(_dedupe(claims), article))

    # ------------------------------------------------------------ passes

    def _analyse(self, article: Article) -> tuple[list[_Analysed], Lead]:
        fields: list[tuple[str, str]] = []
        title = article.title.strip()
        if title and title not in article.text:
            fields.append(("title", article.title))
        fields.append(("text", article.text))
        analysed = []
        lead = Lead()
        rank = 0
        for name, text in fields:
            sentences, found = split_with_lead(text)
            if name == "text":
                lead = found
            for sentence in sentences:
                analysed.append(self._read(name, sentence, rank))
                rank += 1
        return analysed, lead

    def _read(self, name: str, sentence: Sentence, rank: int) -> _Analysed:
        """Tokens for a sentence that may hold a figure or a speaker; for the others (often half of a
        story) only what the story needs from them: the names in their capitalised runs, their words."""
        text = sentence.text
        words: list[str] = []  # split only when the digits leave the question open
        if _has_figure_digits(text) or _needs_tokens(words := _WORDS.findall(text.lower())):
            tokens = tokenize(text, sentence.start)
            lowers = [t.lower for t in tokens]
            light = False
        else:
            tokens = []
            for run in _CAPITALISED_RUN.finditer(text):
                if tokens:
                    tokens.append(Token(",", sentence.start + run.start(), sentence.start + run.start()))
                tokens.extend(tokenize(run.group(), sentence.start + run.start()))
            lowers = words
            light = True
        votes = self.events.count(lowers)
        dated = _YEAR.search(text) is not None
        return _Analysed(name, sentence, tokens, self.world.scan(tokens), votes, rank, lowers, light, dated)

    def _story(self, analysed: list[_Analysed], lead: Lead) -> Story:
        """Where the story happens, what kind of incident it is, which armed groups it names."""
        votes: defaultdict[str, float] = defaultdict(float)
        regions: Counter[str] = Counter()
        events: defaultdict[str, float] = defaultdict(float)
        armed: dict[str, Entity] = {}
        dateline: str | None = None
        dateline_votes: dict[str, float] = {}
        if lead.dateline:
            for match in self._dateline_matches(lead.dateline):
                entity = match.entity
                if entity.country:
                    dateline_votes[entity.country] = 8
                    dateline = dateline or entity.country
                region = self.world.region(entity)
                if region and entity.kind == "place":
                    regions[region] += 3
        for item in analysed:
            top = item.field == "title" or item.rank == 0
            weight = 3.0 if top else 2.0 if item.sentence.paragraph < 2 else 1.0
            for name, count in item.votes.items():
                events[name] += count * weight
            tokens = item.tokens
            for match in item.matches:
                entity = match.entity
                if entity.kind == "armed_group" and entity not in self.world.short_of:
                    armed[entity.name] = entity
                if not entity.country or entity.kind in {"media", "ngo"}:
                    continue
                locative = match.first > 0 and tokens[match.first - 1].lower in _LOCATIVE
                factor = 1.5 if entity.kind in {"country", "place"} or locative else 1.0
                if entity.kind not in {"country", "place", "demonym", "metonym"}:
                    factor = 0.5
                elif _names_a_thing(tokens, match):
                    factor = 0.2  # "Sudan Virus Disease", "the Japan Times": a name, not a place
                votes[entity.country] += weight * factor
                region = self.world.region(entity)
                if region and (entity.kind == "place" or locative):
                    regions[region] += 1
        for country, weight in dateline_votes.items():
            # A dateline places the story, unless the story never names its country again: then it is
            # the bureau's city ("NAIROBI, Kenya (AP) — A drone strike ... in Ethiopia's Amhara region").
            votes[country] += weight if votes.get(country, 0) > 0 else 1.5
        ranked = sorted(votes, key=lambda country: -votes[country])
        sides: Counter[str] = Counter(
            lx.PERSON_NOUNS[word]
            for item in analysed
            if not _SIDE_WORDS.isdisjoint(item.lowers)
            for word in item.lowers
            if word in _SIDE_WORDS
        )
        region = None
        if len(regions) == 1:
            region = next(iter(regions))
        elif regions:
            (first, n1), (_, n2) = regions.most_common(2)
            region = first if n1 >= 2 * n2 else None
        event = self.events.strongest({k: v for k, v in events.items() if v >= 2}) if events else None
        return Story(
            focus=ranked[0] if ranked else None,
            ranked=ranked,
            region=region,
            site=self._site(analysed, lead),
            event=event,
            armed_groups=list(armed.values()),
            dateline=dateline,
            side_group=sides.most_common(1)[0][0] if sides and event == "war" else None,
        )

    def _site(self, analysed: list[_Analysed], lead: Lead) -> str | None:
        """The first town or city the lede names, else the dateline's: tells two incidents of one
        kind apart ("a mosque in Dera Ismail Khan" is not "the Bannu cantonment")."""
        cities = self.world.cities
        lede = next((item for item in analysed if item.field == "text"), None)
        if lede is not None:
            for match in lede.matches:
                if match.entity.kind == "place" and match.entity.name in cities:
                    return match.entity.name
        if lead.dateline:
            for match in self._dateline_matches(lead.dateline):
                if match.entity.kind == "place" and match.entity.name in cities:
                    return match.entity.name
        return None

    def _dateline_matches(self, dateline: str) -> list[Match]:
        words = " ".join(w.title() if w.isupper() and len(w) > 2 else w for w in dateline.split())
        return self.world.scan(tokenize(words), prose=False)

    def _sentence_drafts(self, item: _Analysed, state: _ArticleState) -> list[_Draft]:
        if item.light:
            return []
        tokens = item.tokens
        breach = state.story.event == "breach"
        if _METRIC_VOCABULARY.isdisjoint(item.lowers) and not (
            breach and not _PEOPLE.isdisjoint(item.lowers)
        ):
            quantities = []  # no word that could name what a number counts: no figure in this sentence
        else:
            quantities = find_quantities(tokens)
        events: list[SpeechEvent] = []
        if quantities or not _REPORTING_HINTS.isdisjoint(item.lowers):
            events = speech_events(tokens, item.matches, self.world, state.mentions)
        if state.release and state.story.issuer is None:
            for speech in events:
                source = speech.source
                if source is not None and source.kind in {
                    "company",
                    "organisation",
                    "agency",
                    "police",
                    "ministry",
                    "military",
                    "government",
                }:
                    state.story.issuer = source  # "FOR IMMEDIATE RELEASE ... Rhenus Chemie AG confirms"
                    break
        drafts: list[_Draft] = []
        previous: Reading | None = None
        whole: _Draft | None = None
        if quantities:  # what the sentence's figures look up: nothing to build for a sentence with none
            index = _Index(item.lowers, item.matches, events)
            event = self.events.for_sentence(item.votes, state.story.event)
        for found in quantities:
            q = found
            reading = read_quantity(tokens, q, self.world, previous, state.last_metric)
            if (
                reading is None
                and previous is not None
                and _compares_to_previous(tokens, q)
                and not _counts_things(tokens, q)
            ):
                reading = previous  # "the toll rose to 47, up from 31": 31 counts what 47 counts
            if reading is None and (event == "breach" or state.story.event == "breach"):
                reading = read_breach_count(tokens, q, self.world)
            if reading is None or not self.events.counts(event, reading.metric):
                continue
            if reading.metric == "arrested" and state.captive and _held_captive(tokens, reading):
                reading = replace(reading, metric="captured")  # "31 still held" by kidnappers, not police
            last_metric = previous.metric if previous is not None else state.last_metric
            if (
                q.increment
                and last_metric is not None
                and last_metric != reading.metric
                and not _more_of_a_toll(tokens, q)
            ):
                q = replace(q, increment=False)  # "11,300 dead, with another 10,100 missing": a second count
            draft = self._draft(item, q, reading, previous, index, state, whole)
            drafts.append(draft)
            if not (reading.inherits or reading.via == "subset"):
                previous = reading  # "including 14 soldiers, and wounding 62 others": others of the 26
                whole = draft
            state.last_metric = reading.metric
        state.continues = bool(events)
        spoken = [e for e in events if e.source is not None]
        if spoken:
            state.carried_events = spoken
            state.last_speech = (item.rank, spoken[-1])
            if item.field == "text" and state.first_text_speech is None:
                state.first_text_speech = spoken[0]
        return drafts

    # ------------------------------------------------------------ one claim

    def _draft(
        self,
        item: _Analysed,
        q: Quantity,
        reading: Reading,
        previous: Reading | None,
        index: _Index,
        state: _ArticleState,
        whole: _Draft | None = None,
    ) -> _Draft:
        tokens = item.tokens
        story = state.story
        group, group_owner = self._group(tokens, reading, previous, state)
        event = self.events.for_sentence(item.votes, story.event)

        speech = index.nearest_event(q)
        source = speech.source if speech else None
        own_speaker = source is not None
        if (
            source is None
            and not any(e.source is not None for e in index.events)
            and not (speech is not None and speech.passive and speech.stance == "acknowledged")
            and not item.dated
            and not _opens_with_place(tokens)
        ):
            # No one is said to speak in the sentence: the last speaker of the paragraph goes on
            # ("Another 27 were taken to hospitals", a quotation running on, "Four deaths have been
            # recorded"). In a new paragraph a figure of the outlet's own ("More than 150 people were
            # injured in the blaze") stays the outlet's, but a share of a figure already attributed
            # keeps its speaker ("... Sambava, where 11 of the deaths occurred"). A sentence naming a
            # past year is background.
            carried: SpeechEvent | None = None
            if state.carried_events:
                carried = state.carried_events[-1]
            elif (
                state.last_speech is not None
                and item.rank - state.last_speech[0] <= _CARRY_REACH
                and _share_of_figure(tokens, q)
            ):
                carried = state.last_speech[1]
            if carried is not None:
                source = carried.source
                speech = speech or carried
        if source is None:
            source = story.issuer  # a press release speaks for its issuer
        if not own_speaker and reading.via == "before" and tokens[reading.cue].lower in _ACTOR_VERBS:
            verb = reading.cue
            if verb >= 2 and tokens[verb - 1].lower in {"the", "an"}:
                verb -= 2  # "Prosecutors ordered the arrest of eight railway employees": who ordered it
            actor = agent_of(tokens, item.matches, self.world, state.mentions, verb)
            if (
                actor is not None
                and actor.kind in lx.OFFICIAL_KINDS
                and not actor.anonymous
                and not (actor.generic and source is not None and source.kind == actor.kind)
            ):
                source = actor  # "Police have arrested three suspected smugglers": the police's own count
        near = index.near(q.first, q.last)
        keeper = self._tally_keeper(tokens, index.by_last, q, reading, state)
        if keeper is not None:
            source = keeper  # "a World Health Organization count of 3,958", "its own tally stood at 2,400"

        party = self.parties.resolve(
            tokens, near, index.by_last, q, reading, group, group_owner, source, story
        )
        if (
            whole is not None
            and (reading.inherits or reading.via == "subset")
            and reading.owner is None
            and reading.owner_pronoun is None
            and not party.placed
        ):
            # "13 people — eight civilians and five soldiers — had died in Cambodia": whose the whole is.
            party = replace(whole.party, location=party.location or whole.party.location)
        if speech is not None and speech.passive and speech.stance == "acknowledged" and source is None:
            # "The deaths of 100 troops ... are acknowledged": the party itself acknowledges them.
            source = _party_voice(near, party.name)
        if (
            party.is_org
            and any(g.name == party.name for g in story.armed_groups)
            and group in {None, "troops"}
        ):
            group = "fighters"  # an armed group's dead are its fighters
        projected = _projected(item.lowers, q)
        official = is_official(source, party, story)
        stance = "estimated" if projected else _stance(item.lowers, q, reading, speech)
        superseded, q = _superseded(tokens, item.lowers, q, speech, index.first_time)
        if superseded and stance == "revised":
            stance = "reported"  # "up from 112 a day earlier": the old figure was stated, not revised
        if not party.is_org and party.name != "unknown":
            story.party_by_group.setdefault(group or "", party.name)
        if group is not None and not (reading.inherits or reading.via == "subset"):
            state.last_group = group
            state.group_by_metric[reading.metric] = group
        part = reading.via == "subset" or (
            reading.via == "before" and "among" in item.lowers[max(0, reading.cue - 2) : reading.cue + 1]
        )  # "including six children", "among the injured were three children"
        return _Draft(
            item,
            q,
            reading,
            group,
            event,
            source,
            party,
            official,
            stance,
            superseded,
            projected,
            story.site,
            part,
        )

    def _headline_sources(self, drafts: list[_Draft], state: _ArticleState) -> list[_Draft]:
        """A headline names no speaker: its figures are the lede's ("Myanmar quake toll passes 2,700"
        over "..., the head of the junta, Min Aung Hlaing, said")."""
        lede = state.first_text_speech
        if lede is None or lede.source is None:
            return drafts
        settled = []
        for draft in drafts:
            if draft.item.field == "title" and draft.source is None:
                source = lede.source
                official = is_official(source, draft.party, state.story)
                settled.append(replace(draft, source=source, official=official))
            else:
                settled.append(draft)
        return settled

    def _group(
        self, tokens: list[Token], reading: Reading, previous: Reading | None, state: _ArticleState
    ) -> tuple[str | None, Entity | None]:
        """Who is counted: the figure's own noun, else those of the figure before it, else the story's."""
        if reading.group is not None:
            return reading.group, None
        if previous is not None and previous.group is not None:
            return previous.group, previous.owner
        side = state.story.side_group
        head = tokens[reading.head].bare if reading.head is not None else ""
        if side is not None and (reading.metric == "casualties" or head in _FALLEN):
            return side, None  # "Russian losses", "101 fallen heroes" in a war story
        if reading.via == "toll":
            if tokens[reading.anchor].bare in _GENERIC_HEADS:
                # "Relatives say the number could be more than 100": the number of the figure before.
                return state.group_by_metric.get(reading.metric), None
            return None, None  # "the death toll" counts people unless it says whom
        if reading.inherits or tokens[max(0, reading.anchor - 2)].lower == "those":
            return state.group_by_metric.get(reading.metric, state.last_group), None  # "of those arrested"
        if reading.via == "noun" and head in {"bodies", "corpses"}:
            return None, None  # "68 bodies had been recovered": people, whoever was counted before
        return state.last_group, None

    def _tally_keeper(
        self,
        tokens: list[Token],
        by_last: dict[int, Match],
        q: Quantity,
        reading: Reading,
        state: _ArticleState,
    ) -> Source | None:
        """Who keeps the count a figure is given as: "the WHO count of 3,958", "its own tally at 2,400"."""
        head = reading.anchor if reading.via == "toll" else None
        if head is None:
            k = q.first - 1
            if k >= 1 and tokens[k].lower == "of" and tokens[k - 1].bare in _TALLIES:
                head = k - 1
        if head is None or tokens[head].bare not in _TALLIES:
            return None
        k = head - 1
        while k >= 0 and tokens[k].bare in {"own", "official", "latest", "new", "daily"}:
            k -= 1
        if k < 0:
            return None
        match = by_last.get(k)
        if match is not None and not match.entity.is_geography and match.entity.kind != "metonym":
            return from_entity(match.entity)
        if tokens[k].lower in {"its", "their"}:
            for j in range(k - 1, max(-1, k - 12), -1):
                if tokens[j].bare in lx.AUTHORITY_NOUNS:
                    referent = state.mentions.group(
                        frozenset({lx.AUTHORITY_NOUNS[tokens[j].bare], "ministry", "government"})
                    )
                    if referent is not None:
                        return from_entity(referent)
                    kind = lx.AUTHORITY_NOUNS[tokens[j].bare]
                    return Source(tokens[j].text, kind, None, generic=True)
        return None

    def _claim(self, article: Article, draft: _Draft) -> Claim:
        item, q, reading = draft.item, draft.q, draft.reading
        tokens = item.tokens
        subject = self.events.subject(draft.group, draft.event)
        party = draft.party
        source = draft.source
        text = article.title if item.field == "title" else article.text
        number_start = tokens[q.first].start
        number_end = tokens[q.last].end
        return Claim(
            article_id=article.id,
            sentence=item.sentence.text,
            value=q.value,
            low=q.low,
            high=q.high,
            qualifier=q.qualifier,  # type: ignore[arg-type]
            vague_text=q.vague_text,
            metric=reading.metric,  # type: ignore[arg-type]
            subject=subject,
            party=party.name,
            source=source.text if source else None,
            official=draft.official,
            stance=draft.stance,  # type: ignore[arg-type]
            published=article.published,
            figure_key=f"{slug(party.name)}:{slug(subject)}:{reading.metric}",
            number_text=text[number_start:number_end],
            superseded=draft.superseded,
            increment=q.increment,
            projected=draft.projected,
            part=draft.part,
            confidence=_confidence(q, reading, source, party.name),
            source_kind=source.kind if source else None,
            url=article.url,
            outlet=article.outlet,
            evidence=Evidence(item.field, item.sentence.start, item.sentence.end, number_start, number_end),  # type: ignore[arg-type]
            event=draft.event,
            location=party.location if not party.is_org else None,
            site=draft.site,
        )


def extract_claims(article: Article) -> list[Claim]:
    """Claims in ``article`` (with the shared default extractor)."""
    return _default().extract(article)


_DEFAULT: list[Extractor] = []


def _default() -> Extractor:
    if not _DEFAULT:
        _DEFAULT.append(Extractor())
    return _DEFAULT[0]


# ---------------------------------------------------------------- decisions


def _positions(words: list[str], word: str) -> list[int]:
    """Where ``word`` stands in ``words`` (a C-level scan when it is absent, as it mostly is)."""
    if word not in words:
        return []
    return [k for k, w in enumerate(words) if w == word]


def _has_figure_digits(text: str) -> bool:
    """Digits other than years: the sentence may hold a figure (checked first, so that most
    sentences of figure-dense copy are never split into words as well as tokens)."""
    for digits in _DIGITS.findall(text):
        if not (len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2100):
            return True
    return False


def _needs_tokens(words: list[str]) -> bool:
    """Could a sentence without figure digits still hold a figure or name a speaker? Number words,
    vague amounts or a reporting verb; everything else is read the light way."""
    return not _QUANTITY_WORDS.isdisjoint(words) or not _REPORTING_HINTS.isdisjoint(words)


def _settle_breach(drafts: list[_Draft], story: Story, text: str) -> list[_Draft]:
    """A breach story is about one organisation: every breach figure is that organisation's.

    When several organisations speak (the breached company, a law firm preparing a class action,
    a security researcher's firm), the breached one is the one the story names most.
    """
    breach = [
        d
        for d in drafts
        if d.event == "breach" or (story.event == "breach" and d.reading.metric == "affected")
    ]
    if not breach:
        return drafts
    company: str | None = None
    candidates: list[str] = []
    for draft in breach:
        if draft.party.is_org:
            candidates.append(draft.party.name)
        name = _organisation_name(draft.source)
        if name is not None:
            candidates.append(name)
    named = _named_organisation(text)
    if named is not None:
        candidates.append(named)  # "Kestrel Health Partners has raised the number of people ...": the subject
    if candidates:
        company = max(candidates, key=lambda name: (text.count(name.split()[0]), -candidates.index(name)))
    if company is None:
        # A public body can be the one breached ("Kelvedon Borough Council has admitted that the personal
        # details of 38,000 residents were published"); a regulator or the police only look into it.
        for draft in breach:
            source = draft.source
            if (
                source is not None
                and source.kind in {"government", "agency"}
                and source.text[:1].isupper()
                and source.text.split()[0].lower() not in {"the", "a", "an"}
                and not _REGULATOR_WORDS.intersection(source.text.lower().split())
            ):
                company = source.text
                break
    if company is None:
        return drafts
    story_for_breach = replace(story, event="breach")
    in_breach = {id(d) for d in breach}
    settled = []
    for draft in drafts:
        if id(draft) not in in_breach:
            settled.append(draft)
            continue
        party = Party(company, True, None) if draft.party.name != company else draft.party
        source = draft.source
        if source is not None and _organisation_name(source) == company and source.text != company:
            source = replace(source, text=company, kind="company")  # "Australia's Harbourline Health"
        elif source is not None and not _DOCUMENTS.isdisjoint(source.text.lower().split()):
            source = Source(company, "company", None)  # "according to an updated filing": the company's own
        settled.append(
            replace(draft, party=party, source=source, official=is_official(source, party, story_for_breach))
        )
    return settled


# Words that make a capitalised name an organisation's even when no role noun introduces it.
_ORGANISATION_WORDS = frozenset(
    """
    health healthcare bank banking group ltd ltd. inc inc. corp corp. corporation co co. plc ag sa telecom
    telecoms mobile wireless communications airlines airways insurance energy systems technologies
    technology holdings financial capital media networks network services pharmacy pharmaceuticals
    hospital hospitals clinic clinics dental labs laboratories software university college council
    """.split()
)
_LEGAL_FORMS = frozenset(
    """
    ltd inc corp co plc llc bhd pty ag sa nv bv limited incorporated corporation company group holdings
    partners
    """.split()
)
_COUNTRY_POSSESSIVE = re.compile(r"^[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['’]s\s+(?=[A-Z]\S*\s+[A-Z])")


_DOCUMENTS = frozenset({"filing", "notice", "notification", "disclosure", "letters"})
_NAME_RUN = re.compile(r"\b[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’.-]*)+")


def without_legal_form(name: str) -> str:
    """ "Kestrel Health Partners", "Harbourline Health Ltd." -> "Kestrel Health", "Harbourline Health"."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def _named_organisation(text: str) -> str | None:
    """The first capitalised name in ``text`` that ends like an organisation's ("Kestrel Health
    Partners" -> "Kestrel Health"), without its legal form."""
    for match in _NAME_RUN.finditer(text[:600]):
        words = match.group().split()
        while len(words) > 1 and words[-1].lower().rstrip(".") in _LEGAL_FORMS:
            words.pop()
        if len(words) >= 2 and words[-1].lower().rstrip(".") in _ORGANISATION_WORDS:
            return " ".join(words)
    return None


def _organisation_name(source: Source | None) -> str | None:
    """The organisation a source names: a company or organisation, or a capitalised name that ends
    like one ("Harbourline Health"), without a country before it ("Australia's Harbourline Health")."""
    if source is None or source.anonymous or not source.text[:1].isupper():
        return None
    name = _COUNTRY_POSSESSIVE.sub("", source.text)
    words = name.split()
    if not (
        source.kind in {"company", "organisation"}
        or (source.kind == "person" and len(words) >= 2 and words[-1].lower() in _ORGANISATION_WORDS)
    ):
        return None
    while len(words) > 1 and words[-1].lower().rstrip(".") in _LEGAL_FORMS:
        words.pop()  # "Harbourline Health Ltd." and "Harbourline Health" are one company
    return " ".join(words)


_REGULATOR_WORDS = frozenset(
    {
        "commission",
        "commissioner",
        "commissioner's",
        "regulator",
        "authority",
        "protection",
        "police",
        "inspectorate",
    }
)
_COMPARISON = frozenset(
    {("up", "from"), ("down", "from"), ("from",), ("compared", "with"), ("compared", "to")}
)


def _compares_to_previous(tokens: list[Token], q: Quantity) -> bool:
    end = q.first
    if end > 0 and tokens[end - 1].lower in {"the", "its", "their", "an", "a"}:
        end -= 1  # "up from the 4.3 million it estimated"
    return any(
        end >= size and tuple(t.lower for t in tokens[end - size : end]) in _COMPARISON for size in (2, 1)
    ) or _earlier_figure(tokens, q)


def _counts_things(tokens: list[Token], q: Quantity) -> bool:
    """ "77,000 people from 20,500 families": the number after "from" counts something else."""
    after = q.last + 1
    return after < len(tokens) and (
        tokens[after].bare in lx.THING_NOUNS or tokens[after].bare in lx.UNIT_WORDS
    )


def _party_voice(matches: list[Match], party: str) -> Source:
    for match in matches:
        entity = match.entity
        if entity.country == party and entity.kind in lx.OFFICIAL_KINDS:
            return Source(entity.name, entity.kind, entity.country)
    return Source(party, "government", party)


_MODALS = frozenset({"could", "may", "might", "would", "will", "expected", "likely"})
_PROJECTION_VERBS = frozenset(
    {"climb", "rise", "reach", "exceed", "top", "surpass", "go", "increase", "hit", "pass"}
)


def _projected(lowers: list[str], q: Quantity) -> bool:
    """ "could climb as high as 450", "may exceed 10,000", "would rise to 300": where a toll may go."""
    window = lowers[max(0, q.first - 4) : q.core_first]
    return not _MODALS.isdisjoint(window) and not _PROJECTION_VERBS.isdisjoint(window)


_ADMISSIONS = frozenset({"admission", "acknowledgment", "acknowledgement"})
_ADMISSION_REACH = 40  # words either side of the figure: bounded, so a figure costs the same in any sentence
_ADMITTING = frozenset({"acknowledged", "admitted", "conceded"})


def _admitted(lowers: list[str]) -> bool:
    """The sentence calls the statement an admission: "a rare admission", "the first time
    authorities have acknowledged a toll"."""
    if not _ADMISSIONS.isdisjoint(lowers):
        return True
    return "first" in lowers and "time" in lowers and not _ADMITTING.isdisjoint(lowers)


def _stance(lowers: list[str], q: Quantity, reading: Reading, event: SpeechEvent | None) -> str:
    """The stance of a figure from the words around it and its speech event (windows of the
    sentence's lower-case words, tested as sets: each figure costs a few C-level lookups)."""
    if not _ESTIMATE_BEFORE.isdisjoint(lowers[max(0, q.first - 5) : q.core_first]):
        return "estimated"
    after = lowers[q.last + 1 : q.last + 9]
    if reading.via == "predicate" and not _HEDGED_AFTER.isdisjoint(after[:5]):
        return "estimated"
    changed = "from" in after and any(
        after[k + 1] == "from" and after[k] in {"up", "down"} for k in range(len(after) - 1)
    )
    if changed or not _REVISING.isdisjoint(lowers[q.last + 1 : q.last + 30]):
        return "revised"  # "9.4 million, up from the 4.3 million it estimated"
    if event is not None and event.stance in {"denied", "acknowledged", "estimated"}:
        return event.stance
    if _admitted(lowers[max(0, q.first - _ADMISSION_REACH) : q.last + _ADMISSION_REACH]):
        return (
            "acknowledged"  # "..., its first acknowledgment of military losses", "In a rare admission, ..."
        )
    if reading.confirmed:
        return "acknowledged"  # "95 people had been confirmed dead"
    if q.increment:
        return "revised"  # "two more bodies", "another 3,000": a change to a figure
    start = min(reading.anchor, q.first)
    if not lx.REVISION_WORDS.isdisjoint(lowers[max(0, start - 3) : q.first]):
        return "revised"
    if event is None:
        return "reported"
    if event.stance == "reported":
        low, high = sorted((event.cue, q.first))
        if high - low <= 8 and not lx.REVISION_WORDS.isdisjoint(lowers[low:high]):
            return "revised"
    return event.stance


def _earlier_figure(tokens: list[Token], q: Quantity) -> bool:
    """ "their previous toll of 115", "its earlier estimate of 1,100", "the 5 million it had reported"."""
    window = [t.lower for t in tokens[max(0, q.first - 5) : q.first]]
    if (
        len(window) >= 2
        and window[-1] == "of"
        and any(w in lx.EARLIER_ADJECTIVES for w in window[:-1])
        and any(w in lx.FIGURE_NOUNS or w in {"toll", "estimate"} for w in window[:-1])
    ):
        return True
    if (
        q.first >= 1
        and tokens[q.first - 1].lower in {"the", "its", "their"}
        and q.first >= 2
        and tokens[q.first - 2].lower == "than"
    ):
        after = [t.lower for t in tokens[q.last + 1 : q.last + 7]]
        if any(w in {"it", "they", "he", "she"} for w in after[:2]) and any(
            w in lx.REPORTING_VERBS or w in {"first", "initially", "earlier", "previously"} for w in after
        ):
            return True
    return False


def _superseded(
    tokens: list[Token], lowers: list[str], q: Quantity, event: SpeechEvent | None, first_time_at: int | None
) -> tuple[bool, Quantity]:
    window = lowers[max(0, q.first - 4) : q.first]
    if not _SUPERSEDED_WORDS.isdisjoint(window):
        for size in (3, 2, 1):
            for start in range(len(window) - size + 1):
                if tuple(window[start : start + size]) in lx.SUPERSEDED_BEFORE:
                    return True, q
    if _earlier_figure(tokens, q):
        return True, q
    if (
        q.first > 0
        and tokens[q.first - 1].lower == "from"
        and q.last + 1 < len(tokens)
        and tokens[q.last + 1].lower == "to"
    ):
        return True, q  # "from 64 to 115"
    if (
        q.first > 0
        and lowers[q.first - 1] == "from"
        and not lx.REVISION_WORDS.isdisjoint(lowers[max(0, q.first - 12) : q.first])
    ):
        return True, q  # "rose to 142,628 this morning, from 122,114 last night"
    if (
        q.first > 1
        and lowers[q.first - 1] == "from"
        and (tokens[q.first - 2].is_number or lowers[q.first - 2] in lx.SCALES)
        and not lx.REVISION_WORDS.isdisjoint(lowers[max(0, q.first - 30) : q.first])
    ):
        return True, q  # "raised the number ... to 5.9 million from 4.2 million"
    after = lowers[q.last + 1 : q.last + 6]
    if not _EARLIER_AFTER.isdisjoint(after) and "than" not in after:
        return True, q  # "125 from the primary school had initially been missing", not "more than initially"
    if (
        first_time_at is not None
        and first_time_at < q.first
        and q.qualifier in {"at_least", "vague"}
        and event is not None
        and event.stance == "acknowledged"
    ):
        # "the first time he acknowledged more than a handful": the handful was the earlier figure.
        return True, _without_lower_bound(tokens, q)
    if event is not None and event.earlier and event.cue < q.first:
        return True, q
    return False, q


def _without_lower_bound(tokens: list[Token], q: Quantity) -> Quantity:
    if q.qualifier == "vague":
        base = tuple(t.lower for t in tokens[q.core_first : q.core_last + 1])
        bounds = lx.VAGUE.get(base, (q.low, q.high))
        text = " ".join(t.text for t in tokens[q.core_first : q.core_last + 1])
        return replace(q, first=q.core_first, low=bounds[0], high=bounds[1], vague_text=text)
    return replace(q, first=q.core_first, qualifier="exact", low=q.value, high=q.value)


def _confidence(q: Quantity, reading: Reading, source: Source | None, party: str) -> float:
    score = 0.35 + 0.3 * reading.strength
    if source is not None and not source.anonymous:
        score += 0.15
    if party != "unknown":
        score += 0.1
    if q.spelled and q.qualifier != "vague":
        score -= 0.1
    return round(max(0.05, min(score, 0.99)), 2)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per figure, value, source and role within an article (titles repeat the lede)."""
    seen: set[tuple[object, ...]] = set()
    unique = []
    for claim in claims:
        key = (
            claim.figure_key, claim.value, claim.low, claim.high, claim.qualifier,
            claim.vague_text, claim.source, claim.official, claim.superseded,
        )  # fmt: skip
        if key not in seen:
            seen.add(key)
            unique.append(claim)
    return unique


def _order(claims: list[Claim]) -> list[Claim]:
    """Third-party figures first, then superseded official ones, then current official totals,
    then additions to them.

    Tracking reads claims in this order, so an alert already sees the estimates that the
    same article gives beside it and the earlier figure it says was replaced, and an article
    that gives both a total and what was added to it ("another 3,600 ... bringing the total to
    11,600") is read for its total.
    """
    return sorted(claims, key=lambda c: (c.official, not c.superseded, c.increment))


# "raising the toll to 45", "bringing the total number of evacuees to 11,600", "stands at 17".
_TO_TOTAL = re.compile(
    r"(?<!\bup )\b(?:to|at)\s+(?:a\s+(?:total|toll)\s+of\s+)?(?:about\s+|some\s+|at\s+least\s+)?$"
)
_CHANGE_TO_TOTAL = re.compile(
    r"\b(?:ris(?:e|es|en|ing)|rose|rais(?:e|es|ed|ing)|bring(?:s|ing)?|brought|push(?:es|ed|ing)?|"
    r"tak(?:e|es|ing)|took|climb(?:s|ed|ing)?|increas(?:e|es|ed|ing)|jump(?:s|ed|ing)?|"
    r"swell(?:s|ed|ing)?|mount(?:s|ed|ing)?|grow(?:s|ing|n)?|grew|stand(?:s|ing)?|stood|reach(?:es|ed|ing)?)\b"
)
_TOLL_NOUNS = frozenset({"bodies", "deaths", "dead", "fatalities", "victims", "casualties"})


def _headline_groups(drafts: list[_Draft]) -> list[_Draft]:
    """A headline's figure that names no group counts whom the text's same number counts
    ("Mali army says toll from camp attack rises to 45" over "... the army's toll to 45 dead"
    of soldiers), so the headline and its lede meet on one figure."""
    text = [d for d in drafts if d.item.field == "text" and d.group is not None and d.q.value is not None]
    settled = []
    for draft in drafts:
        if draft.item.field == "title" and draft.group is None and draft.q.value is not None:
            same = next(
                (
                    t
                    for t in text
                    if t.reading.metric == draft.reading.metric
                    and t.q.value == draft.q.value
                    and t.party.name == draft.party.name
                ),
                None,
            )
            if same is not None:
                settled.append(replace(draft, group=same.group))
                continue
        settled.append(draft)
    return settled


_CAPTIVE_WORDS = frozenset(
    """
    abducted abduction abductions kidnapped kidnapping kidnappers captors captive captives hostage hostages
    """.split()
)
_HELD = frozenset({"held", "holding"})
_HELD_BY_LAW = ("for questioning", "by police", "by the police", "in custody", "in police", "on charges")


def _held_captive(tokens: list[Token], reading: Reading) -> bool:
    """In a kidnapping story, "held" says captive unless the law holds them ("held for questioning")."""
    if tokens[reading.cue].lower not in _HELD:
        return False
    after = " ".join(t.lower for t in tokens[reading.cue + 1 : reading.cue + 4])
    if after.startswith(_HELD_BY_LAW):
        return False
    return reading.head is None or tokens[reading.head].bare not in {"suspects", "suspect"}


def _more_of_a_toll(tokens: list[Token], q: Quantity) -> bool:
    """ "six more bodies", "two more deaths": an addition that names what it adds to."""
    k = q.last + 1
    return k + 1 < len(tokens) and tokens[k].lower == "more" and tokens[k + 1].bare in _TOLL_NOUNS


def _parts_of_totals(claims: list[Claim], article: Article) -> list[Claim]:
    """In one sentence that gives a figure as a total ("raising the army's toll to 45") and also a
    smaller number of the same figure ("the bodies of four soldiers ... have been found"), the
    smaller number is what was added, not the figure."""
    groups: defaultdict[tuple[str, str, int], list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        if claim.evidence is not None and claim.value is not None and not claim.superseded:
            groups[(claim.figure_key, claim.evidence.field, claim.evidence.start)].append(index)
    result = list(claims)
    for (_, field_name, start), members in groups.items():
        if len(members) < 2:
            continue
        text = article.title if field_name == "title" else article.text
        totals = []
        for index in members:
            evidence = claims[index].evidence
            assert evidence is not None
            before = text[start : evidence.number_start].lower()
            if _TO_TOTAL.search(before) and _CHANGE_TO_TOTAL.search(before):
                totals.append(index)
        if len(totals) != 1:
            continue
        total = claims[totals[0]]
        assert total.value is not None
        for index in members:
            part = claims[index]
            if index != totals[0] and part.value is not None and part.value < total.value:
                result[index] = replace(part, increment=True)
    return result


def _share_of_figure(tokens: list[Token], q: Quantity) -> bool:
    """ "11 of the deaths", "four of the injured", "19 of them": a share of a figure given before."""
    k = q.last + 1
    if k + 1 >= len(tokens) or tokens[k].lower != "of":
        return False
    after = tokens[k + 1]
    if after.lower in lx.SUBSET_PRONOUNS:
        return True
    return after.lower in {"the", "those"} and k + 2 < len(tokens) and tokens[k + 2].bare in lx.METRIC_NOUNS


def _names_a_thing(tokens: list[Token], match: Match) -> bool:
    after = match.last + 1
    return (
        match.entity.kind == "country"
        and not match.possessive
        and after < len(tokens)
        and tokens[after].is_capitalised
        and tokens[after].bare not in lx.AUTHORITY_NOUNS
    )


def _opens_with_place(tokens: list[Token]) -> bool:
    """ "In neighbouring Illinois, six workers died": a sentence that sets its own scene is the outlet's."""
    if len(tokens) < 3 or tokens[0].lower not in {"in", "across"}:
        return False
    k = 1
    while k < len(tokens) - 1 and tokens[k].lower in _SCENE_WORDS:
        k += 1
    return tokens[k].is_capitalised
