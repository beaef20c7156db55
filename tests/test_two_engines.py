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

_EDGES = "pg:dependsOn|pg:exceptionTo|pg:carveOutOf|pg:extends|pg:survives|^pg:revises"
_PARTS = "pg:member|pg:after|pg:trigger|pg:unless|pg:stoppedBy"

#: The provisions an event (or a date) reaches: through the events it requires, the composite triggers
#: it is a member of, the terms those start or end, and every dependency edge after.
_EVENT_REACH = f"""
    SELECT DISTINCT ?event ?provision WHERE {{
      ?event pg:requires* ?happens .
      ?trigger ({_PARTS})* ?happens .
      ?term (pg:startsWith|pg:endsWith) ?trigger .
      ?provision ({_EDGES})* ?term .
    }}"""

_DEPENDENTS = f"""
    SELECT DISTINCT ?provision ?dependent WHERE {{ ?dependent ({_EDGES})+ ?provision . }}"""


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
