"""Whose figure it is (the party), where it happened (location), and whether it is official.

The party is read from the most direct evidence the sentence gives, in this order:
an owner inside the counted noun phrase ("North Korean troops", "Hezbollah fighters",
"users of Marketa"); a possessive pronoun that points at the speaker ("its own soldiers",
"our martyrs"); an owner right before the figure's phrase ("Russia's total", "North Korean
losses at about 600"); the agent of a verb that owns the people counted ("Russian forces
lost 1,150 troops", "North Korea has sent 3,000 troops"); a demonym beside the nearest people
noun; for people hit where they are, the place the sentence names ("in Kharkiv", "across
Pakistan"); the party this article already gave the same group; the speaker's own country
when an authority speaks of its own forces or territory; and last the story's place.
When the agent of a harm verb is named ("its troops had killed 35 fighters"), soldiers and
fighters counted are never the agent's own.

A figure is official when the party states it about itself, or the authority responsible
for the count does (a government or military about its own losses; a ministry, agency,
police or governor about a disaster on its territory; a company about its own customers).
Adversaries, foreign intelligence, NGOs and monitors, media tallies and anonymous sources
are never official.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.extraction import lexicon as lx
from newsdesk.extraction.attribution import Source
from newsdesk.extraction.metrics import Reading
from newsdesk.extraction.numbers import Quantity
from newsdesk.extraction.tokens import Token
from newsdesk.extraction.world import Entity, Gazetteer, Match

_LOCATIVE = frozenset(
    {"in", "across", "near", "at", "from", "on", "around", "outside", "off", "inside", "throughout"}
)
# "the state of Gujarat", "the city of Derna": "of" names a place only after a word for one.
_PLACE_NOUNS = frozenset(
    """
    city town village state province region district county island area prefecture oblast capital port
    """.split()
)
_MILITARY_GROUPS = frozenset({"troops", "fighters", "hostages", "prisoners"})
_PLACE_GROUPS_EXCLUDED = frozenset({"troops", "fighters", "hostages", "prisoners"})
# Groups a company or organisation counts as its own: its staff, customers and passengers.
_OWN_PEOPLE = frozenset({"workers", "customers", "passengers", "patients", "accounts", "records"})
_CLAUSE_ENDS = frozenset({";", ":", "—", "–"})
_OWNER_SKIP = frozenset(
    """
    has have had was were is are been would will could also reportedly then now already it they its
    their that which who
    """.split()
)
_DIRECTIONS = frozenset(
    {"the", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
     "northeastern", "northwestern", "southeastern", "southwestern", "neighbouring", "neighboring", "rural"}
)  # fmt: skip
_AGENT_SKIP = frozenset(
    """
    has have had was were would will also reportedly already been is are likely to be appears appear
    seems seem said thought believed
    """.split()
)
_TOLL_BRIDGE = frozenset(
    {
        "at",
        "about",
        "of",
        "to",
        "stood",
        "stands",
        "is",
        "was",
        "were",
        "put",
        "some",
        "around",
        "roughly",
        "nearly",
        "at least",
        "least",
        "more",
        "than",
        "over",
    }
)
_FIGURE_HEADS = frozenset(
    {"losses", "toll", "casualties", "total", "tally", "deaths", "figure", "count", "dead", "number"}
)
_HEAD_ADJECTIVES = frozenset(
    """
    total overall military civilian official combat own battlefield the its their our previous earlier latest
    new daily
    """.split()
)
_ORG_KINDS = frozenset({"armed_group", "company", "organisation", "ngo"})
# Events that happen in one place: an authority of another country speaks of that place's people.
_DISASTERS = frozenset(
    """
    earthquake flood landslide storm wildfire fire heatwave epidemic crowd-crush building-collapse
    mine-accident explosion shipwreck
    """.split()
)
# Speakers whose country is the territory they speak of.
_TERRITORIAL = frozenset({"military", "government", "ministry", "leader", "police", "agency", "state_media"})


@dataclass(slots=True)
class Story:
    """What the whole article says about where and what: read once before its claims."""

    focus: str | None = None
    """The country the story is mostly about (datelines and places weigh most)."""
    ranked: list[str] = field(default_factory=list)
    """Countries by weight, most first."""
    region: str | None = None
    """The one region the story's places lie in, if they all lie in one."""
    site: str | None = None
    """The town or city the lede puts the story in ("a mosque in Dera Ismail Khan"), if it names one."""
    event: str | None = None
    issuer: Source | None = None
    party_by_group: dict[str, str] = field(default_factory=dict)
    armed_groups: list[Entity] = field(default_factory=list)
    dateline: str | None = None
    """The country of the story's dateline, when it has one."""
    side_group: str | None = None
    """In a war story, the side group it counts most (troops or fighters): who "the fallen" are."""


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    is_org: bool
    location: str | None
    placed: bool = False
    """The party is the country of the place the sentence puts the figure in ("In Haiti, ...")."""


