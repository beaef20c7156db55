"""Spotting SERVICE in a query before it runs, however it is spelled.

Oxigraph's parser takes keywords glued to their neighbours, so the check errs on the side
of refusing; each threat below is a spelling Oxigraph accepts as a SERVICE call.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from pactgraph.queries import uses_service

URL = "<http://127.0.0.1:9/sparql>"  # port 9: Oxigraph refuses it without connecting

THREATS = [
    f"SELECT * WHERE {{ SERVICE {URL} {{ ?s ?p ?o }} }}",
    f"select * where {{ service silent {URL} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERVICESILENT{URL}{{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?s ?p 1SERVICE{URL}{{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o.SERVICE{URL}{{ ?s ?p ?o }} }}",
    "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", THREATS)
def test_threats_are_spotted(query: str) -> None:
    assert uses_service(query)


@pytest.mark.parametrize("query", [THREATS[i] for i in (0, 3, 4, 5)])
def test_each_threat_is_a_real_service_call(query: str) -> None:
    # Oxigraph would call out: it stops only because port 9 is on its own deny list
    store = ox.Store()
    one = ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), one))
    with pytest.raises(OSError, match="port 9"):
        list(store.query(query, use_default_graph_as_union=True))


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service WHERE { ?s pg:covers :azure-services ; rdfs:label "service" }',
        "SELECT * WHERE { <http://example.org/service> ?p _:service } # SERVICE",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:serviceLevel ?o }",
    ],
)
def test_innocent_uses_of_the_word_pass(query: str) -> None:
    assert not uses_service(query)
