"""The hard cases the issue names: whose figure, who said it, official or not, superseded, keys.

Each test states one behaviour in a short passage written for it; the annotated development
set (test_extractor_devset.py) measures the same behaviours at scale.
"""

from __future__ import annotations

import pytest

from newsdesk import schemas
from newsdesk.extraction import Extractor
from newsdesk.records import Article, Claim


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def extract(extractor: Extractor, text: str, title: str = "") -> list[Claim]:
    article = Article(
        id="case", url=None, title=title, text=text, published="2025-01-01T00:00:00Z", outlet=None, feed=None,
        fetched_at="2025-01-01T00:00:00Z",
    )  # fmt: skip
    found = extractor.extract(article)
    for claim in found:
        assert schemas.errors("claim", claim.to_dict()) == []
        assert claim.evidence is not None
        field = title if claim.evidence.field == "title" else text
        assert field[claim.evidence.number_start : claim.evidence.number_end] == claim.number_text
        assert field[claim.evidence.start : claim.evidence.end] == claim.sentence
    return found


def one(found: list[Claim], value: float | None = None, vague: str | None = None) -> Claim:
    matching = [
        c for c in found if (value is not None and c.value == value) or (vague and c.vague_text == vague)
    ]
    assert len(matching) == 1, [(c.metric, c.value, c.vague_text) for c in found]
    return matching[0]


def test_an_adversary_counting_the_other_sides_losses_is_not_official(extractor: Extractor) -> None:
    found = extract(
        extractor,
        "KYIV, Ukraine (AP) — Ukraine's General Staff said on Tuesday that Russian forces lost 1,150 troops "
        "over the previous 24 hours.",
    )
    claim = one(found, 1150)
    assert (claim.metric, claim.party, claim.official) == ("casualties", "Russia", False)


def test_a_government_about_its_own_soldiers_is_official(extractor: Extractor) -> None:
    found = extract(
        extractor,
        "Kyiv, which rarely discloses its military losses, said in December that 43,000 of its soldiers "
        "had been killed.",
    )
    claim = one(found, 43_000)
    assert (claim.party, claim.subject, claim.official, claim.source) == ("Ukraine", "troops", True, "Kyiv")


def test_foreign_intelligence_is_not_official(extractor: Extractor) -> None:
    found = extract(
        extractor,
        "Russia's military is likely to have suffered around 1,500 casualties a day, Britain's Ministry of "
        "Defence said in its regular intelligence update.",
    )
    claim = one(found, 1500)
    assert (claim.party, claim.official, claim.stance, claim.qualifier) == (
        "Russia",
        False,
        "estimated",
        "approx",
    )


@pytest.mark.parametrize(
    "text",
    [
        "At least 120 civilians were killed in the raid, the Sudan Doctors Network said.",
        "More than 2,100 people have been arrested, according to a tally by The Associated Press.",
        "Relatives say more than 100 workers are still missing.",
        "Western officials have put Russian losses in the hundreds of thousands.",
    ],
)
def test_monitors_media_tallies_and_anonymous_sources_are_not_official(
    extractor: Extractor, text: str
) -> None:
    found = extract(extractor, text)
    assert found
    assert not any(c.official for c in found)


def test_a_company_about_its_own_customers_is_official_and_researchers_are_not(extractor: Extractor) -> None:
    found = extract(
        extractor,
        "MedLink Health Systems, which runs 34 hospitals, said the records of "
        "2.1 million patients were exposed "
        "in a ransomware attack. Security researchers at the firm Hexaguard "
        "estimated that as many as 6 million "
        "people could be affected.",
    )
    company = one(found, 2_100_000)
    assert (company.party, company.official, company.metric, company.subject) == (
        "MedLink Health Systems",
        True,
        "affected",
        "customers",
    )
    researchers = one(found, 6_000_000)
    assert (researchers.party, researchers.official, researchers.qualifier) == (
        "MedLink Health Systems",
        False,
        "at_most",
    )


