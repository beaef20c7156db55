"""SPARQL and networkx answer the same dependency questions with the same sets."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from pactgraph.queries import get, select
from pactgraph.store import Store, load
from pactgraph.terms import model
from pactgraph.traverse import dependency_graph, dependents, direct_effects

DATA = Path(__file__).parent / "data"
STORES = ["bundled", *sorted(p.parent.name for p in DATA.glob("*/expected.json"))]


def _load(name: str) -> Store:
    return load() if name == "bundled" else load([DATA / name / "agreement.ttl"])


@pytest.mark.parametrize("name", STORES)
def test_direct_effects_agree_for_every_event_and_date_trigger(name: str) -> None:
    store = _load(name)
    graph = dependency_graph(store)
    triggers = [t for t in model(store).triggers.values() if t.type in {"Event", "DateTrigger"}]
    assert triggers
    for trigger in triggers:
        rows = select(store, get("trigger-provisions"), {"trigger": ox.NamedNode(trigger.iri)})
        by_sparql = {(r["provision"], r["how"]) for r in rows}
        assert by_sparql == direct_effects(graph, trigger.iri), trigger.label


def test_the_answer_is_not_trivially_empty(store: Store) -> None:
    iri = "https://w3id.org/pactgraph/id/microsoft-openai-2025/agi-verified"
    assert len(direct_effects(dependency_graph(store), iri)) == 4


@pytest.mark.parametrize("name", STORES)
def test_ripple_reach_agrees_with_a_sparql_property_path(name: str) -> None:
    """Provisions reachable over dependency edges: networkx descendants vs a SPARQL path."""
    store = _load(name)
    graph = dependency_graph(store)
    query = """
        SELECT DISTINCT ?dependent ?provision WHERE {
          ?dependent (pg:dependsOn|pg:exceptionTo|pg:carveOutOf|pg:extends)+ ?provision .
        }"""
    for provision in model(store).provisions:
        rows = select(store, query, {"provision": ox.NamedNode(provision)})
        by_sparql = {r["dependent"] for r in rows} - {provision}
        by_networkx = {n for n in dependents(graph, provision) if n in model(store).provisions}
        assert by_sparql == by_networkx, provision
