"""Scenarios: events with the dates they happen on, and events that never happen.

An event the scenario does not date has not happened (unless the graph records it with
``pg:occurredOn``), but it could, on any day: answers that depend on it say so. An event
the scenario dates :data:`NEVER` happens on no day: nothing waits for it, and nothing that
requires it can happen. An event that ``pg:requires`` another implies it: a scenario that
names only the later event has the earlier one happen at or before it (on the same day,
for evaluation), and the answer says so. A prerequisite dated after the event that requires
it is an error, and so is a dated event that requires one that never happens.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .answers import EventSource, ScenarioEvent
from .errors import UsageError
from .model import Model, model
from .namespaces import local_name

if TYPE_CHECKING:
    from .load import Store

__all__ = ["NEVER", "Scenario", "build", "in_context", "is_never", "scenario"]


class _Never(dt.date):
    """The date of an event that never happens (:data:`NEVER`); no other date is it."""

    def __repr__(self) -> str:
        return "NEVER"

    def __str__(self) -> str:
        return "never"

    def isoformat(self) -> str:
        return "never"


#: Give an event this date to say it never happens: ``events={"notice given": NEVER}``.
NEVER: dt.date = _Never(9999, 12, 31)


def is_never(day: object) -> bool:
    """Whether ``day`` is :data:`NEVER`."""
    return isinstance(day, _Never)


@dataclass(frozen=True)
class Scenario:
    """Events with the dates they happen on.

    ``given``: as the user gave them (those that never happen included, dated
    :data:`NEVER`); ``implied``: prerequisites implied by a given event (prerequisite → the
    event that implies it); ``recorded``: dates the graph records. ``dates`` holds every
    event that happens, with its date; ``never`` the events that never happen.
    """

    dates: Mapping[str, dt.date]
    given: Mapping[str, dt.date] = field(default_factory=dict)
    implied: Mapping[str, str] = field(default_factory=dict)
    recorded: Mapping[str, dt.date] = field(default_factory=dict)
    never: frozenset[str] = frozenset()
    blocked: Mapping[str, str] = field(default_factory=dict)
    """Events that cannot happen because they require one that never does (event → that
    one)."""
    again: Mapping[str, tuple[dt.date, ...]] = field(default_factory=dict)
    """Events given more than one date: the dates after the first (``dates`` holds the
    first). Only an exercise (``pg:Exercise``) of a right reads them: a notice given
    before the right arose, then again once it had, counts the second time."""

    def describe(self, m: Model) -> tuple[ScenarioEvent, ...]:
        """The scenario's events, by date."""
        rows = []
        for event, day in sorted(self.dates.items(), key=lambda kv: (kv[1], kv[0])):
            if event in self.given:
                source = EventSource.GIVEN
            elif event in self.implied:
                source = EventSource.IMPLIED
            else:
                source = EventSource.RECORDED
            rows.append(ScenarioEvent(event, m.label(event), day, source, self.implied.get(event)))
        rows += [
            ScenarioEvent(event, m.label(event), day, EventSource.GIVEN, None)
            for event, days in self.again.items()
            for day in days
        ]
        return tuple(sorted(rows, key=lambda r: (r.date, r.event)))

    def notes(self, m: Model) -> tuple[str, ...]:
        """Sentences saying what the scenario assumed."""
        implied = tuple(
            f"{m.label(e)} is assumed to have happened at or before {self.dates[e]}, "
            f"because {m.label(by)} requires it"
            for e, by in sorted(self.implied.items())
        )
        never = tuple(
            f"{m.label(e)} never happens in this scenario, as asked: nothing waits for it"
            for e in sorted(self.never)
        )
        blocked = tuple(
            f"{m.label(e)} cannot happen either: it requires {m.label(by)}"
            for e, by in sorted(self.blocked.items())
        )
        return implied + never + blocked


def _event_iri(store: Store, m: Model, name: str, *, fewest: bool = True) -> str:
    if name in m.events:
        return name
    from .resolve import resolve

    return resolve(store, name, kinds=["event"], fewest=fewest)


