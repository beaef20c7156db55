"""What changes when an event happens: the state just before it against the state just after.

``impact(store, event, on=D)`` evaluates every provision on ``D`` twice under the same
scenario, once without the event and once with it (and with the prerequisites it implies),
and reports each provision whose status or meaning differs:

- ``change``: ``ends`` (in force before, ended after), ``begins`` (not started before, in
  force after) or ``modified`` (in force both times, but a provision it rests on by a
  ``pg:Modifies`` edge has ended);
- ``cause``: ``direct`` (its own term is bound to the event), ``prerequisite`` (its own term is
  bound to an event the event requires, assumed to happen with it) or ``ripple`` (it changed
  through a dependency);
- ``path``: the chain of graph nodes from the event to the provision, with ``steps`` naming
  each edge, so every change can be explained.

Without a date, the event is tried from the day after the agreements' earliest date on every
date where the answer could differ (each day a date trigger or a dated event fires, a term
starts or ends, or an agreement is dated, and the day after each); a change that does not
happen on all of them carries its ``condition`` ("if before 2031-01-01"), and its
``reason`` says what changes without naming a day. What rests on no provision (the event,
dates, combinations of them) links no agreements: each part of the graph it reaches is
tried on its own days.

Nothing here knows any agreement: see :mod:`pactgraph.state` for the semantics of a term.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from .answers import (
    Cause,
    Change,
    ChangeKind,
    Impact,
    ImpactEvent,
    Shift,
    Status,
)
from .durations import Duration, add_within
from .errors import UsageError
from .evaluate import ALWAYS, LEAST, Run, Term, contradiction_notes, islands, packed, unpacked
from .model import DAY, Model, Trigger, model, no_cycle_sweeps
from .scenario import build, in_context, is_never, scenario
from .spread import processes, spread
from .state import assumed_date_notes
from .traverse import explain, relation_words, when_words

if TYPE_CHECKING:
    from .load import Store

__all__ = ["impact"]


def _change(
    before: Status, after: Status, modified_before: tuple[str, ...], modified_after: tuple[str, ...]
) -> ChangeKind | None:
    if before == after:
        if after == Status.IN_FORCE and set(modified_after) - set(modified_before):
            return ChangeKind.MODIFIED
        return None
    if before == Status.IN_FORCE:
        return ChangeKind.ENDS
    if after == Status.IN_FORCE:
        return ChangeKind.BEGINS
    return None  # not in force either way: nothing a party could notice changes


class _Explain:
    """Why a provision changed, from the records of the run with the event: the cause,
    the path of graph nodes from the event, and what changed in words."""

    def __init__(self, m: Model, run: Run, event: str, before: Run) -> None:
        self.m, self.run, self.event, self.before = m, run, event, before
        self._ending: set[str] = set()

    def _from_event(self, trigger: str) -> tuple[Cause, list[str]] | None:
        """The path from the event to ``trigger`` through the chain that decided it."""
        chain = self.run.chain(trigger)
        leaf = chain[0]
        if leaf == self.event:
            return Cause.DIRECT, chain
        marks = self.m.triggers.get(leaf)
        if marks is not None and marks.type == "ProvisionEnd" and marks.end_of is not None:
            end_of = marks.end_of

            def ended() -> list[str]:  # how it came to end, through its replacements if any
                _, carried = self.run._carried(end_of)
                _, path = self.ends(carried[-1] if carried else end_of)
                return [*path, *reversed(carried[:-1]), end_of] if carried else path

            path = self._once(end_of, ended)  # None: a provision that ends as it itself ends
            return (Cause.RIPPLE, [*path, *chain]) if path is not None else None
        route = _requires_path(self.m, self.event, leaf)
        if route is not None:
            return Cause.PREREQUISITE, [*route, *chain[1:]]
        return self._through_exercise(chain)

    def _through_exercise(self, chain: list[str]) -> tuple[Cause, list[str]] | None:
        """The path through an exercise on ``chain`` that counts because the event put the
        provision it exercises in force that day (a price increase opening the window a
        notice already given falls in)."""
        for i, node in enumerate(chain):
            t = self.m.triggers.get(node)
            if t is None or t.type != "Exercise" or t.exercises not in self.m.provisions:
                continue
            path = self._once(t.exercises, partial(self._began, t.exercises))
            return (Cause.RIPPLE, [*path, *chain[i:]]) if path is not None else None
        return None

    def _began(self, provision: str) -> list[str]:
        return self.begins(provision)[1]

    def _once(self, provision: str, explain: Callable[[], list[str]]) -> list[str] | None:
        """The path ``explain`` gives for how ``provision`` came to change, or None if that
        explanation is already under way (a provision whose change comes through itself)."""
        if provision in self._ending:
            return None
        self._ending.add(provision)
        try:
            return explain()
        finally:
            self._ending.discard(provision)

    def own(self, provision: str, *, start: bool) -> tuple[Cause, list[str]] | None:
        """The cause and path when the provision's own start (or end) trigger decided."""
        p = self.m.provisions[provision]
        trigger = p.start if start else p.end
        if trigger is None:
            return None
        found = self._from_event(trigger)
        return (found[0], [*found[1], provision]) if found else None

    def ends(self, provision: str) -> tuple[Cause, list[str]]:
        term = self.run.term(provision)
        if term.never and term.start is None:  # it no longer starts: through its start
            own = self.own(provision, start=True)
            if own is not None:
                return own
        if term.end_by is None:
            own = self.own(provision, start=False)
            if own is not None:
                return own
        return self._ripple(term.path, start=False)

    def begins(self, provision: str) -> tuple[Cause, list[str]]:
        term = self.run.term(provision)
        if term.start_by is None:
            own = self.own(provision, start=True)
            if own is not None:
                return own
            # its own start did not move: what held it back before no longer does
            return self._ripple(self.before.term(provision).start_path, start=True)
        return self._ripple(term.start_path, start=True)

    def _ripple(self, chain: tuple[str, ...], *, start: bool) -> tuple[Cause, list[str]]:
        if not chain:
            return Cause.RIPPLE, [self.event]
        found = self.own(chain[0], start=start)
        head = found[1] if found else [self.event, chain[0]]
        return Cause.RIPPLE, [*head, *chain[1:]]

    def modified(self, provision: str, ended: str) -> tuple[Cause, list[str]]:
        """How what ``provision`` rests on came to end: through the replacements a later
        version made of it, if any (each ``pg:revises`` step back to it)."""
        _, chain = self.run._carried(ended)
        if chain:
            _, path = self.ends(chain[-1])
            return Cause.RIPPLE, [*path, *reversed(chain[:-1]), ended, provision]
        _, path = self.ends(ended)
        return Cause.RIPPLE, [*path, provision]

    def how(
        self,
        change: ChangeKind,
        cause: Cause,
        path: list[str],
        provision: str,
        ended: str | None = None,
    ) -> str:
        """What changed, in words that hold whatever day the event happens; ``ended`` is
        what a modified provision rests on."""
        m = self.m
        label = m.label
        if change == ChangeKind.MODIFIED:
            q = ended or path[-2]
            modifies = m.ripple("Modifies")
            relation = (
                modifies.edges[q, provision]["relation"]
                if modifies.has_edge(q, provision)
                else "rests on"
            )
            if relation == "exceptionTo":
                return f"its exception ends: {label(q)}, which it is an exception to, has ended"
            if relation == "carveOutOf":
                return f"its carve-out ends: {label(q)}, which it is carved out of, has ended"
            if relation == "extends":
                kind = m.provisions[q].kind.lower() if q in m.provisions else "terms"
                return f"loses its {kind}: {label(q)}, which it extends, has ended"
            return f"{relation_words(relation)} {label(q)}, which has ended"
        verb = "ends" if change == ChangeKind.ENDS else "begins"
        if cause == Cause.DIRECT:
            return f"{verb} {when_words(label(self.event))}"
        if cause == Cause.PREREQUISITE:
            leaf = [n for n in path if n in m.events][-1]  # the required event that decided
            return f"{verb} {when_words(label(leaf))}, which {label(self.event)} requires"

        def last(kind: str) -> int | None:  # the last trigger of that kind on the path
            found = [i for i, n in enumerate(path[:-1]) if n in m.triggers
                     and m.triggers[n].type == kind]  # fmt: skip
            return found[-1] if found else None

        mark = last("ProvisionEnd")
        if mark is not None and not any(n in m.provisions for n in path[mark + 1 : -1]):
            t = m.triggers[path[mark]]
            route = t.through or t.not_through
            how = f" through {label(route)}" if route else ""
            if t.not_through and change == ChangeKind.BEGINS:
                how = f" other than through {label(t.not_through)}"
            return f"{verb} as {label(t.end_of) if t.end_of else '?'} ends{how}"
        exercised = last("Exercise")
        after = exercised + 1 if exercised is not None else 0
        if exercised is not None and not any(n in m.provisions for n in path[after:-1]):
            exercise = path[exercised]
            right = label(m.triggers[exercise].exercises or "?")
            return f"{verb} as {label(exercise)} counts: {right} is in force that day"
        provisions = [n for n in path[after:] if n in m.provisions][:-1] or [provision]
        root, q = provisions[0], provisions[-1]
        relation = (
            m.ripple("Ends").edges[q, provision]["relation"]
            if m.ripple("Ends").has_edge(q, provision)
            else "dependsOn"
        )
        via = "" if q == root else f", which rests on {label(root)}"
        return f"{verb} with {label(root)}: it {relation_words(relation)} {label(q)}{via}"