def test_a_disaster_agency_on_its_territory_is_official_and_rose_by_one_gives_the_total(
    extractor: Extractor,
) -> None:
    found = extract(
        extractor,
        "MALATYA, Turkey (Reuters) - The death toll from a magnitude 6.8 "
        "earthquake that struck eastern Turkey "
        "on Tuesday rose by one to 115, the country's disaster management agency AFAD said.",
    )
    assert [(c.metric, c.value) for c in found] == [("killed", 115)]
    claim = found[0]
    assert (claim.party, claim.official, claim.stance, claim.event, claim.source) == (
        "Turkey",
        True,
        "revised",
        "earthquake",
        "AFAD",
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Authorities raised the toll to 121, surpassing their previous toll of 115.", 115),
        ("The ministry said 1,032 people had been injured, up from 930 a day earlier.", 930),
        (
            "The spy agency now puts the dead at about 2,000, roughly double its previous estimate of 1,100.",
            1100,
        ),
        (
            "The company said 37 million customers were affected, far more than "
            "the 5 million it first disclosed.",
            5e6,
        ),
        ("Marketa had earlier said that no more than 300,000 accounts were affected.", 300_000),
    ],
)
def test_figures_given_as_replaced_are_superseded(extractor: Extractor, text: str, value: float) -> None:
    found = extract(extractor, text)
    assert one(found, value).superseded
    assert all(not c.superseded for c in found if c.value != value)


def test_the_first_time_he_acknowledged_more_than_a_handful(extractor: Extractor) -> None:
    found = extract(
        extractor,
        "North Korean leader Kim Jong Un held a ceremony on Friday. It is the first time he has acknowledged "
        "that more than a handful of soldiers were killed.",
    )
    claim = one(found, vague="a handful")
    assert (claim.superseded, claim.official, claim.source, claim.party) == (
        True,
        True,
        "Kim Jong Un",
        "North Korea",
    )


def test_pronouns_and_short_names_reach_the_person_named_before(extractor: Extractor) -> None:
    found = extract(
        extractor,
        "Hezbollah leader Naim Qassem spoke on television on Sunday.\n\n"
        '"We will not be broken," Qassem said. He also said 12 of the group\'s commanders had been killed.',
    )
    claim = one(found, 12)
    assert (claim.source, claim.party, claim.official, claim.subject) == (
        "Naim Qassem",
        "Hezbollah",
        True,
        "fighters",
    )


def test_mixed_quotes_take_the_attribution_that_follows(extractor: Extractor) -> None:
    found = extract(
        extractor,
        '"At least 40 people died in the attack," the governor of Kherson '
        "said, adding that 100 were wounded.",
    )
    assert {(c.metric, c.value, c.qualifier) for c in found} == {
        ("killed", 40, "at_least"),
        ("injured", 100, "exact"),
    }
    assert all(c.source is not None and "governor" in c.source for c in found)
    assert all(c.party == "Ukraine" and c.official for c in found)


def test_titles_give_people_their_kind_and_country(extractor: Extractor) -> None:
    found = extract(
        extractor,
        "North Carolina Governor Roy Cooper said 95 people had been confirmed "
        "dead in his state and that about "
        "600 remained unaccounted for.",
    )
    dead = one(found, 95)
    assert (dead.source, dead.source_kind, dead.official, dead.stance) == (
        "Roy Cooper",
        "government",
        True,
        "acknowledged",
    )
    assert (dead.party, dead.location) == ("United States", "North Carolina")
    missing = one(found, 600)
    assert (missing.metric, missing.qualifier, missing.official) == ("missing", "approx", True)


