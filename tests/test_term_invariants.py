"""Invariants of the term engine, on agreements made up at random, and across every fixture.

- a provision's first day in force is never after its last;
- an event no trigger mentions changes nothing;
- ``impact`` is the difference of two ``state`` answers: the day's state without the event
  against the day's state with it;
- a status is conditional exactly when some undated event, happening that day, would
  change it (so ``state`` and ``impact`` agree);
- adding an event never makes an earliest-of fire later;
- the answer does not depend on the order the statements were loaded in;
- adding one event to a scenario (as an evaluation tries each undated event) gives the
  scenario built from scratch with it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactgraph.answers import ChangeKind, Status
from pactgraph.errors import UsageError
from pactgraph.evaluate import Run
from pactgraph.impact import impact
from pactgraph.load import Store, load
from pactgraph.model import model
from pactgraph.scenario import NEVER, build, extend
from pactgraph.state import state

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(p.parent.name for p in DATA.glob("*/expected.json"))
EX = "https://example.org/random/"
#: The day asked about where a check needs one and the case gives none.
DAY_ASKED = dt.date(2025, 6, 1)
EVENTS = ["e0", "e1", "e2"]
DATES = [dt.date(2025, 1, 1) + dt.timedelta(days=90 * i) for i in range(8)]

# ------------------------------------------------------------------ random agreements

trigger_leaf = st.one_of(
    st.sampled_from([f"event:{e}" for e in EVENTS]),
    st.sampled_from([f"date:{d.isoformat()}:{eod}" for d in DATES for eod in (0, 1)]),
)
trigger = st.one_of(
    st.none(),
    trigger_leaf,
    st.tuples(st.sampled_from(["EarliestOf", "LatestOf"]), trigger_leaf, trigger_leaf),
)
provision = st.fixed_dictionaries(
    {
        "start": trigger,
        "end": trigger,
        "rests": st.lists(
            st.tuples(st.integers(0, 4), st.sampled_from(["dependsOn", "exceptionTo"])),
            max_size=2,
        ),
    }
)
agreements = st.lists(provision, min_size=1, max_size=5)


def _trigger_ttl(spec: Any, name: str, out: list[str]) -> str:
    if isinstance(spec, tuple):
        kind, a, b = spec
        first, second = _trigger_ttl(a, name + "a", out), _trigger_ttl(b, name + "b", out)
        out.append(f"<{EX}{name}> a pg:{kind} ; pg:member {first}, {second} .")
        return f"<{EX}{name}>"
    kind, *rest = spec.split(":")
    if kind == "event":
        return f"<{EX}{rest[0]}>"
    day, eod = rest[0], rest[1]
    iri = f"<{EX}d-{day}-{eod}>"
    boundary = " ; pg:dayBoundary pg:EndOfDay" if eod == "1" else ""
    out.append(f'{iri} a pg:DateTrigger ; time:inXSDDate "{day}"^^xsd:date{boundary} .')
    return iri


def _turtle(specs: list[dict[str, Any]]) -> list[str]:
    lines = [
        f'<{EX}a> a pg:Agreement ; dcterms:date "2025-01-01"^^xsd:date ;'
        f" pg:provision {', '.join(f'<{EX}p{i}>' for i in range(len(specs)))} .",
        *(f'<{EX}{e}> a pg:Event ; rdfs:label "{e}" .' for e in [*EVENTS, "unused"]),
        f"<{EX}e1> pg:requires <{EX}e0> .",
    ]
    for i, spec in enumerate(specs):
        parts = [f'<{EX}p{i}> a pg:Right ; rdfs:label "p{i}"']
        for key, prop in (("start", "startsWith"), ("end", "endsWith")):
            if spec[key] is not None:
                parts.append(f"pg:{prop} {_trigger_ttl(spec[key], f'p{i}{key}', lines)}")
        for target, relation in spec["rests"]:
            if target < len(specs) and target != i:
                parts.append(f"pg:{relation} <{EX}p{target}>")
        lines.append(" ; ".join(parts) + " .")
    return lines


def _scenario(data: st.DataObject) -> dict[str, dt.date]:
    dated = data.draw(st.lists(st.sampled_from(["e0", "e2"]), unique=True))
    return {f"{EX}{e}": data.draw(st.sampled_from(DATES)) for e in dated}


def _statuses(store: Store, on: dt.date, events: dict[str, dt.date]) -> dict[str, Any]:
    return {p.provision: p for p in state(store, on, events=events).provisions}


relaxed = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@relaxed
@given(agreements, st.data())
def test_random_agreements_keep_the_invariants(specs: list[dict[str, Any]], data: Any) -> None:
    store = load(text="\n".join(_turtle(specs)))
    on = data.draw(st.sampled_from(DATES))
    events = _scenario(data)
    before = _statuses(store, on, events)
    for p in before.values():
        if p.start and p.end:
            assert p.start <= p.end, p.reason

    # an event no trigger mentions changes nothing
    assert not impact(store, f"{EX}unused", on=on, events=events).changes
    assert _statuses(store, on, {**events, f"{EX}unused": on}) == before

    # impact is the difference of two states, for each event not yet dated
    for event in (f"{EX}{e}" for e in EVENTS):
        if event in events or (
            event.endswith("e1") and f"{EX}e0" in events and events[f"{EX}e0"] > on
        ):
            continue
        after = _statuses(store, on, {**events, event: on})
        changes = {
            c.provision: c.change for c in impact(store, event, on=on, events=events).changes
        }
        for iri, b in before.items():
            a = after[iri]
            if b.status == a.status:
                grew = set(a.modified_by) - set(b.modified_by)
                expected = ChangeKind.MODIFIED if a.status == Status.IN_FORCE and grew else None
            elif b.status == Status.IN_FORCE:
                expected = ChangeKind.ENDS
            elif a.status == Status.IN_FORCE:
                expected = ChangeKind.BEGINS
            else:
                expected = None
            assert changes.get(iri) == expected, (iri, b.reason, a.reason)

    # adding an event never makes an earliest-of fire later
    m = model(store)
    without = Run(m, build(m, events))
    for extra in (f"{EX}e0", f"{EX}e2"):
        if extra in events:
            continue
        with_it = Run(m, build(m, {**events, extra: on}))
        for iri, t in m.triggers.items():
            if t.type == "EarliestOf" and without.fire(iri).day is not None:
                assert with_it.fire(iri).day is not None
                assert with_it.fire(iri).day <= without.fire(iri).day  # type: ignore[operator]


@relaxed
@given(agreements, st.data())
def test_load_order_does_not_change_the_answer(specs: list[dict[str, Any]], data: Any) -> None:
    lines = _turtle(specs)
    shuffled = data.draw(st.permutations(lines))
    on = data.draw(st.sampled_from(DATES))
    events = _scenario(data)
    first = state(load(text="\n".join(lines)), on, events=events)
    second = state(load(text="\n".join(shuffled)), on, events=events)
    assert first == second


_CHAIN = load(
    text="\n".join(
        [
            f'<{EX}a> a pg:Agreement ; dcterms:date "2025-01-01"^^xsd:date .',
            *(f'<{EX}{e}> a pg:Event ; rdfs:label "{e}" .' for e in "abcd"),
            f"<{EX}b> pg:requires <{EX}a> . <{EX}c> pg:requires <{EX}b> .",
            f"<{EX}d> pg:requires <{EX}a> .",
        ]
    )
)


@relaxed
@given(st.data())
def test_adding_an_event_is_building_with_it(data: Any) -> None:
    m = model(_CHAIN)
    given_events = data.draw(st.lists(st.sampled_from("abcd"), unique=True, max_size=3))
    dated = {f"{EX}{e}": data.draw(st.sampled_from(DATES)) for e in given_events}
    try:
        s = build(m, dated)
    except UsageError:
        return
    for event in (f"{EX}{e}" for e in "abcd"):
        day = data.draw(st.sampled_from(DATES))
        try:
            expected: Any = build(m, {**s.given, event: day})
        except UsageError as error:
            expected = str(error)
        try:
            got: Any = extend(m, s, event, day)
        except UsageError as error:
            got = str(error)
        assert got == expected


# ------------------------------------------------------------------ every fixture

_STORES: dict[str, Store] = {}


def _fixture_cases() -> list[Any]:
    cases = []
    for name in FIXTURES:
        expected = json.loads((DATA / name / "expected.json").read_text(encoding="utf-8"))
        for i, case in enumerate(expected.get("state", [])):
            cases.append(pytest.param(name, case, id=f"{name}-{i}"))
    return cases


def _given(events: dict[str, Any]) -> dict[str, Any]:
    """A fixture case's events: a date, ``never``, or a list of dates."""

    def day(v: str) -> dt.date:
        return NEVER if v == "never" else dt.date.fromisoformat(v)

    return {k: [day(d) for d in v] if isinstance(v, list) else day(v) for k, v in events.items()}


