"""World knowledge for attribution: countries, demonyms, capitals used as metonyms, and named sources.

The facts live in ``data/countries.json`` and ``data/entities.json`` so that desks can
extend them without touching code. This module turns them into a gazetteer that finds the
longest known name starting at a token, case-sensitively ("NIS", "Kim Jong Un", "Pyongyang").
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


def slug(text: str) -> str:
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


@dataclass(frozen=True, slots=True)
class Match:
    entity: Entity
    first: int
    last: int
    possessive: bool


class Gazetteer:
    """Longest-match lookup of known names over tokens, in time bounded by the number of name lengths."""

    def __init__(self, names: Iterable[tuple[str, Entity]], shorts: Iterable[tuple[str, Entity]]) -> None:
        self._names: dict[tuple[str, ...], Entity] = {}
        lengths: dict[str, set[int]] = {}
        for name, entity in names:
            words = _words(name)
            if words and words not in self._names:
                self._names[words] = entity
                lengths.setdefault(words[0], set()).add(len(words))
        self._lengths = {first: sorted(sizes, reverse=True) for first, sizes in lengths.items()}
        self.shorts: dict[str, list[Entity]] = {}
        for short, entity in shorts:
            self.shorts.setdefault(short, []).append(entity)
        self.short_of: dict[Entity, list[str]] = {}
        for short, options in self.shorts.items():
            for entity in options:
                self.short_of.setdefault(entity, []).append(short)
        self.countries: dict[str, Entity] = {}

    def match_at(self, tokens: list[Token], i: int) -> Match | None:
        """The longest known name starting at token ``i`` (a leading "the" is part of the match)."""
        direct = self._match(tokens, i)
        if direct is None and tokens[i].lower == "the" and i + 1 < len(tokens):
            inner = self._match(tokens, i + 1)
            return Match(inner.entity, i, inner.last, inner.possessive) if inner else None
        return direct

    def _match(self, tokens: list[Token], i: int) -> Match | None:
        first = _norm(tokens[i].text)
        sizes = self._lengths.get(first)
        if sizes is None:
            first = _norm(_strip_possessive(tokens[i].text))
            sizes = self._lengths.get(first)
            if sizes is None:
                return None
        n = len(tokens)
        for size in sizes:
            last = i + size - 1
            if last >= n:
                continue
            middle = tuple(_norm(t.text) for t in tokens[i + 1 : last]) if size > 2 else ()
            head = (_norm(tokens[i].text),) if size > 1 else ()
            tail = _norm(tokens[last].text)
            entity = self._names.get((*head, *middle, tail)) if size > 1 else self._names.get((tail,))
            if entity is not None:
                return Match(entity, i, last, possessive=False)
            stripped = _norm(_strip_possessive(tokens[last].text))
            if stripped != tail:
                entity = (
                    self._names.get((*head, *middle, stripped)) if size > 1 else self._names.get((stripped,))
                )
                if entity is not None:
                    return Match(entity, i, last, possessive=True)
        return None

    def scan(self, tokens: list[Token]) -> list[Match]:
        """Every non-overlapping known name in ``tokens``, left to right."""
        found = []
        i = 0
        while i < len(tokens):
            text = tokens[i].text
            match = self.match_at(tokens, i) if text[:1].isupper() or text == "the" else None
            if match is None:
                i += 1
            else:
                found.append(match)
                i = match.last + 1
        return found

    def country(self, name: str) -> Entity | None:
        return self.countries.get(name)


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
        entity = Entity(row["name"], row["kind"], row.get("country"))
        names.extend((name, entity) for name in [row["name"], *row.get("aliases", [])])
        shorts.extend((short, entity) for short in row.get("short", []))
    result = Gazetteer(names, shorts)
    result.countries = countries
    return result
