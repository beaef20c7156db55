"""The agreements as a property graph: the one mapping every graph-tool export shares.

RDF has resources, properties and literals; graph tools (Gephi, Cytoscape, yEd, Neo4j,
Graphviz) have nodes and edges with scalar attributes. :func:`property_graph` maps one onto
the other, for the union of the agreement graphs in a store (the ontology is not exported):

* **Nodes** are the resources the agreements describe: every IRI or blank node that is the
  subject of a triple, or the object of a triple whose object is not a vocabulary term.
  A node's id is its IRI (a blank node's is ``_:`` and its label in the store).
* **Edges** are the triples whose object is such a node: one edge per triple, directed from
  subject to object, keyed by the property's prefixed name (``pg:holder``), with the
  attributes ``predicate`` (the full IRI) and ``label`` (the prefixed name).
* **Vocabulary terms** as objects (an IRI in one of the namespaces of
  :data:`~pactgraph.namespaces.PREFIXES`: ``rdf:type pg:Right``, ``pg:change pg:New``,
  ``pg:role pg:Signatory``) are not nodes: they become attributes holding the prefixed
  name (``rdf_type = "pg:Right"``).
* **Literals** become attributes. The attribute's name is the property's prefixed name with
  ``:`` turned into ``_`` (``oa:exact`` → ``oa_exact``), a name every tool accepts.
  Integers become ``int``, ``xsd:decimal`` / ``double`` / ``float`` become ``float``,
  ``xsd:boolean`` becomes ``bool``, every other literal its lexical form as ``str``. A
  language tag goes in ``NAME_lang`` (``rdfs_label_lang = "en"``), a datatype other than
  ``xsd:string`` in ``NAME_datatype`` (``dcterms_date_datatype = "xsd:date"``).
* **Several values** of one property on one node (two ``pg:role`` values) become one
  ``str`` attribute holding a JSON array of the values, sorted, because graph file formats
  have no lists (and networkx's writers misread them). When one attribute name has values
  of different types on different nodes, every value of it is written as ``str``, so each
  attribute has one type per file. No attribute is ever ``None``: a missing value is a
  missing attribute.
* Every node also has ``iri``, ``label`` (its ``rdfs:label`` or ``skos:prefLabel``, else the
  start of its quoted text or of the wording it interprets, else the last segment of its
  IRI) and ``kind`` (one of
  :data:`KINDS`' values, from its ``rdf:type``; ``resource`` when none applies).

This module builds a networkx ``MultiDiGraph``; it writes no file and knows no file format.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from .kinds import kind_of
from .namespaces import PG_NS, PREFIXES, XSD_INTEGERS

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

    from .load import Store

__all__ = ["attribute_name", "curie", "property_graph"]

_SKOS = PREFIXES["skos"]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_XSD = PREFIXES["xsd"]

_FLOATS = {"decimal", "double", "float"}
_LABELS = (PREFIXES["rdfs"] + "label", _SKOS + "prefLabel")
_TEXTS = (PREFIXES["oa"] + "exact", PG_NS + "wording")


def curie(iri: str) -> str:
    """The prefixed name of ``iri`` under :data:`PREFIXES`, or the IRI itself.

    >>> curie("https://w3id.org/pactgraph/ns#holder")
    'pg:holder'
    >>> curie("https://example.org/x")
    'https://example.org/x'
    """
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri


def attribute_name(iri: str) -> str:
    """The attribute name for a property: its prefixed name with ``:`` as ``_``.

    >>> attribute_name("http://www.w3.org/ns/oa#exact")
    'oa_exact'
    """
    name = curie(iri)
    if name == iri:
        return "".join(c if c.isalnum() else "_" for c in iri)
    return name.replace(":", "_")


def _is_vocabulary(iri: str) -> bool:
    return any(iri.startswith(ns) for ns in PREFIXES.values())


def _node_id(term: ox.NamedNode | ox.BlankNode) -> str:
    import pyoxigraph as ox

    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def _literal_value(lit: ox.Literal) -> tuple[Any, str | None, str | None]:
    """(value, language, datatype CURIE or None) of a literal."""
    datatype = lit.datatype.value
    local = datatype[len(_XSD) :] if datatype.startswith(_XSD) else None
    lang = lit.language
    try:
        if local in XSD_INTEGERS:
            return int(lit.value), None, curie(datatype)
        if local in _FLOATS:
            return float(lit.value), None, curie(datatype)
        if local == "boolean":
            return lit.value in ("true", "1"), None, curie(datatype)
    except ValueError:
        pass
    if lang:
        return lit.value, lang, None
    if local == "string":
        return lit.value, None, None
    return lit.value, None, curie(datatype)


def property_graph(store: Store) -> nx.MultiDiGraph:
    """The agreements in ``store`` as a networkx ``MultiDiGraph`` (see the module's notes).

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:signatory <https://example.org/t> .
    ...     <https://example.org/t> a pg:Party ; rdfs:label "Tenant" ;
    ...         pg:role pg:Signatory, pg:Customer .
    ... ''')
    >>> g = property_graph(store)
    >>> g.nodes["https://example.org/t"]["kind"], g.nodes["https://example.org/t"]["pg_role"]
    ('party', '["pg:Customer", "pg:Signatory"]')
    """
    import networkx as nx
    import pyoxigraph as ox

    nodes: dict[str, dict[str, list[tuple[Any, str | None, str | None]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    types: dict[str, set[str]] = defaultdict(set)
    edges: dict[tuple[str, str, str], str] = {}
    for graph in store.agreement_graphs:
        for quad in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            subject = quad.subject
            if not isinstance(subject, ox.NamedNode | ox.BlankNode):
                continue  # RDF-star triple terms have no place in a property graph
            sid = _node_id(subject)
            attrs = nodes[sid]
            predicate = quad.predicate.value
            obj = quad.object
            if isinstance(obj, ox.Literal):
                attrs[attribute_name(predicate)].append(_literal_value(obj))
            elif isinstance(obj, ox.NamedNode) and _is_vocabulary(obj.value):
                if predicate == _RDF_TYPE:
                    types[sid].add(obj.value)
                attrs[attribute_name(predicate)].append((curie(obj.value), None, None))
            elif isinstance(obj, ox.NamedNode | ox.BlankNode):
                oid = _node_id(obj)
                nodes.setdefault(oid, defaultdict(list))
                edges[(sid, oid, curie(predicate))] = predicate

    graph_out = nx.MultiDiGraph()
    for nid, props in sorted(nodes.items()):
        data: dict[str, Any] = {}
        for name, values in props.items():
            unique = sorted(set(values), key=lambda v: (str(v[0]), v[1] or "", v[2] or ""))
            if len(unique) == 1:
                value, lang, datatype = unique[0]
                data[name] = value
            else:
                data[name] = json.dumps([str(v[0]) for v in unique], ensure_ascii=False)
                langs = {v[1] for v in unique}
                datatypes = {v[2] for v in unique}
                lang = langs.pop() if len(langs) == 1 else None
                datatype = datatypes.pop() if len(datatypes) == 1 else None
            if lang:
                data[f"{name}_lang"] = lang
            if datatype:
                data[f"{name}_datatype"] = datatype
        data["iri"] = nid
        data["kind"] = kind_of(types[nid])
        data["label"] = _label(nid, props)
        graph_out.add_node(nid, **data)
    for (sid, oid, key), predicate in sorted(edges.items()):
        graph_out.add_edge(sid, oid, key=key, predicate=predicate, label=key)
    _one_type_per_attribute(graph_out)
    return graph_out


def _label(nid: str, props: dict[str, list[tuple[Any, str | None, str | None]]]) -> str:
    for iri in _LABELS:
        values = props.get(attribute_name(iri))
        if values:
            english = [v for v in values if v[1] in ("en", None)] or values
            return str(sorted(english, key=lambda v: str(v[0]))[0][0])
    for iri in _TEXTS:
        values = props.get(attribute_name(iri))
        if values:
            text = str(values[0][0])
            return text if len(text) <= 60 else text[:57] + "…"
    return nid.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _one_type_per_attribute(graph: nx.MultiDiGraph) -> None:
    seen: dict[str, set[type]] = defaultdict(set)
    for _, data in graph.nodes(data=True):
        for name, value in data.items():
            seen[name].add(type(value))
    mixed = {name for name, kinds in seen.items() if len(kinds) > 1}
    if not mixed:
        return
    for _, data in graph.nodes(data=True):
        for name in mixed & data.keys():
            value = data[name]
            data[name] = str(value).lower() if isinstance(value, bool) else str(value)