def _requires_path(m: Model, event: str, target: str) -> list[str] | None:
    """The chain of ``pg:requires`` from ``event`` to ``target`` (breadth first)."""
    routes = {event: [event]}
    todo = [event]
    while todo:
        current = todo.pop(0)
        if current == target:
            return routes[current]
        t = m.triggers.get(current)
        for nxt in t.requires if t else ():
            if nxt not in routes:
                routes[nxt] = [*routes[current], nxt]
                todo.append(nxt)
    return None


class _Trial:
    """The event tried on one day: the runs without it and with it (and with the
    prerequisites it implies), and how a change between them is explained. Each run works
    out a term once, whichever part of the portfolio asks."""

    def __init__(
        self, m: Model, event: str, day: dt.date, base: Mapping[str, dt.date], before: Run
    ) -> None:
        self.m, self.day, self.before = m, day, before
        self.scenario = build(m, {**base, event: day}, before.s.again)
        new = {e for e, d in self.scenario.dates.items() if before.s.dates.get(e) != d}
        self.after = Run(m, self.scenario, prefer=new)
        self.explain = _Explain(m, self.after, event, before)

    def changes(self, nodes: set[str]) -> list[Change]:
        """The provisions among ``nodes`` that change, by name."""
        m, day, before, after, explain_ = self.m, self.day, self.before, self.after, self.explain
        found = []
        for iri in sorted(nodes & m.provisions.keys()):
            b, a = before.status(iri, day), after.status(iri, day)
            modified_before = before.modified_by(iri, day) if b == Status.IN_FORCE else ()
            modified_after = after.modified_by(iri, day) if a == Status.IN_FORCE else ()
            change = _change(b, a, modified_before, modified_after)
            if change is None:
                continue
            if change == ChangeKind.ENDS:
                cause, path = explain_.ends(iri)
            elif change == ChangeKind.BEGINS:
                cause, path = explain_.begins(iri)
            else:
                ended = sorted(set(modified_after) - set(modified_before))[0]
                cause, path = explain_.modified(iri, ended)
            p = m.provisions[iri]
            if p.kind == "Definition" and cause == Cause.RIPPLE:
                continue  # a definition goes with what it defines
            status = after.describe(iri, day, conditional=False)
            how = explain_.how(
                change, cause, path, iri, ended if change == ChangeKind.MODIFIED else None
            )
            found.append(
                Change(
                    provision=iri,
                    label=p.label,
                    kind=p.kind,
                    change=change,
                    cause=cause,
                    condition=None,
                    path=tuple(path),
                    path_labels=tuple(m.label(node) for node in path),
                    steps=explain(m.graph, path),
                    before=b,
                    after=a,
                    reason=status.reason,
                    quote=p.quote,
                    how=how,
                    interpretations=p.interpretations,
                    sources=p.sources,
                )
            )
        return found

    def shifts(self, nodes: set[str], changed: set[str]) -> list[Shift]:
        """The provisions among ``nodes``, other than ``changed``, whose terms the event
        moves: their first or last day differs with it, or whether they ever come into
        force."""
        return [
            shift
            for iri, b, a in self.moved(nodes, changed)
            if (shift := _merged_shift(self.m, iri, b, [(0, a)], None)) is not None
        ]

    def moved(self, nodes: set[str], changed: set[str]) -> list[tuple[str, Term, Term]]:
        """The provisions among ``nodes``, other than ``changed``, whose terms differ with the
        event, each with its term without it and with it (see :meth:`shifts`)."""
        m, before, after, day = self.m, self.before, self.after, self.day
        found = []
        for iri in sorted((nodes & m.provisions.keys()) - changed):
            b, a = before.term(iri), after.term(iri)
            if (b.start, b.end, b.never) == (a.start, a.end, a.never) or (b.never and a.never):
                continue
            if before.status(iri, day) != after.status(iri, day):
                continue  # it changes that day: a definition goes with what it defines
            found.append((iri, b, a))
        return found