def test_differently_worded_articles_meet_on_one_key(extractor: Extractor) -> None:
    first = extract(
        extractor,
        "LAHAINA, Hawaii (AP) — The Maui wildfires death toll climbed to 99 on Monday, Hawaii Governor Josh "
        "Green said.",
    )
    second = extract(
        extractor,
        "Deaths from the blazes that tore through the town of Lahaina now stand at 101, Maui police chief "
        "John Pelletier told reporters.",
    )
    assert one(first, 99).figure_key == one(second, 101).figure_key == "united-states:people:killed"
    assert one(first, 99).location == one(second, 101).location == "Hawaii"
    assert {one(first, 99).event, one(second, 101).event} <= {"wildfire", "fire"}  # one family of incident
    troops = [
        extract(extractor, f"Seoul said 600 North Korean {noun} had been killed.")[0].figure_key
        for noun in ("troops", "soldiers", "servicemen")
    ]
    assert troops == ["north-korea:troops:killed"] * 3


def test_an_incremental_figure_and_a_range(extractor: Extractor) -> None:
    found = extract(
        extractor,
        "The company said bank details had been exposed for about 2.5 million more customers than thought. "
        "Between 20 and 30 rioters were hurt, according to hospital sources.",
    )
    more = one(found, 2_500_000)
    assert (more.increment, more.metric, more.stance) == (True, "affected", "revised")
    ranged = [c for c in found if c.qualifier == "range"]
    assert [(c.low, c.high, c.metric, c.official) for c in ranged] == [(20, 30, "injured", False)]


def test_vague_quantities_keep_their_wording(extractor: Extractor) -> None:
    found = extract(
        extractor,
        "Provincial officials said tens of thousands of people had been forced from their homes, and that "
        "a handful of journalists were hurt.",
    )
    assert {(c.metric, c.vague_text) for c in found} == {
        ("displaced", "tens of thousands"),
        ("injured", "a handful"),
    }


def test_a_press_release_speaks_for_its_issuer(extractor: Extractor) -> None:
    found = extract(
        extractor,
        "MEDIA RELEASE — Metropolitan Police\n\nOfficers arrested 45 people "
        "during protests in central London "
        "on Saturday. Nine officers sustained minor injuries.",
    )
    assert {(c.metric, c.value, c.source, c.official) for c in found} == {
        ("arrested", 45, "Metropolitan Police", True),
        ("injured", 9, "Metropolitan Police", True),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Turnout was 59.7%, the lowest since 2001, and Labour won 411 of the 650 seats.",
        "Shares fell 4.1% and the company faces a fine of up to €18 billion.",
        "The mine produces about 3 million tonnes of coal a year and employs 9,000 people.",
        "Nearly all of its 200 inhabitants were at home when the quake struck at 23:11 on Friday.",
        "Only three of the dead had been identified, and 170 people had been rescued.",
        "City beat Arsenal 3-1 in front of a crowd of 53,400 on 12 March 2024.",
        "Police said cash amounting to more than R4.5 million had been seized over the same period.",
        "The justice minister said the average age of those detained was 17.",
        "The forensic institute had identified 62 bodies by Sunday night, the justice department said.",
    ],
)
def test_distractors_give_no_claims(extractor: Extractor, text: str) -> None:
    assert extract(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("An outbreak in the east between 2018 and 2020 killed nearly 2,300 people.", [2300]),
        ("Between 1800 and 2000 people were killed, officials said.", [None]),  # a range of people
        ("It said 18,210 people had been arrested across 161 cities and 144 universities.", [18210]),
        (
            "The toll has risen to 217, of whom 213 died in Valencia, the committee said on Monday, as "
            "soldiers, police and thousands of volunteers continued to clear mud-choked streets.",
            [217, 213],
        ),
    ],
)
def test_spans_of_years_places_and_helpers_are_not_counted(
    extractor: Extractor, text: str, values: list[float | None]
) -> None:
    assert [claim.value for claim in extract(extractor, text)] == values


def test_two_incidents_in_one_country_carry_their_event(extractor: Extractor) -> None:
    fire = extract(extractor, "A fire at a nightclub in Kocani killed 59 people, the Interior Ministry said.")
    crash = extract(
        extractor, "A bus plunged off a mountain road, killing 12 people, the Interior Ministry said."
    )
    assert (one(fire, 59).event, one(crash, 12).event) == ("fire", "road-crash")