def scenario(
    store: Store,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None = None,
    *,
    m: Model | None = None,
) -> Scenario:
    """The scenario in which each event of ``events`` (IRIs or names) happens on its date,
    or on each of its dates (see :attr:`Scenario.again`); an event two names name happens on
    the days of both.

    Raises :class:`~pactgraph.errors.UsageError` if a name is not an event, or an event is
    dated before one it requires, or is said both to happen and never to.
    """
    m = m or model(store)
    named = in_context(store, m, dict(events or {}))
    # two names of one event ("the Shipper mails notice …", "the Transporter mails notice
    # …" of "a party mails notice …") date it on each of their days, as one name given twice
    dated: dict[str, set[dt.date]] = {}
    for name, day in (events or {}).items():
        dated.setdefault(named[name], set()).update(day if isinstance(day, Sequence) else [day])
    given: dict[str, dt.date] = {}
    again: dict[str, tuple[dt.date, ...]] = {}
    for iri, found in dated.items():
        days = sorted(found)
        if len(days) > 1 and any(is_never(d) for d in days):
            raise UsageError(f"{m.label(iri)} is said both to happen and never to: give one")
        if not days:
            continue
        given[iri], again[iri] = days[0], tuple(days[1:])
    return build(m, given, {e: days for e, days in again.items() if days})


def in_context(
    store: Store, m: Model, names: Mapping[str, dt.date | Sequence[dt.date]]
) -> dict[str, str]:
    """The event each of ``names`` (with their days) names; one that could be several is the
    one of them that rests on another event named with it (:func:`_grounds`: "the violation
    notice", with "Diplomat violates a material obligation" dated too, is the notice of that
    violation), if only one does; else the one of a version in effect on its day (a notice
    of non-renewal in 2004 is one under the 1999 terms, not the 1996 ones), if only one is."""
    from .errors import UnknownNameError
    from .resolve import party_named_first

    found: dict[str, str] = {}
    open_: dict[str, UnknownNameError] = {}
    subject = None  # the party the clause before begins with
    for name in names:
        try:
            try:
                found[name] = _event_iri(store, m, name, fewest=False)
            except UnknownNameError:
                # "Peregrine gives notice of default on … and gives notice of termination on
                # …": a clause with no subject has the one before it
                if subject is None or not _VERB_FIRST.match(name):
                    raise
                found[name] = _event_iri(store, m, f"{subject} {name}", fewest=False)
        except UnknownNameError as error:
            if not error.labels or "could be any of" not in str(error):
                raise
            open_[name] = error
        subject = party_named_first(store, name) or (subject if _VERB_FIRST.match(name) else None)
    for name, ambiguous in open_.items():
        known = set(found.values())
        candidates = [e for e in m.events if local_name(e) in ambiguous.labels]
        fitting = [e for e in candidates if _grounds(m, e) & known]
        if not fitting:  # of events of several versions, the one of the version in force
            day = names[name]
            first = min(day) if isinstance(day, Sequence) and day else day
            if isinstance(first, dt.date) and not is_never(first):
                fitting = [e for e in candidates if _in_force_then(m, e, first)]
        # else, as a name alone is read, the one whose label has the fewest words
        found[name] = fitting[0] if len(fitting) == 1 else _event_iri(store, m, name)
    return _grounded(store, m, found)


def _grounded(store: Store, m: Model, found: dict[str, str]) -> dict[str, str]:
    """``found`` with a name read, alone, as an event resting on none of the others, read
    instead as the one event that rests on another named with it and that the name fits
    too, the party it names as "a party" or by its other names: "XIMAGE gives notice of
    termination", with "MORPHO fails to perform a material obligation" dated too, is the
    notice of termination for that failure ("a party gives … notice of termination for the
    other's failure to perform"), not XIMAGE's notice ending MORPHO's licence."""
    from .resolve import fits

    named = set(found.values())
    if len(named) < 2:
        return found
    kept = dict(found)
    for name, event in found.items():
        if name.lower() in {event.lower(), local_name(event).lower(), m.label(event).lower()}:
            continue  # named whole, by its IRI, local name or label
        near = {e for other in named - {event} for e in m.resting_on.get(other, ())}
        if event in near:
            continue
        fitting = [e for e in sorted(near - named) if fits(store, name, e, parties=True)]
        if len(fitting) == 1:
            kept[name] = fitting[0]
    return kept


def _in_force_then(m: Model, event: str, day: dt.date) -> bool:
    """Some provision whose own start or end ``event`` is in is of a version in effect on
    ``day``: dated by then, and not yet replaced or repealed by a later version."""
    for p, provision in m.provisions.items():
        built = {x.iri for t in (provision.start, provision.end) if t for x in m.walk(t)}
        if event not in built:  # not one its own start or end is built from
            continue
        revision = m.revised.get(p)
        dated = provision.agreement_date
        if (dated is None or dated <= day) and (revision is None or revision.on > day):
            return True
    return False


#: A clause that begins with a verb, not a name: "gives notice of termination", "ceasing
#: to do business".
_VERB_FIRST = re.compile(
    r"(?!(?:the|a|an|its|his|her|their|this|that|notice|news|nothing|something)\b)"
    r"[a-z]+(?:s|ing)\b",
    re.I,
)