def _first_day_of(term: Term) -> dt.date | None:
    """A term's first day in force, as a shift gives it (None: never, or from always)."""
    return term.start if term.start not in (None, ALWAYS) and not term.never else None


def _last_day_of(term: Term) -> dt.date | None:
    """A term's last day in force, as a shift gives it (None: no end, or never)."""
    return term.end - DAY if term.end is not None and not term.never else None


def _merged_shift(
    m: Model, iri: str, before: Term, tried: Sequence[tuple[int, Term]], condition: str | None
) -> Shift | None:
    """One row for the shifts of ``iri`` on the days tried (``tried``: each day's index and
    the term with the event that day), under ``condition``: the shift itself where every
    day gives the same (as on the one day of a dated impact), else the days that depend on
    the day the event happens left out."""
    p = m.provisions[iri]
    first, last = _first_day_of(before), _last_day_of(before)
    firsts = {_first_day_of(a) for _, a in tried}
    lasts = {_last_day_of(a) for _, a in tried}
    nevers = {a.never for _, a in tried}
    in_force = [a for _, a in tried if not a.never]
    sooner = {
        "sooner_start": any(
            (f := _first_day_of(a)) is not None
            and (before.never or before.start is None or (first is not None and f < first))
            for a in in_force
        ),
        # a provision never in force without the event ends nothing sooner
        "sooner_end": not (before.never or before.start is None)
        and (
            True in nevers
            or any(
                (d := _last_day_of(a)) is not None and (last is None or d < last) for a in in_force
            )
        ),
    }
    if len(firsts) == len(lasts) == len(nevers) == 1:
        a = tried[0][1]
        how = _shift_words(
            (first, _first_day_of(a)), (last, _last_day_of(a)), before.never, a.never
        )
        if not how:
            return None
        return Shift(
            provision=iri, label=p.label, kind=p.kind, first_before=first,
            first_after=_first_day_of(a), last_before=last, last_after=_last_day_of(a),
            how=how, quote=p.quote, condition=condition, **sooner,
        )  # fmt: skip
    without = (
        "never in force"
        if before.never or before.start is None
        else f"from {first or 'the start'}, last day {last or 'none'}"
    )
    said = []
    if len(firsts) > 1 or len(nevers) > 1:
        said.append("comes into force on a day that depends on the day it happens")
    if len(nevers) > 1:
        said[-1] += ", if at all"
    if len(lasts) > 1:
        said.append("its last day depends on the day it happens")
    elif (only := next(iter(lasts))) != last:
        said.append(f"last day {only or 'none'}")
    return Shift(
        provision=iri, label=p.label, kind=p.kind, first_before=first,
        first_after=next(iter(firsts)) if len(firsts) == 1 else None, last_before=last,
        last_after=next(iter(lasts)) if len(lasts) == 1 else None,
        how=f"{'; '.join(said)} (without it: {without})", quote=p.quote,
        condition=condition, day_dependent=True, **sooner,
    )  # fmt: skip


