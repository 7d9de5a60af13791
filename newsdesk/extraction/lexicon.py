"""English word lists the extractor reads: how news copy writes numbers, metrics and attribution.

These are facts about the language, not about the world (countries, leaders and agencies
live in ``data/``). Every entry is lower case; multi-word entries are tuples of words.
"""

from __future__ import annotations

from typing import Final

# ------------------------------------------------------------------ numbers

UNITS: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: Final = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}  # fmt: skip
# Abbreviated scales written after digits: "1.2m", "4bn", "10k", "2.5 mln".
SHORT_SCALES: Final = {"m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "k": 1_000}

# Vague quantities: wording -> (low, high). Bounds are the smallest and largest counts the
# phrase is normally used for; None where English sets no limit.
VAGUE: Final[dict[tuple[str, ...], tuple[float | None, float | None]]] = {
    ("a", "handful"): (2, 9),
    ("handful",): (2, 9),
    ("a", "few"): (2, 9),
    ("several",): (3, 9),
    ("a", "couple"): (2, 3),
    ("dozens",): (24, 99),
    ("scores",): (40, 199),
    ("hundreds",): (200, 999),
    ("thousands",): (2_000, 9_999),
    ("tens", "of", "thousands"): (20_000, 99_999),
    ("hundreds", "of", "thousands"): (200_000, 999_999),
    ("millions",): (2_000_000, 9_999_999),
    ("tens", "of", "millions"): (20_000_000, 99_999_999),
    ("hundreds", "of", "millions"): (200_000_000, 999_999_999),
}

# Words before a number that set its qualifier. Longest match wins.
MODIFIERS: Final[dict[tuple[str, ...], str]] = {
    ("more", "than"): "at_least",
    ("over",): "at_least",
    ("at", "least"): "at_least",
    ("no", "fewer", "than"): "at_least",
    ("no", "less", "than"): "at_least",
    ("upwards", "of"): "at_least",
    ("in", "excess", "of"): "at_least",
    ("just", "over"): "at_least",
    ("well", "over"): "at_least",
    ("a", "minimum", "of"): "at_least",
    ("up", "to"): "at_most",
    ("as", "many", "as"): "at_most",
    ("fewer", "than"): "at_most",
    ("less", "than"): "at_most",
    ("under",): "at_most",
    ("no", "more", "than"): "at_most",
    ("at", "most"): "at_most",
    ("a", "maximum", "of"): "at_most",
    ("just", "under"): "at_most",
    ("about",): "approx",
    ("around",): "approx",
    ("some",): "approx",
    ("roughly",): "approx",
    ("approximately",): "approx",
    ("approx",): "approx",
    ("nearly",): "approx",
    ("almost",): "approx",
    ("close", "to"): "approx",
    ("an", "estimated"): "approx",
    ("estimated",): "approx",
    ("circa",): "approx",
    ("an", "approximate"): "approx",
    ("approximate",): "approx",
    ("perhaps",): "approx",
    ("possibly",): "approx",
    ("an", "estimate", "of"): "approx",
}
# Words before a number that make it an addition to an earlier total.
INCREMENT_BEFORE: Final = {
    ("another",),
    ("a", "further"),
    ("an", "additional"),
    ("additional",),
    ("further",),
}
# Words after a number that make it approximate or a lower bound: "100-odd", "100 or so", "100-plus".
APPROX_AFTER: Final = {("odd",), ("or", "so"), ("-odd",)}
AT_LEAST_AFTER: Final = {("plus",), ("or", "more")}

# ------------------------------------------------------------------ what is not a figure

MONTHS: Final = frozenset(
    """
    january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec
    """.split()
)
WEEKDAYS: Final = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
CURRENCY_SYMBOLS: Final = frozenset(["$", "€", "£", "¥", "₹", "₽", "₩", "₺", "₴", "₪"])
CURRENCY_WORDS: Final = frozenset(
    """
    dollar dollars usd us$ euro euros eur pound pounds sterling gbp yen jpy yuan renminbi rmb cny
    rupee rupees inr ruble rubles rouble roubles rub won krw lira liras try hryvnia hryvnias uah
    shekel shekels real reais brl peso pesos franc francs chf riyal riyals rand naira dirham dirhams
    cent cents bitcoin bitcoins btc
    """.split()
)
# Units and measured things: a number followed by one of these is a measurement, not a count of people.
UNIT_WORDS: Final = frozenset(
    """
    percent per percentage pct % km kms kilometre kilometres kilometer kilometers mile miles metre
    metres meter meters m cm mm ft foot feet inch inches yard yards acre acres hectare hectares ha
    sq square ton tons tonne tonnes kg kilogram kilograms kilo kilos gram grams lb lbs pound ounce
    ounces litre litres liter liters gallon gallons barrel barrels bpd cubic mw gw kw kwh mwh gwh
    watt watts volt volts degree degrees celsius fahrenheit mph kph knots magnitude richter second
    seconds minute minutes hour hours day days week weeks month months year years decade decades
    century centuries am pm a.m p.m gmt utc bst edt est pst cet times fold point points votes seats
    """.split()
)
# Counted things that are not people (houses, vehicles, rockets...): never a casualty figure.
THING_NOUNS: Final = frozenset(
    """
    house houses home homes building buildings apartment apartments dwelling dwellings structure
    structures vehicle vehicles car cars truck trucks lorry lorries bus buses tank tanks aircraft
    plane planes jet jets helicopter helicopters ship ships boat boats vessel vessels drone drones
    missile missiles rocket rockets shell shells bomb bombs round rounds projectile projectiles
    warhead warheads weapon weapons gun guns rifle rifles artillery launcher launchers aftershock
    aftershocks earthquake earthquakes quake quakes tremor tremors fire fires wildfire wildfires
    blaze blazes storm storms flood floods incident incidents attack attacks strike strikes
    airstrike airstrikes raid raids explosion explosions blast blasts shot shots village villages
    town towns city cities district districts province provinces region regions country countries
    school schools hospital hospitals clinic clinics road roads bridge bridges animal animals cattle
    livestock sheep goat goats cow cows chicken chickens bird birds dog dogs tree trees crop crops
    acre farm farms page pages document documents file files email emails message messages post
    posts video videos photo photos image images job jobs company companies firm firms business
    businesses shop shops store stores bank banks camp camps site sites facility facilities base
    bases plant plants refinery refineries case cases test tests sample samples dose doses vaccine
    vaccines bed beds flight flights train trains route routes
    """.split()
)

# ------------------------------------------------------------------ who is counted

# Head nouns for people (and the accounts/records of people) -> normalised subject.
PERSON_NOUNS: Final = {
    **dict.fromkeys(
        """
        troops troop soldier soldiers servicemen serviceman servicemembers servicemember service-
        members personnel military marines marine sailors sailor airmen airman paratroopers
        paratrooper conscripts conscript recruits recruit reservists reservist mercenaries mercenary
        warriors warrior combatants combatant infantrymen commandos guardsmen
        """.split(),
        "troops",
    ),
    **dict.fromkeys("""
    fighters fighter militants militant insurgents insurgent rebels rebel gunmen gunman
    """.split(), "fighters"),
    **dict.fromkeys(["civilians", "civilian", "noncombatants", "non-combatants"], "civilians"),
    **dict.fromkeys(
        """
        people persons person individuals individual residents resident inhabitants villagers
        villager victims victim men women man woman adults locals local citizens citizen nationals
        pilgrims worshippers worshipers spectators fans attendees revellers revelers tourists
        tourist visitors bystanders pedestrians occupants survivors survivor
        """.split(),
        "people",
    ),
    **dict.fromkeys("""
    children child kids kid minors minor infants infant babies baby toddlers teenagers students
    students pupils schoolchildren boys girls
    """.split(), "children"),
    **dict.fromkeys(["migrants", "migrant", "refugees", "refugee", "asylum-seekers", "asylum", "seekers", "evacuees", "evacuee"], "migrants"),
    **dict.fromkeys("""
    protesters protester protestors protestor demonstrators demonstrator activists activist rioters
    rioter
    """.split(), "protesters"),
    **dict.fromkeys(["police", "policemen", "policeman", "officers", "officer", "gendarmes"], "police"),
    **dict.fromkeys(["journalists", "journalist", "reporters", "reporter"], "journalists"),
    **dict.fromkeys(["medics", "medic", "doctors", "doctor", "nurses", "nurse", "paramedics", "paramedic"], "medics"),
    **dict.fromkeys(["workers", "worker", "employees", "employee", "staff", "staffers", "labourers", "laborers"], "workers"),
    **dict.fromkeys(["miners", "miner"], "miners"),
    **dict.fromkeys(["firefighters", "firefighter", "rescuers", "rescuer"], "rescuers"),
    **dict.fromkeys(["passengers", "passenger", "crew", "crewmembers", "crewmen"], "passengers"),
    **dict.fromkeys(["patients", "patient"], "patients"),
    **dict.fromkeys(["prisoners", "prisoner", "inmates", "inmate", "detainees", "detainee"], "prisoners"),
    **dict.fromkeys(["hostages", "hostage", "captives", "captive"], "hostages"),
    **dict.fromkeys("""
    customers customer clients client subscribers subscriber users user members member account-
    holders
    """.split(), "customers"),
    **dict.fromkeys(["accounts", "account"], "accounts"),
    **dict.fromkeys(["records", "record"], "records"),
    **dict.fromkeys(["voters", "voter"], "voters"),
}  # fmt: skip

# Nouns that carry the metric themselves and may follow the number directly: "31 dead", "4,700 casualties".
METRIC_NOUNS: Final = {
    **dict.fromkeys(["dead", "deaths", "death", "fatalities", "fatality", "bodies", "corpses", "lives", "killed"], "killed"),
    **dict.fromkeys(["injured", "wounded", "injuries", "injury", "hurt"], "injured"),
    **dict.fromkeys(["casualties", "casualty", "losses"], "casualties"),
    **dict.fromkeys(["missing"], "missing"),
    **dict.fromkeys(["pows", "captives"], "captured"),
    **dict.fromkeys(["arrests", "arrest", "detentions"], "arrested"),
    **dict.fromkeys(["displaced", "homeless", "evacuated"], "displaced"),
}  # fmt: skip

# Verbs and participles after the counted noun phrase: "[100 troops] were killed".
METRIC_PREDICATES: Final[dict[tuple[str, ...], str]] = {
    **dict.fromkeys(
        [("killed",), ("dead",), ("died",), ("die",), ("perished",), ("slain",), ("lost", "their", "lives"),
         ("lost", "his", "life"), ("lost", "her", "life"), ("executed",), ("drowned",), ("murdered",),
         ("shot", "dead"), ("confirmed", "dead"), ("feared", "dead"), ("presumed", "dead"),
         ("burned", "to", "death"), ("crushed", "to", "death"), ("killed", "in", "action")],
        "killed",
    ),
    **dict.fromkeys(
        [("injured",), ("wounded",), ("hurt",), ("hospitalised",), ("hospitalized",),
         ("treated", "for", "injuries"), ("seriously", "injured"), ("critically", "injured")],
        "injured",
    ),
    **dict.fromkeys([("missing",), ("unaccounted", "for"), ("disappeared",), ("remain", "missing"),
                     ("still", "missing"), ("reported", "missing")], "missing"),
    **dict.fromkeys([("captured",), ("taken", "prisoner"), ("taken", "captive"), ("taken", "hostage"),
                     ("abducted",), ("kidnapped",), ("seized",)], "captured"),
    **dict.fromkeys([("arrested",), ("detained",), ("held",), ("jailed",), ("taken", "into", "custody"),
                     ("rounded", "up"), ("in", "custody")], "arrested"),
    **dict.fromkeys([("displaced",), ("evacuated",), ("fled",), ("forced", "from", "their", "homes"),
                     ("made", "homeless"), ("left", "homeless"), ("uprooted",), ("relocated",)], "displaced"),
    **dict.fromkeys([("deployed",), ("sent",), ("dispatched",), ("stationed",), ("mobilised",), ("mobilized",),
                     ("posted",), ("fighting",), ("serving",)], "deployed"),
    **dict.fromkeys([("affected",), ("compromised",), ("exposed",), ("impacted",), ("breached",),
                     ("stolen",), ("leaked",), ("hacked",)], "affected"),
}  # fmt: skip

# Words before the number that name the metric: "killing 31", "the death toll rose to 47", "deaths of 100".
METRIC_BEFORE: Final[dict[tuple[str, ...], str]] = {
    **dict.fromkeys(
        [("killing",), ("killed",), ("death", "toll"), ("toll",), ("deaths", "of"), ("death", "of"),
         ("bodies", "of"), ("lives", "of"), ("fatalities",), ("dead",), ("claimed", "the", "lives", "of"),
         ("killed", "at", "least"), ("number", "of", "dead"), ("number", "of", "deaths"), ("leaving",),
         ("died",), ("deaths",)],
        "killed",
    ),
    **dict.fromkeys([("injuring",), ("wounding",), ("injured",), ("wounded",), ("number", "of", "injured")],
                    "injured"),
    **dict.fromkeys([("casualties",), ("casualty", "toll"), ("casualties", "of"), ("losses", "of"),
                     ("losses",)], "casualties"),
    **dict.fromkeys([("missing",), ("number", "of", "missing")], "missing"),
    **dict.fromkeys([("captured",), ("capturing",), ("abducted",), ("kidnapped",), ("taking",)], "captured"),
    **dict.fromkeys([("arrested",), ("arresting",), ("detained",), ("detaining",), ("arrests",),
                     ("detentions",)], "arrested"),
    **dict.fromkeys([("displacing",), ("displaced",), ("evacuated",), ("evacuating",), ("uprooting",)],
                    "displaced"),
    **dict.fromkeys([("deployed",), ("deploying",), ("sent",), ("sending",), ("dispatched",),
                     ("dispatching",), ("deploy",), ("send",), ("dispatch",), ("mobilised",), ("mobilized",)],
                    "deployed"),
    **dict.fromkeys([("affecting",), ("affected",), ("compromising",), ("exposing",), ("compromised",),
                     ("exposed",)], "affected"),
}  # fmt: skip

# Metric verbs that only count people of one kind: "sent 3,000 letters" is not a deployment.
METRIC_NEEDS_PERSON: Final = frozenset({"deployed", "affected", "captured", "arrested", "displaced"})

# ------------------------------------------------------------------ attribution

# Reporting words -> the stance they give the figure.
REPORTING_VERBS: Final[dict[str, str]] = {
    **dict.fromkeys("""
    acknowledged acknowledges acknowledge acknowledging admitted admits admit admitting conceded
    concedes conceding confirmed confirms confirm confirming recognised recognized
    """.split(), "acknowledged"),
    **dict.fromkeys("""
    said says say saying told tells telling stated states stating announced announces announcing
    reported reports reporting declared declares declaring added adds adding disclosed discloses
    disclosing revealed reveals revealing wrote writes writing posted publishes published noted
    notes noting cited cites citing quoted claimed claims claim claiming put puts putting gave gives
    """.split(), "reported"),
    **dict.fromkeys("""
    estimated estimates estimate estimating assessed assesses assessing believed believes calculated
    calculates calculating projected projects suggested suggests thinks thought
    """.split(), "estimated"),
    **dict.fromkeys("""
    denied denies deny denying rejected rejects rejecting dismissed dismisses dismissing disputed
    disputes disputing refuted refutes refuting
    """.split(), "denied"),
    **dict.fromkeys("""
    revised revises revising raised raises raising lowered lowers lowering updated updates updating
    corrected corrects correcting increased adjusted
    """.split(), "revised"),
}  # fmt: skip

# Nouns naming a party's figure: "the ministry's toll", "the government's count".
FIGURE_NOUNS: Final = frozenset(
    """
    toll tally count figure figures estimate estimates number numbers data statistics
    """.split()
)

# Between a source and its verb: "Kim [has] acknowledged", "the NIS [said in April]".
AUXILIARIES: Final = frozenset(
    """
    has have had was were is are be been being also later earlier previously initially then now
    first only had not still would could may might reportedly separately
    """.split()
)

PRONOUNS_PERSON: Final = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_GROUP: Final = frozenset({"they", "it", "its", "their", "them"})

# Unnamed sources: who they are is unknown, so their figures are never official.
ANONYMOUS_SOURCES: Final = frozenset(
    """
    sources source insiders insider witnesses witness residents locals reports report rumours rumors
    analysts analyst observers observer experts expert diplomats diplomat
    """.split()
)

# Generic authority nouns; official when they speak for the place or party concerned.
AUTHORITY_NOUNS: Final = {
    **dict.fromkeys("""
    government authorities officials official administration cabinet presidency state regime
    """.split(), "government"),
    **dict.fromkeys("""
    ministry minister ministries spokesman spokeswoman spokesperson secretary governor mayor prefect
    premier president chancellor
    """.split(), "government"),
    **dict.fromkeys(["military", "army", "navy", "command", "staff", "forces", "defence", "defense", "commander", "commanders"], "military"),
    **dict.fromkeys(["police", "constabulary", "sheriff", "gendarmerie"], "police"),
    **dict.fromkeys(["agency", "service", "department", "office", "bureau", "coroner", "coroners", "examiner", "authority"], "agency"),
    **dict.fromkeys(["intelligence", "spy"], "intelligence"),
    **dict.fromkeys(["media", "newspaper", "broadcaster", "outlet"], "media"),
    **dict.fromkeys(["company", "firm", "operator", "carrier", "retailer", "bank", "group"], "company"),
}  # fmt: skip

# Kinds of source that speak for the party they belong to (their figures about it are official).
OFFICIAL_KINDS: Final = frozenset(
    {"leader", "government", "ministry", "military", "police", "agency", "state_media", "company"}
)

# Verbs of change: "rose by one to 115" (the "one" is a change, the 115 the figure).
CHANGE_VERBS: Final = frozenset(
    """
    rose risen rise rises rising increased increase increases increasing climbed climb climbs
    climbing jumped jump jumps grew grow grows growing fell fall falls falling dropped drop drops
    dropping declined decline declines went gone up down revised raised lowered swelled soared
    surged
    """.split()
)

# ------------------------------------------------------------------ superseded figures

# Before a number: the text gives it as the figure that was replaced.
SUPERSEDED_BEFORE: Final = frozenset(
    {("up", "from"), ("down", "from"), ("revised", "from"), ("raised", "from"), ("lowered", "from"),
     ("increased", "from"), ("rose", "from"), ("risen", "from"), ("climbed", "from"), ("jumped", "from"),
     ("fell", "from"), ("dropped", "from"), ("from", "an", "earlier"), ("from", "a", "previous"),
     ("previous", "toll", "of"), ("previous", "figure", "of"), ("earlier", "toll", "of"), ("earlier", "figure", "of"),
     ("initial", "toll", "of"), ("previous", "tally", "of"), ("earlier", "estimate", "of"),
     ("previously",), ("initially",), ("had", "earlier"), ("originally",)}
)  # fmt: skip
