"""The term model: what the evaluator reads from a store, once.

:func:`model` reads the ``triggers``, ``provision-terms`` and ``interpretations`` queries
and the networkx dependency graph (:func:`pactgraph.traverse.dependency_graph`) into a
:class:`Model` of :class:`Trigger` and :class:`Provision` records, kept in the store's
views. Nothing here knows any agreement, and nothing here decides a status: see
:mod:`pactgraph.evaluate`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .answers import Reading, Source, Version
from .durations import Duration, parse_duration
from .heap import no_cycle_sweeps
from .namespaces import PG_NS, local_name, spaced
from .query import select

if TYPE_CHECKING:
    import networkx as nx

    from .load import Store

__all__ = ["DAY", "Model", "Provision", "Revision", "Trigger", "Units", "model", "no_cycle_sweeps"]

#: One day.
DAY = dt.timedelta(days=1)


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
    after: str | None = None
    """A relative trigger's or a renewal's anchor: the trigger it counts from."""
    offset: Duration | None = None
    """A relative trigger's duration after its anchor."""
    trigger: str | None = None
    """What an unless-first trigger waits for."""
    unless: str | None = None
    """What stops an unless-first trigger if it fires first."""
    renewal_period: Duration | None = None
    stopped_by: str | None = None
    """What stops a renewal: the event of a notice of non-renewal, say."""
    notice_period: Duration | None = None
    max_renewals: int | None = None
    end_of: str | None = None
    """A provision end's provision: the one whose end it marks."""
    exercises: str | None = None
    """An exercise's provision: the one that must be in force the day its trigger fires."""
    through: str | None = None
    """A provision end's route: the trigger its provision's end must come through."""
    not_through: str | None = None
    """A provision end's excluded route: the trigger its provision's end must not come
    through."""

    @property
    def marks(self) -> str | None:
        """The provision whose term decides when this trigger fires: a provision end's, an
        exercise's."""
        return self.end_of if self.type == "ProvisionEnd" else self.exercises

    @property
    def parts(self) -> tuple[str, ...]:
        """The triggers this one is built from."""
        linked = (self.after, self.trigger, self.unless, self.stopped_by, self.through,
                  self.not_through)  # fmt: skip
        return (*self.members, *(t for t in linked if t is not None))

    @property
    def causes(self) -> tuple[str, ...]:
        """The parts that can make this trigger fire by firing: not what only stops it (an
        unless-first's ``unless``), nor a provision end's route."""
        linked = (self.after, self.trigger, self.stopped_by)
        return (*self.members, *(t for t in linked if t is not None))


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
    interpretations: tuple[Reading, ...] = ()
    """The readings the graph takes of ambiguous wording."""
    survives: str | None = None
    """The provision whose end this one survives."""
    survival_period: Duration | None = None
    """How long it survives (without one: indefinitely)."""
    date_assumed: bool = False
    """The agreement states no date: ``agreement_date`` is the one it assumes."""
    mutual: bool = False
    published: dt.date | None = None
    """When its agreement (version) became known: ``pg:publishedOn``, else its date."""
    sources: tuple[Source, ...] = ()
    """The documents its quotes come from, strongest first."""


@dataclass(frozen=True)
class Units:
    """The provisions joined by ``pg:Ends`` edges, grouped so each cycle is one unit."""

    unit_of: dict[str, int]
    members: dict[int, tuple[str, ...]]
    before: dict[int, tuple[int, ...]]
    """The units each unit rests on."""
    rests_on: dict[str, tuple[str, ...]]
    """The provisions each provision rests on by a ``pg:Ends`` edge."""


def _condensed(graph: nx.DiGraph) -> Units:
    """``graph`` (provision → what rests on it) condensed into units, one per cycle."""
    import networkx as nx

    condensed = nx.condensation(graph)
    return Units(
        unit_of=dict(condensed.graph["mapping"]),
        members={u: tuple(sorted(d["members"])) for u, d in condensed.nodes(data=True)},
        before={u: tuple(condensed.predecessors(u)) for u in condensed.nodes},
        rests_on={p: tuple(sorted(graph.predecessors(p))) for p in graph.nodes},
    )