def _unpacked_rows(m: Model, sent: Any) -> list[Change | Shift]:
    """The changes and shifts another process sent: the changes packed (see
    :func:`~pactgraph.evaluate.packed`), the shifts whole."""
    changes, shifts = sent
    return [*unpacked(m, changes), *shifts]


def _shift_words(
    firsts: Sequence[dt.date | None],
    lasts: Sequence[dt.date | None],
    never_before: bool,
    never_after: bool,
) -> str:
    """A term's shift in words (its first and last days without the event, then with it),
    the term without the event in brackets."""
    first_before, first_after = firsts
    last_before, last_after = lasts
    if never_after:
        return "never comes into force" + (
            f" (without it: from {first_before})" if first_before else ""
        )
    said = []
    if never_before:
        on = f" on {first_after}" if first_after else ""
        said.append(f"comes into force{on} (without it: never)")
    elif first_after != first_before:
        when = f"on {first_after}" if first_after else "with the agreement"
        without = f"on {first_before}" if first_before else "with the agreement"
        said.append(f"comes into force {when} (without it: {without})")
    if never_before or last_after != last_before:
        after = f"last day {last_after}" if last_after else "no end"
        before = "" if never_before else f" (without it: {last_before or 'no end'})"
        said.append(after + before)
    return "; ".join(said)


