"""The term evaluator: which provisions are in force on a date, under a scenario of events.

A **scenario** gives dates to events. An event the scenario does not date has not happened
(unless the graph records it with ``pg:occurredOn``). An event that ``pg:requires`` another
implies it: a scenario that names only the later event has the earlier one happen at or
before it (on the same day, for evaluation), and the answer says so. A prerequisite dated
after the event that requires it is an error.

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

Nothing here knows any agreement, party or event: every fact comes from the graph, through
the ``provision-terms`` and ``triggers`` queries and the networkx view of
:mod:`pactgraph.traverse`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .namespaces import PG_NS, local_name
from .queries import get, select
from .traverse import relation_words

if TYPE_CHECKING:
    import networkx as nx

    from .store import Store

__all__ = [
    "STATUSES",
    "Model",
    "ProvisionStatus",
    "Scenario",
    "evaluate",
    "model",
    "parse_date",
    "scenario",
    "state",
]

#: The statuses a provision can have on a date.
STATUSES = ("in_force", "ended", "not_started")

_DAY = dt.timedelta(days=1)


def parse_date(text: str) -> dt.date:
    """A date from ``YYYY-MM-DD``, ``1 July 2031`` or ``July 1, 2031``.

    >>> parse_date("1 July 2031")
    datetime.date(2031, 7, 1)
    >>> parse_date("2031-13-01")
    Traceback (most recent call last):
    ...
    pactgraph.errors.UsageError: '2031-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2031-07-01
    """
    value = text.strip().rstrip("?.,")
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise UsageError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2031-07-01")


@dataclass(frozen=True)
class Trigger:
    """A trigger as the evaluator sees it."""

    iri: str
    type: str
    label: str
    date: dt.date | None = None
    end_of_day: bool = False
    members: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    occurred_on: dt.date | None = None


@dataclass(frozen=True)
class Provision:
    """A provision's term as the evaluator sees it."""

    iri: str
    label: str
    kind: str
    agreement: str
    agreement_date: dt.date | None
    start: str | None
    end: str | None
    change: str | None
    quote: str
    interpretations: tuple[dict[str, Any], ...] = ()
    """The readings the graph takes of ambiguous wording: ``question``, ``wording``,
    ``reading`` and ``alternatives``."""


@dataclass
class Model:
    """What the evaluator reads from a store, once: triggers, provision terms, the graph."""

    triggers: dict[str, Trigger]
    provisions: dict[str, Provision]
    graph: nx.MultiDiGraph
    _ripple: dict[str, nx.DiGraph] = field(default_factory=dict, repr=False)

    def label(self, iri: str) -> str:
        if iri in self.triggers:
            return self.triggers[iri].label
        if iri in self.provisions:
            return self.provisions[iri].label
        return str(self.graph.nodes[iri]["label"]) if iri in self.graph else local_name(iri)

    def ripple(self, effect: str) -> nx.DiGraph:
        """The provision-to-provision edges whose ``pg:rippleEffect`` is ``effect`` (cached)."""
        if effect not in self._ripple:
            from .traverse import ripple_graph

            self._ripple[effect] = ripple_graph(self.graph, [effect])
        return self._ripple[effect]

    def relevant(self, node: str) -> set[str]:
        """What an answer about ``node`` needs: every node it reaches, and everything those
        nodes rest on (their triggers, and the provisions they depend on)."""
        import networkx as nx

        reach = nx.descendants(self.graph, node) | {node} if node in self.graph else {node}
        needed = set(reach)
        for other in reach:
            if other in self.provisions:
                needed |= nx.ancestors(self.graph, other)
        return needed

    @property
    def events(self) -> dict[str, Trigger]:
        return {k: t for k, t in self.triggers.items() if t.type == "Event"}

    def prerequisites(self, event: str) -> list[str]:
        """Every event ``event`` requires, transitively, nearest first (cycles cut)."""
        order: list[str] = []
        todo = list(self.triggers[event].requires) if event in self.triggers else []
        while todo:
            current = todo.pop(0)
            if current in order or current == event:
                continue
            order.append(current)
            if current in self.triggers:
                todo.extend(self.triggers[current].requires)
        return order

    def walk(self, trigger: str | None) -> Iterator[Trigger]:
        """The trigger and every trigger inside it, through composite members at any depth
        (each once, so a cycle ends)."""
        todo = [trigger] if trigger else []
        seen: set[str] = set()
        while todo:
            current = todo.pop()
            if current in seen or current not in self.triggers:
                continue
            seen.add(current)
            yield self.triggers[current]
            todo.extend(self.triggers[current].members)

    def events_in(self, trigger: str | None) -> set[str]:
        """The events a trigger is built from."""
        return {t.iri for t in self.walk(trigger) if t.type == "Event"}

    def dates_in(self, trigger: str | None) -> set[dt.date]:
        """The days on which the date triggers inside ``trigger`` fire."""
        return {
            t.date + _DAY if t.end_of_day else t.date
            for t in self.walk(trigger)
            if t.type == "DateTrigger" and t.date is not None
        }


