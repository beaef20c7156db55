"""Exports: every format read back by an independent reader, tricky labels intact, bad paths."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import DATA, V2025, assert_one_line_error, run_cli
from pactgraph.errors import OutputError, UsageError
from pactgraph.export import EXPORTERS, export
from pactgraph.load import Store, load
from pactgraph.output import write
from pactgraph.propertygraph import property_graph
from pactgraph.query import select
from pactgraph.results import GRAPH_FORMATS

TRICKY = DATA / "tricky-labels.ttl"
TRICKY_LABELS = {
    'Tricky "labels" & <friends>',
    "ACME <script>alert('x')</script> & Söhne",
    'Zoë "Z" Ångström\nsecond line \\ backslash',
    "widgets #1 [big] {x} (y) | z `q`",
    "launch → 発売",
    "right to sell <b>widgets</b> & gadgets",
    'duty: pay 10% "on time"',
    '"on time"',  # a blank node's label: the start of its wording
}


@pytest.fixture(scope="module", params=["bundled", "tricky"])
def any_store(request: pytest.FixtureRequest, store: Store) -> Store:
    return store if request.param == "bundled" else load([TRICKY])


@pytest.fixture(scope="module")
def tricky() -> Store:
    return load([TRICKY])


def _graphs(store: Store) -> dict[str, rdflib.Graph]:
    return {name: store.graph(name) for name in store.agreement_graphs}


def _union(store: Store) -> rdflib.Graph:
    union = rdflib.Graph()
    for graph in _graphs(store).values():
        union += graph
    return union


def _read_dataset(data: bytes | str, fmt: str) -> rdflib.Dataset:
    """Parse quads with rdflib, whose own quad parsers trip its deprecations (7.6)."""
    dataset = rdflib.Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(data=data, format=fmt)  # before 7.2, parse returns the default graph
    return dataset


def _edges(graph: Any) -> Counter[tuple[str, str, str]]:
    return Counter((u, v, d["label"]) for u, v, d in graph.edges(data=True))


# ------------------------------------------------------------------ RDF round trips


@pytest.mark.parametrize(("fmt", "reader"), [("turtle", "turtle"), ("nt", "nt"), ("xml", "xml")])
def test_triple_formats_round_trip_to_an_isomorphic_graph(
    any_store: Store, fmt: str, reader: str
) -> None:
    data = export(any_store, fmt)
    assert isinstance(data, bytes)
    back = rdflib.Graph().parse(data=data, format=reader)
    assert len(back) == len(_union(any_store))
    assert isomorphic(back, _union(any_store))


@pytest.mark.parametrize(
    ("fmt", "reader"), [("nquads", "nquads"), ("trig", "trig"), ("jsonld-dataset", "json-ld")]
)
def test_quad_formats_keep_each_agreement_in_its_named_graph(
    any_store: Store, fmt: str, reader: str
) -> None:
    data = export(any_store, fmt)
    assert isinstance(data, bytes)
    back = _read_dataset(data, reader)
    expected = _graphs(any_store)
    names = {str(g.identifier) for g in back.graphs() if len(g)}
    assert names == set(expected)
    for name, graph in expected.items():
        assert isomorphic(back.graph(rdflib.URIRef(name)), graph), name


def _no_network(url: str, options: Any = None) -> Any:
    raise AssertionError(f"JSON-LD reader tried to fetch {url}")


def test_jsonld_is_one_graph_that_rdflib_reads_and_frames_by_type(any_store: Store) -> None:
    from pyld import jsonld

    data = export(any_store, "jsonld")
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated class
        warnings.simplefilter("ignore", DeprecationWarning)
        back = rdflib.Graph().parse(data=data, format="json-ld")
    assert len(back) == len(_union(any_store))
    assert isomorphic(back, _union(any_store))
    doc = json.loads(data)
    assert "rdf:type" not in data.decode()
    rights = {r["x"] for r in select(any_store, "SELECT DISTINCT ?x WHERE { ?x a pg:Right }")}
    framed = jsonld.frame(doc, {"@context": doc["@context"], "@type": "pg:Right"},
                          {"documentLoader": _no_network})  # fmt: skip
    found = {node["@id"] for node in framed.get("@graph", [framed] if "@id" in framed else [])}
    assert found == rights


def test_jsonld_dataset_is_read_by_pyld_without_fetching_anything(any_store: Store) -> None:
    from pyld import jsonld

    doc = json.loads(export(any_store, "jsonld-dataset"))
    assert isinstance(doc["@context"], dict), "the context must be inline, not a URL"
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": _no_network})
    back = _read_dataset(nquads, "nquads")
    for name, graph in _graphs(any_store).items():
        assert isomorphic(back.graph(rdflib.URIRef(name)), graph), name


def test_bundled_context_lists_our_prefixes() -> None:
    from pactgraph.export import jsonld_context
    from pactgraph.namespaces import PREFIXES

    assert jsonld_context()["@context"] == PREFIXES


# ------------------------------------------------------------------ graph tools


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networkx_reads_back_the_same_nodes_edges_and_attributes(
    any_store: Store, fmt: str
) -> None:
    expected = property_graph(any_store)
    data = export(any_store, fmt)
    assert isinstance(data, bytes)
    back = getattr(nx, f"read_{fmt}")(io.BytesIO(data))
    assert back.number_of_nodes() == expected.number_of_nodes()
    assert back.number_of_edges() == expected.number_of_edges()
    for node, attrs in expected.nodes(data=True):
        assert dict(back.nodes[node]) == attrs, node
    assert _edges(back) == _edges(expected)


_GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def test_graphml_keeps_the_identity_constraints_strict_readers_check(any_store: Store) -> None:
    """What the GraphML schema's key and keyref constraints require (graphology-graphml, the
    sigma.js loader, refuses a file that breaks them): unique node ids, unique edge ids,
    every edge's ends declared as nodes, and every data key declared."""
    from xml.etree import ElementTree as ET

    root = ET.fromstring(export(any_store, "graphml"))
    graph = root.find(f"{_GRAPHML}graph")
    assert graph is not None
    nodes = [n.get("id") for n in graph.iter(f"{_GRAPHML}node")]
    edges = list(graph.iter(f"{_GRAPHML}edge"))
    edge_ids = [e.get("id") for e in edges]
    assert None not in nodes
    assert None not in edge_ids
    assert len(set(nodes)) == len(nodes)
    assert len(set(edge_ids)) == len(edge_ids) == property_graph(any_store).number_of_edges()
    assert {e.get("source") for e in edges} | {e.get("target") for e in edges} <= set(nodes)
    keys = {k.get("id") for k in root.iter(f"{_GRAPHML}key")}
    assert {d.get("key") for d in root.iter(f"{_GRAPHML}data")} <= keys