def _days_that_matter(
    m: Model, event: str, base: Mapping[str, dt.date], nodes: set[str], run: Run
) -> set[dt.date]:
    """The days on which an answer about ``nodes`` can differ, with ``run`` the scenario
    without the event."""
    days: set[dt.date] = set()
    for trigger in nodes & m.triggers.keys():
        days |= m.dates_in(trigger)
        fired = run.fire(trigger).day  # relative triggers and renewals, from dated anchors
        if fired is not None:
            days.add(fired)
    days |= {d for e, d in base.items() if e != event and e in nodes and not is_never(d)}
    # the days later versions take effect, replacing or repealing what they revise
    days |= {r.on for p, r in m.revised.items() if p in nodes}
    # and the days the terms it reaches start and end without it: agreements' dates,
    # survival periods, what a provision rests on
    for p in nodes & m.provisions.keys():
        term = run.term(p)
        days |= {d for d in (term.start, term.end) if d is not None and d != ALWAYS}
        # the agreement's own date, which a term without the event may not show (one that
        # waits for a provision only the event starts has no start at all)
        if (dated := m.provisions[p].agreement_date) is not None:
            days.add(dated)
    # and the day after each: on the day a term starts the event would end it before it is
    # ever in force, and a trigger that fires "unless" another fires first still fires when
    # both fall on one day
    return days | {d + DAY for d in days if d < dt.date.max}


def _first_day(
    m: Model, event: str, base: Mapping[str, dt.date], relevant: set[str], run: Run
) -> dt.date:
    """The first day the event is tried on."""
    starts = [
        day
        for p in relevant & m.provisions.keys()
        if (day := m.provisions[p].agreement_date) is not None
    ]
    # On the agreements' first day itself the event would end terms on the day they start,
    # so they would never be in force: the first span is tried on its second day.
    if starts:
        return min(starts) + DAY
    # Agreements that give no date start nothing: every day before the first that matters
    # is alike, and the day before it stands for them.
    days = _days_that_matter(m, event, base, relevant, run)
    return min(days) - DAY if days else dt.date.today()


def _condition(indices: list[int], days: list[dt.date], until: dt.date | None = None) -> str | None:
    """The days among ``days`` (each standing for the span up to the next, the last up to
    ``until`` or for ever) on which a change happens, as a condition; None if all."""
    if len(indices) == len(days):
        return None
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    parts = []
    for first, last in runs:
        upper = days[last + 1] if last + 1 < len(days) else until
        if first == 0 and upper is not None:
            parts.append(f"before {upper}")
        elif upper is None:
            parts.append(f"on or after {days[first]}")
        else:
            parts.append(f"on or after {days[first]} and before {upper}")
    return "if " + " or ".join(parts)