def test_linear_on_pathological_inputs(extractor: Extractor) -> None:
    # Each finishes in time linear in its size; the assertions are on what comes out.
    assert extract(extractor, "9" * 1_000_000) == []
    assert len(extract(extractor, '"' * 10_000 + "5 people died" + '"' * 10_000)) <= 1
    sentence = "Officials in Kharkiv said 5 people were killed and it said 3 were hurt, " * 14_000
    found = extract(extractor, sentence)
    assert {(c.metric, c.value) for c in found} == {("killed", 5), ("injured", 3)}
    commas = extract(
        extractor, "Police said 12 people were arrested" + ", " * 100_000 + "and 4 were injured."
    )
    assert {(c.metric, c.value) for c in commas} == {("arrested", 12), ("injured", 4)}
    assert extract(extractor, "Kim Jong Un North Korea " * 40_000) == []
    assert extract(extractor, "it said " * 120_000 + "5 died.")[0].value == 5


def test_a_place_after_in_is_where_the_speaker_is_not_who_speaks(extractor: Extractor) -> None:
    text = (
        "BIRMINGHAM, Ala. (AP) — UAB Hospital in Birmingham said it was treating 14 of the injured. "
        "Two further men were detained overnight, a spokesperson for the "
        "prosecutor's office in Karlsruhe said."
    )
    sources = {claim.value: claim.source for claim in extract(extractor, text)}
    assert sources == {14: "UAB Hospital", 2: "the prosecutor's office in Karlsruhe"}


def test_a_place_inside_a_persons_name_is_no_place(extractor: Extractor) -> None:
    (claim,) = extract(extractor, "Odisha's chief secretary Pradeep Jena later revised the toll down to 275.")
    assert (claim.source, claim.party, claim.official) == ("Pradeep Jena", "India", True)


def test_a_foreign_agency_counts_the_disasters_country_and_is_not_official(extractor: Extractor) -> None:
    claims = extract(
        extractor,
        "Myanmar's military government said 1,644 people had been killed in the earthquake. "
        "The U.S. Geological Survey has estimated that deaths could exceed 10,000.",
    )
    assert {(c.value, c.party, c.official) for c in claims} == {
        (1644, "Myanmar", True),
        (10000, "Myanmar", False),
    }


def test_rights_groups_are_monitors(extractor: Extractor) -> None:
    claims = extract(
        extractor,
        "Ecuador's president said 20 inmates were killed on Monday. "
        "Rights groups say more than 500 inmates have died in prison violence since then.",
    )
    assert {(c.value, c.source, c.official) for c in claims} == {
        (20, "Ecuador's president", True),
        (500, "Rights groups", False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials said 200 additional Railway Protection Force (RPF) personnel had been deployed.",
            ("deployed", 200),
        ),
        (
            "The Defense Ministry said 2,800 soldiers and militia members had been sent to the sites.",
            ("deployed", 2800),
        ),
        (
            "The spokesman said 685 firefighters, 190 fire engines and 33 aircraft were fighting the fire.",
            ("deployed", 685),
        ),
        (
            "The spokesman said another 200 firefighters from other regions were on their way.",
            ("deployed", 200),
        ),
        (
            "The force said 14 of its soldiers serving with the UN mission had been killed in the fighting.",
            ("killed", 14),
        ),
        ("The IOM says more than 700,000 people are internally displaced in Haiti.", ("displaced", 700000)),
        ("The mayor said 372 people had been declared missing by their relatives.", ("missing", 372)),
        (
            "An official said some 4,000 people were sleeping in the open after the quake.",
            ("displaced", 4000),
        ),
        (
            "Police said officers had helped evacuate 3,800 residents from a dozen villages.",
            ("displaced", 3800),
        ),
        ("The UN office said it had documented the killings of 111 civilians so far.", ("killed", 111)),
        ('The army said troops had "eliminated" about 40 fighters over the weekend.', ("killed", 40)),
        ("The WHO said it had recorded 19 confirmed deaths in the outbreak.", ("killed", 19)),
        ("About 300 soldiers sent to fight in Kursk have been killed, the spy agency said.", ("killed", 300)),
        ('The group said its fighters had killed or wounded "more than 20" soldiers.', ("casualties", 20)),
        (
            "Officials estimated that Russia's combined dead and wounded passed 600,000.",
            ("casualties", 600000),
        ),
        ("The mayor said about 1,700 residents of his municipality were homeless.", ("displaced", 1700)),
        ("Police said one of the wounded had died in hospital overnight.", ("killed", 1)),
    ],
)
def test_figures_in_longer_phrases_are_found(
    extractor: Extractor, text: str, expected: tuple[str, float]
) -> None:
    assert [(claim.metric, claim.value) for claim in extract(extractor, text)] == [expected]


