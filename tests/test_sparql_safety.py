"""Spotting SERVICE in a query before it runs, however it is spelled.

Oxigraph's parser takes keywords glued to their neighbours, so the check errs on the side
of refusing. Each threat below is spotted; those Oxigraph runs as a call out (all but the
SILENT ones, which swallow the failure, and the last two) are shown to be real calls.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from pactgraph.parse import uses_service

URL = "<http://127.0.0.1:9/sparql>"  # port 9: Oxigraph refuses it without connecting

THREATS = [
    f"SELECT * WHERE {{ SERVICE {URL} {{ ?s ?p ?o }} }}",
    f"select * where {{ service silent {URL} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERVICESILENT{URL}{{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?s ?p 1SERVICE{URL}{{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o.SERVICE{URL}{{ ?s ?p ?o }} }}",
    "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",
    # code that a careless scan would take for part of a string, an IRI or a comment
    f'SELECT * WHERE {{ ?s ?p ?o BIND("""a\\"""" AS ?v) SERVICE {URL} {{}} BIND("x" AS ?w) }}',
    f"SELECT * WHERE {{ ?s ?p ?o # x\rSERVICE {URL} {{}} }}",
    f"SELECT * WHERE {{ ?s ?p ?o . BIND(<http://x/\\u0041#> AS ?i) SERVICE {URL} {{}} }}",
    f"PREFIX ex: <http://e/> SELECT * {{ ?s ?p ?o . BIND(ex:a\\#b AS ?i) SERVICE {URL} {{}} }}",
    f"SELECT ?service WHERE {{ SERVICE {URL} {{ ?service ?p ?o }} }}",
    # refused though harmless: a parse error; a service named by a variable
    "PREFIX service: <http://e/> SELECT * WHERE { ?s ?p service:x }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
]
SILENT = {1, 2}


@pytest.mark.parametrize("query", THREATS)
def test_threats_are_spotted(query: str) -> None:
    assert uses_service(query)


@pytest.mark.parametrize("query", [q for i, q in enumerate(THREATS[:-2]) if i not in SILENT])
def test_each_threat_is_a_real_service_call(query: str) -> None:
    # Oxigraph would call out: it stops only because port 9 is on its own deny list
    store = ox.Store()
    one = ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), one))
    with pytest.raises(OSError, match="port 9"):
        list(store.query(query, use_default_graph_as_union=True))


INNOCENT = [
    "SELECT * WHERE { <http://example.org/service> ?p ?o } # SERVICE",
    "SELECT * WHERE { ?s ?p '''SERVICE \\''' SERVICE''' }",
    "SELECT * WHERE { ?s ?p <http://x/\\u0041service> }",
    # the word inside a name that began before it: variables, local names, blank nodes
    "SELECT ?service WHERE { ?service ?p ?o }",
    "SELECT $service ?my_service WHERE { $service ?p ?my_service }",
    "PREFIX : <http://e/> SELECT * WHERE { ?s ?p :azure-services }",
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:self-service ex:foo.SERVICE }",
    "SELECT * WHERE { _:service ?p ?o }",
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ?o FILTER(?o != ex:Service) }",
]


@pytest.mark.parametrize(
    "query", ['SELECT ?x WHERE { ?x pg:covers ?c ; rdfs:label "service" }', *INNOCENT]
)
def test_innocent_uses_of_the_word_pass(query: str) -> None:
    assert not uses_service(query)


@pytest.mark.parametrize("query", INNOCENT)
def test_each_innocent_use_runs_without_a_call(query: str) -> None:
    # the other side: Oxigraph runs each of them, over a row a SERVICE would join with,
    # without calling out
    store = ox.Store()
    one = ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), one))
    list(store.query(query, use_default_graph_as_union=True))
