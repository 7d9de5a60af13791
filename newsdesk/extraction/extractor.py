"""From an article to claims: number, metric, subject, party, source, officiality, stance.

One pass finds the article's focus (the country it is mostly about), a second walks the
sentences in order, so pronouns and short names resolve to earlier mentions and a figure
whose clause names no party inherits the party last seen for the same subject.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsdesk.extraction import lexicon as lx
from newsdesk.extraction.attribution import Mentions, Source, SpeechEvent, speech_events
from newsdesk.extraction.metrics import Reading, read_quantity
from newsdesk.extraction.numbers import Quantity, find_quantities
from newsdesk.extraction.sentences import Sentence, split_sentences
from newsdesk.extraction.tokens import Token, tokenize
from newsdesk.extraction.world import Gazetteer, Match, gazetteer, slug
from newsdesk.records import Article, Claim, Evidence

_QUOTES = frozenset('"“”')
_CLAUSE_BREAKS = frozenset({";", "though", "although", "but", "while", "whereas", "—"})


@dataclass(slots=True)
class _Analysed:
    field: str
    sentence: Sentence
    tokens: list[Token]
    matches: list[Match]


@dataclass(slots=True)
class _ArticleState:
    mentions: Mentions = field(default_factory=Mentions)
    party_by_subject: dict[str, str] = field(default_factory=dict)
    last_subject: str | None = None
    focus: str | None = None
    carried_events: list[SpeechEvent] = field(default_factory=list)


class Extractor:
    """Extracts claims from articles. Stateless between articles; safe to share."""

    def __init__(self, world: Gazetteer | None = None) -> None:
        self.world = world or gazetteer()

    def extract(self, article: Article) -> list[Claim]:
        analysed = self._analyse(article)
        state = _ArticleState(focus=self._focus(analysed))
        claims: list[Claim] = []
        previous_paragraph: tuple[str, int] | None = None
        for item in analysed:
            paragraph = (item.field, item.sentence.paragraph)
            if paragraph != previous_paragraph:
                state.carried_events = []
                previous_paragraph = paragraph
            claims.extend(self._sentence_claims(article, item, state))
            state.mentions.read_sentence(item.tokens, item.matches, self.world)
        return _order(_dedupe(claims))

    # ------------------------------------------------------------ passes

    def _analyse(self, article: Article) -> list[_Analysed]:
        fields: list[tuple[str, str]] = []
        title = article.title.strip()
        if title and title not in article.text:
            fields.append(("title", article.title))
        fields.append(("text", article.text))
        analysed = []
        for name, text in fields:
            for sentence in split_sentences(text):
                tokens = tokenize(sentence.text, sentence.start)
                analysed.append(_Analysed(name, sentence, tokens, self.world.scan(tokens)))
        return analysed

    def _focus(self, analysed: list[_Analysed]) -> str | None:
        """The country the story is mostly about: mentions weighted towards the top."""
        votes: Counter[str] = Counter()
        for rank, item in enumerate(analysed):
            weight = 3 if item.field == "title" or rank == 0 else 2 if rank < 4 else 1
            for match in item.matches:
                if match.entity.country:
                    votes[match.entity.country] += weight
        return votes.most_common(1)[0][0] if votes else None

    def _sentence_claims(self, article: Article, item: _Analysed, state: _ArticleState) -> list[Claim]:
        tokens = item.tokens
        quantities = find_quantities(tokens)
        if not quantities:
            events = speech_events(tokens, item.matches, self.world, state.mentions)
            if events:
                state.carried_events = events
            return []
        events = speech_events(tokens, item.matches, self.world, state.mentions)
        claims = []
        previous: Reading | None = None
        for q in quantities:
            reading = read_quantity(tokens, q, self.world)
            if reading is None and previous is not None and _compares_to_previous(tokens, q):
                reading = previous  # "the toll rose to 47, up from 31": 31 counts what 47 counts
            if reading is None:
                continue
            previous = reading
            claim = self._claim(article, item, q, reading, events, state)
            if claim is not None:
                claims.append(claim)
        if events:
            state.carried_events = events
        return claims

    # ------------------------------------------------------------ one claim

    def _claim(
        self,
        article: Article,
        item: _Analysed,
        q: Quantity,
        reading: Reading,
        events: list[SpeechEvent],
        state: _ArticleState,
    ) -> Claim | None:
        tokens = item.tokens
        subject, subject_party = self._subject(tokens, q, reading, state)
        event = _nearest_event(tokens, q, events)
        if event is None and _inside_quote(tokens, q) and state.carried_events:
            event = state.carried_events[-1]
        source = event.source if event else None

        party = (
            reading.party
            or _possessive_party(tokens, q, reading, item.matches, source)
            or subject_party
            or state.party_by_subject.get(subject)
            or (source.text if source and source.kind == "company" else None)
            or state.focus
            or (source.country if source and source.kind in lx.OFFICIAL_KINDS else None)
            or "unknown"
        )
        if event is not None and event.passive and event.stance == "acknowledged" and source is None:
            # "The deaths of 100 troops ... are acknowledged": the party itself acknowledges them.
            source = _party_voice(item.matches, party)
        official = _is_official(source, party, state.focus)
        stance = _stance(tokens, q, event)
        superseded, q = _superseded(tokens, q, event)

        state.party_by_subject.setdefault(subject, party)
        state.last_subject = subject
        text = article.title if item.field == "title" else article.text
        number_start = tokens[q.first].start
        number_end = tokens[q.last].end
        confidence = _confidence(q, reading, source, party)
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
            party=party,
            source=source.text if source else None,
            official=official,
            stance=stance,  # type: ignore[arg-type]
            published=article.published,
            figure_key=f"{slug(party)}:{slug(subject)}:{reading.metric}",
            number_text=text[number_start:number_end],
            superseded=superseded,
            increment=q.increment,
            confidence=confidence,
            source_kind=source.kind if source else None,
            url=article.url,
            outlet=article.outlet,
            evidence=Evidence(item.field, item.sentence.start, item.sentence.end, number_start, number_end),  # type: ignore[arg-type]
        )

    def _subject(
        self, tokens: list[Token], q: Quantity, reading: Reading, state: _ArticleState
    ) -> tuple[str, str | None]:
        if reading.subject is not None:
            return reading.subject, None
        # The nearest people noun elsewhere in the sentence: "of the 15,000 troops..., some 4,700 casualties".
        best: tuple[int, str, str | None] | None = None
        for k, tok in enumerate(tokens):
            subject = lx.PERSON_NOUNS.get(tok.bare)
            if subject is None or q.first <= k <= q.last:
                continue
            distance = abs(k - q.core_first)
            if best is None or distance < best[0]:
                party = None
                for back in range(max(0, k - 3), k):
                    match = self.world.match_at(tokens, back) if tokens[back].is_capitalised else None
                    if match is not None and match.entity.country:
                        party = match.entity.country
                best = (distance, subject, party)
        if best is not None:
            return best[1], best[2]
        if state.last_subject is not None:
            return state.last_subject, None
        return "people", None


def extract_claims(article: Article) -> list[Claim]:
    """Claims in ``article`` (with the shared default extractor)."""
    return _default().extract(article)


_DEFAULT: list[Extractor] = []


def _default() -> Extractor:
    if not _DEFAULT:
        _DEFAULT.append(Extractor())
    return _DEFAULT[0]


# ---------------------------------------------------------------- decisions


def _nearest_event(tokens: list[Token], q: Quantity, events: list[SpeechEvent]) -> SpeechEvent | None:
    best: tuple[int, SpeechEvent] | None = None
    for event in events:
        low, high = sorted((event.cue, q.core_first))
        distance = high - low
        distance += 8 * sum(1 for t in tokens[low:high] if t.lower in _CLAUSE_BREAKS)
        if best is None or distance < best[0]:
            best = (distance, event)
    return best[1] if best else None


_COMPARISON = frozenset(
    {("up", "from"), ("down", "from"), ("from",), ("compared", "with"), ("compared", "to")}
)


def _compares_to_previous(tokens: list[Token], q: Quantity) -> bool:
    return any(
        q.first >= size and tuple(t.lower for t in tokens[q.first - size : q.first]) in _COMPARISON
        for size in (2, 1)
    )


def _inside_quote(tokens: list[Token], q: Quantity) -> bool:
    """True when the number stands in a quotation the sentence does not close and attribute itself."""
    before = sum(1 for t in tokens[: q.first] if t.text in _QUOTES)
    return before % 2 == 1 or (tokens[0].text in _QUOTES if tokens else False)


def _possessive_party(
    tokens: list[Token], q: Quantity, reading: Reading, matches: list[Match], source: Source | None
) -> str | None:
    """Whose figure a possessive says it is: "Russia's losses", "their losses", "its soldiers"."""
    anchor = min(reading.cue, q.first)
    for match in matches:
        if anchor - 4 <= match.first < anchor and match.possessive and match.entity.country:
            return match.entity.country
    pronoun = next(
        (k for k in range(max(0, anchor - 3), anchor) if tokens[k].lower in {"its", "their"}), None
    )
    if pronoun is None and reading.head is not None:
        pronoun = next(
            (k for k in range(q.last + 1, reading.head) if tokens[k].lower in {"its", "their"}), None
        )
    if pronoun is None:
        return None
    # "Seoul puts their losses...": the owner is the nearest country before it that is not the speaker.
    speaker = source.country if source else None
    for match in reversed(matches):
        country = match.entity.country
        if match.last < pronoun and country and country != speaker:
            return country
    return None


def _party_voice(matches: list[Match], party: str) -> Source:
    for match in matches:
        entity = match.entity
        if entity.country == party and entity.kind in lx.OFFICIAL_KINDS:
            return Source(entity.name, entity.kind, entity.country)
    return Source(party, "government", party)


def _is_official(source: Source | None, party: str, focus: str | None) -> bool:
    if source is None or source.anonymous:
        return False
    if source.kind == "company":
        return source.text == party  # a company about its own customers
    if source.kind not in lx.OFFICIAL_KINDS and source.kind != "intelligence":
        return False
    country = source.country
    if country is None and source.generic:
        country = focus
    return country is not None and country == party


def _stance(tokens: list[Token], q: Quantity, event: SpeechEvent | None) -> str:
    hedge = {t.lower for t in tokens[q.first : q.core_first]}
    if "estimated" in hedge or "estimate" in hedge:
        return "estimated"
    if event is None:
        return "reported"
    if event.stance == "reported":
        low, high = sorted((event.cue, q.first))
        if any(t.lower in lx.CHANGE_VERBS for t in tokens[low:high]) or any(
            t.lower in lx.CHANGE_VERBS for t in tokens[max(0, q.first - 3) : q.first]
        ):
            return "revised"
    return event.stance


def _superseded(tokens: list[Token], q: Quantity, event: SpeechEvent | None) -> tuple[bool, Quantity]:
    window = [t.lower for t in tokens[max(0, q.first - 4) : q.first]]
    for size in (3, 2, 1):
        for start in range(len(window) - size + 1):
            if tuple(window[start : start + size]) in lx.SUPERSEDED_BEFORE:
                return True, q
    if (
        q.first > 0
        and tokens[q.first - 1].lower == "from"
        and q.last + 1 < len(tokens)
        and tokens[q.last + 1].lower == "to"
    ):
        return True, q  # "from 64 to 115"
    lowered = [t.lower for t in tokens[: q.first]]
    first_time = any(lowered[k : k + 2] == ["first", "time"] for k in range(len(lowered)))
    if (
        first_time
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
    from dataclasses import replace

    from newsdesk.extraction.lexicon import VAGUE

    if q.qualifier == "vague":
        base = tuple(t.lower for t in tokens[q.core_first : q.core_last + 1])
        bounds = VAGUE.get(base, (q.low, q.high))
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
