"""Change semantics: when a new official statement of a figure is an alert, and which kind.

- first official value -> ``first``; higher -> ``increase``; lower -> ``decrease``;
  vague to number, number to vague, or another vague amount or range -> ``revised``;
- the same figure restated (another outlet, a syndicated copy, a later article) -> nothing,
  and history keeps only changes, so a figure restated daily for months stays small;
- a figure the article itself gives as superseded seeds the history, without an alert;
- a late-arriving older article lands in its place in history, without an alert;
- an increment ("another 3,000") is added to the latest total;
- one current statement per article and figure: the first; later numbers in the same
  story are details ("after four more bodies were found"), not the figure;
- third-party figures never alert: they are kept as context for official ones, and so are
  projections ("the toll could climb as high as 450") and parts of a total the same story
  gives ("including six children");
- a lower figure from a *different* official source within 12 hours of a higher one, with
  no word of a revision, is a lagging count (kept in history, never a baseline), not a
  decrease: on a disaster's first day ministries and governors quote each other's old tolls;
- a statement is compared only with earlier ones of the same incident (:mod:`episodes`):
  a bus crash's toll is not a "decrease" of last month's nightclub fire.

Alert ids hash the figure and both values, so replaying the same input never yields a
second alert, and the state remembers the ids it has emitted.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta

from newsdesk.records import Alert, Claim
from newsdesk.tracking.describe import describe
from newsdesk.tracking.episodes import same_episode
from newsdesk.tracking.state import FigureState, Observation
from newsdesk.utils.timeutil import parse_iso

MAX_CONTEXT = 5
LAG_WINDOW = timedelta(hours=12)


def observe(
    state: FigureState | None, claim: Claim, *, min_confidence: float = 0.0
) -> tuple[FigureState, list[Alert]]:
    """Fold one claim into its figure's state; return the new state and any alert it raises.

    Official claims below ``min_confidence`` are kept as context only: a doubtful reading
    must not move the official history that later alerts are measured against.
    """
    if state is None:
        state = FigureState.for_claim(claim)
    observation = Observation.from_claim(claim, arrival=state.arrivals)

    if (
        not claim.official
        or claim.stance == "denied"
        or claim.projected
        or claim.part
        or claim.confidence < min_confidence
    ):
        if claim.increment:
            return state, []  # "another 3,000" from a third party is not a figure to show beside a total
        return state.with_third_party(observation), []

    if claim.increment:
        base = _latest_before(state, observation)
        if base is None or base.value is None or observation.value is None:
            return state, []  # an addition to a total nobody has given: nothing to track yet
        observation = _apply_increment(base, observation)

    if observation.superseded:
        if any(o.figure == observation.figure for o in state.official):
            return state, []
        return state.with_official(observation), []

    if observation.article_id in state.seen:
        # One current statement per article and figure: the first, normally the lede. A later
        # number in the same story is a detail ("after four bodies were found"); the same
        # claim again is a replay.
        return state, []

    previous = _latest_before(state, observation)
    later = [
        o
        for o in state.official
        if o.order > observation.order
        and not o.superseded
        and same_episode(
            observation.incident, observation.published, o.incident, o.published, observation.site, o.site
        )
    ]
    kind = change_kind(previous, observation)
    if kind is None:
        return state.with_seen(observation.article_id), []  # a restatement: history holds changes only
    if kind == "decrease" and _lagging(previous, observation):
        # Another official body repeating an older, lower count hours after a higher one (a
        # governor's office behind the disaster agency) is not a downward revision.
        lagging = replace(observation, lagging=True)
        return state.with_official(lagging).with_seen(observation.article_id), []
    state = state.with_official(observation).with_seen(observation.article_id)
    if later:
        return state, []  # an older article arriving late: history only
    alert = _alert(state, kind, previous, observation)
    if alert.id in state.alert_ids:
        return state, []
    return state.with_alert(alert.id), [alert]


def change_kind(previous: Observation | None, current: Observation) -> str | None:
    """The kind of change from ``previous`` to ``current``, or None for a restatement."""
    if previous is None:
        return "first"
    if previous.figure == current.figure:
        return None
    if previous.value is not None and current.value is not None:
        if current.value > previous.value:
            return "increase"
        if current.value < previous.value:
            return "decrease"
        return None  # the same number in other words ("some 100", "100")
    if previous.value is None and current.value is None:
        if (
            previous.low is not None
            and current.low is not None
            and previous.high is not None
            and current.high is not None
        ):
            if current.low > previous.high:
                return "increase"
            if current.high < previous.low:
                return "decrease"
        return "revised"
    return "revised"  # vague or a range on one side, a number on the other


def _lagging(previous: Observation | None, current: Observation) -> bool:
    """A lower figure from another official source, soon after the higher one, with no word of revising."""
    if previous is None or previous.source == current.source or current.stance == "revised":
        return False
    if not previous.published or not current.published:
        return False
    return parse_iso(current.published) - parse_iso(previous.published) <= LAG_WINDOW


def _latest_before(state: FigureState, observation: Observation) -> Observation | None:
    """The latest official statement before ``observation`` of the same episode (same incident)."""
    earlier = [
        o
        for o in state.official
        if o.order <= observation.order
        and not o.lagging
        and same_episode(
            o.incident, o.published, observation.incident, observation.published, o.site, observation.site
        )
    ]
    return earlier[-1] if earlier else None


def _apply_increment(base: Observation, addition: Observation) -> Observation:
    assert base.value is not None
    assert addition.value is not None
    total = base.value + addition.value
    exact = base.qualifier == "exact" and addition.qualifier == "exact"
    return replace(
        addition,
        value=total,
        low=total if exact else None,
        high=total if exact else None,
        qualifier="exact" if exact else "approx",
    )


def _alert(state: FigureState, kind: str, previous: Observation | None, current: Observation) -> Alert:
    # Unattributed restatements of the official figure itself add nothing beside it.
    others = [
        o
        for o in reversed(state.third_party)
        if (o.source or o.figure != current.figure)
        and same_episode(o.incident, o.published, current.incident, current.published, o.site, current.site)
    ]
    context = [o.as_context(current) for o in others][:MAX_CONTEXT]
    return Alert(
        id=alert_id(state.key, kind, previous, current),
        kind=kind,  # type: ignore[arg-type]
        figure_key=state.key,
        party=state.party,
        subject=state.subject,
        metric=state.metric,  # type: ignore[arg-type]
        previous=previous.as_value() if previous else None,
        current=current.as_value(),
        url=current.url,
        context=context,
        severity=severity(kind, previous, current, state.metric),  # type: ignore[arg-type]
        summary=summary(state, previous, current),
    )


def alert_id(key: str, kind: str, previous: Observation | None, current: Observation) -> str:
    def fingerprint(o: Observation | None) -> str:
        return "-" if o is None else f"{o.article_id}|{o.figure}"

    digest = hashlib.sha256(f"{key}|{kind}|{fingerprint(previous)}|{fingerprint(current)}".encode())
    return digest.hexdigest()[:24]


_LEVELS = ("low", "medium", "high", "critical")


def severity(kind: str, previous: Observation | None, current: Observation, metric: str) -> str:
    """How much a desk should care, from the size of the change (deaths weigh one level more)."""
    level = 1
    if (
        kind in {"increase", "decrease"}
        and previous is not None
        and previous.value
        and current.value is not None
    ):
        change = abs(current.value - previous.value) / previous.value
        level = 0 if change < 0.1 else 1 if change < 0.5 else 2 if change < 2 else 3
        if kind == "decrease":
            level = max(level, 1)  # downward revisions are news in themselves
    elif kind == "revised":
        reference = previous.high if previous is not None and previous.high is not None else None
        level = (
            2 if reference is not None and current.value is not None and current.value > 2 * reference else 1
        )
    if metric == "killed":
        level += 1
    return _LEVELS[min(level, 3)]


def summary(state: FigureState, previous: Observation | None, current: Observation) -> str:
    now = describe(current.value, current.low, current.high, current.qualifier, current.vague_text)
    said = f" ({current.source}, {(current.published or 'date unknown')[:10]})" if current.source else ""
    head = f"{state.party} · {state.subject} {state.metric}"
    if previous is None:
        return f"{head}: first official figure {now}{said}"
    before = describe(previous.value, previous.low, previous.high, previous.qualifier, previous.vague_text)
    return f"{head}: {before} → {now}{said}"