class Parties:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(
        self,
        tokens: list[Token],
        matches: list[Match],
        by_last: dict[int, Match],
        q: Quantity,
        reading: Reading,
        group: str | None,
        group_owner: Entity | None,
        source: Source | None,
        story: Story,
    ) -> Party:
        """``matches`` are the names near the figure; ``by_last`` all the sentence's names by end."""
        place = self._place(tokens, matches, q) or self._frame(tokens, by_last)
        location = self.gazetteer.region(place) if place is not None else None
        location = location or story.region

        owner = reading.owner
        if owner is not None and (owner.country or owner.kind in _ORG_KINDS):
            return self._party_of(owner, location)
        if reading.owner_pronoun is not None:
            pronoun_owner = self._pronoun_owner(reading.owner_pronoun, matches, q, source, story)
            if pronoun_owner is not None:
                return Party(pronoun_owner[0], pronoun_owner[1], location)
        if (
            group in _OWN_PEOPLE
            and source is not None
            and source.kind in {"company", "organisation"}
            and not source.anonymous
        ):
            return Party(source.text, True, location)  # a company about its own staff or customers
        before, pronoun = self._owner_before(tokens, by_last, q, reading)
        if before is not None:
            return self._party_of(before, location)
        if pronoun is not None:
            # "Seoul puts their losses in the thousands": whose losses the pronoun says.
            pronoun_owner = self._pronoun_owner(pronoun, matches, q, source, story)
            if pronoun_owner is not None:
                return Party(pronoun_owner[0], pronoun_owner[1], location)
        verb, agent = self._agent(tokens, by_last, q, reading, source, story)
        if verb in lx.OWNER_VERBS and agent is not None:
            return Party(agent[0], agent[1], location)
        if group_owner is not None and (group_owner.country or group_owner.kind in _ORG_KINDS):
            return self._party_of(group_owner, location)
        excluded = (
            agent[0] if verb in lx.HARM_VERBS and agent is not None and group in _MILITARY_GROUPS else None
        )
        if (
            place is not None
            and place.country
            and group not in _PLACE_GROUPS_EXCLUDED
            and place.country != excluded
        ):
            return Party(place.country, False, location, placed=True)
        if group == "fighters" and reading.metric != "arrested":
            # Fighters belong to an armed group, not to the country of whoever counts them.
            groups = [g for g in story.armed_groups if g.name != excluded]
            return Party(groups[-1].name if groups else "unknown", bool(groups), location)
        speaker = (
            source.country
            if source is not None
            and source.country
            and source.kind in _TERRITORIAL
            and not source.foreign
            and source.country != excluded
            else None
        )
        if (
            speaker is not None
            and story.event in _DISASTERS
            and story.focus is not None
            and story.focus != speaker
            and group not in _MILITARY_GROUPS
        ):
            # "The U.S. Geological Survey estimated deaths could exceed 10,000" in a story on Myanmar's
            # earthquake: a foreign agency counts the disaster's people, not its own country's.
            return Party(story.focus, False, location)
        if speaker is not None and group not in _MILITARY_GROUPS:
            # "Cambodia said over 35,000 had been displaced": an authority speaks of its own territory.
            return Party(speaker, False, location)
        remembered = story.party_by_group.get(group or "")
        if remembered is not None and remembered != excluded:
            return Party(remembered, False, location)
        if (
            story.dateline is not None
            and story.dateline == story.focus
            and group not in _MILITARY_GROUPS
            and story.dateline != excluded
        ):
            return Party(story.dateline, False, location)  # "KHERSON, Ukraine — ... 52 people died"
        if speaker is not None:
            return Party(speaker, False, location)
        for country in story.ranked:
            if country != excluded:
                return Party(country, False, location)
        return Party("unknown", False, location)

    # ------------------------------------------------------------ pieces

    def _party_of(self, entity: Entity, location: str | None) -> Party:
        if entity.kind in _ORG_KINDS and entity.kind != "ngo":
            return Party(entity.name, True, location)
        return Party(entity.country or entity.name, False, location)

    def _pronoun_owner(
        self, pronoun: str, matches: list[Match], q: Quantity, source: Source | None, story: Story
    ) -> tuple[str, bool] | None:
        """ "its soldiers", "our martyrs": the speaker; "their losses": someone the speaker talks about."""
        if pronoun in {"its", "our", "his", "her"}:
            return speaker_party(source, story)
        if pronoun == "government":
            # "government soldiers": the speaker's own state if a state speaks, else the story's.
            if source is not None and source.country and source.kind in _TERRITORIAL and not source.foreign:
                return source.country, False
            return (story.focus, False) if story.focus else None
        if pronoun == "their":
            speaker = source.country if source else None
            for match in reversed(matches):
                if match.last < q.first and match.entity.country and match.entity.country != speaker:
                    return match.entity.country, False
            return speaker_party(source, story)
        return None

    def _owner_before(
        self, tokens: list[Token], by_last: dict[int, Match], q: Quantity, reading: Reading
    ) -> tuple[Entity | None, str | None]:
        """ "Russia's total", "North Korean losses at about 600", "their losses": (owner, pronoun)."""
        head = reading.anchor if reading.via == "toll" else None
        if head is None:
            k = q.first - 1
            steps = 0
            while k >= 0 and steps < 4 and tokens[k].lower in _TOLL_BRIDGE:
                k -= 1
                steps += 1
            if k >= 0 and tokens[k].bare in _FIGURE_HEADS:
                head = k
        if head is None:
            return None, None
        k = head - 1
        while k >= 0 and head - k <= 3 and tokens[k].bare in _HEAD_ADJECTIVES:
            if tokens[k].lower in {"its", "their", "our"}:
                return None, tokens[k].lower
            k -= 1
        match = by_last.get(k)
        if match is None or match.entity.kind in {"ngo", "media", "state_media"}:
            return None, None  # "a World Health Organization count": the count's keeper, not its party
        if match.entity.country or match.entity.kind in _ORG_KINDS:
            return match.entity, None
        return None, None

    def _agent(
        self,
        tokens: list[Token],
        by_last: dict[int, Match],
        q: Quantity,
        reading: Reading,
        source: Source | None,
        story: Story,
    ) -> tuple[str | None, tuple[str, bool] | None]:
        """The verb that governs the figure and the owner of its agent: ("lost", ("Russia", False))."""
        verb_index = reading.cue if reading.via == "before" else q.first - 1
        if verb_index < 0 or verb_index >= len(tokens):
            return None, None
        verb = tokens[verb_index].lower
        if verb not in lx.OWNER_VERBS and verb not in lx.HARM_VERBS:
            return None, None
        k = verb_index - 1
        steps = 0
        while k >= 0 and steps < 6 and tokens[k].lower in _AGENT_SKIP:
            k -= 1
            steps += 1
        for j in range(k, max(-1, k - 5), -1):
            tok = tokens[j]
            if tok.text in {",", ".", ";", ":"} or tok.lower in {
                "that",
                "and",
                "but",
                "while",
                "said",
                "says",
            }:
                break
            match = by_last.get(j)
            if match is not None:
                entity = match.entity
                if entity.kind in _ORG_KINDS and entity.kind != "ngo":
                    return verb, (entity.name, True)
                if entity.country:
                    return verb, (entity.country, False)
            if tok.lower in {"its", "their", "our", "it", "they", "we"}:
                return verb, speaker_party(source, story)
        return verb, None

    def _place(self, tokens: list[Token], matches: list[Match], q: Quantity) -> Entity | None:
        """The place the sentence says the figure happened in: the nearest one named as a location
        ("in Kharkiv", "across Pakistan", "Uttar Pradesh's Hathras district") in the figure's clause."""
        best: tuple[int, Entity] | None = None
        for match in matches:
            entity = match.entity
            if entity.kind not in {"place", "country", "metonym"} or not entity.country:
                continue
            first = match.first
            locative = (
                (first > 0 and tokens[first - 1].lower in _LOCATIVE)
                or (match.possessive and entity.kind != "metonym")
                or (first > 1 and tokens[first - 1].lower == "of" and tokens[first - 2].bare in _PLACE_NOUNS)
            )
            if not locative and first > 1 and tokens[first - 2].lower in _LOCATIVE:
                locative = tokens[first - 1].bare in _DIRECTIONS
            distance = abs(first - q.first)
            if not locative or distance > 20 or self._crosses_clause(tokens, first, q.first):
                continue
            if best is None or distance < best[0]:
                best = (distance, entity)
        return best[1] if best else None

    def _frame(self, tokens: list[Token], by_last: dict[int, Match]) -> Entity | None:
        """ "In Israel, ...", "In neighbouring Thailand, where ...": a place that opens the sentence frames
        all of it, however far the figure stands from it."""
        if len(tokens) < 3 or tokens[0].lower not in {"in", "across", "inside"}:
            return None
        for last in range(1, 5):
            match = by_last.get(last)
            if match is None or match.first > 3:
                continue
            entity = match.entity
            between = tokens[1 : match.first]
            if (
                entity.kind in {"place", "country", "metonym"}
                and entity.country
                and all(t.bare in _DIRECTIONS for t in between)
            ):
                after = tokens[match.last + 1] if match.last + 1 < len(tokens) else None
                return entity if after is not None and after.text == "," else None
        return None

    def _crosses_clause(self, tokens: list[Token], a: int, b: int) -> bool:
        low, high = sorted((a, b))
        for k in range(low + 1, high):
            if tokens[k].text in _CLAUSE_ENDS:
                return True
            if (
                tokens[k].text == ","
                and k + 1 < len(tokens)
                and tokens[k + 1].lower in {"and", "while", "but"}
            ):
                return True
        return False