def test_cytoscape_json_is_read_back_by_networkx(any_store: Store) -> None:
    expected = property_graph(any_store)
    doc = json.loads(export(any_store, "cytoscape"))
    assert {"data", "elements"} <= doc.keys()
    back = nx.cytoscape_graph(doc, name="label", ident="id")
    assert back.number_of_nodes() == expected.number_of_nodes()
    assert _edges(back) == _edges(expected)
    for node, attrs in expected.nodes(data=True):
        assert back.nodes[node]["label"] == attrs["label"]


def test_property_graph_has_no_none_and_no_lists(store: Store) -> None:
    graph = property_graph(store)
    for _, attrs in graph.nodes(data=True):
        for value in attrs.values():
            assert isinstance(value, str | int | float | bool), value
    microsoft = graph.nodes["https://w3id.org/pactgraph/id/microsoft-openai-2025/microsoft"]
    assert json.loads(microsoft["pg_role"]) == ["pg:Shareholder", "pg:Signatory"]
    assert microsoft["rdfs_label_lang"] == "en"


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is installed by make test")
def test_graphviz_renders_the_dot_export_with_every_label(any_store: Store) -> None:
    expected = property_graph(any_store)
    result = subprocess.run(
        ["dot", "-Tjson"], input=export(any_store, "dot"), capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    assert not result.stderr, result.stderr.decode()
    drawn = json.loads(result.stdout)
    objects = drawn["objects"]
    assert len(objects) == expected.number_of_nodes()
    assert len(drawn["edges"]) == expected.number_of_edges()
    labels = {o["name"]: o["label"].replace("\\n", "\n").replace("\\\\", "\\") for o in objects}
    assert labels == {n: d["label"] for n, d in expected.nodes(data=True)}


def test_tricky_fixture_labels_reach_the_property_graph(tricky: Store) -> None:
    labels = {d["label"] for _, d in property_graph(tricky).nodes(data=True)}
    assert labels == TRICKY_LABELS


def test_mermaid_labels_decode_to_the_originals(tricky: Store) -> None:
    text = export(tricky, "mermaid")
    assert isinstance(text, bytes)
    lines = text.decode().splitlines()
    assert lines[0] == "flowchart LR"
    raw = [m.group(1) for line in lines if (m := re.fullmatch(r'  n\d+\["(.*)"\]', line))]
    assert all('"' not in r and "\n" not in r for r in raw)
    decoded = {re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), r) for r in raw}
    assert decoded == TRICKY_LABELS
    assert sum("-->" in line for line in lines) == property_graph(tricky).number_of_edges()


