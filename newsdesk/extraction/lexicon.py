"""English word lists the extractor reads: how news copy writes numbers, metrics and attribution.

These are facts about the language, not about the world (countries, places, leaders,
agencies and kinds of incident live in ``data/``). Every entry is lower case; multi-word
entries are tuples of words.
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
    ("a", "small", "number"): (2, 20),
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
    ("above",): "at_least",
    ("at", "least"): "at_least",
    ("no", "fewer", "than"): "at_least",
    ("no", "less", "than"): "at_least",
    ("not", "less", "than"): "at_least",
    ("upwards", "of"): "at_least",
    ("in", "excess", "of"): "at_least",
    ("just", "over"): "at_least",
    ("well", "over"): "at_least",
    ("well", "above"): "at_least",
    ("a", "minimum", "of"): "at_least",
    ("exceed",): "at_least",
    ("exceeds",): "at_least",
    ("exceeded",): "at_least",
    ("surpassed",): "at_least",
    ("topped",): "at_least",
    ("passes",): "at_least",
    ("passed",): "at_least",
    ("tops",): "at_least",
    ("surpasses",): "at_least",
    ("up", "to"): "at_most",
    ("as", "many", "as"): "at_most",
    ("as", "much", "as"): "at_most",
    ("as", "high", "as"): "at_most",
    ("fewer", "than"): "at_most",
    ("less", "than"): "at_most",
    ("under",): "at_most",
    ("below",): "at_most",
    ("no", "more", "than"): "at_most",
    ("not", "more", "than"): "at_most",
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
    ("some", "estimated"): "approx",
    ("an", "estimated", "total", "of"): "approx",
    ("closer", "to"): "approx",
    ("more", "like"): "approx",
}
# Verbs after which "up to" / "down to" is a movement, not a bound: "revised the toll up to 153".
MOVEMENT_VERBS: Final = frozenset(
    """
    revised revises revising raised raises raising pushed pushes pushing brought brings bringing
    took takes taking adjusted adjusts updated updates lowered lowers cut cuts went goes gone
    """.split()
)
# Words before a number that make it an addition to an earlier total.
INCREMENT_BEFORE: Final = {
    ("another",),
    ("a", "further"),
    ("an", "additional"),
    ("additional",),
    ("further",),
}

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
    cent cents bitcoin bitcoins btc taka afghanis shillings kwacha cedi
    """.split()
)
# Units and measured things: a number followed by one of these is a measurement, not a count of people.
UNIT_WORDS: Final = frozenset(
    """
    percent per percentage pct % km kms kilometre kilometres kilometer kilometers mile miles metre
    metres meter meters m cm mm ft foot feet inch inches yard yards acre acres hectare hectares ha
    sq square ton tons tonne tonnes kg kilogram kilograms kilo kilos gram grams lb lbs pound ounce
    ounces litre litres liter liters gallon gallons barrel barrels bpd cubic mw gw kw kwh mwh gwh
    watt watts volt volts degree degrees celsius fahrenheit c f mph kph km/h knots magnitude
    richter second seconds minute minutes hour hours day days week weeks month months year years
    decade decades century centuries am pm a.m p.m gmt utc bst edt est pst cet times fold point
    points votes vote seats seat storey storeys story stories floor floors terabyte terabytes
    gigabyte gigabytes tb gb mb
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
    vaccines bed beds flight flights train trains route routes container containers meal meals
    lawsuit lawsuits complaint complaints breach breaches target targets tent tents excavator
    excavators flat flats unit units system systems portrait portraits coffin coffins name names
    goal goals match matches game games league station stations polling ballot ballots table
    tables ticket tickets letter letters community communities neighbourhood neighbourhoods
    neighborhood neighborhoods settlement settlements hamlet hamlets household households family
    families property properties premises ward wards territory territories island islands locality
    localities cell cells cellblock cellblocks shelter shelters centre centres center centers stall
    stalls counter counters bomber bombers chopper choppers pack packs packet packets kit kits parcel
    parcels ration rations blanket blankets rig rigs pump pumps generator generators borehole boreholes
    machine machines team teams crew crews university universities college colleges campus campuses
    ambulance ambulances engine engines bulldozer bulldozers municipality municipalities county counties
    church churches mosque mosques temple temples prison prisons
    """.split()
)
# Words before a number that make it a label, a date or a rank rather than a count.
NOT_COUNT_BEFORE: Final = frozenset(
    """
    aged age ages magnitude no number nos page chapter article section flight route highway road
    resolution decree law order item room floor grade level category class model version phase code
    zone sector block unit squad division brigade battalion regiment corps platoon team paragraph
    episode season vol volume year since call dial reference ref gate platform terminal
    """.split()
)