_LOCAL_OWNERS = frozenset({"enclave's", "territory's", "strip's", "island's", "archipelago's", "region's"})


def is_official(source: Source | None, party: Party, story: Story) -> bool:
    if source is None or source.anonymous or source.foreign:
        return False
    if party.is_org:
        if source.text == party.name or speaks_for(source, story) == party.name:
            return True
        # A breach: the regulator or police responsible for the count speak officially of it.
        return story.event == "breach" and source.kind in {"agency", "ministry", "government", "police"}
    if source.kind not in lx.OFFICIAL_KINDS:
        return False
    country = source.country
    if country is None and source.generic:
        # "city officials" speak for the place the sentence puts them in, else for the story's country;
        # "the enclave's health ministry" for the place whose people it counts.
        local = not _LOCAL_OWNERS.isdisjoint(source.text.lower().split())
        country = party.name if party.placed or local else story.focus
    return country is not None and country == party.name


def speaker_party(source: Source | None, story: Story) -> tuple[str, bool] | None:
    """Whose people a speaker's "its"/"our" means: its armed group, its company, or its country."""
    if source is None or source.anonymous:
        return None
    group = speaks_for(source, story)
    if group is not None:
        return group, True
    if source.kind in _ORG_KINDS and source.kind not in {"ngo", "armed_group"}:
        return source.text, True
    if source.country:
        return source.country, False
    return None


def speaks_for(source: Source | None, story: Story) -> str | None:
    """The armed group a named member speaks for ("Naim Qassem" -> Hezbollah), if the story names it."""
    if source is None or source.kind != "armed_group":
        return None
    if any(group.name == source.text for group in story.armed_groups):
        return source.text
    for group in reversed(story.armed_groups):
        if group.country == source.country:
            return group.name
    return None