@dataclass(frozen=True)
class Revision:
    """A provision of a later version replacing (or repealing) one of an earlier version."""

    by: str
    """The revising provision."""
    on: dt.date
    """The day the revising version takes effect: the revised provision's first day out."""
    change: str | None
    """``Removed`` for a repeal; else how it changed (``Narrowed``, ``Extended``, ...)."""


@dataclass
class Model:
    """What the evaluator reads from a store, once: triggers, provision terms, the graph.

    With ``as_of``, only the versions published on or before that day are in it: their
    provisions, and their revisions of earlier ones.
    """

    triggers: dict[str, Trigger]
    provisions: dict[str, Provision]
    graph: nx.MultiDiGraph
    revised: dict[str, Revision] = field(default_factory=dict)
    """The provisions a later version revises or repeals, with the first revision."""
    as_of: dt.date | None = None
    agreement_labels: dict[str, str] = field(default_factory=dict)
    min_evidence: str | None = None
    _ripple: dict[str, nx.DiGraph] = field(default_factory=dict, repr=False)
    _prerequisites: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _events_in: dict[str | None, frozenset[str]] = field(default_factory=dict, repr=False)
    _ending_events_in: dict[str | None, frozenset[str]] = field(default_factory=dict, repr=False)

    def label(self, iri: str) -> str:
        if iri in self.agreement_labels:
            return self.agreement_labels[iri]
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

    @cached_property
    def units(self) -> Units:
        """The ``pg:Ends`` dependency graph condensed into units (one per cycle), once."""
        return _condensed(self.ripple("Ends"))

    @cached_property
    def sooner_units(self) -> Units:
        """The ``pg:Ends`` dependency graph with an edge from each provision to those that
        survive it for a period (they end sooner when it does), condensed into units: what
        an undated event could end sooner reaches along it."""
        import networkx as nx

        graph = nx.DiGraph(self.ripple("Ends"))
        for iri, p in self.provisions.items():
            if p.survives in self.provisions and p.survival_period is not None:
                graph.add_edge(p.survives, iri)
        return _condensed(graph)

    def reach(self, node: str) -> set[str]:
        """Every node a change at ``node`` can travel to, and ``node`` itself."""
        import networkx as nx

        return nx.descendants(self.graph, node) | {node} if node in self.graph else {node}

    def relevant(self, node: str) -> set[str]:
        """What an answer about ``node`` needs: every node it reaches, and everything those
        nodes rest on (their triggers, and the provisions they depend on)."""
        reach = self.reach(node)
        needed = set(reach)
        # one walk up from every provision reached, not one per provision
        todo = [other for other in reach if other in self.provisions and other in self.graph]
        walked = set(todo)
        while todo:
            for above in self.graph.predecessors(todo.pop()):
                if above not in walked:
                    walked.add(above)
                    todo.append(above)
        return needed | walked

    @cached_property
    def islands(self) -> dict[str, int]:
        """Each provision's island, by number: the provisions of one island can bear on one
        another's terms, those of two never do (the provisions of each of :meth:`parts` of
        the whole graph: the weakly connected parts of what rests on a provision, since what
        rests on none joins nothing)."""
        import networkx as nx

        resting = self._resting(self.graph.nodes)
        found: dict[str, int] = {}
        number = 0
        for number, part in enumerate(nx.weakly_connected_components(self.graph.subgraph(resting))):
            found.update((node, number) for node in part if node in self.provisions)
        for provision in sorted(self.provisions.keys() - found.keys()):  # with no edge at all
            number += 1
            found[provision] = number
        return found

    def _resting(self, nodes: Collection[str]) -> set[str]:
        """The provisions among ``nodes`` and what rests on them there, at any depth."""
        graph = self.graph
        resting: set[str] = set()
        todo = [p for p in nodes if p in self.provisions]
        while todo:
            node = todo.pop()
            if node not in resting:
                resting.add(node)
                if node in graph:
                    todo.extend(n for n in graph.successors(node) if n in nodes)
        return resting

    def parts(self, nodes: Collection[str]) -> list[set[str]]:
        """``nodes`` as parts whose answers can be worked out each on its own: no term or
        trigger of one bears on another's.

        A trigger that rests on no provision (an event, a date, a combination of them) fires
        on the same day whoever asks, so it joins no parts: every part holds the provisions
        and triggers that rest on a provision, connected, and everything they rest on. An
        event a thousand agreements share thus leaves a thousand parts. A provision with no
        edge at all is a part of its own.
        """
        graph, wanted = self.graph, set(nodes)
        resting = self._resting(wanted)
        parts = []
        seen: set[str] = set()
        for start in sorted(resting):
            if start in seen:
                continue
            part = {start}
            todo = [start]
            while todo:
                node = todo.pop()
                if node not in graph:
                    continue
                # what rests on a provision links up and down; the rest only up, to what it
                # rests on
                linked = graph.successors(node) if node in resting else ()
                for n in (*linked, *graph.predecessors(node)):
                    if n in wanted and n not in part:
                        part.add(n)
                        todo.append(n)
            seen |= part
            parts.append(part)
        return parts

    def versions(self) -> tuple[Version, ...]:
        """The versions that revise earlier ones, by the day they take effect."""
        found: dict[str, Version] = {}
        for revision in self.revised.values():
            by = self.provisions.get(revision.by)
            if by is None:
                continue
            known = found.get(by.agreement)
            if known is None or revision.on < known.effective:
                found[by.agreement] = Version(
                    by.agreement, self.label(by.agreement), by.published, revision.on
                )
        return tuple(sorted(found.values(), key=lambda v: (v.effective, v.agreement)))

    @cached_property
    def cyclic_ends(self) -> tuple[str, ...]:
        """The provision ends (``pg:ProvisionEnd``) and exercises (``pg:Exercise``) on a
        cycle: the term of the provision they mark rests, through them, on themselves (a
        notice that counts while the right to give it is in force, and ends the agreement
        that right rests on). The evaluator settles them together (:class:`Run`)."""
        import networkx as nx

        found = []
        for iri, t in sorted(self.triggers.items()):
            marked = t.marks
            if marked is None or iri not in self.graph or marked not in self.graph:
                continue
            if nx.has_path(self.graph, iri, marked):
                found.append(iri)
        return tuple(found)

    @cached_property
    def exercises_of(self) -> dict[str, tuple[str, ...]]:
        """Each provision an exercise (``pg:Exercise``) exercises, with those exercises."""
        found: dict[str, list[str]] = {}
        for t in self.triggers.values():
            if t.type == "Exercise" and t.exercises is not None:
                found.setdefault(t.exercises, []).append(t.iri)
        return {p: tuple(sorted(ts)) for p, ts in found.items()}

    @cached_property
    def resting_on(self) -> dict[str, frozenset[str]]:
        """Each event with the events that rest on it: those that require it, and those that
        use a right it gives rise to (the notice of termination for a violation rests on
        the violation); the other way round from what ``scenario`` calls an event's
        grounds."""
        found: dict[str, set[str]] = {}
        for event in self.events:
            for prerequisite in self.prerequisites(event):
                found.setdefault(prerequisite, set()).add(event)
        for event, rights in self.exercised_by.items():
            for right in rights:
                provision = self.provisions.get(right)
                for t in self.walk(provision.start if provision else None, causes_only=True):
                    if t.type == "Event":  # what gives rise to the right, not what stops it
                        found.setdefault(t.iri, set()).add(event)
        return {event: frozenset(on) for event, on in found.items()}

    @cached_property
    def exercised_by(self) -> dict[str, frozenset[str]]:
        """Each event with the provisions it exercises: those of the exercises
        (``pg:Exercise``) whose own trigger is built from it ("Reseller receives Company's
        notice terminating the Agreement for cause" exercises Company's right to)."""
        found: dict[str, set[str]] = {}
        for t in self.triggers.values():
            if t.type == "Exercise" and t.exercises is not None and t.trigger is not None:
                for inner in self.walk(t.trigger):
                    if inner.type == "Event":
                        found.setdefault(inner.iri, set()).add(t.exercises)
        return {event: frozenset(ps) for event, ps in found.items()}

    @cached_property
    def cyclic_groups(self) -> dict[str, tuple[str, ...]]:
        """Each trigger of :attr:`cyclic_ends`, with those of its cycle (its strongly
        connected part of the graph): a group is settled together, and apart from the
        others (one agreement's notices do not wait on another's)."""
        import networkx as nx

        cyclic = set(self.cyclic_ends)
        if not cyclic:
            return {}
        found: dict[str, tuple[str, ...]] = {}
        for part in nx.strongly_connected_components(self.graph):
            members = tuple(sorted(part & cyclic))
            for trigger in members:
                found[trigger] = members
        return found

    @cached_property
    def versioned(self) -> frozenset[str]:
        """The agreements that are versions revising earlier ones (those of
        :meth:`versions`), once."""
        return frozenset(v.agreement for v in self.versions())

    def version_notes(self) -> tuple[str, ...]:
        """Sentences saying which versions the answer rests on."""
        notes = []
        if self.as_of is not None:
            notes.append(f"as of {self.as_of}: only the versions published by then count")
        if self.min_evidence is not None:
            notes.append(
                f"only provisions resting on {self.min_evidence} sources or stronger count: a "
                "version known only from weaker sources is left out, with its revisions"
            )
        versions: dict[str, list[Revision]] = {}
        for revision in self.revised.values():
            by = self.provisions.get(revision.by)
            if by is not None:
                versions.setdefault(by.agreement, []).append(revision)
        for version, revisions in sorted(versions.items()):
            day = min(r.on for r in revisions)
            notes.append(
                f"{self.label(version)} takes effect on {day}: it replaces or repeals "
                f"{len(revisions)} provision(s) of the earlier version; what it does not "
                "mention carries over"
            )
        return tuple(notes)

    def assumed_dates(self, provisions: Iterable[str] | None = None) -> dict[str, dt.date]:
        """The agreements (of ``provisions``, or all) whose date is assumed, not stated."""
        found = {}
        for iri in self.provisions if provisions is None else provisions:
            p = self.provisions.get(iri)
            if p is not None and p.date_assumed and p.agreement_date is not None:
                found[p.agreement] = p.agreement_date
        return found

    @cached_property
    def recorded(self) -> dict[str, dt.date]:
        """The dates the graph records for events (``pg:occurredOn``)."""
        return {
            iri: t.occurred_on
            for iri, t in self.events.items()
            if t.occurred_on and (self.as_of is None or t.occurred_on <= self.as_of)
        }

    @cached_property
    def events(self) -> dict[str, Trigger]:
        return {k: t for k, t in self.triggers.items() if t.type == "Event"}

    def prerequisites(self, event: str) -> list[str]:
        """Every event ``event`` requires, transitively, nearest first (cycles cut); worked
        out once per event."""
        known = self._prerequisites.get(event)
        if known is None:
            known = self._prerequisites[event] = tuple(self._walk_requires(event))
        return list(known)

    def _walk_requires(self, event: str) -> list[str]:
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

    def routes(self, trigger: str) -> list[str]:
        """The ways ``trigger`` ends a term: the members of an "earliest of", at any depth,
        one by one, in order; else the trigger itself."""
        found: list[str] = []
        todo = [trigger]
        while todo:
            current = todo.pop(0)
            t = self.triggers.get(current)
            if t is not None and t.type == "EarliestOf":
                todo = [*t.members, *todo]
            elif current not in found:
                found.append(current)
        return found

    def walk(self, trigger: str | None, *, causes_only: bool = False) -> Iterator[Trigger]:
        """The trigger and every trigger inside it, through composite members at any depth
        (each once, so a cycle ends); with ``causes_only``, only through the parts that can
        make it fire (:attr:`Trigger.causes`)."""
        todo = [trigger] if trigger else []
        seen: set[str] = set()
        while todo:
            current = todo.pop()
            if current in seen or current not in self.triggers:
                continue
            seen.add(current)
            t = self.triggers[current]
            yield t
            todo.extend(t.causes if causes_only else t.parts)

    def events_in(self, trigger: str | None) -> frozenset[str]:
        """The events a trigger is built from, and, for a provision end or an exercise inside
        it, the events that could change its provision's term (worked out once per
        trigger)."""
        known = self._events_in.get(trigger)
        if known is None:
            import networkx as nx

            found: set[str] = set()
            for t in self.walk(trigger):
                if t.type == "Event":
                    found.add(t.iri)
                elif t.marks is not None and t.marks in self.graph:
                    found |= nx.ancestors(self.graph, t.marks) & self.events.keys()
            known = self._events_in[trigger] = frozenset(found)
        return known

    def ending_events_in(self, trigger: str | None) -> frozenset[str]:
        """The events of :meth:`events_in` that could make ``trigger`` fire sooner by
        happening: not one that only stops it (an unless-first's cure), nor one that only
        opens the right an exercise needs (a ground for a notice)."""
        known = self._ending_events_in.get(trigger)
        if known is None:
            known = self._ending_events_in[trigger] = self._find_ending_events(trigger)
        return known

    def _find_ending_events(self, trigger: str | None) -> frozenset[str]:
        import networkx as nx

        found: set[str] = set()
        for t in self.walk(trigger, causes_only=True):
            if t.type == "Event":
                found.add(t.iri)
            elif t.type == "ProvisionEnd" and t.end_of is not None and t.end_of in self.graph:
                found |= nx.ancestors(self.graph, t.end_of) & self.events.keys()
        return frozenset(found)

    def dates_in(self, trigger: str | None) -> set[dt.date]:
        """The days on which the date triggers inside ``trigger`` fire."""
        return {
            t.date + DAY if t.end_of_day else t.date
            for t in self.walk(trigger)
            if t.type == "DateTrigger" and t.date is not None
        }