def model(store: Store) -> Model:
    """The evaluator's model of ``store``, read once and kept in ``store.views``."""
    if "terms.model" in store.views:
        cached: Model = store.views["terms.model"]
        return cached
    from .traverse import dependency_graph

    rows: dict[str, dict[str, Any]] = {}
    for row in select(store, get("triggers")):
        entry = rows.setdefault(row["trigger"], {**row, "members": [], "requires": []})
        if "member" in row and row["member"] not in entry["members"]:
            entry["members"].append(row["member"])
        if "requires" in row and row["requires"] not in entry["requires"]:
            entry["requires"].append(row["requires"])
    triggers = {
        iri: Trigger(
            iri=iri,
            type=local_name(r["type"]),
            label=r.get("label") or local_name(iri),
            date=r.get("date") if isinstance(r.get("date"), dt.date) else None,
            end_of_day=r.get("boundary") == PG_NS + "EndOfDay",
            members=tuple(r["members"]),
            requires=tuple(r["requires"]),
            occurred_on=r.get("occurredOn") if isinstance(r.get("occurredOn"), dt.date) else None,
        )
        for iri, r in rows.items()
    }
    readings: dict[str, dict[str, dict[str, Any]]] = {}
    for r in select(store, get("interpretations")):
        entry = readings.setdefault(r["provision"], {}).setdefault(
            r["interpretation"],
            {
                "question": r.get("question"),
                "wording": r.get("wording"),
                "reading": r.get("reading"),
                "alternatives": [],
            },
        )
        if "alternative" in r and r["alternative"] not in entry["alternatives"]:
            entry["alternatives"].append(r["alternative"])
    provisions = {}
    for r in select(store, get("provision-terms")):
        provisions[r["provision"]] = Provision(
            iri=r["provision"],
            label=r.get("label") or local_name(r["provision"]),
            kind=local_name(r["kind"]),
            agreement=r["agreement"],
            agreement_date=r.get("agreementDate")
            if isinstance(r.get("agreementDate"), dt.date)
            else None,
            start=r.get("start"),
            end=r.get("end"),
            change=local_name(r["change"]) if "change" in r else None,
            quote=r.get("quote", ""),
            interpretations=tuple(readings.get(r["provision"], {}).values()),
        )
    built = Model(triggers, provisions, dependency_graph(store))
    store.views["terms.model"] = built
    return built


# ------------------------------------------------------------------ scenarios


@dataclass(frozen=True)
class Scenario:
    """Events with the dates they happen on.

    ``given``: as the user gave them; ``implied``: prerequisites implied by a given event
    (prerequisite → the event that implies it); ``recorded``: dates the graph records.
    ``dates`` holds all of them.
    """

    dates: Mapping[str, dt.date]
    given: Mapping[str, dt.date] = field(default_factory=dict)
    implied: Mapping[str, str] = field(default_factory=dict)
    recorded: Mapping[str, dt.date] = field(default_factory=dict)

    def describe(self, m: Model) -> list[dict[str, Any]]:
        """The scenario as JSON-ready rows, by date."""
        rows = []
        for event, day in sorted(self.dates.items(), key=lambda kv: (kv[1], kv[0])):
            if event in self.given:
                source = "given"
            elif event in self.implied:
                source = "implied"
            else:
                source = "recorded"
            rows.append(
                {
                    "event": event,
                    "label": m.label(event),
                    "date": day.isoformat(),
                    "source": source,
                    "implied_by": self.implied.get(event),
                }
            )
        return rows

    def notes(self, m: Model) -> list[str]:
        """Sentences saying what the scenario assumed."""
        return [
            f"{m.label(e)} is assumed to have happened at or before {self.dates[e]}, "
            f"because {m.label(by)} requires it"
            for e, by in sorted(self.implied.items())
        ]


def _event_iri(store: Store, m: Model, name: str) -> str:
    if name in m.events:
        return name
    from .names import resolve

    return resolve(store, name, kinds=["event"])


def scenario(
    store: Store, events: Mapping[str, dt.date] | None = None, *, m: Model | None = None
) -> Scenario:
    """The scenario in which each event of ``events`` (IRIs or names) happens on its date.

    Raises :class:`~pactgraph.errors.UsageError` if a name is not an event, or an event is
    dated before one it requires.
    """
    m = m or model(store)
    given = {_event_iri(store, m, name): day for name, day in (events or {}).items()}
    recorded = {
        iri: t.occurred_on for iri, t in m.events.items() if t.occurred_on and iri not in given
    }
    dates: dict[str, dt.date] = {**recorded, **given}
    implied: dict[str, str] = {}
    for event, day in sorted(dict(dates).items(), key=lambda kv: (kv[1], kv[0])):
        for prerequisite in m.prerequisites(event):
            if prerequisite in dates and prerequisite not in implied:
                if dates[prerequisite] > day:
                    raise UsageError(
                        f"{m.label(prerequisite)} is dated {dates[prerequisite]}, after "
                        f"{m.label(event)} on {day}, which requires it; date it on or "
                        f"before {day}, or leave it out to have it implied"
                    )
                continue
            dates[prerequisite] = day
            implied[prerequisite] = event
    return Scenario(dates=dates, given=given, implied=implied, recorded=recorded)