def _without_date(
    m: Model,
    event: str,
    base: Mapping[str, dt.date],
    relevant: set[str],
    before: Run,
    *,
    within: tuple[dt.date, dt.date] | None,
) -> list[Change | Shift]:
    """The changes of ``event`` tried on every day where the answer could differ (within
    ``within``, if given), each with the condition on the day it happens under, and the
    shifts of the terms it moves to later days (see :func:`_merged_shift`), each with its
    condition too. The days tried include, for each offset of a relative trigger the event
    reaches, the first day from which that offset reaches each day that matters (begun on
    2020-12-01, a right that comes two months on comes after a term's last day).

    Each part of ``relevant`` (see :meth:`~pactgraph.model.Model.parts`) is tried on its
    own days only, all from the same first day: between two of its days its answer stays
    the same, so a change reads the same condition as if every part's days were tried.
    """
    first = _first_day(m, event, base, relevant, before)
    # every part shares the days of the event, of what it requires, and of the scenario:
    # the event cannot happen before an event it requires is dated
    shared = _days_that_matter(m, event, base, {event, *m.prerequisites(event)}, before)
    shared |= {d for e, d in base.items() if not is_never(d)}
    until = None if within is None else within[1] + DAY
    trials: dict[dt.date, _Trial | None] = {}

    def work(parts: Sequence[set[str]]) -> list[Change | Shift]:
        rows: list[Change | Shift] = []
        for part in parts:
            own = _days_that_matter(m, event, base, part, before) | shared
            own |= _reaching(m, part, own)
            days = [first, *sorted(d for d in own if d > first)]
            if within is not None:
                days = [within[0], *(d for d in days if within[0] < d <= within[1])]
            merged: dict[tuple[str, str, str], tuple[Change, list[int]]] = {}
            moved: dict[str, list[tuple[int, Term]]] = {}
            # what the event moves is asked from the part's own first day: before its
            # agreements' dates, it would only keep them from coming into force at all
            own_first = _first_day(m, event, base, part, before)

            def trial_on(day: dt.date) -> _Trial | None:
                if day not in trials:
                    try:
                        trials[day] = _Trial(m, event, day, base, before)
                    except UsageError:  # it cannot happen that day: it requires one dated later
                        trials[day] = None
                return trials[day]

            for index, day in enumerate(days):
                trial = trial_on(day)
                if trial is None:
                    continue
                changed = trial.changes(part)
                for change in changed:
                    key = (change.provision, change.change, change.cause)
                    merged.setdefault(key, (change, []))[1].append(index)
                for iri, _, after in (
                    trial.moved(part, {c.provision for c in changed}) if day >= own_first else ()
                ):
                    moved.setdefault(iri, []).append((index, after))
            # without a date, no row speaks of the day it was tried on: it says what changes
            rows.extend(
                replace(change, condition=_condition(indices, days, until), reason=change.how or "")
                for change, indices in merged.values()
            )
            # a span of days that moves a provision is tried in its middle too, so a day
            # that depends on the event's (ninety days after a notice) is seen to, though
            # the span holds one day tried
            spans: dict[int, dict[str, Term]] = {}
            for index in sorted({i for tried in moved.values() for i, _ in tried}):
                if index + 1 >= len(days) or (days[index + 1] - days[index]).days < 2:
                    continue
                middle = days[index] + (days[index + 1] - days[index]) // 2
                if (trial := trial_on(middle)) is None:
                    continue
                touched = {c.provision for c in trial.changes(part)}
                spans[index] = {iri: after for iri, _, after in trial.moved(part, touched)}
            for iri, tried in moved.items():
                condition = _condition([i for i, _ in tried], days, until)
                at_middle = [(i, spans[i][iri]) for i, _ in tried if iri in spans.get(i, {})]
                shift = _merged_shift(m, iri, before.term(iri), [*tried, *at_middle], condition)
                rows.extend([shift] if shift is not None else [])
        return rows

    return spread(
        work,
        m.parts(relevant),
        least=LEAST,
        weight=lambda part: len(part & m.provisions.keys()),
        pack=lambda found: (
            packed([c for c in found if isinstance(c, Change)]),
            [s for s in found if isinstance(s, Shift)],
        ),
        unpack=partial(_unpacked_rows, m),
    )