def _duration(value: Any) -> Duration | None:
    """A duration from the graph (the shapes refuse a malformed one; here it is ignored)."""
    if not isinstance(value, str):
        return None
    try:
        return parse_duration(value)
    except ValueError:
        return None


def _offset(row: dict[str, Any]) -> Duration | None:
    """A relative trigger's offset: its duration, or its business days on its calendar."""
    count = row.get("businessDays")
    if "offset" in row or not isinstance(count, int) or isinstance(count, bool) or count < 0:
        return _duration(row.get("offset"))
    return Duration(business_days=count, holidays=frozenset(row["holidays"]))


def model(store: Store, as_of: dt.date | None = None, min_evidence: str | None = None) -> Model:
    """The evaluator's model of ``store``, read once and kept in ``store.views`` (and, for a
    store on disk, kept with it for later runs: :meth:`~pactgraph.load.Store.keep`): of the
    versions published by ``as_of``, and of the provisions that rest on at least one source
    of the kind ``min_evidence`` or stronger (the local name of a ``pg:EvidenceKind``)."""
    key = f"terms.model:{as_of}:{min_evidence}"
    if key in store.views:
        cached: Model = store.views[key]
        return cached
    with no_cycle_sweeps():
        return store.view(key, Model, lambda: _build(store, as_of, min_evidence))