# ------------------------------------------------------------------ who is counted

# Head nouns for people (and the accounts/records of people) -> normalised group.
PERSON_NOUNS: Final = {
    **dict.fromkeys(
        """
        troops troop soldier soldiers servicemen serviceman servicemembers servicemember
        service-members personnel military marines marine sailors sailor airmen airman paratroopers
        paratrooper conscripts conscript recruits recruit reservists reservist mercenaries mercenary
        warriors warrior combatants combatant infantrymen commandos guardsmen servicewomen
        commanders
        """.split(),
        "troops",
    ),
    **dict.fromkeys("""
    fighters fighter militants militant insurgents insurgent rebels rebel gunmen gunman jihadists
    jihadist guerrillas guerrilla attackers attacker assailants assailant terrorists
    """.split(), "fighters"),
    **dict.fromkeys(["civilians", "civilian", "noncombatants", "non-combatants"], "civilians"),
    **dict.fromkeys(
        """
        people persons person individuals individual residents resident inhabitants villagers
        villager victims victim men women man woman adults locals local citizens citizen nationals
        pilgrims worshippers worshipers spectators fans attendees revellers revelers tourists
        tourist visitors bystanders pedestrians occupants survivors survivor others elderly
        partygoers concertgoers guests shoppers commuters suspects suspect devotees devotee smugglers
        smuggler traffickers trafficker collaborators collaborator evacuees evacuee
        """.split(),
        "people",
    ),
    **dict.fromkeys("""
    children child kids kid minors minor infants infant babies baby toddlers teenagers students
    pupils schoolchildren boys girls boy girl
    """.split(), "children"),
    **dict.fromkeys(["migrants", "migrant", "refugees", "refugee", "asylum-seekers", "asylum", "seekers"], "migrants"),
    **dict.fromkeys("""
    protesters protester protestors protestor demonstrators demonstrator activists activist rioters
    rioter marchers
    """.split(), "protesters"),
    **dict.fromkeys(["police", "policemen", "policeman", "policewomen", "officers", "officer", "gendarmes", "gendarme"], "police"),
    **dict.fromkeys(["journalists", "journalist", "reporters", "reporter"], "journalists"),
    **dict.fromkeys(["medics", "medic", "doctors", "doctor", "nurses", "nurse", "paramedics", "paramedic"], "medics"),
    **dict.fromkeys(["workers", "worker", "employees", "employee", "staff", "staffers", "labourers", "laborers", "contractors",
                     "engineers", "engineer", "supervisors", "supervisor", "managers", "manager", "executives"], "workers"),
    **dict.fromkeys(["officials", "official"], "officials"),
    **dict.fromkeys(["miners", "miner"], "miners"),
    **dict.fromkeys(["firefighters", "firefighter", "rescuers", "rescuer"], "rescuers"),
    **dict.fromkeys(["passengers", "passenger", "crew", "crewmembers", "crewmen"], "passengers"),
    **dict.fromkeys(["patients", "patient"], "patients"),
    **dict.fromkeys(["prisoners", "prisoner", "inmates", "inmate", "detainees", "detainee", "pows"], "prisoners"),
    **dict.fromkeys(["hostages", "hostage", "captives", "captive", "abductees"], "hostages"),
    **dict.fromkeys("""
    customers customer clients client subscribers subscriber users user members member
    account-holders donors donor policyholders cardholders
    """.split(), "customers"),
    **dict.fromkeys(["accounts", "account"], "accounts"),
    **dict.fromkeys(["records", "record"], "records"),
    **dict.fromkeys(["voters", "voter"], "voters"),
    **dict.fromkeys(["heroes", "hero", "martyrs", "martyr", "fallen"], "fallen"),
}  # fmt: skip
# Two-word heads whose meaning is not their last word's: "rescue workers" are rescuers.
PERSON_COMPOUNDS: Final = {
    ("rescue", "workers"): "rescuers", ("emergency", "workers"): "rescuers", ("aid", "workers"): "aid-workers",
    ("health", "workers"): "medics", ("security", "forces"): "police", ("security", "personnel"): "police",
    ("crew", "members"): "passengers", ("national", "guard"): "troops", ("service", "members"): "troops",
    ("law", "enforcement"): "police", ("border", "guards"): "police", ("search", "teams"): "rescuers",
    ("rescue", "teams"): "rescuers",
}  # fmt: skip
# Words inside a noun phrase that say what its "members" or "personnel" are.
MEMBER_KINDS: Final = {
    **dict.fromkeys(["group", "militia", "gang", "cartel", "rebel", "insurgent", "faction"], "fighters"),
    **dict.fromkeys(["police", "security"], "police"),
    **dict.fromkeys(["guard", "army", "military", "forces", "navy", "marine", "battalion", "units", "unit"], "troops"),
    **dict.fromkeys(["crew"], "passengers"),
}  # fmt: skip
# Adjectives that name a group: "civilian deaths", "military casualties".
ADJECTIVE_GROUPS: Final = {
    "civilian": "civilians", "military": "troops", "child": "children", "police": "police",
    "migrant": "migrants", "customer": "customers", "user": "customers", "army": "troops",
}  # fmt: skip