def _reaching(m: Model, nodes: set[str], days: set[dt.date]) -> set[dt.date]:
    """For each chain of relative triggers among ``nodes`` ("the day after the sixtieth day
    after the notice": sixty days, then one) and each of ``days``, the first day from which
    that chain reaches it: an event on that day is the first whose consequence, the
    chain's offsets on, falls on or after the day. Each trigger's own offset is a chain too."""
    chains: set[tuple[Duration, ...]] = set()
    for n in nodes & m.triggers.keys():
        chain: list[Duration] = []
        t: Trigger | None = m.triggers[n]
        while t is not None and t.type == "RelativeTrigger" and t.offset is not None:
            chain[:0] = [t.offset, *([Duration(days=1)] if t.end_of_day else [])]
            chains.add(tuple(chain))
            if len(chain) > 8:  # a long chain: its first links are enough
                break
            t = m.triggers.get(t.after or "")
    found: set[dt.date] = set()
    for offsets in chains:
        span = sum(31 * o.months + o.days + 2 * o.business_days + 7 for o in offsets)
        for day in days:
            low, high = day.toordinal() - span, day.toordinal()  # reaches before, reaches
            if low < 1 or _reaches(low, offsets, day):
                continue
            while high - low > 1:  # the day moved by the offsets only grows with the day
                middle = (low + high) // 2
                low, high = (low, middle) if _reaches(middle, offsets, day) else (middle, high)
            found.add(dt.date.fromordinal(high))
    return found


def _reaches(ordinal: int, chain: Sequence[Duration], day: dt.date) -> bool:
    """The day ``ordinal`` moved by each offset of ``chain`` in turn falls on or after
    ``day`` (past the calendar's last day, it does)."""
    moved: dt.date | None = dt.date.fromordinal(ordinal)
    for offset in chain:
        moved = add_within(moved, offset) if moved is not None else None
    return moved is None or moved >= day