def _build(store: Store, as_of: dt.date | None, min_evidence: str | None) -> Model:
    from .traverse import dependency_graph

    rows: dict[str, dict[str, Any]] = {}
    for row in select(store, "triggers"):
        entry = rows.setdefault(
            row["trigger"], {**row, "members": [], "requires": [], "holidays": []}
        )
        for key, many in (("member", "members"), ("requires", "requires"), ("holiday", "holidays")):
            if key in row and row[key] not in entry[many]:
                entry[many].append(row[key])
    _refuse_ill_formed_dates(store, rows)
    triggers = {
        iri: Trigger(
            iri=iri,
            type=local_name(r["type"]),
            label=r.get("label") or local_name(iri),
            date=query_date(r.get("date")),
            end_of_day=r.get("boundary") == PG_NS + "EndOfDay",
            members=tuple(r["members"]),
            requires=tuple(r["requires"]),
            occurred_on=query_date(r.get("occurredOn")),
            after=r.get("after"),
            offset=_offset(r),
            trigger=r.get("waitsFor"),
            unless=r.get("unless"),
            renewal_period=_duration(r.get("renewalPeriod")),
            stopped_by=r.get("stoppedBy"),
            notice_period=_duration(r.get("noticePeriod")),
            max_renewals=r["maxRenewals"] if isinstance(r.get("maxRenewals"), int) else None,
            end_of=r.get("endOf"),
            exercises=r.get("exercises"),
            through=r.get("through"),
            not_through=r.get("notThrough"),
        )
        for iri, r in rows.items()
    }
    _name_unlabelled(triggers, {iri for iri, r in rows.items() if not r.get("label")})
    readings: dict[str, dict[str, dict[str, Any]]] = {}
    for r in select(store, "interpretations"):
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
    # The queries do not order their rows; the answers must not depend on the store's order.
    for provision, entries in readings.items():
        readings[provision] = {k: entries[k] for k in sorted(entries)}
        for entry in entries.values():
            entry["alternatives"].sort()
    sources: dict[str, list[Source]] = {}
    for r in select(store, "provision-sources"):
        sources.setdefault(r["provision"], []).append(
            Source(
                document=r["document"],
                title=r.get("title"),
                kind=local_name(r["kind"]) if "kind" in r else None,
                rank=r["rank"] if isinstance(r.get("rank"), int) else None,
            )
        )
    for found in sources.values():
        found.sort(key=lambda source: source.document)
    floor = _rank(store, min_evidence)
    quotes = _first_quotes(store)
    provisions = {}
    agreement_labels: dict[str, str] = {}
    for r in select(store, "provision-terms"):
        stated = query_date(r.get("agreementDate"))
        assumed = query_date(r.get("assumedDate"))
        published = query_date(r.get("publishedOn")) or stated
        if as_of is not None and published is not None and published > as_of:
            continue  # a version not yet known on that day
        found = sorted(sources.get(r["provision"], []), key=lambda s: -(s.rank or 0))
        if floor is not None and not any((s.rank or 0) >= floor for s in found):
            continue  # it rests only on weaker sources than asked for
        agreement_labels[r["agreement"]] = r.get("agreementLabel") or local_name(r["agreement"])
        provisions[r["provision"]] = Provision(
            iri=r["provision"],
            label=r.get("label") or local_name(r["provision"]),
            kind=local_name(r["kind"]),
            agreement=r["agreement"],
            agreement_date=query_date(r.get("effectiveFrom")) or stated or assumed,
            published=published,
            sources=tuple(found),
            date_assumed=stated is None and assumed is not None,
            survives=r.get("survives"),
            survival_period=_duration(r.get("survivalPeriod")),
            mutual=r.get("mutual") is True,
            start=r.get("start"),
            end=r.get("end"),
            change=local_name(r["change"]) if "change" in r else None,
            quote=quotes.get(r["provision"], r.get("quote", "")),
            interpretations=tuple(
                Reading(
                    question=i["question"],
                    wording=i["wording"],
                    reading=i["reading"],
                    alternatives=tuple(i["alternatives"]),
                )
                # its own readings, then its agreement's (an assumed date, say)
                for i in [
                    *readings.get(r["provision"], {}).values(),
                    *readings.get(r["agreement"], {}).values(),
                ]
            ),
        )
    revised: dict[str, Revision] = {}
    for r in select(store, "revisions"):
        day = query_date(r.get("effectiveFrom"))
        if r["provision"] not in provisions or day is None:
            continue
        revision = Revision(r["provision"], day, local_name(r["change"]) if "change" in r else None)
        if r["revises"] not in revised or day < revised[r["revises"]].on:
            revised[r["revises"]] = revision
    built = Model(
        triggers, provisions, dependency_graph(store), revised, as_of, agreement_labels,
        min_evidence,
    )  # fmt: skip
    # what every question reads, worked out before the model is kept, so a later run reads it
    built.ripple("Modifies")
    _ = (
        built.units,
        built.sooner_units,
        built.events,
        built.recorded,
        built.versioned,
        built.cyclic_groups,
    )
    _ = built.islands
    return built


