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

from newsdesk.extraction import lexicon as lx
from newsdesk.extraction.attribution import (
    Mentions,
    Source,
    SpeechEvent,
    from_entity,
    resolve_name,
    speech_events,
)
from newsdesk.extraction.events import EventVocabulary, vocabulary
from newsdesk.extraction.metrics import Reading, read_quantity
from newsdesk.extraction.numbers import Quantity, find_quantities
from newsdesk.extraction.parties import Parties, Party, Story, is_official
from newsdesk.extraction.sentences import Lead, Sentence, split_with_lead
from newsdesk.extraction.tokens import Token, tokenize
from newsdesk.extraction.world import Entity, Gazetteer, Match, gazetteer, slug
from newsdesk.records import Article, Claim, Evidence

_QUOTES = frozenset('"“”')
_CLAUSE_BREAKS = frozenset({";", "though", "although", "but", "while", "whereas", "—", "however"})
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


class _Index:
    """What every figure of one sentence looks up, computed once so each figure costs O(1) more:
    quotes and clause breaks as running counts, cues and names by position."""

    __slots__ = ("by_last", "clauses", "cues", "events", "first_time", "firsts", "matches", "quotes")

    def __init__(self, tokens: list[Token], matches: list[Match], events: list[SpeechEvent]) -> None:
        self.quotes = [0]
        self.clauses = [0]
        first_time: int | None = None
        previous = ""
        for k, tok in enumerate(tokens):
            low = tok.lower
            self.quotes.append(self.quotes[-1] + (tok.text in _QUOTES))
            breaks = low in _CLAUSE_BREAKS or (low == "that" and previous == "and")
            self.clauses.append(self.clauses[-1] + breaks)
            if first_time is None and low == "time" and previous == "first":
                first_time = k
            previous = low
        self.first_time = first_time
        self.matches = matches
        self.firsts = [m.first for m in matches]
        self.by_last = {m.last: m for m in matches}
        self.events = sorted(events, key=lambda e: e.cue)
        self.cues = [e.cue for e in self.events]

    def near(self, first: int, last: int, reach: int = 25) -> list[Match]:
        """The names within ``reach`` tokens of a figure."""
        return self.matches[bisect_left(self.firsts, first - reach) : bisect_right(self.firsts, last + reach)]

    def inside_quote(self, tokens: list[Token], first: int) -> bool:
        """True when the number stands in a quotation the sentence does not close and attribute itself."""
        return self.quotes[first] % 2 == 1 or (tokens[0].text in _QUOTES if tokens else False)

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
    continues: bool = False
    """The sentence follows one that named a speaker, in the same paragraph."""
    release: bool = False
    """A press release: the first body that speaks in it is its issuer."""


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


