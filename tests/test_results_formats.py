"""The SPARQL results writers, held to the W3C formats by real readers.

Awkward terms (tabs, newlines, quotes, language tags, datatypes, numbers written bare,
blank nodes, unbound cells) go through each writer and back through Oxigraph's and
rdflib's parsers; the TSV must also match Oxigraph's own TSV writer byte for byte.
"""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from rdflib.query import Result as RdflibResult

from pactgraph.query import Result
from pactgraph.results import format_name, write

XSD = "http://www.w3.org/2001/XMLSchema#"
VALUES = """
SELECT ?a ?b WHERE {
  VALUES (?a ?b) {
    (<https://example.org/x?y=1#z> "tab\\there, \\"quoted\\"\\nnew line \\\\ back")
    ("deux"@fr-CA 42)
    ("2030-12-31"^^xsd:date 3.25)
    (1.5e3 true)
    ("-7"^^xsd:integer UNDEF)
    ("x"^^<https://example.org/dt> "")
  }
}
"""


@pytest.fixture(scope="module")
def solutions() -> tuple[list[str], list[tuple[ox.NamedNode | ox.Literal | None, ...]]]:
    store = ox.Store()
    answer = store.query(VALUES, prefixes={"xsd": XSD})
    assert isinstance(answer, ox.QuerySolutions)
    names = [v.value for v in answer.variables]
    return names, [tuple(s[n] for n in names) for s in answer]


def _result(solutions: tuple[list[str], list[tuple[object, ...]]]) -> Result:
    names, rows = solutions
    return Result("select", variables=names, rows=rows)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fmt", "reader"),
    [
        ("json", ox.QueryResultsFormat.JSON),
        ("xml", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ],
)
def test_terms_survive_a_round_trip(
    solutions: tuple[list[str], list[tuple[object, ...]]], fmt: str, reader: ox.QueryResultsFormat
) -> None:
    names, rows = solutions
    parsed = ox.parse_query_results(write(_result(solutions), fmt), format=reader)
    assert isinstance(parsed, ox.QuerySolutions)
    assert [tuple(s[n] for n in names) for s in parsed] == rows


def test_tsv_matches_oxigraphs_own_writer(
    solutions: tuple[list[str], list[tuple[object, ...]]],
) -> None:
    store = ox.Store()
    answer = store.query(VALUES, prefixes={"xsd": XSD})
    assert isinstance(answer, ox.QuerySolutions)
    theirs = answer.serialize(format=ox.QueryResultsFormat.TSV)
    assert write(_result(solutions), "tsv") == theirs


def test_csv_is_lexical_values_with_crlf_and_quoting(
    solutions: tuple[list[str], list[tuple[object, ...]]],
) -> None:
    text = write(_result(solutions), "csv").decode()
    assert text.startswith("a,b\r\n")
    assert '"tab\there, ""quoted""\nnew line \\ back"' in text
    assert "\r\n-7,\r\n" in text
    parsed = RdflibResult.parse(io.BytesIO(text.encode()), format="csv")
    assert len(parsed) == 6


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_ask_reads_back_in_rdflib(fmt: str) -> None:
    for value in (True, False):
        data = write(Result("ask", boolean=value), fmt)
        if fmt in {"csv", "tsv"}:  # the W3C CSV/TSV formats define no ASK form: Jena's
            assert data.decode().splitlines() == [
                "_askResult" if fmt == "csv" else "?_askResult",
                str(value).lower(),
            ]
            continue
        assert RdflibResult.parse(io.BytesIO(data), format=fmt).askAnswer is value


def test_format_names_and_aliases() -> None:
    assert format_name("N-Triples", "graph") == "nt"
    assert format_name("Json-LD", "graph") == "jsonld"
    assert format_name("SRX", "select") == "xml"
    with pytest.raises(Exception, match="unknown format 'csv' for a graph"):
        format_name("csv", "graph")