# Nouns that carry the metric themselves and may follow the number directly: "31 dead", "4,700 casualties".
METRIC_NOUNS: Final = {
    **dict.fromkeys(["dead", "deaths", "death", "fatalities", "fatality", "bodies", "corpses", "lives", "killed", "martyrs", "fallen",
                     "murders", "homicides", "killings"], "killed"),
    **dict.fromkeys(["injured", "wounded", "injuries", "injury", "hurt"], "injured"),
    **dict.fromkeys(["casualties", "casualty", "losses"], "casualties"),
    **dict.fromkeys(["missing"], "missing"),
    **dict.fromkeys(["pows"], "captured"),
    **dict.fromkeys(["arrests", "arrest", "detentions"], "arrested"),
    **dict.fromkeys(["displaced", "homeless", "evacuated", "evacuees"], "displaced"),
}  # fmt: skip

# Verbs and participles after the counted noun phrase: "[100 troops] were killed".
METRIC_PREDICATES: Final[dict[tuple[str, ...], str]] = {
    **dict.fromkeys(
        [("killed",), ("dead",), ("died",), ("die",), ("perished",), ("slain",), ("lost", "their", "lives"),
         ("lost", "his", "life"), ("lost", "her", "life"), ("executed",), ("drowned",), ("murdered",),
         ("shot", "dead"), ("confirmed", "dead"), ("feared", "dead"), ("presumed", "dead"), ("believed", "dead"),
         ("burned", "to", "death"), ("crushed", "to", "death"), ("killed", "in", "action"), ("laid", "down", "their", "lives"),
         ("dead", "or", "missing"), ("among", "the", "dead"), ("were", "among", "the", "dead"), ("succumbed",),
         ("beheaded",), ("massacred",), ("slaughtered",), ("buried", "alive"), ("lynched",), ("neutralised",),
         ("neutralized",)],
        "killed",
    ),
    **dict.fromkeys(
        [("injured",), ("wounded",), ("hurt",), ("hospitalised",), ("hospitalized",), ("treated", "for", "injuries"),
         ("seriously", "injured"), ("critically", "injured"), ("treated", "in", "hospital"), ("treated", "in", "hospitals"),
         ("treated", "for", "burns"), ("being", "treated"), ("in", "intensive", "care"), ("in", "critical", "condition"),
         ("in", "a", "critical", "condition"), ("in", "serious", "condition"), ("airlifted", "to", "hospital"),
         ("taken", "to", "hospital"), ("taken", "to", "hospitals"), ("admitted", "to", "hospital"),
         ("admitted", "to", "hospitals"), ("rushed", "to", "hospital"), ("sustained", "minor", "injuries"),
         ("admitted", "to"), ("admitted", "with"), ("in", "hospital"), ("among", "the", "injured"),
         ("among", "the", "wounded"), ("were", "among", "the", "injured"), ("were", "among", "the", "wounded"), ("remain", "in", "hospital"), ("remained", "in", "hospital"),
         ("still", "in", "hospital"), ("moved", "to", "hospital"), ("remained", "in", "intensive", "care"),
         ("remain", "in", "intensive", "care"),
         ("sustained", "injuries"), ("suffered", "injuries"), ("had", "gunshot", "injuries"), ("gunshot", "wounds"),
         ("sought", "medical", "help"), ("sought", "medical", "treatment"), ("sought", "medical", "attention"),
         ("needed", "medical", "treatment"), ("received", "medical", "treatment"), ("treated", "for", "minor")],
        "injured",
    ),
    **dict.fromkeys(
        [("killed", "or", "wounded"), ("killed", "and", "wounded"), ("killed", "or", "injured"), ("killed", "and", "injured"),
         ("dead", "or", "wounded"), ("dead", "and", "wounded"), ("dead", "or", "injured")],
        "casualties",
    ),
    **dict.fromkeys([("missing",), ("unaccounted", "for"), ("disappeared",), ("remain", "missing"),
                     ("under", "the", "rubble"), ("under", "rubble"), ("under", "the", "debris"), ("buried", "under"),
                     ("still", "missing"), ("reported", "missing"), ("trapped",), ("gone", "missing"), ("feared", "missing"),
                     ("declared", "missing"), ("listed", "as", "missing"), ("listed", "missing")],
                    "missing"),
    **dict.fromkeys([("captured",), ("taken", "prisoner"), ("taken", "captive"), ("taken", "hostage"), ("held", "hostage"),
                     ("abducted",), ("kidnapped",), ("seized",), ("surrendered",), ("taken", "prisoners"),
                     ("held", "captive"), ("in", "captivity"), ("remain", "in", "captivity"), ("in", "the", "hands", "of"),
                     ("held", "by", "gunmen"), ("held", "by", "the", "gunmen"), ("held", "by", "their", "gunmen"), ("held", "by", "bandits"), ("held", "by", "the", "bandits"), ("held", "by", "their", "bandits"), ("held", "by", "kidnappers"), ("held", "by", "the", "kidnappers"), ("held", "by", "their", "kidnappers"), ("held", "by", "captors"), ("held", "by", "the", "captors"), ("held", "by", "their", "captors"), ("held", "by", "abductors"), ("held", "by", "the", "abductors"), ("held", "by", "their", "abductors"), ("held", "by", "militants"), ("held", "by", "the", "militants"), ("held", "by", "their", "militants"), ("held", "by", "rebels"), ("held", "by", "the", "rebels"), ("held", "by", "their", "rebels"), ("held", "by", "insurgents"), ("held", "by", "the", "insurgents"), ("held", "by", "their", "insurgents"), ("held", "by", "jihadists"), ("held", "by", "the", "jihadists"), ("held", "by", "their", "jihadists"), ("held", "by", "pirates"), ("held", "by", "the", "pirates"), ("held", "by", "their", "pirates"), ("held", "by", "gangs"), ("held", "by", "the", "gangs"), ("held", "by", "their", "gangs"), ("held", "by", "gang"), ("held", "by", "the", "gang"), ("held", "by", "their", "gang")], "captured"),
    **dict.fromkeys([("arrested",), ("detained",), ("held",), ("jailed",), ("taken", "into", "custody"),
                     ("rounded", "up"), ("in", "custody"), ("remain", "in", "custody"), ("imprisoned",),
                     ("in", "police", "custody"), ("remanded",), ("apprehended",)], "arrested"),
    **dict.fromkeys([("displaced",), ("evacuated",), ("fled",), ("forced", "from", "their", "homes"),
                     ("made", "homeless"), ("left", "homeless"), ("uprooted",), ("relocated",),
                     ("in", "evacuation", "centres"), ("in", "evacuation", "centers"), ("in", "relief", "camps"),
                     ("in", "shelters"), ("in", "tents"), ("need", "shelter"), ("needed", "shelter"), ("sheltering",),
                     ("in", "public", "shelters"), ("in", "temporary", "shelters"), ("in", "emergency", "shelters"),
                     ("in", "temporary", "shelter"), ("in", "camps"), ("in", "displacement", "camps"),
                     ("staying", "in", "evacuation"), ("living", "in", "relief"), ("sleeping", "in", "tents"),
                     ("forced", "to", "flee"), ("forced", "out", "of", "their", "homes"), ("lost", "their", "homes"),
                     ("driven", "from"), ("driven", "out"), ("forced", "from"), ("fled", "their", "homes"),
                     ("to", "flee"), ("from", "their", "homes"), ("moved", "to", "shelters"), ("moved", "to", "safe"),
                     ("moved", "to", "relief"), ("moved", "to", "evacuation"), ("relocated",),
                     ("shifted", "to", "relief"), ("shifted", "to", "safer"), ("shifted", "to", "safe"),
                     ("shifted", "to", "evacuation"), ("shifted", "to", "shelters"), ("sleeping", "in", "the", "open"),
                     ("sleeping", "outdoors"), ("sleeping", "outside"), ("moved", "out", "of"), ("moved", "out"),
                     ("homeless",), ("left", "homeless"), ("made", "homeless")],
                    "displaced"),
    **dict.fromkeys([("deployed",), ("sent",), ("dispatched",), ("stationed",), ("mobilised",), ("mobilized",),
                     ("posted",), ("fighting",), ("serving",), ("battling",), ("tackling",), ("on", "duty"),
                     ("on", "their", "way"), ("en", "route"), ("on", "standby"), ("on", "the", "ground")], "deployed"),
    **dict.fromkeys([("affected",), ("compromised",), ("exposed",), ("impacted",), ("breached",),
                     ("stolen",), ("leaked",), ("hacked",)], "affected"),
}  # fmt: skip
# Verbs that with a shelter after them ("remain in 880 shelters", "moved to 798 state-run shelters") say
# the people counted are displaced; the shelter may carry a number and adjectives of its own.
SHELTER_VERBS: Final = frozenset(
    """
    remain remained remains moved staying stayed sheltering sheltered housed living lived taken sleeping
    shifted
    """.split()
)
SHELTER_NOUNS: Final = frozenset(
    """
    shelter shelters camp camps centre centres center centers tents tent
    """.split()
)
# The longest predicate, in words.
PREDICATE_MAX: Final = max(len(k) for k in METRIC_PREDICATES)