def impact(
    store: Store,
    event: str,
    *,
    on: dt.date | None = None,
    within: tuple[dt.date, dt.date] | None = None,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Impact:
    """What changes when ``event`` happens on ``on``, given the other ``events``.

    Parameters
    ----------
    store
        The loaded agreements.
    event
        The event, by IRI or name.
    on
        The day it happens. Without it, the event is tried on every day where the answer
        could differ, and a change that does not happen on all of them carries its
        ``condition``.
    within
        The first and last day it may happen on, when the day itself is not known ("in
        2029"): it is tried on every day of that span where the answer could differ, and
        a change that does not happen on all of them carries its ``condition``.
    events
        The other events of the scenario, with their dates (or lists of dates).
    as_of
        Answer from the versions published on or before this day (default: all known).
    min_evidence
        Leave out the provisions that rest only on sources weaker than this kind of
        evidence (``party-document``, ``regulatory-filing``, ``secondary-quotation``,
        ``press-report``).

    Returns
    -------
    Impact
        The event, the scenario, notes on what was assumed, and each
        :class:`~pactgraph.answers.Change`: ends, then begins, then modified.

    Raises
    ------
    UnknownNameError
        A name matches no event, or several.
    UsageError
        An event is dated after one that requires it; ``on`` and ``within`` are both
        given, or ``within`` ends before it starts.

    Examples
    --------
    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/supply> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/exclusive>, <https://example.org/spares> .
    ...     <https://example.org/exclusive> a pg:Exclusivity ; rdfs:label "exclusive supply" ;
    ...         pg:endsWith <https://example.org/closure> .
    ...     <https://example.org/spares> a pg:Right ; rdfs:label "spares from anyone" ;
    ...         pg:exceptionTo <https://example.org/exclusive> .
    ...     <https://example.org/closure> a pg:Event ; rdfs:label "plant closes" .
    ... ''')
    >>> answer = impact(store, "plant closes")
    >>> [(c.label, c.change.value, c.cause.value) for c in answer.changes]
    [('exclusive supply', 'ends', 'direct'), ('spares from anyone', 'modified', 'ripple')]
    """
    with no_cycle_sweeps():
        return _impact(
            store, event, on=on, within=within, events=events, as_of=as_of,
            min_evidence=min_evidence,
        )  # fmt: skip


def _impact(
    store: Store,
    event: str,
    *,
    on: dt.date | None,
    within: tuple[dt.date, dt.date] | None,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None,
    as_of: dt.date | None,
    min_evidence: str | None,
) -> Impact:

    if within is not None and (on is not None or within[1] < within[0]):
        raise UsageError(
            "give the day the event happens (on) or the span it happens in (within), not both"
            if on is not None
            else f"the span {within[0]} to {within[1]} ends before it starts"
        )
    m = model(store, as_of, min_evidence)
    # a name that could be several events is settled, as in a scenario, by the events the
    # scenario names ("the violation notice" with the violation dated), and the scenario's
    # names by the event, likewise
    named = in_context(store, m, {**(events or {}), event: [on] if on is not None else []})
    iri = event if event in m.events else named[event]
    given = scenario(store, {named[name]: day for name, day in (events or {}).items()}, m=m)
    if iri in given.never:
        raise UsageError(
            f"the scenario says {m.label(iri)} never happens; an impact asks what changes when "
            "it does: leave it out of the scenario"
        )
    needs = [p for p in m.prerequisites(iri) if p in given.never]
    if needs:
        raise UsageError(
            f"{m.label(iri)} requires {m.label(needs[0])}, which never happens in this "
            "scenario, so it cannot happen: leave one of the two out"
        )
    base = {k: v for k, v in given.given.items() if k != iri}
    relevant = m.relevant(iri)
    tried = ""  # without a day: from when the event is tried
    before = Run(m, build(m, base, {k: v for k, v in given.again.items() if k != iri}))
    later: list[Shift] = []
    if on is not None:
        trial = _Trial(m, iri, on, base, before)
        reached = relevant & m.provisions.keys()

        def work(share: Sequence[Sequence[str]]) -> list[Change | Shift]:
            nodes = {iri for island in share for iri in island}
            found = trial.changes(nodes)
            return [*found, *trial.shifts(nodes, {c.provision for c in found})]

        if processes(len(reached), LEAST) < 2:
            rows = work([sorted(reached)])
        else:
            rows = spread(
                work,
                islands(m, reached),
                least=LEAST,
                weight=len,
                pack=lambda found: (
                    packed([c for c in found if isinstance(c, Change)]),
                    [s for s in found if isinstance(s, Shift)],
                ),
                unpack=partial(_unpacked_rows, m),
            )
        changes = sorted((c for c in rows if isinstance(c, Change)), key=lambda c: c.provision)
        later = sorted(
            (s for s in rows if isinstance(s, Shift)), key=lambda s: (s.label.lower(), s.provision)
        )
        with_event = trial.scenario
    else:
        with_event = before.s
        tried_rows = _without_date(m, iri, base, relevant, before, within=within)
        changes = [c for c in tried_rows if isinstance(c, Change)]
        later = sorted(
            (s for s in tried_rows if isinstance(s, Shift)),
            key=lambda s: (s.label.lower(), s.condition or "", s.provision),
        )
        first = within[0] if within is not None else _first_day(m, iri, base, relevant, before)
        tried = f"{m.label(iri)} is tried on every day from {first}"
    order = {c: i for i, c in enumerate(ChangeKind)}
    causes = {c: i for i, c in enumerate(Cause)}
    changes.sort(
        key=lambda c: (order[c.change], causes[c.cause], c.label.lower(), c.condition or "")
    )
    return Impact(
        event=ImpactEvent(iri, m.label(iri), on, tuple(m.prerequisites(iri))),
        on=on,
        scenario=with_event.describe(m),
        notes=(
            *(
                f"{m.label(p)} is assumed to happen with {m.label(iri)}, at or before it, "
                "because it is required"
                for p in m.prerequisites(iri)
                if p not in base
            ),
            *(contradiction_notes(m, with_event) if on is not None else ()),
            *(note for note in given.notes(m) if "never" in note or "cannot" in note),
            *m.version_notes(),
            *(
                [
                    f"{tried} to {within[1]} on which the answer could differ; a change that "
                    "depends on the day says when it happens"
                ]
                if within is not None
                else [
                    f"{tried} on which the answer could differ (the day after the earliest "
                    "agreement's date); a change that depends on the day says when it happens, "
                    "and before then none is claimed"
                ]
                if on is None
                else []
            ),
            *assumed_date_notes(store, m.assumed_dates(relevant & m.provisions.keys())),
        ),
        changes=tuple(changes),
        never=tuple(sorted(m.label(e) for e in given.never)),
        later=tuple(later),
    )
