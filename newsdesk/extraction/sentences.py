"""Split article text into sentences with their character offsets.

Handles what trips naive splitters in news copy: abbreviations and initials ("Gen.",
"U.S.", "J. Smith"), closing quotes after the full stop, wire datelines such as
"Moscow [Russia], January 4 (ANI):" or "KYIV, Ukraine (AP) —", live-blog time stamps
("09:12 GMT —", "Updated 08:14 —") and release headers ("PRESS RELEASE — Ministry of
Defence"). Leads are cut off so their dates never look like figures, and kept aside: a
dateline says where the story happens, a release header who speaks in it. One
regular-expression pass per paragraph: linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"[^\n]+")

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, white space,
# then something that can open a sentence.
# The look-behind keeps a run of dots from being tried at every one of its positions (linear time).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s+[\"'“‘(\[]?[A-Z0-9])")

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm cmdr gov sen rep rev st sr jr jan feb mar
    apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun no nos vol fig approx est inc
    ltd corp co dept univ ave blvd mt ft pres vs etc al e.g i.e ky calif fla ala ariz ark colo conn
    ill kan la md mich minn mont neb nev okla ore pa tenn vt va wis wyo wash
    """.split()
)

# Dotted acronyms such as "U.S." end a sentence only when a typical sentence opener follows.
_OPENERS = frozenset(
    """
    The A An He She It They We I This That These Those But And In On At As After Before When While
    However Meanwhile Officials Authorities Police
    """.split()
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATELINE = re.compile(
    r"""^\s*
    (?:
      (?P<place1>[A-Z][\w.'’-]*(?:[ /][A-Z][\w.'’-]*){0,3})  # place: Moscow, NEW DELHI, DUBAI/JERUSALEM
      (?:\s*[\[(][^\])\n]{1,40}[\])])?                    # [Russia], (Andhra Pradesh)
      (?:,\s*[A-Z][\w.'’-]*(?:[ ][\w.'’-]+){0,3})?       # , January 4  /  , Ukraine
      \s*\([^)\n]{1,40}\)                                # (ANI) / (AP)
      \s*(?:[:—–]|--?)\s*
    |
      (?P<place2>[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+){0,3})   # WASHINGTON —
      (?:,\s*[A-Z][\w.'’-]*(?:[ ][\w.'’-]+){0,2})?
      \s*(?:[—–]{1,2}|--)\s*
    |
      (?P<place3>[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3})   # Tirupati (Andhra Pradesh), Jan 9 (PTI)
      (?:\s*[\[(][^\])\n]{1,40}[\])])?                    # BELGOROD, March 12. /TASS/.
      ,\s*"""
    + _MONTH
    + r"""\s*\d{1,2}\.?\s*(?:\([^)\n]{1,20}\)|/[^/\n]{1,20}/\.?)\s*(?:[:—–]|--?)?\s*
    |
      (?P<place4>[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,2})   # Accra, 3 October —  /  Oslo, 4 March 2025 —
      ,\s*\d{1,2}\s+"""
    + _MONTH
    + r"""(?:\s+\d{4})?\s*(?:[—–]{1,2}|--|:)\s*
    )""",
    re.VERBOSE,
)
# "Updated 08:14 —", "09:12 GMT —", "Earlier —", "14:05 BST:" at the start of a live-blog entry.
_TIMESTAMP = re.compile(
    r"""^\s*(?:(?:Updated|UPDATED|Update|UPDATE)\s+)?
    (?:\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|UTC|BST|CET|CEST|EST|EDT|ET|PT|local(?:\ time)?))*
      |Earlier|EARLIER|Update|UPDATE|Breaking|BREAKING|Just\ in|JUST\ IN)
    \s*(?:[—–:|]|--?)\s*""",
    re.VERBOSE,
)
# "PRESS RELEASE — Ministry of Defence", "MEDIA RELEASE: Metropolitan Police", "FOR IMMEDIATE RELEASE".
_RELEASE = re.compile(
    r"^\s*(?:(?P<before>[^\n.—–:|]{2,60}?)\s*(?:[—–:|]|--?)\s*)?"
    r"(?:(?:PRESS|MEDIA|NEWS|OFFICIAL)\s+(?:RELEASE|STATEMENT)|FOR\s+IMMEDIATE\s+RELEASE|STATEMENT)"
    r"(?:\s+(?:FROM|BY|OF)\s+(?P<from>[^\n.]{2,80}?)|\s*(?:(?:[—–:|]|--?)\s*(?P<issuer>[^\n.]{2,80}?))?)\s*$",
    re.IGNORECASE,
)
_AGENCY = re.compile(r"\(([^()\n]{1,40})\)|/([^/\n]{1,20})/")
# "NASHVILLE, Tenn.--(BUSINESS WIRE)--Kestrel Health Partners today ...", "/PRNewswire/ -- Acme Corp.":
# a wire-distributed press release; the name after the tag is its issuer.
_WIRE_RELEASE = re.compile(
    r"^(?P<place>[^\n()/]{0,60}?)\s*(?:--|—|–|-)?\s*[(/]"
    r"(?:BUSINESS\s+WIRE|GLOBE\s+NEWSWIRE|PRNewswire|PR\s+Newswire|ACCESSWIRE|ACCESS\s+Newswire|Newsfile)"
    r"[)/]\s*(?:--|—|–|-)\s*",
    re.IGNORECASE,
)
_ISSUER_NAME = re.compile(r"[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of|and|&|for))*")


# Not frozen, though never changed once built: one is built for every sentence,
# and a frozen dataclass pays an ``object.__setattr__`` per field to build
# (``replace`` makes a changed copy).
@dataclass(slots=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Lead:
    """What the first lines of an article say about it, beside its sentences."""

    dateline: str | None = None
    """The place of a wire dateline ("MALATYA Turkey" of "MALATYA, Turkey (Reuters) -")."""
    issuer: str | None = None
    """Who issues a press release ("Ministry of Defence")."""
    release: bool = False
    """The text is a press release: its issuer speaks wherever no one else is said to."""
    agency: str | None = None
    """The news agency of a dateline ("KCNA" of "Pyongyang, August 23 (KCNA) --")."""


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; offsets index ``text`` itself."""
    return split_with_lead(text)[0]


def split_with_lead(text: str) -> tuple[list[Sentence], Lead]:
    sentences: list[Sentence] = []
    dateline: str | None = None
    issuer: str | None = None
    agency: str | None = None
    release = False
    for index, para in enumerate(_PARAGRAPH.finditer(text)):
        start = para.start()
        body = para.group()
        if index < 3 and not release:
            header = _RELEASE.match(body)
            if header is not None and (header.group("before") is None or _shouts(header.group("before"))):
                release = True
                issuer = _issuer(header.group("issuer") or header.group("from") or header.group("before"))
                continue
        wire = _WIRE_RELEASE.match(body) if index < 3 and not release else None
        if wire is not None and wire.end() < len(body):
            release = True
            name = _ISSUER_NAME.match(body, wire.end())
            issuer = name.group().rstrip(".") if name else None
            dateline = dateline or (" ".join(wire.group("place").replace(",", " ").split()) or None)
            sentences.extend(_split_paragraph(body[wire.end() :], start + wire.end(), index))
            continue
        lead = _DATELINE.match(body) or _TIMESTAMP.match(body)
        if lead and lead.end() < len(body):
            if dateline is None and lead.re is _DATELINE and index < 3:
                dateline = _dateline_place(lead.group(0))
                found = _AGENCY.findall(lead.group(0))
                agency = "".join(found[-1]).strip() if found else None
            start += lead.end()
            body = body[lead.end() :]
        sentences.extend(_split_paragraph(body, start, index))
    return sentences, Lead(dateline, issuer, release, agency)


def _dateline_place(lead: str) -> str:
    """ "KYIV, Ukraine (AP) —" -> "KYIV, Ukraine"; "Moscow [Russia], January 4 (ANI):" -> "Moscow Russia"."""
    place = re.split(r"\((?=[^)]*\)\s*(?:[:—–-]|$))|—|–|--|/(?=[^/]*/)", lead, maxsplit=1)[0]
    place = place.replace("[", " ").replace("]", " ").replace("(", " ").replace(")", " ").replace("/", " ")
    return " ".join(place.replace(",", " ").split())


def _shouts(text: str) -> bool:
    """A header's words before "PRESS STATEMENT" name its issuer only when set like one (capitals)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _issuer(text: str | None) -> str | None:
    """ "MINISTRY OF HEALTH" -> "Ministry of Health": names set in capitals, as news copy writes them."""
    if text is None:
        return None
    text = text.strip()
    if text.isupper():
        small = {"of", "for", "and", "the", "on", "de"}
        words = text.split()
        text = " ".join(
            w.lower() if w.lower() in small and i else (w if len(w) <= 3 and i else w.capitalize())
            for i, w in enumerate(words)
        )
    return text or None


def _split_paragraph(body: str, offset: int, paragraph: int) -> list[Sentence]:
    found: list[Sentence] = []
    cursor = 0
    for match in _BOUNDARY.finditer(body):
        if not _is_boundary(body, match.start(), match.end()):
            continue
        _append(found, body, cursor, match.end(), offset, paragraph)
        cursor = match.end()
    _append(found, body, cursor, len(body), offset, paragraph)
    return found


def _append(found: list[Sentence], body: str, start: int, end: int, offset: int, paragraph: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        found.append(Sentence(body[start:end], offset + start, offset + end, paragraph))


def _is_boundary(body: str, dot: int, after: int) -> bool:
    if body[dot] != ".":
        return True
    # The word right before the full stop.
    word_start = dot
    while word_start > 0 and not body[word_start - 1].isspace() and body[word_start - 1] not in "\"'“‘(":
        word_start -= 1
        if dot - word_start > 40:
            return True  # a run of non-space characters is no abbreviation
    word = body[word_start:dot]
    lowered = word.lower()
    if lowered in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return False
    if "." in word and all(len(part) <= 2 for part in word.split(".")):  # U.S, U.N, a.m
        next_word = body[after : after + 40].split(None, 1)[0] if body[after : after + 40].strip() else ""
        return next_word.strip("\"'“‘(") in _OPENERS
    return True