def test_a_bare_toll_is_not_joined_to_the_clause_after_it(extractor: Extractor) -> None:
    claims = extract(
        extractor,
        "The death toll from the mine explosion has risen to 17, up from nine reported on Friday, and five "
        "miners remain trapped underground, the rescue headquarters said.",
    )
    assert sorted((c.metric, c.value) for c in claims) == [("killed", 9), ("killed", 17), ("missing", 5)]


def test_a_spokesman_speaks_for_the_body_named_with_him_or_quoted_before(extractor: Extractor) -> None:
    claims = extract(
        extractor,
        "Government spokesman Patrick Muyaya said more than 2,000 bodies had been recovered in Goma.\n\n"
        'M23\'s spokesman Lawrence Kanyuka said the rebels had captured "more than 1,200" government '
        'soldiers, whom he said would be "re-educated".\n\n'
        "UN humanitarian spokesman Martin Okello said close to 2,900 people had been wounded.\n\n"
        "The U.N. human rights office said gangs killed 70 people in Pont-Sonde. Spokeswoman Ravina "
        "Shamdasani said 16 people were seriously wounded.",
    )
    official = {claim.value: (claim.source, claim.official) for claim in claims}
    assert official[2000] == ("Patrick Muyaya", True)
    assert official[1200] == ("Lawrence Kanyuka", False)
    assert official[2900] == ("Martin Okello", False)
    assert official[16] == ("Ravina Shamdasani", False)


def test_captives_who_escaped_or_returned_are_not_the_held_figure(extractor: Extractor) -> None:
    claims = extract(
        extractor,
        "Eleven of the worshippers abducted from a mosque in Gidan Dawa village, Kaura Namoda Local "
        "Government Area of Zamfara State, have escaped from their captors, the police said, leaving 31 "
        "still held by the bandits. A total of 137 pupils are still being held by gunmen, the state "
        "government said, after 37 children who fled into the bush during the attack returned home.",
    )
    assert sorted((c.metric, c.value) for c in claims) == [("captured", 31), ("captured", 137)]


def test_a_person_introduced_with_a_role_of_their_own_keeps_it(extractor: Extractor) -> None:
    claims = extract(
        extractor,
        "Gunmen abducted 174 pupils from a school in Kaduna state on Thursday, police said. The school's "
        "head teacher, Malam Sani Abdullahi, told reporters that 287 pupils were missing after a roll call.",
    )
    assert {(c.value, c.official) for c in claims} == {(174, True), (287, False)}


def test_company_staff_and_officials_arrested_are_counted(extractor: Extractor) -> None:
    (claim,) = extract(
        extractor,
        "The Lagos State Police Command said it had arrested two officials of the construction company.",
    )
    assert (claim.metric, claim.value, claim.official) == ("arrested", 2, True)