class Extractor:
    """Extracts claims from articles. Stateless between articles; safe to share."""

    def __init__(self, world: Gazetteer | None = None, events: EventVocabulary | None = None) -> None:
        self.world = world or gazetteer()
        self.events = events or vocabulary()
        self.parties = Parties(self.world)

    def extract(self, article: Article) -> list[Claim]:
        analysed, lead = self._analyse(article)
        state = _ArticleState(story=self._story(analysed, lead), release=lead.release)
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
        drafts = _settle_breach(drafts, state.story)
        claims = [self._claim(article, draft) for draft in drafts]
        return _order(_dedupe(claims))

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
        words = _WORDS.findall(text.lower())
        if _needs_tokens(text, words):
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
        return _Analysed(name, sentence, tokens, self.world.scan(tokens), votes, rank, lowers, light)

    def _story(self, analysed: list[_Analysed], lead: Lead) -> Story:
        """Where the story happens, what kind of incident it is, which armed groups it names."""
        votes: defaultdict[str, float] = defaultdict(float)
        regions: Counter[str] = Counter()
        events: defaultdict[str, float] = defaultdict(float)
        armed: dict[str, Entity] = {}
        dateline: str | None = None
        if lead.dateline:
            for match in self._dateline_matches(lead.dateline):
                entity = match.entity
                if entity.country:
                    votes[entity.country] += 8
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
                votes[entity.country] += weight * factor
                region = self.world.region(entity)
                if region and (entity.kind == "place" or locative):
                    regions[region] += 1
        ranked = sorted(votes, key=lambda country: -votes[country])
        sides: Counter[str] = Counter(
            lx.PERSON_NOUNS[word]
            for item in analysed
            for word in item.lowers
            if lx.PERSON_NOUNS.get(word) in _SIDES
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
            event=event,
            armed_groups=list(armed.values()),
            dateline=dateline,
            side_group=sides.most_common(1)[0][0] if sides and event == "war" else None,
        )

    def _dateline_matches(self, dateline: str) -> list[Match]:
        words = " ".join(w.title() if w.isupper() and len(w) > 2 else w for w in dateline.split())
        return self.world.scan(tokenize(words))

    def _sentence_drafts(self, item: _Analysed, state: _ArticleState) -> list[_Draft]:
        if item.light:
            return []
        tokens = item.tokens
        quantities = find_quantities(tokens)
        events: list[SpeechEvent] = []
        if quantities or any(t.lower in _REPORTING_HINTS for t in tokens):
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
        index = _Index(tokens, item.matches, events)
        for found in quantities:
            q = found
            reading = read_quantity(tokens, q, self.world, previous, state.last_metric)
            if reading is None and previous is not None and _compares_to_previous(tokens, q):
                reading = previous  # "the toll rose to 47, up from 31": 31 counts what 47 counts
            if reading is None:
                continue
            last_metric = previous.metric if previous is not None else state.last_metric
            if q.increment and last_metric is not None and last_metric != reading.metric:
                q = replace(q, increment=False)  # "11,300 dead, with another 10,100 missing": a second count
            drafts.append(self._draft(item, q, reading, previous, index, state))
            if not (reading.inherits or reading.via == "subset"):
                previous = reading  # "including 14 soldiers, and wounding 62 others": others of the 26
            state.last_metric = reading.metric
        state.continues = bool(events)
        if events:
            state.carried_events = events
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
    ) -> _Draft:
        tokens = item.tokens
        story = state.story
        group, group_owner = self._group(tokens, reading, previous, state)
        event = self.events.for_sentence(item.votes, story.event)

        speech = index.nearest_event(q)
        if (
            speech is None
            and state.carried_events
            and (
                index.inside_quote(tokens, q.first) or (state.continues and tokens[0].lower in _CONTINUATIONS)
            )
        ):
            # A quotation running on, or "Another 27 were taken to hospitals": the last speaker goes on.
            speech = state.carried_events[-1]
        source = speech.source if speech else None
        near = index.near(q.first, q.last)
        keeper = self._tally_keeper(tokens, index.by_last, q, reading, state)
        if keeper is not None:
            source = keeper  # "a World Health Organization count of 3,958", "its own tally stood at 2,400"
        if speech is None and source is None:
            source = story.issuer  # a press release speaks for its issuer

        party = self.parties.resolve(
            tokens, near, index.by_last, q, reading, group, group_owner, source, story
        )
        if speech is not None and speech.passive and speech.stance == "acknowledged" and source is None:
            # "The deaths of 100 troops ... are acknowledged": the party itself acknowledges them.
            source = _party_voice(near, party.name)
        if (
            party.is_org
            and any(g.name == party.name for g in story.armed_groups)
            and group in {None, "troops"}
        ):
            group = "fighters"  # an armed group's dead are its fighters
        official = is_official(source, party, story)
        stance = _stance(tokens, q, reading, speech)
        superseded, q = _superseded(tokens, q, speech, index.first_time)
        if not party.is_org and party.name != "unknown":
            story.party_by_group.setdefault(group or "", party.name)
        if group is not None and not (reading.inherits or reading.via == "subset"):
            state.last_group = group
            state.group_by_metric[reading.metric] = group
        return _Draft(item, q, reading, group, event, source, party, official, stance, superseded)

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
            confidence=_confidence(q, reading, source, party.name),
            source_kind=source.kind if source else None,
            url=article.url,
            outlet=article.outlet,
            evidence=Evidence(item.field, item.sentence.start, item.sentence.end, number_start, number_end),  # type: ignore[arg-type]
            event=draft.event,
            location=party.location if not party.is_org else None,
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


