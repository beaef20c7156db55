"""The networkx view of an agreement: the graph along which a change travels.

:func:`dependency_graph` loads the ``dependency-graph`` CONSTRUCT query into a
``networkx.MultiDiGraph`` whose edges point the way an effect travels:

================================  ===========================  ====================
triple in the agreement graph     edge                         ``relation``
================================  ===========================  ====================
``P pg:endsWith T``               ``T → P``                    ``endsWith``
``P pg:startsWith T``             ``T → P``                    ``startsWith``
``C pg:member M``                 ``M → C``                    ``member``
``E pg:requires R``               ``E → R``                    ``requires``
``T pg:after A`` (and             ``A → T``                    ``after``, ``trigger``,
``pg:trigger``, ``pg:unless``,                                 ``unless``,
``pg:stoppedBy``)                                              ``stoppedBy``
``T pg:endOf P``                  ``P → T``                    ``endOf``
``T pg:exercises P``              ``P → T``                    ``exercises``
``T pg:through R`` (and           ``R → T``                    ``through``,
``pg:notThrough``)                                             ``notThrough``
``P pg:survives Q``               ``Q → P``                    ``survives``
``N pg:revises O``                ``N → O``                    ``revises``
``P pg:dependsOn Q`` (and every   ``Q → P``                    ``dependsOn`` …, with
other pg:DependencyProperty)                                   ``effect`` ``Ends`` or
                                                               ``Modifies``
================================  ===========================  ====================

(``E → R`` for a prerequisite because an event that happens implies the events it
requires; ``N → O`` for a revision because what rested on the old provision rests on the
new one.) Nodes carry ``kind`` (the local name of their class) and ``label``.

Traversals here are generic: none of them knows any agreement.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .answers import Step
from .namespaces import PG_NS, local_name, spaced
from .query import query

if TYPE_CHECKING:
    import networkx as nx

    from .load import Store

__all__ = [
    "comes_words",
    "dated_words",
    "dependency_graph",
    "explain",
    "reach",
    "relation_words",
    "rests_on_graph",
    "ripple_graph",
    "when_words",
]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_RIPPLE = PG_NS + "rippleEffect"
#: Relations that bind a provision's term to a trigger.
_FORWARD = frozenset({"requires", "revises"})


#: Relations whose local names do not read as a verb between subject and object.
_PHRASES = {
    "member": "has the member",
    "after": "counts from",
    "trigger": "waits for",
    "exceptionTo": "is an exception to",
    "carveOutOf": "is a carve-out of",
}


#: Words that make an event's label a clause of its own ("a party gives notice", "the
#: licence is assigned"), not a name ("AGI verified", "the Effective Date", "change of law"):
#: verbs as a subject in the singular takes them, less those that are also plural nouns
#: ("ends", "transfers", "requests") or a month ("May").
_FINITE_WORDS = """
    is are was were has have had shall must does do accepts achieves acquires adopts agrees
    announces approves arises asks assigns becomes begins breaches buys ceases certifies
    closes comes commences completes confirms consents corrects cures decides declares
    delivers denies dies elects enacts enters exceeds executes exercises expires extends
    fails gives goes happens joins lapses launches leaves loses mails makes meets merges
    notifies obtains occurs opens pays provides publishes reaches receives refuses rejects
    renews resigns retires sells sends serves submits takes terminates verifies waives wins
    withdraws"""
_FINITE = frozenset(_FINITE_WORDS.split())


def when_words(label: str) -> str:
    """The word "when" and an event's label, as a sentence reads it: "when a party gives
    notice" for a label that is a clause, "when the recapitalization happens" for a name.

    >>> when_words("Licensor consents to assignment"), when_words("AGI verified")
    ('when Licensor consents to assignment', 'when AGI verified happens')
    """
    return f"when {label}" if _is_clause(label) else f"when {label} happens"


def dated_words(label: str, day: object) -> str:
    """An event that happened on ``day``, as a sentence reads it: "when a party gives
    notice, on 2025-02-01" for a label that is a clause, "with the recapitalization on
    2025-10-28" for a name.

    >>> dated_words("Licensor consents", "2025-02-01"), dated_words("AGI verified", "2030-01-01")
    ('when Licensor consents, on 2025-02-01', 'with AGI verified on 2030-01-01')
    """
    return f"when {label}, on {day}" if _is_clause(label) else f"with {label} on {day}"


def comes_words(label: str, when: str, *, came: bool = False) -> str:
    """An event and when it comes, as a sentence reads it: "notice comes first" for a name,
    "Licensee cures the breach first" for a label that is a clause (with ``came``, "notice
    came first").

    >>> comes_words("cure", "first"), comes_words("Licensee cures the breach", "first")
    ('cure comes first', 'Licensee cures the breach first')
    """
    if _is_clause(label):
        return f"{label} {when}"
    return f"{label} {'came' if came else 'comes'} {when}"


def _is_clause(label: str) -> bool:
    return any(word in _FINITE for word in re.findall(r"[a-z]+", label.lower()))


def relation_words(relation: str) -> str:
    """A relation's local name as words between its subject and object: ``dependsOn`` →
    ``depends on``, ``member`` → ``has the member``."""
    return _PHRASES.get(relation) or spaced(relation)


def dependency_graph(store: Store) -> nx.MultiDiGraph:
    """The propagation graph of everything in ``store`` (see the module docstring)."""
    import networkx as nx
    import pyoxigraph as ox

    triples = query(store, "dependency-graph").triples
    effects = {
        t.subject.value: local_name(t.object.value)
        for t in triples
        if t.predicate.value == _RIPPLE
        and isinstance(t.subject, ox.NamedNode)
        and isinstance(t.object, ox.NamedNode)
    }

    def key(term: Any) -> str | None:
        """A node's key, as the term model names it: an IRI, or ``_:id`` for a blank node
        (a trigger written in place)."""
        if isinstance(term, ox.NamedNode):
            return str(term.value)
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        return None

    graph = nx.MultiDiGraph()
    for t in triples:
        s, p, o = key(t.subject), t.predicate.value, t.object
        if s is None:
            continue
        if p == _RDF_TYPE and isinstance(o, ox.NamedNode):
            graph.add_node(s, kind=local_name(o.value))
        elif p == _RDFS_LABEL and isinstance(o, ox.Literal):
            graph.add_node(s, label=o.value)
        elif p == _RIPPLE or key(o) is None:
            continue
        else:
            relation = local_name(p)
            target_key = key(o)
            assert target_key is not None
            source, target = (s, target_key) if relation in _FORWARD else (target_key, s)
            attributes: dict[str, Any] = {"relation": relation}
            if p in effects:
                attributes["effect"] = effects[p]
            graph.add_edge(source, target, key=relation, **attributes)
    for node, data in graph.nodes(data=True):
        data.setdefault("label", local_name(node))
        data.setdefault("kind", "")
    return graph


def rests_on_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """The edges of ``graph`` as the statements say them, ``subject → object``, each a node
    resting on another (``P endsWith T``, ``T member M``, ``E requires R``, ``P dependsOn
    Q``, ...), with its ``relation``. Revisions are left out: a replacement does not rest
    on what it replaces."""
    import networkx as nx

    view = nx.DiGraph()
    view.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        relation = data["relation"]
        if relation == "revises":
            continue
        subject, obj = (u, v) if relation in _FORWARD else (v, u)
        if not view.has_edge(subject, obj):
            view.add_edge(subject, obj, relation=relation)
    return view


def ripple_graph(graph: nx.MultiDiGraph, effects: Iterable[str] = ("Ends",)) -> nx.DiGraph:
    """Provision-to-provision edges whose ripple effect is one of ``effects``."""
    import networkx as nx

    wanted = set(effects)
    view = nx.DiGraph()
    for u, v, data in graph.edges(data=True):
        if data.get("effect") in wanted:
            view.add_edge(u, v, relation=data["relation"], effect=data["effect"])
    return view


def reach(graph: nx.MultiDiGraph, node: str) -> dict[str, list[str]]:
    """Everything ``node`` reaches, each with the shortest path from ``node`` to it."""
    import networkx as nx

    if node not in graph:
        return {}
    paths: dict[str, list[str]] = nx.single_source_shortest_path(graph, node)
    paths.pop(node, None)
    return paths


def explain(graph: nx.MultiDiGraph, path: Sequence[str]) -> tuple[Step, ...]:
    """The edges of ``path``, each as the step it takes (``from``, ``relation``, ``to``) and
    as the triple the graph states (``subject``, ``predicate``, ``object``)."""
    steps = []
    for u, v in itertools.pairwise(path):
        relations = [d["relation"] for d in graph.get_edge_data(u, v, default={}).values()]
        relation = relations[0] if relations else "?"
        subject, obj = (u, v) if relation in _FORWARD else (v, u)
        steps.append(Step(u, relation, v, subject, PG_NS + relation, obj))
    return tuple(steps)
