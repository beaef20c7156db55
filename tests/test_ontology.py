"""The ontology file against the closed vocabulary in Python, its documentation, its
alignment with the standard vocabularies, and the canonical form of the files we keep."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from conftest import ROOT
from pactgraph.load import canonical_turtle
from pactgraph.namespaces import PG, PG_NS, PREFIXES, TERMS, pg
from pactgraph.resources import bundled_agreement_files, ontology_file

ONTOLOGY = ROOT / "ontology" / "pactgraph.ttl"
AGREEMENT = ROOT / "graph" / "pactgraph" / "agreements" / "microsoft-openai-2025.ttl"


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


def ours(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    """Every IRI in our namespace that the graph mentions, in any position."""
    return {
        term
        for triple in graph
        for term in triple
        if isinstance(term, rdflib.URIRef) and str(term).startswith(PG_NS)
    }


def declared(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    """The IRIs in our namespace that the graph gives a type to."""
    mentioned = ours(graph)
    return {s for s in graph.subjects(RDF.type, None) if s in mentioned}


# ------------------------------------------------------------------ canonical form


@pytest.mark.parametrize(
    "path", [ONTOLOGY, ONTOLOGY.parent / "shapes.ttl", AGREEMENT], ids=lambda p: p.name
)
def test_file_is_in_canonical_form(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text == canonical_turtle(path), (
        f"{path.name} is not in canonical form; rewrite it with pactgraph.load.canonical_turtle"
    )


def test_canonical_form_is_the_same_graph(tmp_path: Path) -> None:
    from rdflib.compare import isomorphic

    shuffled = tmp_path / "shuffled.ttl"
    lines = AGREEMENT.read_text(encoding="utf-8").split("\n\n")
    shuffled.write_text("\n\n".join([lines[0], *reversed(lines[1:])]), encoding="utf-8")
    assert shuffled.read_text(encoding="utf-8") != AGREEMENT.read_text(encoding="utf-8")
    assert canonical_turtle(shuffled) == AGREEMENT.read_text(encoding="utf-8")
    rewritten = rdflib.Graph().parse(data=canonical_turtle(shuffled), format="turtle")
    assert isomorphic(rewritten, rdflib.Graph().parse(AGREEMENT, format="turtle"))


def test_bundled_files_are_the_checked_ones() -> None:
    assert AGREEMENT in bundled_agreement_files()
    assert ontology_file() == ONTOLOGY


# ------------------------------------------------------------------ the closed vocabulary


def test_terms_are_exactly_what_the_ontology_declares(ontology: rdflib.Graph) -> None:
    names = {str(t).removeprefix(PG_NS) for t in declared(ontology)}
    assert names == set(TERMS), (
        f"missing from TERMS: {sorted(names - TERMS)}; not in the ontology: {sorted(TERMS - names)}"
    )


def test_ontology_uses_only_terms_it_declares(ontology: rdflib.Graph) -> None:
    assert ours(ontology) <= declared(ontology)


def test_bundled_agreement_uses_only_declared_terms() -> None:
    data = rdflib.Graph().parse(AGREEMENT, format="turtle")
    assert {str(t).removeprefix(PG_NS) for t in ours(data)} <= TERMS


def test_closed_namespace_refuses_typos() -> None:
    assert PG.holder == rdflib.URIRef(PG_NS + "holder")
    assert PG.EarliestOf == rdflib.URIRef(pg("EarliestOf"))
    with pytest.raises(AttributeError, match="holdr"):
        _ = PG.holdr
    with pytest.raises(KeyError, match="holdr"):
        pg("holdr")


def test_prefixes_match_the_ontology(ontology: rdflib.Graph) -> None:
    bound = {p: str(ns) for p, ns in ontology.namespaces()}
    for prefix in ("pg", "odrl", "prov", "time", "skos", "dcterms", "oa", "owl", "rdfs", "xsd"):
        assert bound[prefix] == PREFIXES[prefix], prefix


# ------------------------------------------------------------------ documentation


def test_every_term_has_an_english_label_and_comment(ontology: rdflib.Graph) -> None:
    undocumented = []
    for term in sorted(declared(ontology)):
        for prop in (RDFS.label, RDFS.comment):
            values = [v for v in ontology.objects(term, prop) if isinstance(v, rdflib.Literal)]
            if not any(v.language == "en" and len(str(v).strip()) > 2 for v in values):
                undocumented.append(f"{term.removeprefix(PG_NS)} {prop.fragment}")
    assert undocumented == []


def test_ontology_header(ontology: rdflib.Graph) -> None:
    header = rdflib.URIRef(PG_NS.rstrip("#"))
    assert (header, RDF.type, OWL.Ontology) in ontology
    comment = str(ontology.value(header, RDFS.comment))
    assert PG_NS in comment


# ------------------------------------------------------------------ alignment

ODRL = rdflib.Namespace(PREFIXES["odrl"])
PROV = rdflib.Namespace(PREFIXES["prov"])
TIME = rdflib.Namespace(PREFIXES["time"])
SKOS = rdflib.Namespace(PREFIXES["skos"])
DCTERMS = rdflib.Namespace(PREFIXES["dcterms"])
OA = rdflib.Namespace(PREFIXES["oa"])

#: (our term, the standard term it must sit under), as the issue and README give them
ALIGNED = [
    ("Right", ODRL.Permission),
    ("Exclusivity", ODRL.Permission),
    ("Obligation", ODRL.Duty),
    ("Restriction", ODRL.Prohibition),
    ("Party", ODRL.Party),
    ("Party", PROV.Agent),
    ("Agreement", PROV.Entity),
    ("Provision", PROV.Entity),
    ("SourceDocument", PROV.Entity),
    ("Event", PROV.Activity),
    ("DateTrigger", TIME.Instant),
    ("Quote", OA.TextQuoteSelector),
    ("Quote", OA.TextPositionSelector),
    ("PartyRole", SKOS.Concept),
    ("holder", ODRL.assignee),
    ("counterparty", ODRL.assigner),
    ("covers", ODRL.target),
    ("evidence", PROV.wasDerivedFrom),
    ("actor", PROV.wasAssociatedWith),
    ("includes", SKOS.narrower),
    ("supersedes", DCTERMS.replaces),
    ("provision", DCTERMS.hasPart),
    ("sourceDocument", DCTERMS.source),
]


@pytest.mark.parametrize(("term", "standard"), ALIGNED, ids=lambda x: str(x).split("/")[-1])
def test_aligned(ontology: rdflib.Graph, term: str, standard: rdflib.URIRef) -> None:
    subject = rdflib.URIRef(pg(term))
    kind = ontology.value(subject, RDF.type)
    up = RDFS.subClassOf if kind == OWL.Class else RDFS.subPropertyOf
    assert standard in set(ontology.transitive_objects(subject, up)), (term, standard)


def test_every_provision_kind_is_a_provision(ontology: rdflib.Graph) -> None:
    kinds = {"Right", "Obligation", "Restriction", "Exclusivity", "Definition", "StatedFact"}
    below = {
        str(s).removeprefix(PG_NS)
        for s in ontology.subjects(RDFS.subClassOf, rdflib.URIRef(pg("Provision")))
    }
    assert below == kinds


def test_every_trigger_kind_is_a_trigger(ontology: rdflib.Graph) -> None:
    trigger = rdflib.URIRef(pg("Trigger"))
    for kind in ("Event", "DateTrigger", "CompositeTrigger", "EarliestOf", "LatestOf"):
        assert trigger in set(ontology.transitive_objects(rdflib.URIRef(pg(kind)), RDFS.subClassOf))


def test_dependency_properties_say_their_ripple(ontology: rdflib.Graph) -> None:
    ripple = {
        str(p).removeprefix(PG_NS): str(ontology.value(p, rdflib.URIRef(pg("rippleEffect"))))
        for p in ontology.subjects(RDF.type, rdflib.URIRef(pg("DependencyProperty")))
    }
    assert ripple == {
        "dependsOn": pg("Ends"),
        "exceptionTo": pg("Modifies"),
        "carveOutOf": pg("Modifies"),
        "extends": pg("Modifies"),
    }