def _name_unlabelled(triggers: dict[str, Trigger], unlabelled: set[str]) -> None:
    """Give a trigger written in place without a label (a blank node) words for what it is,
    from its parts: "1 year after signing", "the earliest of X and Y". A named trigger
    without a label keeps its local name."""
    from dataclasses import replace

    done: dict[str, str] = {}

    def name(iri: str, seen: frozenset[str] = frozenset()) -> str:
        t = triggers.get(iri)
        if t is None or iri not in unlabelled or not iri.startswith("_:") or iri in seen:
            return t.label if t is not None else local_name(iri)
        if iri in done:
            return done[iri]
        inner = seen | {iri}
        if t.type == "RelativeTrigger" and t.after is not None and t.offset is not None:
            words = f"{t.offset.words()} after {name(t.after, inner)}"
        elif t.type in {"EarliestOf", "LatestOf"} and t.members:
            which = "earliest" if t.type == "EarliestOf" else "latest"
            words = f"the {which} of " + " and ".join(name(m, inner) for m in t.members)
        elif t.type == "UnlessFirst" and t.trigger is not None and t.unless is not None:
            words = f"{name(t.trigger, inner)} unless {name(t.unless, inner)} comes first"
        elif t.type == "DateTrigger" and t.date is not None:
            words = t.date.isoformat()
        elif t.type == "ProvisionEnd" and t.end_of is not None:
            words = f"the end of {local_name(t.end_of)}"
        elif t.type == "Exercise" and t.trigger is not None and t.exercises is not None:
            words = f"{name(t.trigger, inner)} while {local_name(t.exercises)} is in force"
        else:
            words = spaced(t.type)
        done[iri] = words
        return words

    for iri in sorted(unlabelled):
        if iri.startswith("_:") and iri in triggers:
            triggers[iri] = replace(triggers[iri], label=name(iri))


