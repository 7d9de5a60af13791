"""What kind of incident a figure belongs to, and the subject key that follows from it.

The words for each kind live in ``data/events.json``. A story's event is the kind its words
name most, with the headline and the first paragraph weighing more; a sentence that names a
kind of another family speaks of that one ("In neighbouring Illinois, six workers died when
a warehouse collapsed" in a tornado story stays a storm; a bus crash in a flood story does
not). The subject key is what makes two figures the same figure: in incidents, people in
general are keyed by the incident ("earthquake"), other groups by incident and group
("earthquake-children"), so a bus crash never looks like a change in an earthquake toll.
"""

from __future__ import annotations

import functools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

# Groups that are never keyed by incident: soldiers and fighters are counted by their side.
_SIDE_GROUPS = frozenset({"troops", "fighters"})
_BREACH_PEOPLE = frozenset({"customers", "people", "patients", "children", "voters", "workers"})


@dataclass(frozen=True, slots=True)
class EventKind:
    name: str
    family: str
    generic: frozenset[str]
    keyed_by_group: bool
    not_counted: frozenset[str] = frozenset()
    """Metrics the incident's wording gives that are not its figures (an outbreak has cases, not injured)."""


class EventVocabulary:
    """Finds incident words in lower-case token lists: single words and two-word phrases."""

    def __init__(self, kinds: Iterable[tuple[EventKind, list[str]]]) -> None:
        self.kinds: dict[str, EventKind] = {}
        self._words: dict[str, list[str]] = {}
        self._pairs: dict[tuple[str, str], list[str]] = {}
        for kind, words in kinds:
            self.kinds[kind.name] = kind
            for word in words:
                parts = tuple(word.split())
                if len(parts) == 1:
                    self._words.setdefault(parts[0], []).append(kind.name)
                elif len(parts) == 2:
                    self._pairs.setdefault((parts[0], parts[1]), []).append(kind.name)
        self._order = {name: i for i, name in enumerate(self.kinds)}
        self._firsts = frozenset(self._words) | frozenset(first for first, _ in self._pairs)

    def count(self, lowers: list[str]) -> Counter[str]:
        """How often each kind is named in one sentence's lower-case tokens."""
        found: Counter[str] = Counter()
        if self._firsts.isdisjoint(lowers):
            return found  # most sentences name no kind of incident: one C-level test
        words = self._words
        pairs = self._pairs
        firsts = self._firsts
        last = len(lowers) - 1
        # Only the words that can open a name of a kind are looked at (found in one C-level scan).
        for k in [k for k, low in enumerate(lowers) if low in firsts]:
            low = lowers[k]
            names = words.get(low)
            if names is not None:
                found.update(names)
            if k < last:
                pair = pairs.get((low, lowers[k + 1]))
                if pair is not None:
                    found.update(pair)
        return found

    def strongest(self, votes: Mapping[str, float]) -> str | None:
        """The kind named most, counting each family's kinds together first: "wildfire" in the
        lede and "fire" in the headline are one fire, which outweighs a highway's "truck"."""
        if not votes:
            return None
        families: defaultdict[str, float] = defaultdict(float)
        for name, count in votes.items():
            families[self.kinds[name].family] += count

        def rank(item: tuple[str, float]) -> tuple[float, float, int]:
            name, count = item
            return families[self.kinds[name].family], count, -self._order[name]

        return max(votes.items(), key=rank)[0]

    def for_sentence(self, votes: Counter[str], story: str | None) -> str | None:
        """The kind a sentence speaks of: the story's, unless it names one of another family only."""
        if not votes:
            return story
        if story is None:
            return self.strongest(votes)
        family = self.kinds[story].family
        if any(self.kinds[name].family == family for name in votes):
            return story
        own = self.strongest(votes)
        # One stray word ("fire" in a war story, "boat" in a flood story) does not move a story.
        if own is not None and votes[own] >= 2 and not self.kinds[story].keyed_by_group:
            return own
        return story

    def counts(self, event: str | None, metric: str) -> bool:
        """Is ``metric`` a figure of an incident of kind ``event``?"""
        kind = self.kinds.get(event) if event is not None else None
        return kind is None or metric not in kind.not_counted

    def subject(self, group: str | None, event: str | None) -> str:
        """The normalised subject of a figure about ``group`` in an incident of kind ``event``.

        Groups that an incident counts as its people in general (migrants in a shipwreck,
        miners in a mine accident, protesters in a protest) are "people", so "41 migrants"
        and "41 people" meet on one key; the incident itself travels in the claim's ``event``.
        """
        if group in _SIDE_GROUPS:
            return group
        if event == "breach":
            return "customers" if group is None or group in _BREACH_PEOPLE else group
        if group is None:
            return "people"
        kind = self.kinds.get(event) if event is not None else None
        if kind is not None and group in kind.generic:
            return "people"
        return group


@functools.cache
def vocabulary() -> EventVocabulary:
    data = json.loads(
        resources.files("newsdesk.extraction").joinpath("data", "events.json").read_text("utf-8")
    )
    kinds = []
    for row in data["events"]:
        kind = EventKind(
            name=row["event"],
            family=row.get("family", row["event"]),
            generic=frozenset(row.get("generic", [])),
            keyed_by_group=bool(row.get("keyed_by_group", False)),
            not_counted=frozenset(row.get("not_counted", [])),
        )
        kinds.append((kind, [w.lower() for w in row["words"]]))
    return EventVocabulary(kinds)
