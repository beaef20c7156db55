"""``pactgraph queries`` and ``pactgraph query``, run as a user runs them.

Every output format is read back with a real reader (rdflib's and Oxigraph's results and
RDF parsers); bad input gives one error line and the documented exit code.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.query import Result as RdflibResult

from conftest import V2025, assert_one_line_error, run_cli

ID = "https://w3id.org/pactgraph/id/microsoft-openai-2025/"
PG = "https://w3id.org/pactgraph/ns#"


def test_queries_lists_the_library_with_parameters() -> None:
    result = run_cli("queries")
    assert result.returncode == 0, result.stderr
    assert "Provisions covering an IP category" in result.stdout
    assert "?category" in result.stdout
    data = json.loads(run_cli("queries", "--format", "json", "--checks").stdout)
    by_name = {q["name"]: q for q in data}
    assert by_name["provisions-held-by"]["parameters"] == [
        {
            "name": "party",
            "type": "IRI",
            "required": True,
            "doc": by_name["provisions-held-by"]["parameters"][0]["doc"],
        }
    ]
    assert by_name["timeline"]["ordered"] is True
    assert "checks/requires-cycle" in by_name


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_formats_read_back_with_rdflib(fmt: str) -> None:
    result = run_cli(
        "--data", V2025, "query", "changes", "--bind", "change=pg:Extended", "--format", fmt
    )
    assert result.returncode == 0, result.stderr
    parsed = RdflibResult.parse(io.BytesIO(result.stdout.encode()), format=fmt)
    provisions = {str(row["provision"]) for row in parsed}  # type: ignore[index]
    assert provisions == {f"{ID}revenue-share-payments", f"{ID}ip-models-products"}


@pytest.mark.parametrize(
    ("fmt", "reader"),
    [
        ("json", ox.QueryResultsFormat.JSON),
        ("xml", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ],
)
def test_select_formats_read_back_with_oxigraph_terms_intact(
    fmt: str, reader: ox.QueryResultsFormat
) -> None:
    result = run_cli("--data", V2025, "query", "parties", "--format", fmt)
    assert result.returncode == 0, result.stderr
    solutions = ox.parse_query_results(result.stdout.encode(), format=reader)
    assert isinstance(solutions, ox.QuerySolutions)
    rows = {(s["party"], s["label"], s["signatory"]) for s in solutions}
    assert (
        ox.NamedNode(f"{ID}microsoft"),
        ox.Literal("Microsoft", language="en"),
        ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
    ) in rows
    assert len({r[0] for r in rows}) == 7


def test_ask_in_every_results_format() -> None:
    query = f"ASK {{ <{ID}revenue-share> pg:endsWith <{ID}agi-verified> }}"
    expected = {"json": '"boolean": true', "xml": "<boolean>true</boolean>", "tsv": "true"}
    for fmt, needle in expected.items():
        result = run_cli("--data", V2025, "query", "-e", query, "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert needle in result.stdout
    assert run_cli("--data", V2025, "query", "-e", query).stdout.strip() == "true"


@pytest.mark.parametrize(
    ("alias", "rdf_format"),
    [
        ("TTL", ox.RdfFormat.TURTLE),
        ("turtle", ox.RdfFormat.TURTLE),
        ("N-Triples", ox.RdfFormat.N_TRIPLES),
        ("nt", ox.RdfFormat.N_TRIPLES),
        ("JSON-LD", ox.RdfFormat.JSON_LD),
        ("jsonld", ox.RdfFormat.JSON_LD),
        ("xml", ox.RdfFormat.RDF_XML),
        ("TriG", ox.RdfFormat.TRIG),
    ],
)
def test_construct_formats_and_aliases_read_back(alias: str, rdf_format: ox.RdfFormat) -> None:
    query = "CONSTRUCT { ?p pg:holder ?h } WHERE { ?p pg:holder ?h }"
    result = run_cli("--data", V2025, "query", "-e", query, "--format", alias)
    assert result.returncode == 0, result.stderr
    triples = {q.triple for q in ox.parse(result.stdout.encode(), format=rdf_format)}
    assert len(triples) == 29
    assert (
        ox.Triple(
            ox.NamedNode(f"{ID}azure-purchase"),
            ox.NamedNode(f"{PG}holder"),
            ox.NamedNode(f"{ID}microsoft"),
        )
        in triples
    )


def test_query_file_and_stdin(tmp_path: Path) -> None:
    query = "SELECT ?p WHERE { ?p pg:change pg:Removed }"
    path = tmp_path / "removed.rq"
    path.write_text(query, encoding="utf-8")
    from_file = run_cli("--data", V2025, "query", str(path), "--format", "csv")
    from_stdin = run_cli("--data", V2025, "query", "-", "--format", "csv", input_text=query)
    assert from_file.returncode == from_stdin.returncode == 0
    assert (
        from_file.stdout == from_stdin.stdout == f"p\n{ID}compute-rofr\n"
    )  # text mode: CRLF read as LF


def test_a_query_file_header_declares_its_parameters(tmp_path: Path) -> None:
    path = tmp_path / "held.rq"
    path.write_text(
        "# title: Held\n# param: ?party IRI required -- the holder\n"
        "SELECT ?provision ?party WHERE { ?provision pg:holder ?party }\n",
        encoding="utf-8",
    )
    assert_one_line_error(run_cli("--data", V2025, "query", str(path)), 2, "?party is required")
    result = run_cli("--data", V2025, "query", str(path), "-b", "party=:expert-panel", "-f", "csv")
    assert result.stdout == "provision,party\n"


def test_both_engines_print_the_same_rows() -> None:
    args = (
        "--data",
        V2025,
        "query",
        "provisions-covering",
        "--bind",
        f"category=<{ID}model-weights>",
    )
    rows = {}
    for engine in ("oxigraph", "rdflib"):
        result = run_cli(*args, "--format", "tsv", "--engine", engine)
        assert result.returncode == 0, result.stderr
        header, *body = result.stdout.splitlines()
        rows[engine] = (header, sorted(body))
    assert rows["oxigraph"] == rows["rdflib"]
    assert len(rows["oxigraph"][1]) == 7


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_query_naming_its_dataset_reads_only_those_graphs(engine: str) -> None:
    """FROM picks the default graph, FROM NAMED the named ones (SPARQL 1.1, 13.2): an unknown
    graph gives nothing, a known one only its own triples, FROM NAMED alone an empty default
    graph. Without either, the default graph is the union of the agreements."""
    from pactgraph.load import load
    from pactgraph.query import query

    store = load()
    first, second = store.agreement_graphs

    def count(text: str) -> int:
        return len(query(store, text, engine=engine).rows)

    own = count(f"SELECT * WHERE {{ GRAPH <{first}> {{ ?s ?p ?o }} }}")
    assert own > 0
    assert count("SELECT * FROM <https://example.org/unknown> WHERE { ?s ?p ?o }") == 0
    assert count(f"SELECT * FROM <{first}> WHERE {{ ?s ?p ?o }}") == own
    assert count(f"SELECT * FROM NAMED <{first}> WHERE {{ ?s ?p ?o }}") == 0
    named = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert {
        r[0].value
        for r in query(
            store, named.replace("WHERE", f"FROM NAMED <{second}> WHERE"), engine=engine
        ).rows
    } == {second}
    assert count("SELECT * WHERE { ?s ?p ?o }") >= own
    assert count("SELECT ?from WHERE { ?from ?p ?o }") >= own  # a variable, not the keyword


def test_construct_as_jsonld_writes_types_as_type() -> None:
    result = run_cli(
        "query", "-e", "CONSTRUCT { ?p a pg:Party } WHERE { ?p a pg:Party }", "-f", "jsonld"
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    nodes = doc.get("@graph", [doc])
    assert nodes
    assert all(node["@type"] == "pg:Party" for node in nodes)
    assert "rdf:type" not in result.stdout
    assert "22-rdf-syntax-ns#type" not in result.stdout


def test_injection_through_a_binding_returns_nothing() -> None:
    # a literal holding SPARQL text stays a literal: no provision is held by it
    attack = '"x\\" } UNION { ?provision ?p ?o } #"'
    result = run_cli(
        "query",
        "-e",
        "SELECT ?provision ?party WHERE { ?provision pg:holder ?party }",
        "--bind",
        f"party={attack}",
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "provision,party\n"
    # an IRI cannot smuggle a closing bracket
    assert_one_line_error(
        run_cli(
            "--data",
            V2025,
            "query",
            "provisions-held-by",
            "--bind",
            f"party=<{ID}x> }} UNION {{ ?s ?p ?o",
        ),
        2,
        "--bind party",
    )


def test_typed_and_language_literals_bind() -> None:
    query = "SELECT ?t ?date WHERE { ?t time:inXSDDate ?date }"
    result = run_cli(
        "--data", V2025, "query", "-e", query, "--bind", 'date="2032-12-31"^^xsd:date', "-f", "csv"
    )
    assert result.stdout == f"t,date\n{ID}end-of-2032,2032-12-31\n"
    bare = run_cli("--data", V2025, "query", "-e", query, "--bind", "date=2030-12-31", "-f", "csv")
    assert bare.stdout == f"t,date\n{ID}end-of-2030,2030-12-31\n"
    label = run_cli(
        "--data",
        V2025,
        "query",
        "-e",
        "SELECT ?p ?l WHERE { ?p rdfs:label ?l }",
        "-b",
        'l="Microsoft"@en',
        "-f",
        "csv",
    )
    assert label.stdout == f"p,l\n{ID}microsoft,Microsoft\n"
    untagged = run_cli(
        "query", "-e", "SELECT ?p ?l WHERE { ?p rdfs:label ?l }", "-b", 'l="Microsoft"', "-f", "csv"
    )
    assert untagged.stdout == "p,l\n"


@pytest.mark.parametrize(
    ("args", "code", "needles"),
    [
        (("query", "-e", "SELECT * WHERE { ?s ?p }"), 1, ("query:1:25",)),
        (("query", "chnages"), 2, ("did you mean changes",)),
        (("query", "changes", "--bind", "nope=1"), 2, ("no variable ?nope",)),
        (("query", "changes", "--bind", "change"), 2, ("VAR=VALUE",)),
        (("query", "provisions-held-by", "--bind", "party=<not an iri>"), 2, ("not a valid IRI",)),
        (("query", "provisions-held-by", "--bind", "party=foo:bar"), 2, ("unknown prefix 'foo'",)),
        (("query", "provisions-held-by", "--bind", 'party="Microsoft"'), 2, ("takes an IRI",)),
        (("query", "provisions-held-by"), 2, ("?party is required",)),
        (("query", "changes", "--format", "yaml"), 2, ("unknown format 'yaml'",)),
        (("query", "-e", "ASK {}", "--format", "turtle"), 2, ("for a SELECT/ASK result",)),
        (("query", "missing/query.rq"), 2, ("no such query file",)),
        (("query",), 2, ("give a query NAME",)),
        (("query", "changes", "--engine", "jena"), 2, ("--engine",)),
        (("query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "-b", "o=1"), 2, ("SELECT clause",)),
    ],
)
def test_bad_input_is_one_line_with_its_exit_code(
    args: tuple[str, ...], code: int, needles: tuple[str, ...]
) -> None:
    assert_one_line_error(run_cli(*args), code, *needles)


def test_a_malformed_query_file_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?s\nWHERE {\n  ?s ?p \n}\n", encoding="utf-8")
    result = run_cli("--data", V2025, "query", str(path))
    assert_one_line_error(result, 1, f"{path}:4:")
    rdflib_result = run_cli("--data", V2025, "query", str(path), "--engine", "rdflib")
    assert_one_line_error(rdflib_result, 1, f"{path}:")


def test_rdflib_engine_does_not_load_from_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text("<https://example.org/s> <https://example.org/p> 'secret' .\n")
    query = f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}"
    result = run_cli("--data", V2025, "query", "-e", query, "--engine", "rdflib", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "secret" not in result.stdout


def test_json_results_graph_reads_in_rdflib_graph() -> None:
    # the Turtle a CONSTRUCT prints is the same graph rdflib reads from the agreement
    query = "CONSTRUCT { ?s skos:broader ?o } WHERE { ?s skos:broader ?o }"
    result = run_cli("--data", V2025, "query", "-e", query)
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) == 16


def test_short_names_for_the_one_agreement_loaded() -> None:
    result = run_cli(
        "--data", V2025, "query", "provisions-held-by", "--bind", "party=:expert-panel"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("(0 rows)")
    table = run_cli(
        "--data", V2025, "query", "exceptions", "--bind", "provision=:azure-api-exclusivity"
    )
    assert ":natsec-api-access" in table.stdout
    assert "pg:exceptionTo" in table.stdout
    assert "<https://" not in table.stdout


def test_help_lists_the_sparql_commands_and_serve_defaults() -> None:
    top = run_cli("--help")
    for command in ("queries", "query", "serve"):
        assert command in top.stdout
    serve = " ".join(run_cli("serve", "--help").stdout.split())
    for text in ("default: 127.0.0.1", "--cors ORIGIN", "(default: 30)", "(default: 10000)"):
        assert text in serve


def test_construct_as_a_table() -> None:
    result = run_cli(
        "--data", V2025, "query", "-e", "CONSTRUCT WHERE { ?p pg:extends ?q }", "--format", "table"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["subject", "predicate", "object"]
    assert [":ip-models-products", "pg:extends", ":exclusive-ip-rights"] in [
        line.split() for line in lines
    ]
    assert lines[-1] == "(2 rows)"