# ------------------------------------------------------------------ neo4j, run by LadybugDB

_LADYBUG_TYPES = {"string": "STRING", "long": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN"}


def _ladybug_from_export(files: dict[str, bytes]) -> Any:
    """A LadybugDB database (Kuzu's maintained fork) with the schema the CSV headers declare,
    after running the script."""
    import ladybug

    nodes = list(csv.reader(io.StringIO(files["nodes.csv"].decode())))
    rels = list(csv.reader(io.StringIO(files["relationships.csv"].decode())))
    header = nodes[0]
    assert header[:2] == ["id:ID", ":LABEL"]
    props = [h.rsplit(":", 1) for h in header[2:]]
    labels = {row[1] for row in nodes[1:]}
    label_of = {row[0]: row[1] for row in nodes[1:]}
    assert rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    pairs: dict[str, set[tuple[str, str]]] = {}
    for start, end, rel_type, *_ in rels[1:]:
        pairs.setdefault(rel_type, set()).add((label_of[start], label_of[end]))

    conn = ladybug.Connection(ladybug.Database())
    columns = ", ".join(f"`{name}` {_LADYBUG_TYPES[kind]}" for name, kind in props)
    for label in sorted(labels):
        conn.execute(f"CREATE NODE TABLE `{label}`(id STRING PRIMARY KEY, {columns})")
    for rel_type, ends in sorted(pairs.items()):
        froms = ", ".join(f"FROM `{a}` TO `{b}`" for a, b in sorted(ends))
        conn.execute(f"CREATE REL TABLE `{rel_type}`({froms}, predicate STRING)")
    script = files["import.cypher"].decode()
    body = "\n".join(line for line in script.split("\n") if not line.startswith("//"))
    statements = [s for s in re.split(r";\n(?=CREATE |MATCH |$)", body) if s.strip()]
    for statement in statements:
        conn.execute(statement)
    assert len(statements) == len(nodes) - 1 + len(rels) - 1
    return conn


def _scalar(conn: Any, query: str, params: dict[str, Any] | None = None) -> Any:
    result = conn.execute(query, params or {})
    return result.get_next()[0]


def test_neo4j_cypher_script_runs_in_an_embedded_cypher_engine(any_store: Store) -> None:
    expected = property_graph(any_store)
    files = export(any_store, "neo4j")
    assert isinstance(files, dict)
    conn = _ladybug_from_export(files)
    assert _scalar(conn, "MATCH (n) RETURN count(n)") == expected.number_of_nodes()
    assert _scalar(conn, "MATCH ()-[r]->() RETURN count(r)") == expected.number_of_edges()
    for node, attrs in expected.nodes(data=True):
        got = _scalar(conn, "MATCH (n) WHERE n.id = $id RETURN n.label", {"id": node})
        assert got == attrs["label"]


def test_neo4j_csv_labels_read_back_by_a_csv_reader(any_store: Store) -> None:
    expected = {n: d["label"] for n, d in property_graph(any_store).nodes(data=True)}
    files = export(any_store, "neo4j")
    assert isinstance(files, dict)
    rows = csv.DictReader(io.StringIO(files["nodes.csv"].decode(), newline=""))
    assert {r["id:ID"]: r["label:string"] for r in rows} == expected


def test_neo4j_csv_rows_match_the_property_graph(store: Store) -> None:
    expected = property_graph(store)
    files = export(store, "neo4j")
    assert isinstance(files, dict)
    nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"].decode())))
    rels = list(csv.DictReader(io.StringIO(files["relationships.csv"].decode())))
    assert len(nodes) == expected.number_of_nodes()
    assert len(rels) == expected.number_of_edges()
    start = {r["oa_start:long"] for r in nodes if r[":LABEL"] == "Quote"}
    assert all(s.isdigit() for s in start)
    assert Counter(r[":TYPE"] for r in rels)["pg_holder"] == sum(
        1 for _, _, k in expected.edges(keys=True) if k == "pg:holder"
    )


# ------------------------------------------------------------------ the command


def test_export_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    result = run_cli("export", "--format", "nt")
    assert result.returncode == 0, result.stderr
    graph = rdflib.Graph().parse(data=result.stdout, format="nt")
    out = tmp_path / "agreement.ttl"
    result = run_cli("export", "--format", "turtle", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert isomorphic(rdflib.Graph().parse(out, format="turtle"), graph)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.ttl"]


def test_export_neo4j_writes_a_directory(tmp_path: Path) -> None:
    result = run_cli("export", "--format", "neo4j", "-o", str(tmp_path / "neo"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "neo").iterdir()) == [
        "import.cypher",
        "nodes.csv",
        "relationships.csv",
    ]


def test_unknown_format_is_a_usage_error() -> None:
    assert_one_line_error(run_cli("export", "--format", "pdf"), 2, "unknown format")
    with pytest.raises(UsageError, match="unknown format"):
        export(load(), "pdf")


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("out.nt", "N_TRIPLES"),
        ("out.NQ", "N_QUADS"),
        ("out.rdf", "RDF_XML"),
        ("out.owl", "RDF_XML"),
        ("out.trig", "TRIG"),
        ("out.jsonld", "JSON_LD"),
        ("out.n3", "N3"),
        ("out.ttl", "TURTLE"),
        ("out.unknown", "TURTLE"),
    ],
)
def test_without_format_the_output_extension_chooses_it(
    tmp_path: Path, name: str, reader: str
) -> None:
    out = tmp_path / name
    result = run_cli("export", "--data", str(V2025), "-o", str(out))
    assert result.returncode == 0, result.stderr
    import pyoxigraph as ox

    # fails unless the file is in the format its name says
    quads = list(ox.parse(path=out, format=getattr(ox.RdfFormat, reader)))
    assert len(quads) == len(rdflib.Graph().parse(V2025, format="turtle"))