def _grounds(m: Model, event: str) -> set[str]:
    """The events ``event`` rests on: those it requires, and those that start a right it
    exercises (a notice of termination for a violation, and the violation)."""
    found = set(m.prerequisites(event))
    for t in m.triggers.values():
        if t.type == "Exercise" and t.exercises in m.provisions and event in m.events_in(t.trigger):
            found |= set(m.events_in(m.provisions[t.exercises].start))
    return found


def extend(m: Model, s: Scenario, event: str, day: dt.date) -> Scenario:
    """``s`` with ``event`` happening on ``day`` too: what ``build(m, {**s.given, event:
    day})`` gives, without working out again the events ``s`` already dates (an evaluation
    tries every undated event this way, so a portfolio's events would otherwise be worked
    out once per event). Raises :class:`~pactgraph.errors.UsageError` as :func:`build` does.
    """
    if event in s.dates or s.never or is_never(day):
        return build(m, {**s.given, event: day}, {e: d for e, d in s.again.items() if e != event})
    dates = dict(s.dates)
    implied = dict(s.implied)
    for prerequisite in m.prerequisites(event):
        if prerequisite in dates:
            before = dates[prerequisite]
            if prerequisite not in implied:
                if before > day:
                    raise UsageError(
                        f"{m.label(prerequisite)} is dated {before}, after {m.label(event)} "
                        f"on {day}, which requires it; date it on or before {day}, or leave "
                        "it out to have it implied"
                    )
                continue
            # implied by another event: by the earliest, and of those on one day, the first
            if (day, event) >= (before, implied[prerequisite]):
                continue
        dates[prerequisite] = day
        implied[prerequisite] = event
    dates[event] = day
    return Scenario(
        dates=dates,
        given={**s.given, event: day},
        implied=implied,
        recorded=s.recorded,
        never=s.never,
        blocked=s.blocked,
        again=s.again,
    )


def build(
    m: Model,
    given: Mapping[str, dt.date],
    again: Mapping[str, tuple[dt.date, ...]] | None = None,
) -> Scenario:
    """The scenario of ``given`` (event IRI → date), with the dates the graph records and
    the prerequisites the events imply; ``again``, the later dates of events given more
    than one (after the first, which ``given`` holds).

    A prerequisite nobody dates happens at or before every event that requires it: on the
    earliest of their dates. An event dated :data:`NEVER` happens on no day. Raises
    :class:`~pactgraph.errors.UsageError` if an event is dated before one it requires, or
    requires one that never happens, or if one the graph records is said never to happen.
    """
    never = frozenset(e for e, day in given.items() if is_never(day))
    for event in sorted(never & m.recorded.keys()):
        raise UsageError(
            f"{m.label(event)} is recorded as having happened on {m.recorded[event]}, so it "
            "cannot be one that never happens; leave it out of the scenario"
        )
    recorded = {iri: day for iri, day in m.recorded.items() if iri not in given}
    dates: dict[str, dt.date] = {
        **recorded,
        **{e: day for e, day in given.items() if e not in never},
    }
    for event, day in sorted(dates.items(), key=lambda kv: (kv[1], kv[0])):
        needs = never & set(m.prerequisites(event))
        if needs:
            first = sorted(needs)[0]
            raise UsageError(
                f"{m.label(event)} on {day} requires {m.label(first)}, which never happens in "
                f"this scenario; drop one of the two"
            )
    implied: dict[str, str] = {}
    for event, day in sorted(dict(dates).items(), key=lambda kv: (kv[1], kv[0])):
        for prerequisite in m.prerequisites(event):
            if prerequisite in implied:
                continue  # implied already by an event on this day or earlier
            if prerequisite in dates:
                if dates[prerequisite] > day:
                    raise UsageError(
                        f"{m.label(prerequisite)} is dated {dates[prerequisite]}, after "
                        f"{m.label(event)} on {day}, which requires it; date it on or "
                        f"before {day}, or leave it out to have it implied"
                    )
                continue
            dates[prerequisite] = day
            implied[prerequisite] = event
    blocked = (
        {
            event: next(p for p in m.prerequisites(event) if p in never)
            for event in m.events
            if event not in never and event not in dates and never & set(m.prerequisites(event))
        }
        if never
        else {}
    )
    return Scenario(
        dates=dates,
        given=dict(given),
        implied=implied,
        recorded=recorded,
        never=never,
        blocked=blocked,
        again={e: days for e, days in (again or {}).items() if e in given and days},
    )
