"""Write the agreements in the formats other tools read: RDF, and graph-tool files.

RDF formats carry every triple of the agreement graphs (the ontology is not exported):
``turtle``, ``nt``, ``xml`` (RDF/XML) and ``jsonld`` the union of the agreement graphs, in
the default graph; ``nquads``, ``trig`` and ``jsonld-dataset`` each agreement in its named
graph. JSON-LD writes types as ``@type`` and is compacted with the bundled context
``ontology/context.jsonld``, written inline, so no reader has to fetch one.

Graph-tool formats write the property graph of :mod:`pactgraph.propertygraph`: ``graphml``
(yEd, Cytoscape, Gephi), ``gexf`` (Gephi), ``cytoscape`` (Cytoscape.js elements JSON),
``neo4j`` (``nodes.csv`` and ``relationships.csv`` with ``neo4j-admin database import``
headers, plus ``import.cypher``, a script of ``CREATE`` statements), ``dot`` (Graphviz) and
``mermaid`` (a flowchart).

``pactgraph-md`` writes each agreement in the literate authoring format
(:mod:`pactgraph.literate`), which ``pactgraph build`` compiles back to the same graph.

:func:`export` returns bytes, or for ``neo4j`` a dict of file name → bytes;
:func:`pactgraph.output.write` puts them at a path atomically.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import OutputError, UsageError
from .kinds import BY_NAME
from .namespaces import PREFIXES
from .output import Exported
from .render import NOT_XML, xml_safe
from .resources import ontology_dir

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox
    import rdflib

    from .load import Store

__all__ = ["EXPORTERS", "EXTENSIONS", "export", "format_for", "jsonld_bytes", "jsonld_context"]

Exporter = Callable[["Store"], Exported]


# ------------------------------------------------------------------ RDF


def jsonld_context() -> dict[str, Any]:
    """The bundled JSON-LD context (``ontology/context.jsonld``), as a dict."""
    context: dict[str, Any] = json.loads(
        (ontology_dir() / "context.jsonld").read_text(encoding="utf-8")
    )
    return context


def _rdf(fmt: str, quads: bool) -> Exporter:
    """An exporter that writes the store's own terms with Oxigraph's serializer.

    Oxigraph writes each literal exactly as stored (rdflib would rewrite ``"27"^^xsd:decimal``
    as ``27.0``), so the file reads back as the very same graph.
    """

    def exporter(store: Store) -> bytes:
        import pyoxigraph as ox

        from .namespaces import PREFIXES

        rdf_format = getattr(ox.RdfFormat, fmt)
        graphs = [ox.NamedNode(name) for name in store.agreement_graphs]
        if quads:
            statements: list[ox.Quad] | list[ox.Triple] = [
                q for g in graphs for q in store.oxigraph.quads_for_pattern(None, None, None, g)
            ]
        else:
            statements = list(
                dict.fromkeys(
                    ox.Triple(q.subject, q.predicate, q.object)
                    for g in graphs
                    for q in store.oxigraph.quads_for_pattern(None, None, None, g)
                )
            )
        if rdf_format == ox.RdfFormat.RDF_XML:
            for statement in statements:
                value = statement.object
                if isinstance(value, ox.Literal) and NOT_XML.search(value.value):
                    raise UsageError(
                        f"<{statement.subject}> holds a control character that XML cannot "
                        "carry; export it as turtle, nt, nquads, trig or jsonld"
                    )
        return ox.serialize(statements, format=rdf_format, prefixes=PREFIXES) or b""

    exporter.__doc__ = f"The agreements as {fmt}."
    return exporter


def _refuse_remote(url: str, options: Any = None) -> Any:
    raise OutputError(f"{url}: JSON-LD export never fetches a remote document")


def jsonld_bytes(statements: Sequence[ox.Triple] | Sequence[ox.Quad]) -> bytes:
    """Triples (one graph) or quads (a dataset) as compacted JSON-LD, the bundled context
    inline.

    pyld reads the statements from N-Quads, so types become ``@type`` (what framing and
    ``rdflib.Graph().parse`` read), and compacts them with a document loader that refuses
    to fetch anything.

    >>> import pyoxigraph as ox
    >>> lease = ox.Triple(ox.NamedNode("https://example.org/lease"),
    ...     ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    ...     ox.NamedNode("https://w3id.org/pactgraph/ns#Agreement"))
    >>> json.loads(jsonld_bytes([lease]))["@type"]
    'pg:Agreement'
    """
    import pyoxigraph as ox
    from pyld import jsonld

    quads = bool(statements) and isinstance(statements[0], ox.Quad)
    rdf_format = ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES
    text = (ox.serialize(statements, format=rdf_format) or b"").decode("utf-8")
    expanded = jsonld.from_rdf(text, {"format": "application/n-quads"})
    options = {"documentLoader": _refuse_remote}
    compacted = jsonld.compact(expanded, jsonld_context(), options)
    return (json.dumps(compacted, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _jsonld_document(store: Store, *, dataset: bool) -> bytes:
    """The agreements as JSON-LD: every agreement's statements in the default graph, or
    (``dataset``) each agreement in its named graph."""
    import pyoxigraph as ox

    graphs = [ox.NamedNode(name) for name in store.agreement_graphs]
    quads = [q for g in graphs for q in store.oxigraph.quads_for_pattern(None, None, None, g)]
    if dataset:
        return jsonld_bytes(quads)
    return jsonld_bytes(list(dict.fromkeys(q.triple for q in quads)))


def _jsonld(store: Store) -> bytes:
    """The agreements as one JSON-LD graph (the default graph), types as ``@type``."""
    return _jsonld_document(store, dataset=False)


def _jsonld_dataset(store: Store) -> bytes:
    """The agreements as a JSON-LD dataset: each agreement in its named graph."""
    return _jsonld_document(store, dataset=True)


# ------------------------------------------------------------------ graph tools


def _pg(store: Store) -> nx.MultiDiGraph:
    from .propertygraph import property_graph

    return property_graph(store)


def _xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The property graph with the characters XML cannot carry shown as U+FFFD, for the
    XML formats of graph tools (their values are for display)."""
    for _, data in graph.nodes(data=True):
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = xml_safe(value)
    for _, _, data in graph.edges(data=True):
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = xml_safe(value)
    return graph