def test_a_projection_is_an_estimate_marked_as_projected(extractor: Extractor) -> None:
    claims = extract(
        extractor,
        "The death toll from the landslides in Ethiopia has risen to 241, the interior ministry said on "
        "Friday, warning that it could climb as high as 450.",
    )
    assert {(c.value, c.high, c.stance, c.official, c.projected) for c in claims} == {
        (241, 241, "revised", True, False),
        (450, 450, "estimated", True, True),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The death toll from the tanker explosion rose to 21 on Sunday after four of the injured died in "
            "hospital, police said.",
            [("killed", 21), ("killed", 4)],
        ),
        (
            "Rescuers have brought up 60 bodies and 212 survivors from the mine, police said.",
            [("killed", 60)],
        ),
        (
            "The state government said 48 people had died, all but one of them in São Sebastião.",
            [("killed", 48)],
        ),
        ("The ministry said 35 ambulances had been sent to the scene.", []),
    ],
)
def test_what_a_bare_toll_survivors_and_vehicles_are_not(
    extractor: Extractor, text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(claim.metric, claim.value) for claim in extract(extractor, text)] == expected


def test_who_speaks_citing_alleging_working_somewhere_or_governing_a_region(extractor: Extractor) -> None:
    claims = extract(
        extractor,
        "Nine people were killed when a building collapsed in Cairo, state news agency MENA reported, citing "
        "the Cairo governorate.\n\n"
        "Medecins Sans Frontieres said its teams in Tawila, North Darfur, had recorded 85 deaths.\n\n"
        'Opposition leader Akhilesh Yadav alleged that the government was lying and claimed that "more than '
        '100" people had died.\n\n'
        "Acting Governor of the Kursk Region Alexey Smirnov said that 12 civilians had been killed.",
    )
    sources = {claim.value: claim.source for claim in claims}
    assert sources == {
        9: "the Cairo governorate",
        85: "Doctors Without Borders",
        100: "Akhilesh Yadav",
        12: "Alexey Smirnov",
    }


def test_a_wire_press_release_speaks_for_its_issuer_and_a_breach_keeps_its_company(
    extractor: Extractor,
) -> None:
    release = extract(
        extractor,
        'NASHVILLE, Tenn.--(BUSINESS WIRE)--Kestrel Health Partners ("Kestrel", "we") today is providing '
        "notice of a data security incident. Our investigation has determined that files containing the "
        "personal information of approximately 4.2 million individuals were copied from our systems.",
    )
    assert [(c.party, c.source, c.official, c.value) for c in release] == [
        ("Kestrel Health", "Kestrel Health", True, 4_200_000)
    ]
    update = extract(
        extractor,
        "July 10 (Reuters) - Kestrel Health Partners has raised the number of people whose data was stolen "
        "in a ransomware attack to 5.9 million from 4.2 million, according to an updated filing.",
    )
    assert {(c.party, c.official, c.value, c.superseded) for c in update} == {
        ("Kestrel Health", True, 5_900_000, False),
        ("Kestrel Health", True, 4_200_000, True),
    }


def test_parts_of_a_total_and_people_found_alive_are_marked_or_dropped(extractor: Extractor) -> None:
    claims = extract(
        extractor,
        "The governor said 27 people were injured. Among the injured were three children, he said.\n\n"
        "Eleven people remain missing, while two residents listed as missing were found alive in hospital, "
        "the emergency service said.",
    )
    assert sorted((c.metric, c.value, c.part) for c in claims) == [
        ("injured", 3, True),
        ("injured", 27, False),
        ("missing", 11, False),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"More than 3,000 personnel of the Nepal Army, Nepal Police and Armed Police Force have been '
            'mobilised for search and rescue," the spokesman said.',
            [("deployed", 3000)],
        ),
        (
            "More than 80,000 people have been driven from their homes, the agency said.",
            [("displaced", 80000)],
        ),
        ("Rains have affected more than 260 of the state's 497 municipalities, the agency said.", []),
    ],
)
def test_long_subjects_homes_left_and_shares_of_places(
    extractor: Extractor, text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(claim.metric, claim.value) for claim in extract(extractor, text)] == expected
