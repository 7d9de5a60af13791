"""Episodes: which earlier statements a new official figure should be compared with.

A figure key (``north-macedonia:people:killed``) outlives any one incident: a nightclub fire in
March and a bus crash in April are both "people killed" in North Macedonia. Comparing the
crash's 12 with the fire's 59 would raise a false "decrease". So a statement is compared only
with earlier statements of the same family of incident (from the claim's ``event``), and for
short-lived incidents only with recent ones: a flood toll in August is not a revision of
last year's flood toll. Wars, epidemics, protest waves and breaches run for months, so they
have no such horizon. Statements whose incident is unknown compare with everything.
"""

from __future__ import annotations

import functools
from datetime import timedelta

from newsdesk.utils.timeutil import parse_iso

# Families whose tolls belong to one short incident; the others (war, epidemic, protest,
# breach, heatwave) are long-running and compare across any gap.
SHORT_LIVED = frozenset(
    """
    earthquake flood landslide storm fire collapse mine explosion shooting attack shipwreck crash
    crowd-crush
    """.split()
)
HORIZON = timedelta(days=45)
# Families whose incident happens at one site: two of them in different towns are two incidents.
# (Floods, storms, quakes, wildfires and wars spread over many towns, so a town tells nothing.)
AT_ONE_SITE = frozenset(
    {"collapse", "mine", "explosion", "shooting", "attack", "shipwreck", "crash", "crowd-crush"}
)
# Families that one incident is often called by both: an attack on an army camp is told as part
# of the war in one article and as "the attack" in the next; a gunman's attack as a shooting;
# a typhoon's dead as the storm's, the floods' or the landslides'.
_ONE_INCIDENT = [
    {"war", "attack"},
    {"attack", "shooting"},
    {"explosion", "fire"},
    {"explosion", "mine"},
    {"landslide", "mine"},  # a mine dump's landslide
    {"flood", "landslide"},  # rains bring both; stories name either
    {"storm", "flood"},  # a typhoon's toll is told as the storm's or the floods'
    {"storm", "landslide"},
]


@functools.cache
def _families() -> dict[str, str]:
    from newsdesk.extraction.events import vocabulary

    return {name: kind.family for name, kind in vocabulary().kinds.items()}


def incident_family(event: str | None) -> str | None:
    if event is None:
        return None
    return _families().get(event, event)


def same_episode(
    earlier_incident: str | None,
    earlier_published: str | None,
    later_incident: str | None,
    later_published: str | None,
    earlier_site: str | None = None,
    later_site: str | None = None,
) -> bool:
    """May a statement about ``later_incident`` revise one about ``earlier_incident``?"""
    if earlier_incident is None or later_incident is None:
        return True
    if earlier_incident != later_incident and {earlier_incident, later_incident} not in _ONE_INCIDENT:
        return False
    if (
        earlier_site is not None
        and later_site is not None
        and earlier_site != later_site
        and {earlier_incident, later_incident} <= AT_ONE_SITE
    ):
        return False  # a bombing in Dera Ismail Khan does not revise the toll of one in Bannu
    if later_incident not in SHORT_LIVED or not earlier_published or not later_published:
        return True
    return parse_iso(later_published) - parse_iso(earlier_published) <= HORIZON