def _graphml(store: Store) -> bytes:
    """GraphML with an id of its own on every edge (``e0``, ``e1``, ...): GraphML requires
    edge ids to be unique, and strict readers (graphology's) refuse a file that repeats one.
    The relation stays in the ``label`` and ``predicate`` attributes."""
    import networkx as nx

    graph = _xml_safe(_pg(store))
    for index, (_, _, data) in enumerate(graph.edges(data=True)):
        data["id"] = f"e{index}"
    lines = nx.generate_graphml(graph, encoding="utf-8", edge_id_from_attribute="id")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _gexf(store: Store) -> bytes:
    import networkx as nx

    graph = _xml_safe(_pg(store))
    return ("\n".join(nx.generate_gexf(graph, encoding="utf-8")) + "\n").encode("utf-8")


def _cytoscape(store: Store) -> bytes:
    import networkx as nx

    data = nx.cytoscape_data(_pg(store), name="label", ident="id")
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _dot_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


def _dot(store: Store) -> bytes:
    graph = _pg(store)
    lines = [
        "digraph pactgraph {",
        '  graph [rankdir=LR, charset="UTF-8"];',
        "  node [shape=box, fontsize=10];",
        "  edge [fontsize=8];",
    ]
    for nid, data in graph.nodes(data=True):
        shape = BY_NAME[data["kind"]].dot_shape if data["kind"] in BY_NAME else "box"
        tooltip = f"{data['kind']}: {nid}"
        lines.append(
            f"  {_dot_string(nid)} [label={_dot_string(data['label'])}, shape={shape}, "
            f"tooltip={_dot_string(tooltip)}];"
        )
    for source, target, key in graph.edges(keys=True):
        lines.append(
            f"  {_dot_string(source)} -> {_dot_string(target)} [label={_dot_string(key)}];"
        )
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


_MERMAID_SPECIAL = re.compile(r'["#<>&`\[\]{}()|\n\r]')


def _mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: special characters as Mermaid's ``#NN;`` codes."""
    return _MERMAID_SPECIAL.sub(lambda m: f"#{ord(m.group())};", text)


#: Mermaid's default ``maxEdges`` and ``maxTextSize``: a diagram past either is not drawn,
#: and a diagram's own ``init`` directive cannot raise them (they are secure settings).
MERMAID_MAX_EDGES = 500
MERMAID_MAX_TEXT = 50_000


def _mermaid(store: Store) -> bytes:
    graph = _pg(store)
    ids = {nid: f"n{i}" for i, nid in enumerate(graph.nodes)}
    lines = ["flowchart LR"]
    for nid, data in graph.nodes(data=True):
        lines.append(f'  {ids[nid]}["{_mermaid_text(data["label"])}"]')
    for source, target, key in graph.edges(keys=True):
        lines.append(f'  {ids[source]} -->|"{_mermaid_text(key)}"| {ids[target]}')
    kinds = sorted({data["kind"] for _, data in graph.nodes(data=True)})
    for kind in kinds:
        if kind in BY_NAME:
            lines.append(f"  classDef {_class_name(kind)} fill:{BY_NAME[kind].colour}")
    for kind in kinds:
        members = [ids[n] for n, d in graph.nodes(data=True) if d["kind"] == kind]
        lines.append(f"  class {','.join(members)} {_class_name(kind)}")
    text = "\n".join(lines) + "\n"
    edges = graph.number_of_edges()
    if edges > MERMAID_MAX_EDGES or len(text) > MERMAID_MAX_TEXT:
        raise UsageError(
            f"mermaid draws at most {MERMAID_MAX_EDGES} edges and {MERMAID_MAX_TEXT:,} characters "
            f"(its maxEdges and maxTextSize defaults, which a diagram cannot raise); these "
            f"agreements make {edges} edges and {len(text):,} characters: export fewer with "
            "--data FILE, or use dot or graphml"
        )
    return text.encode("utf-8")