def test_graph_tool_extensions_choose_their_format(tmp_path: Path) -> None:
    for name, start in (("g.graphml", b"<graphml"), ("g.gexf", b"<gexf"), ("g.gv", b"digraph"),
                        ("g.mmd", b"flowchart"), ("g.cyjs", b"{")):  # fmt: skip
        result = run_cli("export", "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).read_bytes().startswith(start), name


@pytest.mark.parametrize(
    ("alias", "fmt"),
    [("ttl", "turtle"), ("N3", "turtle"), ("n-triples", "nt"), ("rdf+xml", "xml"),
     ("RDF/XML", "xml"), ("json-ld", "jsonld"), ("n-quads", "nquads")],
)  # fmt: skip
def test_format_aliases_name_the_same_export(alias: str, fmt: str) -> None:
    store = load([V2025])
    assert export(store, alias) == export(store, fmt)
    by_alias = run_cli("export", "--data", str(V2025), "-f", alias)
    assert by_alias.returncode == 0, by_alias.stderr
    assert by_alias.stdout.encode() == export(store, fmt)
    if fmt in GRAPH_FORMATS:  # query's CONSTRUCT takes the same names
        query = run_cli("query", "-e", "CONSTRUCT WHERE { ?s a ?o } LIMIT 1", "-f", alias)
        assert query.returncode == 0, query.stderr


def test_a_format_given_by_name_wins_over_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    assert run_cli("export", "--data", str(V2025), "-f", "nt", "-o", str(out)).returncode == 0
    assert out.read_bytes() == export(load([V2025]), "nt")


def test_output_in_a_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.ttl"
    assert_one_line_error(run_cli("export", "-f", "turtle", "-o", str(target)), 2, "does not exist")
    assert not target.parent.exists()


def test_output_that_is_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    assert_one_line_error(run_cli("export", "-o", str(tmp_path)), 2, "is a directory")


def test_neo4j_to_stdout_or_to_a_file_is_a_usage_error(tmp_path: Path) -> None:
    assert_one_line_error(run_cli("export", "-f", "neo4j"), 2, "-o DIRECTORY")
    existing = tmp_path / "file.txt"
    existing.write_text("keep me")
    assert_one_line_error(run_cli("export", "-f", "neo4j", "-o", str(existing)), 2, "is a file")
    assert existing.read_text() == "keep me"


def test_a_failed_export_leaves_the_users_file_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    out.write_text("the user's own file\n")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle\n")
    result = run_cli("export", "--data", str(bad), "-f", "turtle", "-o", str(out))
    assert_one_line_error(result, 1, "bad.ttl")
    assert out.read_text() == "the user's own file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "out.ttl"]


def test_write_is_atomic_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pactgraph.output

    out = tmp_path / "out.ttl"
    out.write_text("old\n")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pactgraph.output.os, "fsync", disk_full)
    with pytest.raises(OutputError, match="No space left"):
        write(b"new", out)
    assert out.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_every_exporter_is_registered_with_an_extension() -> None:
    from pactgraph.export import EXTENSIONS

    assert set(EXPORTERS) == set(EXTENSIONS)