def _refuse_ill_formed_dates(store: Store, rows: dict[str, dict[str, Any]]) -> None:
    """A trigger whose date is not a date would be read as never firing: refuse it."""
    for iri, row in rows.items():
        dated = [(row.get("date"), "time:inXSDDate"), (row.get("occurredOn"), "pg:occurredOn")]
        dated += [(holiday, "pg:calendar/pg:holiday") for holiday in row.get("holidays", ())]
        for value, prop in dated:
            if value is not None and not isinstance(value, dt.date):
                from .errors import DataError
                from .validate import locate

                raise DataError(
                    f"{locate(store, iri)}: {prop} {value!r} of <{iri}> is not a date; "
                    "write it as YYYY-MM-DD"
                )


_QUOTES = """
SELECT ?provision ?quote ?exact ?start ?own WHERE {
  ?agreement pg:provision ?provision .
  ?provision pg:evidence ?quote .
  ?quote oa:exact ?exact .
  OPTIONAL { ?quote oa:start ?start }
  OPTIONAL { ?quote dcterms:source ?source . ?agreement pg:sourceDocument ?source .
             BIND (true AS ?own) }
}
"""


def _first_quotes(store: Store) -> dict[str, str]:
    """Each provision's quote as answers show it: of its sentences in its own agreement's
    text (else of the others), the one the fewest provisions rest on, then the first in the
    text. A provision that also quotes a survival clause, or the sentence of a right that
    ends it, is shown with the sentence that states it."""
    rows = select(store, _QUOTES)
    citing: dict[str, set[str]] = {}
    for r in rows:
        citing.setdefault(r["quote"], set()).add(r["provision"])
    best: dict[str, tuple[bool, int, int, str]] = {}
    for r in rows:
        start = r["start"] if isinstance(r.get("start"), int) else 1 << 62
        key = (r.get("own") is not True, len(citing[r["quote"]]), start, r["exact"])
        if r["provision"] not in best or key < best[r["provision"]]:
            best[r["provision"]] = key
    return {provision: key[-1] for provision, key in best.items()}


def _rank(store: Store, kind: str | None) -> int | None:
    """The rank of the evidence kind named ``kind`` (``PressReport``, ``press-report``)."""
    if kind is None:
        return None
    from .errors import UsageError

    ranks = {
        local_name(r["kind"]): r["rank"]
        for r in select(
            store,
            "SELECT ?kind ?rank WHERE { GRAPH <https://w3id.org/pactgraph/ns> "
            "{ ?kind a pg:EvidenceKind ; pg:rank ?rank } }",
        )
    }
    wanted = kind.replace("-", "").replace("_", "").lower()
    for name, rank in ranks.items():
        if name.lower() == wanted:
            return int(rank)
    names = ", ".join(re.sub(r"(?<!^)(?=[A-Z])", "-", n).lower() for n in sorted(ranks))
    raise UsageError(f"{kind!r} is not a kind of evidence; use one of {names}")


def query_date(value: Any) -> dt.date | None:
    """A date a query gave, or None (a dateTime counts by its day; anything else, not)."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None