def _class_name(kind: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"\W+", kind) if part) or "Resource"


#: Python attribute type -> neo4j-admin import header type.
_NEO4J_TYPES: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string"}


def _neo4j_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _cypher_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    # Only the backslash and the quote are escaped: a newline stands as itself, which Neo4j
    # and LadybugDB (Kuzu) both read (they read the escape "\\n" as a plain "n").
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _cypher_map(data: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"`{k}`: {_cypher_literal(v)}" for k, v in data.items()) + "}"


def _neo4j(store: Store) -> dict[str, bytes]:
    """``nodes.csv``, ``relationships.csv`` (neo4j-admin import headers), ``import.cypher``.

    Each node has one label, its kind in PascalCase (``Right``, ``Party``, ``IpCategory``),
    and an ``id`` property holding its IRI; each relationship's type is the attribute name
    of its property (``pg_holder``).
    """
    graph = _pg(store)
    columns: dict[str, str] = {}
    for _, data in graph.nodes(data=True):
        for name, value in data.items():
            if name != "iri":
                columns.setdefault(name, _NEO4J_TYPES[type(value)])
    names = sorted(columns)
    nodes = io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow(["id:ID", ":LABEL", *(f"{n}:{columns[n]}" for n in names)])
    cypher = [
        "// pactgraph property graph: run with cypher-shell -f import.cypher",
        "// (or load nodes.csv and relationships.csv with neo4j-admin database import full).",
    ]
    for nid, data in graph.nodes(data=True):
        label = _class_name(data["kind"])
        writer.writerow([nid, label, *(_neo4j_value(data[n]) if n in data else "" for n in names)])
        props = {"id": nid, **{n: data[n] for n in names if n in data}}
        cypher.append(f"CREATE (:`{label}` {_cypher_map(props)});")
    rels = io.StringIO()
    writer = csv.writer(rels, lineterminator="\n")
    writer.writerow([":START_ID", ":END_ID", ":TYPE", "predicate:string"])
    for source, target, key, data in graph.edges(keys=True, data=True):
        rel_type = key.replace(":", "_")
        writer.writerow([source, target, rel_type, data["predicate"]])
        a = _class_name(graph.nodes[source]["kind"])
        b = _class_name(graph.nodes[target]["kind"])
        cypher.append(
            f"MATCH (a:`{a}` {{id: {_cypher_literal(source)}}}), "
            f"(b:`{b}` {{id: {_cypher_literal(target)}}}) "
            f"CREATE (a)-[:`{rel_type}` {{predicate: {_cypher_literal(data['predicate'])}}}]->(b);"
        )
    return {
        "nodes.csv": nodes.getvalue().encode("utf-8"),
        "relationships.csv": rels.getvalue().encode("utf-8"),
        "import.cypher": ("\n".join(cypher) + "\n").encode("utf-8"),
    }


# ------------------------------------------------------------------ the literate format


def _as_written(origin: Path | None, graph: rdflib.Graph) -> rdflib.Graph:
    """The agreement as its Turtle file writes it, when that file still holds as many
    triples as the store's graph: with its prefixes, and its literals as written (a store
    keeps numbers in their canonical form, ``27`` for ``27.0``). Else the store's graph."""
    import rdflib

    if origin is None or origin.suffix.lower() not in {".ttl", ".turtle", ".nt"}:
        return graph
    try:
        fmt = "nt" if origin.suffix.lower() == ".nt" else "turtle"
        written = rdflib.Graph().parse(origin, format=fmt)
    except Exception:  # the file changed since it was loaded, or cannot be read: the store's
        return graph
    if len(written) != len(graph):
        return graph
    for prefix, iri in PREFIXES.items():
        written.bind(prefix, iri, override=False)
    return written


def _pactgraph_md(store: Store) -> Exported:
    """Each agreement graph in the literate format (:mod:`pactgraph.literate`): one file, or
    one per agreement named after the file it came from. Quotes are written as the words of
    the source texts beside that file, so the result builds where those texts are."""
    from .literate import write

    files: dict[str, bytes] = {}
    for name in store.agreement_graphs:
        origin = store.origins.get(name)
        folder = origin.parent if origin is not None else None
        graph = _as_written(origin, store.graph(name))
        stem = origin.stem if origin is not None else re.sub(r"\W+", "-", name).strip("-")
        file_name = f"{stem}.md"
        while file_name in files:
            file_name = f"{stem}-{len(files)}.md"
        files[file_name] = write(graph, folder).encode("utf-8")
    if len(files) == 1:
        return next(iter(files.values()))
    return files