# ------------------------------------------------------------------ firing


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
        return t.date + _DAY if t.end_of_day else t.date
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


# ------------------------------------------------------------------ evaluation


@dataclass
class ProvisionStatus:
    """A provision's status on a date, with the reason in words."""

    provision: str
    label: str
    kind: str
    agreement: str
    status: str
    reason: str
    quote: str
    conditional: bool = False
    start: dt.date | None = None
    """First day in force, where known."""
    end: dt.date | None = None
    """Last day in force, where known."""
    end_condition: str | None = None
    ended_by: str | None = None
    """The trigger or provision whose end ended this one."""
    path: list[str] = field(default_factory=list)
    """For a ripple: the provisions from the one that ended to this one."""
    modified_by: list[str] = field(default_factory=list)
    interpretations: list[dict[str, Any]] = field(default_factory=list)
    since: str = field(default="", repr=False)
    """The first half of an in-force reason ("in force since …"), kept to rebuild it."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "provision": self.provision,
            "label": self.label,
            "kind": self.kind,
            "agreement": self.agreement,
            "status": self.status,
            "conditional": self.conditional,
            "reason": self.reason,
            "quote": self.quote,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "end_condition": self.end_condition,
            "ended_by": self.ended_by,
            "path": self.path,
            "modified_by": self.modified_by,
            "interpretations": self.interpretations,
        }


def _own(m: Model, p: Provision, on: dt.date, s: Scenario) -> ProvisionStatus:
    base = ProvisionStatus(p.iri, p.label, p.kind, p.agreement, "in_force", "", p.quote)
    base.interpretations = [dict(i) for i in p.interpretations]
    if p.change == "Removed":
        base.status = "ended"
        base.reason = "removed by this agreement: it belongs to the superseded terms only"
        return base
    if p.start:
        start = _fires(m, p.start, s)
        if start is None or start > on:
            base.status = "not_started"
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
            base.status = "not_started"
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
        base.end = end - _DAY if end else None
        if end is not None and end <= on:
            base.status = "ended"
            base.ended_by = p.end
            base.reason = f"ended {_fired_words(m, p.end, s)}; last day in force {end - _DAY}"
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
    import networkx as nx

    wanted = m.provisions.keys() if only is None else set(only) & m.provisions.keys()
    statuses = {iri: _own(m, m.provisions[iri], on, s) for iri in sorted(wanted)}
    ends = m.ripple("Ends")
    # A provision in force ends with the first ended provision it rests on (pg:Ends edges).
    ended = sorted(
        (st for st in statuses.values() if st.status == "ended" and st.provision in ends),
        key=lambda st: (st.end or dt.date.min, st.provision),
    )
    for source in ended:
        for target, path in nx.single_source_shortest_path(ends, source.provision).items():
            st = statuses.get(target)
            if st is None or target == source.provision or st.status != "in_force":
                continue
            relation = ends.edges[path[-2], target]["relation"]
            st.status, st.conditional, st.end_condition = "ended", False, None
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
        if st.status == "in_force" and (st.end or st.conditional) and st.provision in ends
    ]
    for source in sorted(pending, key=lambda st: (st.end or dt.date.max, st.provision)):
        for target, path in nx.single_source_shortest_path(ends, source.provision).items():
            st = statuses.get(target)
            if st is None or target == source.provision or st.status != "in_force":
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
        if st is None or st.status != "in_force":
            continue
        for source in sorted(modifies.predecessors(target)):
            other = statuses.get(source)
            if other is not None and other.status == "ended":
                relation = modifies.edges[source, target]["relation"]
                st.modified_by.append(source)
                st.reason += f"; {relation_words(relation)} {m.label(source)}, which has ended"
    return statuses


def state(store: Store, on: dt.date, events: Mapping[str, dt.date] | None = None) -> dict[str, Any]:
    """Every provision's status on ``on`` when ``events`` (IRIs or names) happen on their dates.

    >>> from pactgraph.store import load
    >>> answer = state(load(), dt.date(2031, 7, 1), {"AGI verified": dt.date(2029, 3, 1)})
    >>> [p["status"] for p in answer["provisions"] if p["label"] == "revenue share agreement"]
    ['ended']
    """
    m = model(store)
    s = scenario(store, events, m=m)
    statuses = evaluate(m, on, s)
    order = {status: i for i, status in enumerate(STATUSES)}
    rows = sorted(statuses.values(), key=lambda st: (order[st.status], st.label.lower()))
    return {
        "on": on.isoformat(),
        "scenario": s.describe(m),
        "notes": s.notes(m),
        "provisions": [st.as_dict() for st in rows],
    }