@pytest.mark.parametrize(("name", "case"), _fixture_cases())
def test_state_is_conditional_exactly_where_impact_says_an_event_would_change_it(
    name: str, case: dict[str, Any]
) -> None:
    if name not in _STORES:
        _STORES[name] = load([DATA / name])
    store = _STORES[name]
    on = dt.date.fromisoformat(case["on"])
    given = _given(case["events"])
    as_of = dt.date.fromisoformat(case["as_of"]) if case.get("as_of") else None
    answer = state(store, on, events=given, as_of=as_of)
    dated = {e.event for e in answer.scenario}
    m = model(store, as_of)
    moved: set[str] = set()
    for event in sorted(set(m.events) - dated):
        try:
            changes = impact(store, event, on=on, events=given, as_of=as_of).changes
        except UsageError:  # dated before an event it requires: it cannot happen that day
            continue
        used = m.exercised_by.get(event, frozenset())  # a right's own use: not conditional,
        used = used if len(used) == 1 else frozenset()  # where the event uses that one alone
        moved |= {
            c.provision
            for c in changes
            if c.change != ChangeKind.MODIFIED and c.provision not in used
        }
    for p in answer.provisions:
        if p.kind == "Definition":
            continue  # a definition goes with what it defines: impact lists no row for it
        assert p.conditional == (p.provision in moved), (p.label, p.reason)


