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

Without a date, the event is tried on every date where the answer could differ (the
agreements' date, and each day a date trigger or a dated event fires); a change that does
not happen on all of them carries its ``condition`` ("if before 2031-01-01").

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
    ProvisionStatus,
    Status,
)
from .evaluate import evaluate
from .model import Model, model
from .scenario import Scenario, scenario

if TYPE_CHECKING:
    from .load import Store

__all__ = ["impact"]


def _change(before: ProvisionStatus, after: ProvisionStatus) -> ChangeKind | None:
    if before.status == after.status:
        if after.status == Status.IN_FORCE and set(after.modified_by) != set(before.modified_by):
            return ChangeKind.MODIFIED
        return None
    if after.status == Status.ENDED:
        # never in force before, and over at once: nothing a party could notice changes
        return None if before.status == Status.NOT_STARTED else ChangeKind.ENDS
    if after.status == Status.IN_FORCE and before.status == Status.NOT_STARTED:
        return ChangeKind.BEGINS
    return ChangeKind.MODIFIED


def _cause(
    m: Model, change: ChangeKind, after: ProvisionStatus, event: str, new: set[str]
) -> Cause:
    p = m.provisions[after.provision]
    own = None
    if change == ChangeKind.ENDS and after.ended_by == p.end:
        own = p.end
    elif change == ChangeKind.BEGINS:
        own = p.start
    if own is None:
        return Cause.RIPPLE
    events = m.events_in(own) & new
    if event in events:
        return Cause.DIRECT
    return Cause.PREREQUISITE if events else Cause.RIPPLE


def _path(m: Model, source: str, target: str) -> list[str]:
    import networkx as nx

    try:
        path: list[str] = nx.shortest_path(m.graph, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return [source, target]
    return path


def _changes_on(
    m: Model,
    event: str,
    *,
    day: dt.date,
    base: Mapping[str, dt.date],
    store: Store,
    relevant: set[str],
) -> tuple[list[Change], Scenario]:
    without = scenario(store, base, m=m)
    with_event = scenario(store, {**base, event: day}, m=m)
    before = evaluate(m, day, without, only=relevant)
    after = evaluate(m, day, with_event, only=relevant)
    new = {e for e, d in with_event.dates.items() if without.dates.get(e) != d}
    from .traverse import explain

    found = []
    for iri, a in after.items():
        change = _change(before[iri], a)
        if change is None:
            continue
        path = _path(m, event, iri)
        found.append(
            Change(
                provision=iri,
                label=a.label,
                kind=a.kind,
                change=change,
                cause=_cause(m, change, a, event, new),
                condition=None,
                path=tuple(path),
                path_labels=tuple(m.label(node) for node in path),
                steps=explain(m.graph, path),
                before=before[iri].status,
                after=a.status,
                reason=a.reason,
                quote=a.quote,
                interpretations=a.interpretations,
            )
        )
    return found, with_event


def _probe_days(
    m: Model, event: str, base: Mapping[str, dt.date], relevant: set[str]
) -> list[dt.date]:
    """The days on which the answer can differ, earliest first."""
    days: set[dt.date] = set()
    for trigger in relevant & m.triggers.keys():
        days |= m.dates_in(trigger)
    days |= {d for e, d in base.items() if e != event and e in relevant}
    starts = [
        day
        for p in relevant & m.provisions.keys()
        if (day := m.provisions[p].agreement_date) is not None
    ]
    first = min(starts) if starts else min(days, default=dt.date.today())
    return [first, *sorted(d for d in days if d > first)]


def _condition(indices: list[int], days: list[dt.date]) -> str | None:
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
        upper = days[last + 1] if last + 1 < len(days) else None
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
    events: Mapping[str, dt.date] | None = None,
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
    events
        The other events of the scenario, with their dates.

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
        An event is dated after one that requires it.

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

    m = model(store)
    iri = event if event in m.events else resolve(store, event, kinds=["event"])
    base = {k: v for k, v in scenario(store, events, m=m).given.items() if k != iri}
    relevant = m.relevant(iri)
    if on is not None:
        changes, with_event = _changes_on(m, iri, day=on, base=base, store=store, relevant=relevant)
    else:
        days = _probe_days(m, iri, base, relevant)
        merged: dict[tuple[str, str, str], tuple[Change, list[int]]] = {}
        with_event = scenario(store, base, m=m)
        for index, day in enumerate(days):
            found, _ = _changes_on(m, iri, day=day, base=base, store=store, relevant=relevant)
            for change in found:
                key = (change.provision, change.change, change.cause)
                merged.setdefault(key, (change, []))[1].append(index)
        changes = [
            replace(change, condition=_condition(indices, days))
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
        notes=tuple(
            f"{m.label(p)} is assumed to happen with {m.label(iri)}, at or before it, "
            "because it is required"
            for p in m.prerequisites(iri)
            if p not in base
        ),
        changes=tuple(changes),
    )
