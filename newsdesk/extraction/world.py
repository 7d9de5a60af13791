"""World knowledge for attribution: countries, demonyms, capitals used as metonyms, and named sources.

The facts live in ``data/countries.json``, ``data/entities.json`` and ``data/places.json`` so
that desks can extend them without touching code. This module turns them into a gazetteer that
finds the longest known name starting at a token, case-sensitively ("NIS", "Kim Jong Un",
"Pyongyang", "Lahaina"), and knows which region a place lies in.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from newsdesk.extraction.tokens import Token

_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=4096)
def slug(text: str) -> str:
    """A name as a key part ("Ministry of Health" -> "ministry-of-health"); memoised: claims repeat names."""
    return _SLUG.sub("-", text.lower()).strip("-") or "unknown"


@dataclass(frozen=True, slots=True)
class Entity:
    """A known name and what it stands for.

    ``kind`` is ``country``, ``demonym`` or ``place`` for geography, ``metonym`` for a capital
    that stands for its government ("Pyongyang said"), or the kind of a named source
    (``leader``, ``ministry``, ``military``, ``intelligence``, ``state_media``, ``media``, ``ngo``...).
    """

    name: str
    kind: str
    country: str | None

    @property
    def is_geography(self) -> bool:
        return self.kind in {"country", "demonym", "place"}

    @property
    def is_person(self) -> bool:
        return self.kind in {"leader", "person"}


# Not frozen, though never changed once built: one is built for every name found,
# and a frozen dataclass pays an ``object.__setattr__`` per field to build
# (``replace`` makes a changed copy).
@dataclass(slots=True)
class Match:
    entity: Entity
    first: int
    last: int
    possessive: bool


class _Node:
    """One word of a trie of names: the entity a name ending here stands for, and the words after it."""

    __slots__ = ("entity", "next")

    def __init__(self) -> None:
        self.entity: Entity | None = None
        self.next: dict[str, _Node] = {}


class Gazetteer:
    """Longest-match lookup of known names over tokens: a word trie, one dict step per word."""

    def __init__(self, names: Iterable[tuple[str, Entity]], shorts: Iterable[tuple[str, Entity]]) -> None:
        self._root = _Node()
        for name, entity in names:
            words = _words(name)
            if not words:
                continue
            node = self._root
            for word in words:
                node = node.next.setdefault(word, _Node())
            if node.entity is None:  # the first entity listed for a name keeps it
                node.entity = entity
        self.shorts: dict[str, list[Entity]] = {}
        for short, entity in shorts:
            self.shorts.setdefault(short, []).append(entity)
        self.short_of: dict[Entity, list[str]] = {}
        for short, options in self.shorts.items():
            for entity in options:
                self.short_of.setdefault(entity, []).append(short)
        self.countries: dict[str, Entity] = {}
        self.region_of: dict[str, str] = {}
        """Place name -> the region (state, province...) it lies in or is; absent for whole countries."""
        self.cities: set[str] = set()
        """Names of towns and cities (not regions): where a single incident happens."""

    def lookup(self, text: str) -> Entity | None:
        """The entity a whole string names ("Houthi" of "Houthi-run"), or None."""
        from newsdesk.extraction.tokens import tokenize

        tokens = tokenize(text)
        if not tokens:
            return None
        match = self.match_at(tokens, 0)
        return match.entity if match is not None and match.last == len(tokens) - 1 else None

    def canonical_country(self, name: str) -> str:
        """A country as the gazetteer names it ("the Congo", "Türkiye", "DRC"); other names unchanged."""
        entity = self.lookup(name)
        return entity.name if entity is not None and entity.kind in {"country", "demonym"} else name

    def region(self, entity: Entity) -> str | None:
        return self.region_of.get(entity.name)

    def match_at(self, tokens: list[Token], i: int) -> Match | None:
        """The longest known name starting at token ``i`` (a leading "the" is part of the match)."""
        direct = self._match(tokens, i)
        if direct is None and tokens[i].lower == "the" and i + 1 < len(tokens):
            inner = self._match(tokens, i + 1)
            return Match(inner.entity, i, inner.last, inner.possessive) if inner else None
        return direct

    def _match(self, tokens: list[Token], i: int) -> Match | None:
        """The longest name starting at ``i``; its last word may carry a possessive ("Kenya's")."""
        node = self._root
        # The best name so far as (entity, last, possessive): the Match is built once, for the longest.
        best: tuple[Entity, int, bool] | None = None
        n = len(tokens)
        k = i
        while k < n:
            text = tokens[k].text
            if "’" in text:
                text = text.replace("’", "'")
            if text[-2:] in _POSSESSIVE_ENDINGS:
                stripped = node.next.get(text[:-2] if text.endswith("'s") else text[:-1])
                if stripped is not None and stripped.entity is not None:
                    best = (stripped.entity, k, True)
            child = node.next.get(text)
            if child is None:
                break
            if child.entity is not None:
                best = (child.entity, k, False)
            node = child
            k += 1
        return Match(best[0], i, best[1], possessive=best[2]) if best is not None else None

    def scan(self, tokens: list[Token], *, prose: bool = True) -> list[Match]:
        """Every non-overlapping known name in ``tokens``, left to right.

        In prose a place right after an unknown capitalised word is part of a longer name; a
        dateline ("BIRMINGHAM Ala.") is a list of places, so ``prose=False`` there.
        """
        found: list[Match] = []
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            if tok.is_capitalised or (tok.text == "the" and i + 1 < n and tokens[i + 1].is_capitalised):
                match = self.match_at(tokens, i)
            else:
                match = None
            if match is None:
                i += 1
            elif (
                prose
                and match.entity.kind == "place"
                and i > 0
                and _name_before(tokens[i - 1])
                and not _found_ends_at(found, i - 1)
            ):
                # "Pradeep Jena", "University Hospital Freiburg": a place's name inside another name.
                i = match.last + 1
            else:
                found.append(match)
                i = match.last + 1
        return found

    def country(self, name: str) -> Entity | None:
        return self.countries.get(name)


_POSSESSIVE_ENDINGS = frozenset({"'s", "s'"})
# Capitalised words that may stand before a place without making it part of another name.
_BEFORE_PLACE = frozenset(
    """
    in at from near across outside of to and the on for by with into within around throughout between
    north south east west northern southern eastern western central north-eastern north-western
    south-eastern south-western northeastern northwestern southeastern southwestern upper lower greater
    downtown rural coastal suburban neighbouring neighboring nearby
    """.split()
)


def _name_before(tok: Token) -> bool:
    """A capitalised word that makes the place after it part of a longer name."""
    return tok.is_capitalised and tok.lower not in _BEFORE_PLACE and tok.text[:1].isalpha()


def _found_ends_at(found: list[Match], k: int) -> bool:
    return bool(found) and found[-1].last == k


def _norm(text: str) -> str:
    return text.replace("’", "'")


def _strip_possessive(text: str) -> str:
    if text.endswith(("'s", "’s")):
        return text[:-2]
    if text.endswith(("s'", "s’")):
        return text[:-1]
    return text


def _words(name: str) -> tuple[str, ...]:
    from newsdesk.extraction.tokens import tokenize

    return tuple(_norm(t.text) for t in tokenize(name))


def _load(name: str) -> Any:
    return json.loads(resources.files("newsdesk.extraction").joinpath("data", name).read_text("utf-8"))


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer built from the packaged data files (built once per process)."""
    names: list[tuple[str, Entity]] = []
    countries: dict[str, Entity] = {}
    for row in _load("countries.json")["countries"]:
        country = row.get("part_of") or row["name"]
        entity = Entity(row["name"], "country", country)
        countries[row["name"]] = entity
        names.extend((name, entity) for name in [row["name"], *row.get("aliases", [])])
        for demonym in row.get("demonyms", []):
            names.append((demonym, Entity(row["name"], "demonym", country)))
        metonyms = set(row.get("metonyms", []))
        for capital in row.get("capitals", []):
            if capital not in metonyms:
                names.append((capital, Entity(capital, "place", country)))
        for metonym in metonyms:
            names.append((metonym, Entity(metonym, "metonym", country)))
    shorts: list[tuple[str, Entity]] = []
    for row in _load("entities.json")["entities"]:
        country = row.get("country")
        if country in countries:
            country = countries[country].country  # "Gaza Strip" -> Palestine, as its row says
        entity = Entity(row["name"], row["kind"], country)
        names.extend((name, entity) for name in [row["name"], *row.get("aliases", [])])
        shorts.extend((short, entity) for short in row.get("short", []))
    region_of: dict[str, str] = {}
    cities: set[str] = set()
    # places.json is curated from the stories read; regions.json widens it (the first listing wins).
    for row in [*_load("places.json")["places"], *_load("regions.json")["places"]]:
        country = countries[row["country"]].country if row["country"] in countries else row["country"]
        for region, aliases in row["regions"].items():
            entity = Entity(region, "place", country)
            for name in [region, *aliases]:
                names.append((name, entity))
            region_of.setdefault(region, region)
        for city, region in row["cities"].items():
            names.append((city, Entity(city, "place", country)))
            cities.add(city)
            if region:
                region_of.setdefault(city, region)
    result = Gazetteer(names, shorts)
    result.countries = countries
    result.region_of = region_of
    result.cities = cities
    return result
