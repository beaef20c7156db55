"""SPARQL and networkx answer the same dependency questions with the same sets.

Each test holds a path the product runs (the reach from which
:func:`pactgraph.impact.impact` takes what to evaluate, the dependents :func:`pactgraph.lookup.dependents` lists) to a SPARQL property
path over the same graph, on the bundled agreement and every fixture, and checks the
sets compared are not empty.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from pactgraph.load import Store, load
from pactgraph.lookup import dependents
from pactgraph.model import model
from pactgraph.query import select

DATA = Path(__file__).parent / "data"
STORES = ["bundled", *sorted(p.parent.name for p in DATA.glob("*/expected.json"))]

#: One step of a change, from what changes to what it changes: the events an event requires,
#: the triggers built from a trigger, the provisions whose terms start or end with one, the
#: provisions resting on a provision (and on the one a later version replaces), the triggers
#: marking a provision's end, the exercises of a provision.
_TRAVEL = (
    "pg:requires|^pg:member|^pg:after|^pg:trigger|^pg:unless|^pg:stoppedBy"
    "|^pg:startsWith|^pg:endsWith|^pg:dependsOn|^pg:exceptionTo|^pg:carveOutOf|^pg:extends"
    "|^pg:survives|pg:revises|^pg:endOf|^pg:exercises|^pg:through|^pg:notThrough"
)

#: The provisions an event (or a date) reaches, in any number of steps.
_EVENT_REACH = f"""
    SELECT DISTINCT ?event ?provision WHERE {{
      ?event ({_TRAVEL})* ?provision .
      ?agreement pg:provision ?provision .
    }}"""

_DEPENDENTS = f"""
    SELECT DISTINCT ?provision ?dependent WHERE {{
      ?provision ({_TRAVEL})+ ?dependent .
      ?agreement pg:provision ?dependent .
    }}"""


def _load(name: str) -> Store:
    return load() if name == "bundled" else load([DATA / name])


@pytest.mark.parametrize("name", STORES)
def test_the_reach_of_every_event_and_date_is_the_sparql_reach(name: str) -> None:
    store = _load(name)
    m = model(store)
    compared = 0
    roots = [t for t in m.triggers.values() if t.type in {"Event", "DateTrigger"}]
    for trigger in roots:
        rows = select(store, _EVENT_REACH, {"event": ox.NamedNode(trigger.iri)})
        by_sparql = {r["provision"] for r in rows}
        assert by_sparql == m.reach(trigger.iri) & m.provisions.keys(), trigger.label
        compared += len(by_sparql)
    assert compared or not roots, "some event or date reaches some provision"


@pytest.mark.parametrize("name", STORES)
def test_dependents_are_the_sparql_dependents(name: str) -> None:
    store = _load(name)
    m = model(store)
    compared = 0
    for provision in m.provisions:
        rows = select(store, _DEPENDENTS, {"provision": ox.NamedNode(provision)})
        by_sparql = {r["dependent"] for r in rows} - {provision}
        by_networkx = {d.provision for d in dependents(store, provision).dependents}
        assert by_sparql == by_networkx, provision
        compared += len(by_sparql)
    if name in {"bundled", "ripple", "exception", "cycle"}:
        assert compared, "some provision has dependents"