def _needs_tokens(text: str, words: list[str]) -> bool:
    """Could the sentence hold a figure or name a speaker? Digits other than years, number words,
    vague amounts or a reporting verb; everything else is read the light way."""
    for digits in _DIGITS.findall(text):
        if not (len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2100):
            return True
    return not _QUANTITY_WORDS.isdisjoint(words) or not _REPORTING_HINTS.isdisjoint(words)


def _settle_breach(drafts: list[_Draft], story: Story) -> list[_Draft]:
    """A breach story is about one organisation: every breach figure is that organisation's."""
    breach = [
        d
        for d in drafts
        if d.event == "breach" or (story.event == "breach" and d.reading.metric == "affected")
    ]
    if not breach:
        return drafts
    company: str | None = None
    for draft in breach:
        if draft.party.is_org:
            company = draft.party.name
            break
        source = draft.source
        if source is not None and source.kind in {"company", "organisation"}:
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
        settled.append(
            replace(draft, party=party, official=is_official(draft.source, party, story_for_breach))
        )
    return settled


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


def _party_voice(matches: list[Match], party: str) -> Source:
    for match in matches:
        entity = match.entity
        if entity.country == party and entity.kind in lx.OFFICIAL_KINDS:
            return Source(entity.name, entity.kind, entity.country)
    return Source(party, "government", party)


def _stance(tokens: list[Token], q: Quantity, reading: Reading, event: SpeechEvent | None) -> str:
    before = {t.lower for t in tokens[max(0, q.first - 5) : q.core_first]}
    if before & {"estimated", "estimate", "believed", "probably", "likely", "assessed"}:
        return "estimated"
    after = [t.lower for t in tokens[q.last + 1 : q.last + 9]]
    if reading.via == "predicate" and any(
        w in {"believed", "feared", "thought", "likely", "probably", "could", "may", "might"}
        for w in after[:5]
    ):
        return "estimated"
    changed = any(after[k : k + 2] in (["up", "from"], ["down", "from"]) for k in range(len(after) - 1))
    later = [t.lower for t in tokens[q.last + 1 : q.last + 30]]
    if changed or any(w in {"revising", "raising", "updating", "lowering"} for w in later):
        return "revised"  # "9.4 million, up from the 4.3 million it estimated"
    if event is not None and event.stance in {"denied", "acknowledged", "estimated"}:
        return event.stance
    if reading.confirmed:
        return "acknowledged"  # "95 people had been confirmed dead"
    if q.increment:
        return "revised"  # "two more bodies", "another 3,000": a change to a figure
    start = min(reading.anchor, q.first)
    window = [t.lower for t in tokens[max(0, start - 3) : q.first]]
    changed = any(after[k : k + 2] in (["up", "from"], ["down", "from"]) for k in range(len(after) - 1))
    if any(w in lx.REVISION_WORDS for w in window) or changed:
        return "revised"
    if event is None:
        return "reported"
    if event.stance == "reported":
        low, high = sorted((event.cue, q.first))
        if any(t.lower in lx.REVISION_WORDS for t in tokens[low:high]) and high - low <= 8:
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
    tokens: list[Token], q: Quantity, event: SpeechEvent | None, first_time_at: int | None
) -> tuple[bool, Quantity]:
    window = [t.lower for t in tokens[max(0, q.first - 4) : q.first]]
    if _SUPERSEDED_WORDS.intersection(window):
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
    """Third-party figures first, then superseded official ones, then current official ones.

    Tracking reads claims in this order, so an alert already sees the estimates that the
    same article gives beside it and the earlier figure it says was replaced.
    """
    return sorted(claims, key=lambda c: (c.official, not c.superseded))
