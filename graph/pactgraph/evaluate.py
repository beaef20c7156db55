"""The term evaluator: each provision's status on a date, under a scenario of events.

A **trigger fires** on the first day its effect holds:

- an event, on its date in the scenario (never, if it has none);
- a date, on that date, or the day after for ``pg:EndOfDay`` ("through 2030" ends as
  2030-12-31 ends: the provision is still in force that day);
- ``pg:EarliestOf``, with its first member to fire; ``pg:LatestOf``, with its last (never, if
  a member never fires).

A provision is ``not_started`` before its start trigger fires (without one: before its
agreement's date), ``ended`` once its end trigger fires, and ``in_force`` in between. A
provision whose change is ``pg:Removed`` belongs to the superseded terms only: ``ended``.
Then dependencies ripple, along the ``pg:DependencyProperty`` edges of the graph: a provision
in force that rests by an edge with ``pg:rippleEffect pg:Ends`` on one that has ended ends
with it (reported with the path); one that rests by a ``pg:Modifies`` edge stays in force
and the answer says what changed under it.

A status is **conditional** when an event the scenario does not date could change it on
that date; the condition is given in words.

Nothing here knows any agreement, party or event: every fact comes from the
:class:`~pactgraph.model.Model`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from .answers import ProvisionStatus, Reading, Status
from .model import DAY, Model, Provision
from .namespaces import local_name
from .scenario import Scenario
from .traverse import relation_words

__all__ = ["evaluate"]


def _fires(
    m: Model, trigger: str, s: Scenario, seen: frozenset[str] = frozenset()
) -> dt.date | None:
    """The first day the trigger's effect holds under ``s``, or None if it never fires."""
    t = m.triggers.get(trigger)
    if t is None or trigger in seen:
        return None
    if t.type == "Event":
        return s.dates.get(trigger)
    if t.type == "DateTrigger":
        if t.date is None:
            return None
        return t.date + DAY if t.end_of_day else t.date
    days = [_fires(m, member, s, seen | {trigger}) for member in t.members]
    if t.type == "EarliestOf":
        known = [d for d in days if d is not None]
        return min(known) if known else None
    if t.type == "LatestOf":
        return None if not days or any(d is None for d in days) else max(d for d in days if d)
    return None


def _words_for(m: Model, trigger: str, s: Scenario, seen: frozenset[str] = frozenset()) -> str:
    """When the trigger fires, in words, under ``s``."""
    t = m.triggers.get(trigger)
    if t is None or trigger in seen:
        return local_name(trigger)
    if t.type == "Event":
        day = s.dates.get(trigger)
        return f"with {t.label} on {day}" if day else f"when {t.label} happens"
    if t.type == "DateTrigger":
        if t.end_of_day:
            return f"after {t.date} ({t.label})"
        return f"on {t.date} ({t.label})"
    parts = [_words_for(m, member, s, seen | {trigger}) for member in t.members]
    joiner, tail = (
        (" or ", "whichever is first") if t.type == "EarliestOf" else (" and ", "whichever is last")
    )
    return f"{joiner.join(parts)}, {tail}"


def _fired_words(m: Model, trigger: str, s: Scenario) -> str:
    """How a trigger that has fired fired: for a composite, the member that decided it."""
    t = m.triggers.get(trigger)
    day = _fires(m, trigger, s)
    if t is None or t.type in {"Event", "DateTrigger"} or day is None:
        return _words_for(m, trigger, s)
    deciding = [member for member in t.members if _fires(m, member, s) == day]
    if not deciding:
        return _words_for(m, trigger, s)
    return f"{_fired_words(m, deciding[0], s)} ({t.label})"


def _pending(m: Model, trigger: str | None, s: Scenario) -> set[str]:
    return {e for e in m.events_in(trigger) if e not in s.dates}


@dataclass
class _Working:
    """A provision's status while :func:`evaluate` works on it."""

    provision: str
    label: str
    kind: str
    agreement: str
    status: Status
    reason: str
    quote: str
    conditional: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    end_condition: str | None = None
    ended_by: str | None = None
    path: list[str] = field(default_factory=list)
    modified_by: list[str] = field(default_factory=list)
    interpretations: tuple[Reading, ...] = ()
    since: str = ""
    """The first half of an in-force reason ("in force since …"), kept to rebuild it."""

    def freeze(self) -> ProvisionStatus:
        return ProvisionStatus(
            provision=self.provision,
            label=self.label,
            kind=self.kind,
            agreement=self.agreement,
            status=self.status,
            conditional=self.conditional,
            reason=self.reason,
            quote=self.quote,
            start=self.start,
            end=self.end,
            end_condition=self.end_condition,
            ended_by=self.ended_by,
            path=tuple(self.path),
            modified_by=tuple(self.modified_by),
            interpretations=self.interpretations,
        )


