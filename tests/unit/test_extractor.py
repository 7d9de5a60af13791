"""Claim extraction on the seed article and on the shapes of sentence news copy uses most."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.seeds import load_seed
from newsdesk import schemas
from newsdesk.extraction import Extractor
from newsdesk.records import Article, Claim

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def article(text: str, title: str = "", published: str | None = "2025-01-01T00:00:00Z") -> Article:
    return Article(
        id="t1", url=None, title=title, text=text, published=published, outlet=None, feed=None,
        fetched_at="2025-01-01T00:00:00Z",
    )  # fmt: skip


def claims(extractor: Extractor, text: str, title: str = "") -> list[Claim]:
    found = extractor.extract(article(text, title))
    for claim in found:
        assert schemas.errors("claim", claim.to_dict()) == []
    return found


def test_seed_article(extractor: Extractor) -> None:
    seed = load_seed(ROOT / "seeds" / "000_e33a1d4c89308a14.txt")
    found = extractor.extract(seed)
    by_value = {(c.metric, c.value, c.vague_text): c for c in found}

    hundred = by_value[("killed", 100, None)]
    assert (hundred.party, hundred.subject, hundred.official) == ("North Korea", "troops", True)
    assert hundred.source == "Kim Jong Un"
    assert hundred.stance == "acknowledged"
    assert hundred.figure_key == "north-korea:troops:killed"
    assert hundred.evidence is not None
    text = seed.title if hundred.evidence.field == "title" else seed.text
    assert text[hundred.evidence.start : hundred.evidence.end] == hundred.sentence
    assert text[hundred.evidence.number_start : hundred.evidence.number_end] == "100"

    handful = by_value[("killed", None, "a handful")]
    assert handful.superseded
    assert handful.official
    assert handful.source == "Kim Jong Un"  # "he" is the story's protagonist, not Putin

    six_hundred = by_value[("killed", 600, None)]
    assert (six_hundred.party, six_hundred.official, six_hundred.qualifier) == (
        "North Korea",
        False,
        "approx",
    )
    assert "intelligence" in (six_hundred.source or "").lower()

    casualties = by_value[("casualties", 4700, None)]
    assert casualties.official is False
    assert casualties.source == "National Intelligence Service"

    # Tonnage, years and dates are not figures.
    assert all(c.value not in {7_500_000, 2024, 2025} for c in found)
    # Official claims come last, superseded before current, so tracking sees context first.
    officials = [c.official for c in found]
    assert officials == sorted(officials)


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("Officials said 47 people were killed in the earthquake.", "killed", 47),
        ("The blast killed 31 people and injured 50 others, police said.", "killed", 31),
        ("The death toll rose to 115, the ministry said.", "killed", 115),
        ("At least 12 people were injured in the crush, the governor said.", "injured", 12),
        ("Rescuers said 30 people remain missing after the landslide.", "missing", 30),
        ("Police said 120 protesters were arrested overnight.", "arrested", 120),
        ("The floods have displaced 40,000 residents, the agency said.", "displaced", 40_000),
        ("The company said 37 million customers were affected by the breach.", "affected", 37_000_000),
        ("The ministry said 4,700 soldiers were wounded.", "injured", 4_700),
    ],
)
def test_common_shapes(extractor: Extractor, text: str, metric: str, value: float) -> None:
    found = claims(extractor, text)
    assert (metric, value) in [(c.metric, c.value) for c in found]


@pytest.mark.parametrize(
    "text",
    [
        "The company lost $4.5 million in the quarter.",
        "Turnout rose to 64 percent, officials said.",
        "The 7.8-magnitude earthquake struck at 4:17 a.m. on February 6, 2023.",
        "A 35-year-old man was arrested in 2024.",
        "The refinery processes 7.5 million tons of oil a year.",
        "More than 3,000 buildings collapsed and 200 aftershocks followed.",
        "The city of 2 million people lies 40 km from the border.",
        "Russia fired 40 missiles and 100 drones overnight.",
    ],
)
def test_distractors_are_not_claims(extractor: Extractor, text: str) -> None:
    assert claims(extractor, text) == []


def test_rose_by_one_to_115_is_115(extractor: Extractor) -> None:
    found = claims(extractor, "The death toll rose by one to 115, the health ministry said.")
    assert [(c.metric, c.value) for c in found] == [("killed", 115)]


def test_up_from_marks_the_old_figure_superseded(extractor: Extractor) -> None:
    found = claims(extractor, "Authorities in Turkey said the toll had risen to 47, up from 31 on Monday.")
    by_value = {c.value: c for c in found}
    assert by_value[31].superseded
    assert not by_value[47].superseded


def test_official_versus_foreign_estimate(extractor: Extractor) -> None:
    text = (
        "Ukraine's General Staff said 1,200 Russian soldiers were killed on Tuesday. "
        "The Russian Defence Ministry said 300 Russian soldiers had died in the fighting."
    )
    by_value = {c.value: c for c in claims(extractor, text)}
    assert by_value[1200].party == "Russia"
    assert not by_value[1200].official
    assert by_value[300].party == "Russia"
    assert by_value[300].official


def test_company_about_its_own_customers_is_official(extractor: Extractor) -> None:
    found = claims(extractor, "Ticketmaster said 560 million customers were affected by the breach.")
    assert [(c.party, c.official, c.metric) for c in found] == [("Ticketmaster", True, "affected")]


def test_claims_are_deduplicated_within_an_article(extractor: Extractor) -> None:
    text = "Officials in Japan said 12 people died.\n\nOfficials in Japan said 12 people died."
    assert len(claims(extractor, text)) == 1


def test_pathological_inputs_stay_linear(extractor: Extractor) -> None:
    nested = '"' * 10_000 + "5 people died" + '"' * 10_000
    assert len(claims(extractor, nested)) <= 1
    assert claims(extractor, "9" * 1_000_000) == []