# Words before the number that name the metric: "killing 31", "deaths of 100", "sent 3,000".
METRIC_BEFORE: Final[dict[tuple[str, ...], str]] = {
    **dict.fromkeys(
        [("killing",), ("killed",), ("deaths", "of"), ("death", "of"), ("bodies", "of"), ("lives", "of"),
         ("killings", "of"), ("eliminated",), ("eliminating",),
         ("claimed", "the", "lives", "of"), ("killed", "at", "least"), ("leaving",), ("died",), ("kills",), ("kill",),
         ("beheaded",), ("beheading",), ("neutralised",), ("neutralized",), ("neutralising",), ("neutralizing",),
         ("buried",), ("burying",), ("massacred",), ("slaughtered",), ("executed",), ("executing",), ("murdered",)],
        "killed",
    ),
    **dict.fromkeys([("injuring",), ("wounding",), ("injured",), ("wounded",), ("injures",), ("injuries", "to"),
                     ("wounds", "to"), ("treated",), ("treating",), ("admitted",), ("received",)], "injured"),
    **dict.fromkeys([("lost",), ("losing",), ("loses",), ("losses", "of"), ("casualties", "of"), ("killed", "or", "wounded"),
                     ("killed", "and", "wounded"), ("killed", "or", "injured"), ("killed", "and", "injured"),
                     ("dead", "and", "wounded"), ("dead", "and", "injured"), ("dead", "or", "wounded")], "casualties"),
    **dict.fromkeys([("captured",), ("capturing",), ("abducted",), ("kidnapped",), ("holding",), ("took",), ("taking",)],
                    "captured"),
    **dict.fromkeys([("arrested",), ("arresting",), ("detained",), ("detaining",), ("arrests",), ("detentions",),
                     ("arrests", "of"), ("jailed",), ("arrest", "of"), ("detention", "of"), ("apprehended",)],
                    "arrested"),
    **dict.fromkeys([("looking", "for"), ("searching", "for"), ("searched", "for"), ("search", "for"),
                     ("hunting", "for")], "missing"),
    **dict.fromkeys([("displacing",), ("displaced",), ("evacuated",), ("evacuating",), ("uprooting",), ("relocated",),
                     ("evacuate",), ("relocate",)],
                    "displaced"),
    **dict.fromkeys([("deployed",), ("deploying",), ("sent",), ("sending",), ("dispatched",), ("dispatching",),
                     ("deploy",), ("send",), ("dispatch",), ("mobilised",), ("mobilized",), ("deployment", "of"),
                     ("backed", "by")],
                    "deployed"),
    **dict.fromkeys([("affecting",), ("affected",), ("compromising",), ("exposing",), ("compromised",), ("exposed",),
                     ("data", "of"), ("records", "of"), ("information", "of"), ("details", "of"), ("records", "on"),
                     ("data", "on"), ("information", "on"), ("details", "on"), ("files", "on"), ("data", "for"),
                     ("information", "for"), ("records", "for"), ("details", "for")], "affected"),
}  # fmt: skip