def _own(m: Model, p: Provision, on: dt.date, s: Scenario) -> _Working:
    base = _Working(p.iri, p.label, p.kind, p.agreement, Status.IN_FORCE, "", p.quote)
    base.interpretations = p.interpretations
    if p.change == "Removed":
        base.status = Status.ENDED
        base.reason = "removed by this agreement: it belongs to the superseded terms only"
        return base
    if p.start:
        start = _fires(m, p.start, s)
        if start is None or start > on:
            base.status = Status.NOT_STARTED
            base.start = start
            base.reason = f"starts {_words_for(m, p.start, s)}"
            if start is None:
                base.reason += " (not in this scenario)"
                base.conditional = True
            return base
        since = f"since {start}: {_fired_words(m, p.start, s)}"
    elif p.agreement_date is not None:
        start = p.agreement_date
        if start > on:
            base.status = Status.NOT_STARTED
            base.start = start
            base.reason = f"the agreement takes effect on {start}"
            return base
        since = f"since {start}, the agreement's date"
    else:
        start, since = None, "with the agreement"
    base.start = start
    base.since = f"in force {since}"
    if p.end:
        end = _fires(m, p.end, s)
        base.end = end - DAY if end else None
        if end is not None and end <= on:
            base.status = Status.ENDED
            base.ended_by = p.end
            base.reason = f"ended {_fired_words(m, p.end, s)}; last day in force {end - DAY}"
            return base
        base.reason = f"in force {since}; ends {_words_for(m, p.end, s)}"
        if _pending(m, p.end, s):
            base.conditional = True
            base.end_condition = f"ends {_words_for(m, p.end, s)}"
        return base
    base.reason = f"in force {since}; no end stated"
    return base


def evaluate(
    m: Model, on: dt.date, s: Scenario, only: Collection[str] | None = None
) -> dict[str, ProvisionStatus]:
    """Every provision's status on ``on`` under ``s``, ripple included.

    ``only`` limits the work to some provisions; it must hold every provision they rest on
    (as :meth:`Model.relevant` gives), or the ripple through the others is missed.
    """
    wanted = m.provisions.keys() if only is None else set(only) & m.provisions.keys()
    statuses = {iri: _own(m, m.provisions[iri], on, s) for iri in sorted(wanted)}
    _ripple(m, statuses)
    return {iri: st.freeze() for iri, st in statuses.items()}


def _ripple(m: Model, statuses: dict[str, _Working]) -> None:
    """Carry ends, pending ends and modifications along the dependency edges."""
    import networkx as nx

    ends = m.ripple("Ends")
    # A provision in force ends with the first ended provision it rests on (pg:Ends edges).
    ended = sorted(
        (st for st in statuses.values() if st.status == Status.ENDED and st.provision in ends),
        key=lambda st: (st.end or dt.date.min, st.provision),
    )
    for source in ended:
        for target, path in nx.single_source_shortest_path(ends, source.provision).items():
            st = statuses.get(target)
            if st is None or target == source.provision or st.status != Status.IN_FORCE:
                continue
            relation = ends.edges[path[-2], target]["relation"]
            st.status, st.conditional, st.end_condition = Status.ENDED, False, None
            st.end, st.ended_by, st.path = source.end, source.provision, path
            through = "" if len(path) == 2 else f", which ended with {m.label(source.provision)}"
            last = f"; last day in force {source.end}" if source.end else ""
            st.reason = (
                f"ended because it {relation_words(relation)} {m.label(path[-2])}"
                f"{'' if through else ', which ended'}{through}{last}"
            )
    # Ends and conditions yet to come travel the same edges: a provision in force can last no
    # longer than one it rests on.
    pending = [
        st
        for st in statuses.values()
        if st.status == Status.IN_FORCE and (st.end or st.conditional) and st.provision in ends
    ]
    for source in sorted(pending, key=lambda st: (st.end or dt.date.max, st.provision)):
        for target, path in nx.single_source_shortest_path(ends, source.provision).items():
            st = statuses.get(target)
            if st is None or target == source.provision or st.status != Status.IN_FORCE:
                continue
            rests = (
                f"it {relation_words(ends.edges[path[-2], target]['relation'])} {m.label(path[-2])}"
            )
            earlier = source.end is not None and (st.end is None or source.end < st.end)
            if not earlier and not (source.conditional and not st.conditional):
                continue
            if earlier:
                st.end = source.end
            if source.conditional:
                st.conditional = True
                st.end_condition = f"ends if {m.label(source.provision)} ends: {rests}"
            st.path = path
            if source.end:
                when = f"last day in force {source.end}"
                if source.conditional:
                    when += f", or earlier: it {source.end_condition}"
            else:
                when = f"which {source.end_condition}"
            st.reason = f"{st.since}; ends with {m.label(source.provision)} ({when}): {rests}"

    # pg:Modifies edges: the provision stays in force; say what ended under it.
    modifies = m.ripple("Modifies")
    for target in modifies.nodes:
        st = statuses.get(target)
        if st is None or st.status != Status.IN_FORCE:
            continue
        for source in sorted(modifies.predecessors(target)):
            other = statuses.get(source)
            if other is not None and other.status == Status.ENDED:
                relation = modifies.edges[source, target]["relation"]
                st.modified_by.append(source)
                st.reason += f"; {relation_words(relation)} {m.label(source)}, which has ended"
