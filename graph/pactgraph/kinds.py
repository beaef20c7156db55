"""The kinds of node pactgraph draws, and how each is drawn: one table for every picture.

The explorer (:mod:`pactgraph.visualize`), the timeline, and the DOT and Mermaid exports
all read :data:`KINDS`, so a right is the same colour and shape wherever it appears. Each
kind is named by the ``rdf:type`` that gives it; a node with several types takes the first
kind in table order.
"""

from __future__ import annotations

from dataclasses import dataclass

from .namespaces import PG_NS, PREFIXES

__all__ = ["BY_NAME", "BY_TYPE", "KINDS", "PROVISION_KINDS", "Kind", "kind_of"]


@dataclass(frozen=True)
class Kind:
    """One kind of node: its name, the ``rdf:type`` that gives it, and its drawing."""

    name: str
    type: str
    colour: str = "#dee2e6"
    shape: str = "box"
    """The vis-network shape."""
    dot_shape: str = "box"
    """The Graphviz shape."""
    provision: bool = False
    explorer: bool = True
    """Whether the explorer draws nodes of this kind (documents and quotes it shows as
    text, not as nodes)."""


_SKOS = PREFIXES["skos"]

#: Every kind, in order of precedence.
KINDS: tuple[Kind, ...] = (
    Kind("agreement", PG_NS + "Agreement", "#6c757d", "box", "doubleoctagon", explorer=False),
    Kind("right", PG_NS + "Right", "#2a9d8f", provision=True),
    Kind("obligation", PG_NS + "Obligation", "#e9c46a", provision=True),
    Kind("restriction", PG_NS + "Restriction", "#e76f51", provision=True),
    Kind("exclusivity", PG_NS + "Exclusivity", "#9b5de5", provision=True),
    Kind("definition", PG_NS + "Definition", "#a8dadc", provision=True),
    Kind("stated fact", PG_NS + "StatedFact", "#ced4da", provision=True),
    Kind("provision", PG_NS + "Provision", "#dee2e6", provision=True),
    Kind("party", PG_NS + "Party", "#f4a261", "ellipse", "ellipse"),
    Kind("IP category", _SKOS + "Concept", "#90be6d", "hexagon", "folder"),
    Kind("event", PG_NS + "Event", "#ffb703", "diamond", "diamond"),
    Kind("date", PG_NS + "DateTrigger", "#8ecae6", "triangle", "cds"),
    Kind("earliest of", PG_NS + "EarliestOf", "#219ebc", "triangleDown", "hexagon"),
    Kind("latest of", PG_NS + "LatestOf", "#219ebc", "triangleDown", "hexagon"),
    Kind("composite trigger", PG_NS + "CompositeTrigger", "#219ebc", "triangleDown", "hexagon"),
    Kind("provision end", PG_NS + "ProvisionEnd", "#8ecae6", "triangle", "cds"),
    Kind("quote", PG_NS + "Quote", "#f8f9fa", "box", "note", explorer=False),
    Kind("interpretation", PG_NS + "Interpretation", "#f8f9fa", explorer=False),
    Kind("source document", PG_NS + "SourceDocument", "#f8f9fa", "box", "note", explorer=False),
    Kind("concept scheme", _SKOS + "ConceptScheme", "#f8f9fa", "box", "folder", explorer=False),
)

#: Kind by name.
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
#: Kind name by ``rdf:type`` IRI.
BY_TYPE: dict[str, str] = {k.type: k.name for k in KINDS}
#: The names of the kinds of provision.
PROVISION_KINDS = frozenset(k.name for k in KINDS if k.provision)


def kind_of(types: set[str]) -> str:
    """The kind of a node with these ``rdf:type`` IRIs: the first in table order, else
    ``resource``.

    >>> kind_of({PG_NS + "Provision", PG_NS + "Right"})
    'right'
    """
    for kind in KINDS:
        if kind.type in types:
            return kind.name
    return "resource"
