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

Nothing here knows any agreement: see :mod:`pactgraph.terms` for the semantics of a term.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .store import Store
from .terms import Model, ProvisionStatus, Scenario, evaluate, model, scenario

__all__ = ["CAUSES", "CHANGES", "impact"]

#: Kinds of change, and kinds of cause.
CHANGES = ("ends", "begins", "modified")
CAUSES = ("direct", "prerequisite", "ripple")


def _change(before: ProvisionStatus, after: ProvisionStatus) -> str | None:
    if before.status == after.status:
        if after.status == "in_force" and set(after.modified_by) != set(before.modified_by):
            return "modified"
        return None
    if after.status == "ended":
        # never in force before, and over at once: nothing a party could notice changes
        return None if before.status == "not_started" else "ends"
    if after.status == "in_force" and before.status == "not_started":
        return "begins"
    return "modified"


def _cause(m: Model, change: str, after: ProvisionStatus, event: str, new: set[str]) -> str:
    p = m.provisions[after.provision]
    own = None
    if change == "ends" and after.ended_by == p.end:
        own = p.end
    elif change == "begins":
        own = p.start
    if own is None:
        return "ripple"
    events = m.events_in(own) & new
    if event in events:
        return "direct"
    return "prerequisite" if events else "ripple"


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
) -> tuple[list[dict[str, Any]], Scenario]:
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
            {
                "provision": iri,
                "label": a.label,
                "kind": a.kind,
                "change": change,
                "cause": _cause(m, change, a, event, new),
                "path": path,
                "path_labels": [m.label(node) for node in path],
                "steps": explain(m.graph, path),
                "condition": None,
                "before": before[iri].status,
                "after": a.status,
                "reason": a.reason,
                "quote": a.quote,
                "interpretations": a.interpretations,
            }
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
    on: dt.date | None = None,
    events: Mapping[str, dt.date] | None = None,
) -> dict[str, Any]:
    """What changes when ``event`` (an IRI or a name) happens on ``on``, given ``events``.

    >>> from pactgraph.store import load
    >>> answer = impact(load(), "AGI verified")
    >>> sorted({c["cause"] for c in answer["changes"]})
    ['direct', 'prerequisite', 'ripple']
    """
    from .names import resolve

    m = model(store)
    iri = event if event in m.events else resolve(store, event, kinds=["event"])
    base = {k: v for k, v in scenario(store, events, m=m).given.items() if k != iri}
    relevant = m.relevant(iri)
    if on is not None:
        changes, with_event = _changes_on(m, iri, day=on, base=base, store=store, relevant=relevant)
    else:
        days = _probe_days(m, iri, base, relevant)
        merged: dict[tuple[str, str, str], tuple[dict[str, Any], list[int]]] = {}
        with_event = scenario(store, base, m=m)
        for index, day in enumerate(days):
            found, _ = _changes_on(m, iri, day=day, base=base, store=store, relevant=relevant)
            for change in found:
                key = (change["provision"], change["change"], change["cause"])
                merged.setdefault(key, (change, []))[1].append(index)
        changes = []
        for change, indices in merged.values():
            change["condition"] = _condition(indices, days)
            changes.append(change)
    order = {c: i for i, c in enumerate(CHANGES)}
    causes = {c: i for i, c in enumerate(CAUSES)}
    changes.sort(
        key=lambda c: (
            order[c["change"]],
            causes[c["cause"]],
            c["label"].lower(),
            c["condition"] or "",
        )
    )
    return {
        "event": {
            "event": iri,
            "label": m.label(iri),
            "date": on.isoformat() if on else None,
            "requires": m.prerequisites(iri),
        },
        "on": on.isoformat() if on else None,
        "scenario": with_event.describe(m),
        "notes": [
            f"{m.label(p)} is assumed to happen with {m.label(iri)}, at or before it, "
            "because it is required"
            for p in m.prerequisites(iri)
            if p not in base
        ],
        "changes": changes,
    }