# Metric verbs that only count people of one kind: "sent 3,000 letters" is not a deployment.
METRIC_NEEDS_PERSON: Final = frozenset(
    {"deployed", "affected", "captured", "arrested", "displaced", "casualties"}
)

# Heads of a figure phrase earlier in the clause: "the death toll [from the quake ... rose to] 115".
TOLL_HEADS: Final[dict[tuple[str, ...], str | None]] = {
    ("death", "toll"): "killed", ("toll",): "killed", ("deaths",): "killed", ("fatalities",): "killed",
    ("dead",): "killed", ("number", "of", "dead"): "killed", ("number", "of", "deaths"): "killed",
    ("casualty", "toll"): "casualties", ("casualties",): "casualties", ("losses",): "casualties",
    ("injury", "toll"): "injured", ("number", "of", "injured"): "injured", ("number", "of", "wounded"): "injured",
    ("number", "of", "missing"): "missing", ("number", "of", "arrests"): "arrested",
    ("number", "of", "displaced"): "displaced", ("deployment",): "deployed", ("arrests",): "arrested",
    ("detentions",): "arrested", ("evacuations",): "displaced",
    # These take their metric from the words around them ("the number of people unaccounted for").
    ("number",): None, ("total",): None, ("tally",): None, ("count",): None, ("figure",): None,
}  # fmt: skip
# Words inside a "number of ..." phrase that name its metric.
TOLL_WORDS: Final = {
    **dict.fromkeys(["dead", "deaths", "killed", "died", "fatalities", "bodies", "lives", "martyrs"], "killed"),
    **dict.fromkeys(["injured", "wounded", "hurt", "injuries", "hospitalised", "hospitalized"], "injured"),
    **dict.fromkeys(["missing", "unaccounted"], "missing"),
    **dict.fromkeys(["arrests", "arrested", "detained", "detentions"], "arrested"),
    **dict.fromkeys(["displaced", "evacuated", "homeless", "evacuees", "shelters", "relief", "evacuation"], "displaced"),
    **dict.fromkeys(["casualties", "losses"], "casualties"),
    **dict.fromkeys(["affected", "compromised", "exposed", "stolen", "accessed", "leaked", "breached"], "affected"),
}  # fmt: skip
# The verb or preposition right before a number that a figure phrase earlier in the clause leads to.
TOLL_LINKS: Final = frozenset(
    """
    to at reached reach reaches reaching hit hits hitting stood stands stand is was now rose risen
    rises rising climbed climbs climbing jumped jumps surpassed passed topped exceeded exceeds exceed
    increased rising soared surged swelled crossed neared nearing above over hitting be been passes
    pass tops top nears exceeding surpass surpasses climb rise go
    """.split()
)
# Words after a number that say it is a subset of the figure before it: "19 [of them] seriously".
SUBSET_AFTER: Final = frozenset({"of"})
SUBSET_PRONOUNS: Final = frozenset({"them", "whom", "those", "these", "which"})
SUBSET_BEFORE: Final = frozenset({"including", "among", "included", "includes", "include"})