#: Format name -> function from a store to the exported bytes (or files, for neo4j).
EXPORTERS: dict[str, Exporter] = {
    "turtle": _rdf("TURTLE", quads=False),
    "nt": _rdf("N_TRIPLES", quads=False),
    "nquads": _rdf("N_QUADS", quads=True),
    "trig": _rdf("TRIG", quads=True),
    "jsonld": _jsonld,
    "jsonld-dataset": _jsonld_dataset,
    "xml": _rdf("RDF_XML", quads=False),
    "graphml": _graphml,
    "gexf": _gexf,
    "cytoscape": _cytoscape,
    "neo4j": _neo4j,
    "dot": _dot,
    "mermaid": _mermaid,
    "pactgraph-md": _pactgraph_md,
}

#: Format name -> usual file extension (neo4j writes a directory).
EXTENSIONS: dict[str, str] = {
    "turtle": ".ttl",
    "nt": ".nt",
    "nquads": ".nq",
    "trig": ".trig",
    "jsonld": ".jsonld",
    "jsonld-dataset": ".jsonld",
    "xml": ".rdf",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "cytoscape": ".cyjs",
    "neo4j": "/",
    "dot": ".dot",
    "mermaid": ".mmd",
    "pactgraph-md": ".md",
}


#: Other names of the formats, as rapper, riot, rdfpipe and graph tools spell them. N3 is
#: written as Turtle, which every N3 reader reads.
ALIASES: dict[str, str] = {
    "ttl": "turtle",
    "n3": "turtle",
    "ntriples": "nt",
    "n-triples": "nt",
    "nq": "nquads",
    "n-quads": "nquads",
    "json-ld": "jsonld",
    "rdf": "xml",
    "rdfxml": "xml",
    "rdf-xml": "xml",
    "rdf/xml": "xml",
    "rdf+xml": "xml",
    "cyjs": "cytoscape",
    "gv": "dot",
    "mmd": "mermaid",
}

#: File extension -> format, for ``-o FILE`` without ``--format``.
BY_EXTENSION: dict[str, str] = {
    **{ext: fmt for fmt, ext in reversed(EXTENSIONS.items()) if ext != "/"},  # first wins
    ".turtle": "turtle",
    ".n3": "turtle",
    ".ntriples": "nt",
    ".nquads": "nquads",
    ".json-ld": "jsonld",
    ".owl": "xml",
    ".xml": "xml",
    ".gv": "dot",
}


def format_for(name: str | None, output: str | None = None) -> str:
    """The export format named ``name`` (any case, any alias), else the one the output
    file's extension names, else ``turtle``.

    >>> format_for("N-Triples"), format_for(None, "out.nt"), format_for(None, "-")
    ('nt', 'nt', 'turtle')
    >>> format_for(None, "graph.GraphML"), format_for("rdf+xml", "x.ttl")
    ('graphml', 'xml')
    """
    if name is None:
        suffix = "" if output in (None, "-") else Path(str(output)).suffix.lower()
        return BY_EXTENSION.get(suffix, "turtle")
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in EXPORTERS:
        raise UsageError(
            f"{name!r}: unknown format; choose one of {', '.join(EXPORTERS)} "
            f"(or {', '.join(ALIASES)})"
        )
    return key


def export(store: Store, fmt: str) -> Exported:
    """The agreements in ``store`` in one format, as bytes (or files, for ``neo4j``).

    Parameters
    ----------
    store
        The loaded agreements (the ontology is not exported).
    fmt
        A key of :data:`EXPORTERS`: an RDF format (``turtle``, ``nt``, ``nquads``, ``trig``,
        ``jsonld``, ``xml``) or a graph tool's (``graphml``, ``gexf``, ``cytoscape``,
        ``neo4j``, ``dot``, ``mermaid``).

    Returns
    -------
    bytes or dict
        The file's bytes; for ``neo4j``, file name → bytes. Write them with
        :func:`pactgraph.output.write`.

    Raises
    ------
    UsageError
        ``fmt`` is not a format (nor an alias of one, :data:`ALIASES`).

    Examples
    --------
    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; rdfs:label "Lease" ;
    ...         dcterms:date "2024-01-01"^^xsd:date ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" .
    ... ''')
    >>> export(store, "nt").count(b"\\n")
    6
    >>> sorted(export(store, "neo4j"))
    ['import.cypher', 'nodes.csv', 'relationships.csv']
    """
    return EXPORTERS[format_for(fmt)](store)