def test_mermaid_refuses_a_diagram_mermaid_would_not_draw(tmp_path: Path) -> None:
    from pactgraph.export import MERMAID_MAX_EDGES

    copies = []
    base = "https://w3id.org/pactgraph/id/microsoft-openai-2025"
    text = Path(V2025).read_text(encoding="utf-8")
    for i in range(3):  # three copies: past 500 edges
        copy = tmp_path / f"copy-{i}.ttl"
        copy.write_text(text.replace(base, f"{base}-copy-{i}"), encoding="utf-8")
        copies.append(copy)
    store = load(copies)
    assert property_graph(store).number_of_edges() > MERMAID_MAX_EDGES
    out = tmp_path / "out.mmd"
    result = run_cli("export", *[a for c in copies for a in ("--data", str(c))], "-o", str(out))
    assert_one_line_error(result, 2, "mermaid draws at most 500 edges")
    assert not out.exists()
    assert export(load([V2025]), "mermaid").startswith(b"flowchart LR")  # one fits


# ------------------------------------------------------------------ standard input


@pytest.mark.parametrize("fmt", ["turtle", "nt", "nquads", "trig", "jsonld", "xml"])
def test_data_from_standard_input_in_any_rdf_format(fmt: str) -> None:
    """``--data -`` reads standard input, as rapper and riot users expect; the format is
    found from the first characters (RDF/XML, JSON-LD, else TriG, which reads the rest)."""
    text = export(load([V2025]), fmt).decode("utf-8")
    piped = run_cli("export", "--data", "-", "-f", "nt", input_text=text)
    assert piped.returncode == 0, piped.stderr
    expected = export(load([V2025]), "nt").decode("utf-8")
    assert sorted(piped.stdout.splitlines()) == sorted(expected.splitlines())


def test_standard_input_with_files_and_its_errors(tmp_path: Path) -> None:
    lease = "<https://example.org/lease> a <https://w3id.org/pactgraph/ns#Agreement> .\n"
    both = run_cli("info", "--data", str(V2025), "--data", "-", "-f", "json", input_text=lease)
    assert both.returncode == 0, both.stderr
    assert {a["agreement"] for a in json.loads(both.stdout)["agreements"]} >= {
        "https://example.org/lease"
    }
    bad = run_cli("info", "--data", "-", input_text="<https://example.org/a> a .\n")
    assert_one_line_error(bad, 1, "<stdin>:1:")
    twice = run_cli("info", "--data", "-", "--data", "-", input_text=lease)
    assert_one_line_error(twice, 2, "standard input (-) can be read once")
