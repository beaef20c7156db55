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

Without a date, the event is tried on every date where the answer could differ (each day a
date trigger or a dated event fires, and the day after the agreements' date); a change that
does not happen on all of them carries its ``condition`` ("if before 2031-01-01"), and its
``reason`` says what changes without naming a day.

Nothing here knows any agreement: see :mod:`pactgraph.state` for the semantics of a term.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from .answers import (
    Cause,
    Change,
    ChangeKind,
    Impact,
    ImpactEvent,
    Status,
)
from .errors import UsageError
from .evaluate import ALWAYS, Run
from .model import DAY, Model, model
from .scenario import Scenario, build, is_never, scenario
from .state import assumed_date_notes
from .traverse import explain, relation_words

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

    def _from_event(self, trigger: str) -> tuple[Cause, list[str]] | None:
        """The path from the event to ``trigger`` through the chain that decided it."""
        chain = self.run.chain(trigger)
        leaf = chain[0]
        if leaf == self.event:
            return Cause.DIRECT, chain
        route = _requires_path(self.m, self.event, leaf)
        if route is None:
            return None
        return Cause.PREREQUISITE, [*route, *chain[1:]]

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
            return f"{verb} when {label(self.event)} happens"
        if cause == Cause.PREREQUISITE:
            leaf = [n for n in path if n in m.events][-1]  # the required event that decided
            return f"{verb} when {label(leaf)} happens, which {label(self.event)} requires"
        provisions = [n for n in path if n in m.provisions][:-1] or [provision]
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


def _changes_on(
    m: Model, event: str, *, day: dt.date, base: Mapping[str, dt.date], relevant: set[str]
) -> tuple[list[Change], Scenario]:
    without = build(m, base)
    with_event = build(m, {**base, event: day})
    new = {e for e, d in with_event.dates.items() if without.dates.get(e) != d}
    before, after = Run(m, without), Run(m, with_event, prefer=new)
    explain_ = _Explain(m, after, event, before)
    found = []
    for iri in sorted(relevant & m.provisions.keys()):
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
    return found, with_event


def _probe_days(
    m: Model, event: str, base: Mapping[str, dt.date], relevant: set[str]
) -> list[dt.date]:
    """The days on which the answer can differ, earliest first."""
    days: set[dt.date] = set()
    run = Run(m, build(m, base))
    for trigger in relevant & m.triggers.keys():
        days |= m.dates_in(trigger)
        fired = run.fire(trigger).day  # relative triggers and renewals, from dated anchors
        if fired is not None:
            days.add(fired)
    days |= {d for e, d in base.items() if e != event and e in relevant and not is_never(d)}
    # the days later versions take effect, replacing or repealing what they revise
    days |= {r.on for p, r in m.revised.items() if p in relevant}
    # and the days the terms it reaches start and end without it: agreements' dates,
    # survival periods, what a provision rests on
    for p in relevant & m.provisions.keys():
        term = run.term(p)
        days |= {d for d in (term.start, term.end) if d is not None and d != ALWAYS}
    starts = [
        day
        for p in relevant & m.provisions.keys()
        if (day := m.provisions[p].agreement_date) is not None
    ]
    first = min(starts) if starts else min(days, default=dt.date.today())
    later = sorted(d for d in days if d > first)
    # On the agreements' first day itself the event would end terms on the day they start,
    # so they would never be in force: the first span is tried on its second day.
    if not later or first + DAY < later[0]:
        first += DAY
    return [first, *later]


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


def impact(
    store: Store,
    event: str,
    *,
    on: dt.date | None = None,
    within: tuple[dt.date, dt.date] | None = None,
    events: Mapping[str, dt.date] | None = None,
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
        The other events of the scenario, with their dates.
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
    from .resolve import resolve

    if within is not None and (on is not None or within[1] < within[0]):
        raise UsageError(
            "give the day the event happens (on) or the span it happens in (within), not both"
            if on is not None
            else f"the span {within[0]} to {within[1]} ends before it starts"
        )
    m = model(store, as_of, min_evidence)
    iri = event if event in m.events else resolve(store, event, kinds=["event"])
    given = scenario(store, events, m=m)
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
    if on is not None:
        changes, with_event = _changes_on(m, iri, day=on, base=base, relevant=relevant)
    else:
        days = _probe_days(m, iri, base, relevant)
        until = None
        if within is not None:
            first, last = within
            days = [first, *(d for d in days if first < d <= last)]
            until = last + DAY
        merged: dict[tuple[str, str, str], tuple[Change, list[int]]] = {}
        with_event = build(m, base)
        for index, day in enumerate(days):
            try:
                found, _ = _changes_on(m, iri, day=day, base=base, relevant=relevant)
            except UsageError:
                continue  # the event cannot happen that day: it requires one dated later
            for change in found:
                key = (change.provision, change.change, change.cause)
                merged.setdefault(key, (change, []))[1].append(index)
        # without a date, no row speaks of the day it was tried on: it says what changes
        changes = [
            replace(change, condition=_condition(indices, days, until), reason=change.how or "")
            for change, indices in merged.values()
        ]
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
            *(note for note in given.notes(m) if "never" in note or "cannot" in note),
            *m.version_notes(),
            *(
                [
                    f"{m.label(iri)} is tried on every day from {within[0]} to {within[1]} "
                    "on which the answer could differ; a change that depends on the day "
                    "says when it happens"
                ]
                if within is not None
                else []
            ),
            *assumed_date_notes(store, m.assumed_dates(relevant & m.provisions.keys())),
        ),
        changes=tuple(changes),
        never=tuple(sorted(m.label(e) for e in given.never)),
    )