def _first_ending_by_brute_force(run: Run, provision: str, on: dt.date) -> str | None:
    """The first, by IRI, of every provision ``provision`` rests on through ``pg:Ends``
    edges or survives for a period, at any depth, whose end an undated event could bring
    after ``on``: its own, or that of a later version's provision replacing it
    (:meth:`Run._enders`)."""
    import networkx as nx

    m = run.m
    for q in sorted(nx.ancestors(_sooner_graph(m), provision)):
        for carrier in run._enders(q, on):
            other = m.provisions[carrier]
            if other.end and run.pending(other.end):
                return q
    return None


def _sooner_graph(m: Any) -> Any:
    """The ``pg:Ends`` edges, and an edge from each provision to each that survives it for
    a period: a survivor ends sooner when what it survives does."""
    import networkx as nx

    graph = nx.DiGraph(m.ripple("Ends"))
    for iri, p in m.provisions.items():
        if p.survives in m.provisions and p.survival_period is not None:
            graph.add_edge(p.survives, iri)
    return graph


def _check_first_ending(store: Store, events: dict[str, Any], on: dt.date = DAY_ASKED) -> None:
    m = model(store)
    # an event's later dates (a list) play no part in what could end a provision sooner
    run = Run(m, build(m, {k: v[0] if isinstance(v, list) else v for k, v in events.items()}))
    for provision in _sooner_graph(m):
        expected = _first_ending_by_brute_force(run, provision, on)
        assert run._first_ending_above(provision, on) == expected, provision


@relaxed
@given(agreements, st.data())
def test_what_could_end_a_provision_sooner_is_found_through_all_it_rests_on(
    specs: list[dict[str, Any]], data: Any
) -> None:
    """The condensed lookup of what an undated event could end a provision through gives
    the walk over every provision it rests on, cycles included."""
    _check_first_ending(load(text="\n".join(_turtle(specs))), _scenario(data))


def test_what_could_end_a_provision_sooner_is_the_first_of_several() -> None:
    """p0 rests on p1 and p2, each of which an undated event could end; p3 on p0 and on p2."""
    specs = [
        {"start": None, "end": None, "rests": [(1, "dependsOn"), (2, "dependsOn")]},
        {"start": None, "end": "event:e2", "rests": []},
        {"start": None, "end": "event:e0", "rests": []},
        {"start": None, "end": None, "rests": [(0, "dependsOn"), (2, "dependsOn")]},
    ]
    store = load(text="\n".join(_turtle(specs)))
    _check_first_ending(store, {})
    run = Run(model(store), build(model(store), {}))
    assert run._first_ending_above(f"{EX}p3", DAY_ASKED) == f"{EX}p1"


@pytest.mark.parametrize(("name", "case"), _fixture_cases())
def test_what_could_end_a_provision_sooner_on_every_fixture(
    name: str, case: dict[str, Any]
) -> None:
    if name not in _STORES:
        _STORES[name] = load([DATA / name])
    given = _given(case["events"])
    _check_first_ending(_STORES[name], given, dt.date.fromisoformat(case["on"]))