# ------------------------------------------------------------------ attribution

# Reporting words -> the stance they give the figure.
REPORTING_VERBS: Final[dict[str, str]] = {
    **dict.fromkeys("""
    acknowledged acknowledges acknowledge acknowledging admitted admits admit admitting conceded
    concedes conceding confirmed confirms confirm confirming recognised recognized honoured honored
    honours honors mourned mourns commemorated
    """.split(), "acknowledged"),
    **dict.fromkeys("""
    said says say saying told tells telling stated states stating announced announces announcing
    reported reports reporting declared declares declaring added adds adding disclosed discloses
    disclosing revealed reveals revealing wrote writes writing posted publishes published noted
    notes noting cited cites citing quoted claimed claims claim claiming put puts putting gave gives
    recorded records documented lists listed counted counts tallied registered announce report given
    alleged alleges alleging
    """.split(), "reported"),
    **dict.fromkeys("""
    estimated estimates estimate estimating assessed assesses assessing believed believes calculated
    calculates calculating projected projects suggested suggests thinks thought believe feared fears fear
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

# Words near a number that make it an estimate rather than a count.
ESTIMATE_HEDGES: Final = frozenset(
    """
    estimated estimate estimates believed probably likely assessed thought feared could may might
    """.split()
)

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
    first only had not still would could may might reportedly separately further subsequently
    """.split()
)

PRONOUNS_PERSON: Final = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_GROUP: Final = frozenset({"they", "it", "its", "their", "them"})

# Unnamed sources: who they are is unknown, so their figures are never official.
ANONYMOUS_SOURCES: Final = frozenset(
    """
    sources source insiders insider witnesses witness residents locals reports report rumours rumors
    analysts analyst observers observer experts expert diplomats diplomat relatives families family
    hackers hacker researchers researcher survivors survivor activists activist opposition
    organisers organizers campaigners workers volunteers doctor medic nurse
    """.split()
)

# Generic authority nouns -> the kind of source they are.
AUTHORITY_NOUNS: Final = {
    **dict.fromkeys("""
    government authorities authority officials official administration cabinet presidency state
    regime junta spokesman spokeswoman spokesperson secretary governor mayor prefect premier
    president chancellor council prefecture municipality governorate
    """.split(), "government"),
    **dict.fromkeys(["ministry", "minister", "ministries"], "ministry"),
    **dict.fromkeys(["military", "army", "navy", "command", "forces", "defence", "defense", "commander", "commanders", "staff", "chiefs"], "military"),
    **dict.fromkeys(["police", "constabulary", "sheriff", "gendarmerie", "officers"], "police"),
    **dict.fromkeys(["agency", "service", "department", "office", "bureau", "coroner", "coroners", "examiner", "director",
                     "commission", "brigade", "rescuers", "guard", "coastguard", "directorate", "centre", "center",
                     "authority", "prosecutor", "prosecutors", "services", "agencies", "inspectorate",
                     "headquarters"], "agency"),
    **dict.fromkeys(["intelligence", "spy"], "intelligence"),
    **dict.fromkeys(["media", "newspaper", "broadcaster", "outlet", "tally", "network"], "media"),
    **dict.fromkeys(["company", "firm", "operator", "carrier", "retailer", "bank", "insurer", "airline", "chain", "steelmaker",
                     "carmaker", "automaker", "manufacturer", "producer", "lender", "conglomerate", "provider"], "company"),
    **dict.fromkeys(["group", "union", "charity", "organisation", "organization", "monitor", "ngo", "doctors", "mission",
                     "groups", "unions", "charities", "organisations", "organizations", "monitors", "ngos",
                     "plenum", "coalition", "movement", "alliance", "federation", "association"],
                    "ngo"),
}  # fmt: skip
# Words in a role's phrase that make it a ministry or a state broadcaster rather than the bare noun's kind.
MINISTRY_WORDS: Final = frozenset(
    {"health", "interior", "defence", "defense", "foreign", "emergency", "emergencies", "home", "disaster"}
)
# Titles before a person's name, by the kind of source the person speaks for.
TITLE_KINDS: Final = {
    **dict.fromkeys(["president", "premier", "leader", "king", "emir", "chancellor", "sultan"], "leader"),
    **dict.fromkeys(["minister", "secretary", "governor", "mayor", "spokesman", "spokeswoman", "spokesperson",
                     "prefect", "senator", "commissioner", "official", "administrator", "envoy", "ambassador",
                     "collector", "magistrate", "adviser", "advisor"],
                    "government"),
    **dict.fromkeys(["general", "gen", "colonel", "col", "commander", "admiral", "major", "lieutenant", "captain"], "military"),
    **dict.fromkeys(["sheriff", "inspector", "superintendent", "constable", "detective", "sergeant", "sgt",
                     "trooper", "patrolman"], "police"),
    **dict.fromkeys(["executive", "ceo", "chairman", "chairwoman", "founder", "director", "teacher", "headteacher",
                     "headmaster", "headmistress", "principal", "imam", "pastor", "priest", "bishop"], "organisation"),
}  # fmt: skip
# Words in a title that change the kind it gives: a "police chief" speaks for the police.
TITLE_MODIFIERS: Final = {
    "police": "police", "fire": "agency", "army": "military", "military": "military", "defence": "ministry",
    "defense": "ministry", "interior": "ministry", "health": "ministry", "foreign": "ministry",
    "emergency": "agency", "disaster": "agency", "prime": "leader", "chief": None, "vice": None,
    "crisis": "agency", "rescue": "agency", "provincial": "government", "province": "government",
    "municipal": "government", "regional": "government", "state": "government", "county": "government",
    "city": "government", "district": "government", "federal": "government",
}  # fmt: skip

# Kinds of source that speak for the party they belong to (their figures about it are official).
OFFICIAL_KINDS: Final = frozenset(
    {
        "leader",
        "government",
        "ministry",
        "military",
        "police",
        "agency",
        "state_media",
        "company",
        "intelligence",
    }
)

# Verbs of change: "rose by one to 115" (the "one" is a change, the 115 the figure).
CHANGE_VERBS: Final = frozenset(
    """
    rose risen rise rises rising increased increase increases increasing climbed climb climbs
    climbing jumped jump jumps grew grow grows growing fell fall falls falling dropped drop drops
    dropping declined decline declines went gone up down revised raised lowered swelled soared
    surged bringing brought taking took raising pushing pushed
    """.split()
)
# Words that report a figure as changed: the claim's stance becomes "revised".
REVISION_WORDS: Final = frozenset(
    """
    rose risen rises rising climbed climbs climbing jumped jumps increased raised raising revised
    revising bringing brought taking took pushing pushed swelled soared surged lowered fell dropped
    updated reached reaching hit hits topped passed surpassed
    """.split()
)

# Verbs whose agent owns the people counted ("Russian forces lost 1,150 troops") or does
# something to people of another party ("its troops killed 35 fighters").
OWNER_VERBS: Final = frozenset(
    {"lost", "losing", "loses", "lose", "sent", "send", "sending", "deployed", "deploying", "deploy",
     "dispatched", "dispatching", "stationed", "mobilised", "mobilized", "arrested", "arresting",
     "detained", "detaining", "evacuated", "evacuating", "relocated", "suffered", "suffering", "sustained",
     "suffers", "sustains"}
)  # fmt: skip
HARM_VERBS: Final = frozenset(
    {"killed", "killing", "kill", "kills", "wounded", "wounding", "injured", "injuring", "captured",
     "capturing", "abducted", "kidnapped", "holding", "took", "taking", "eliminated", "eliminating",
     "neutralised", "neutralized"}
)  # fmt: skip

# ------------------------------------------------------------------ superseded figures

# Before a number: the text gives it as the figure that was replaced.
SUPERSEDED_BEFORE: Final = frozenset(
    {("up", "from"), ("down", "from"), ("revised", "from"), ("raised", "from"), ("lowered", "from"),
     ("increased", "from"), ("rose", "from"), ("risen", "from"), ("climbed", "from"), ("jumped", "from"),
     ("fell", "from"), ("dropped", "from"), ("from", "an", "earlier"), ("from", "a", "previous"),
     ("previously",), ("initially",), ("had", "earlier"), ("originally",), ("from", "the", "previous"),
     ("from", "the", "earlier"), ("surpassing",)}
)  # fmt: skip
# "their previous toll of 115", "its earlier estimate of 1,100": the adjective, then a figure noun and "of".
EARLIER_ADJECTIVES: Final = frozenset(
    {"previous", "earlier", "initial", "original", "prior", "former", "first", "old"}
)
# "more than the 5 million it had reported last month": a comparison with the party's own earlier figure.
COMPARISON_BEFORE: Final = frozenset(
    {("than", "the"), ("than", "its"), ("than", "their"), ("than",), ("from", "the"), ("of", "the")}
)

# Verbs after the counted people that say the number is not a toll: "three of the dead had been identified".
NOT_FIGURE_PREDICATES: Final = frozenset(
    """
    identified named buried repatriated released freed rescued discharged returned exchanged pardoned
    handed flown transferred interviewed charged convicted sentenced
    """.split()
)
# Words before "of its 200 inhabitants" that make the number a whole, not the figure: "nearly all of".
PART_OF_WHOLE: Final = frozenset(
    {"all", "most", "many", "some", "half", "none", "majority", "much", "each", "any"}
)
# Adverbs that may stand between the counted people and their predicate: "two others [seriously] wounded".
PREDICATE_ADVERBS: Final = frozenset(
    """
    seriously critically fatally badly severely slightly lightly gravely mortally reportedly
    allegedly apparently subsequently later eventually briefly temporarily initially directly indirectly
    internally officially
    """.split()
)
