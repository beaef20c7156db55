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


def test_compact_takes_the_first_prefix_whose_rest_is_a_local_name() -> None:
    """One pattern tries every namespace in order; held to the plain loop over them, on IRIs
    where an earlier namespace fits only as text (its rest is not a local name), where two
    fit, and where none does."""
    import itertools
    import re

    from pactgraph.namespaces import PREFIXES
    from pactgraph.results import compact

    extra = {"": "https://example.org/a/", "ab": "https://example.org/a/b", "pgx": PREFIXES["pg"]}

    def by_loop(iri: str) -> str:
        for prefix, namespace in {**extra, **PREFIXES}.items():
            local = iri.removeprefix(namespace)
            if local != iri and re.fullmatch(r"[\w-]*", local):
                return f"{prefix}:{local}"
        return f"<{iri}>"

    bases = ["https://example.org/a/", "https://example.org/a/b", *PREFIXES.values(), "urn:x:"]
    rests = ["", "b", "bc", "b/c", "b#c", "é-1", "c%20d", "b.c"]
    iris = [base + rest for base, rest in itertools.product(bases, rests)]
    checked = 0
    for iri in iris:
        try:
            node = ox.NamedNode(iri)
        except ValueError:  # "#" twice
            continue
        assert compact(node, extra) == by_loop(iri), iri
        checked += 1
    assert checked > 100
    assert compact(ox.NamedNode("https://example.org/a/bc"), extra) == ":bc"
    assert compact(ox.NamedNode(PREFIXES["pg"] + "Kept"), extra) == "pgx:Kept"


def test_a_long_word_wraps_as_textwrap_cuts_it() -> None:
    import textwrap

    from pactgraph.render import _wrap

    for word in ["<https://w3id.org/pactgraph/id/microsoft-openai-2025-copy-00678/x>", "a" * 88]:
        for width in (10, 44):
            assert _wrap(word, width) == textwrap.wrap(word, width, break_on_hyphens=False)


def test_a_cell_wraps_as_textwrap_fills_it() -> None:
    """The greedy fill of a cell of several words is textwrap's, line for line: on random
    texts of words, dates, hyphenated words and dashes, at several widths."""
    import random
    import textwrap

    from pactgraph.render import _wrap

    rng = random.Random(7)
    vocabulary = ["a", "in", "force", "2031-07-01", "non-exclusive", "—", "x--y", "AGI", "é-t",
                  "ended;", "(last", "day)", "p" * 12, "9-a", "a-9", "https://e.org/a-b"]  # fmt: skip
    fast = 0
    for _ in range(3000):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 30)))
        for width in (5, 12, 44):
            pieces = [w[i : i + width] for w in text.split() for i in range(0, len(w), width)]
            expected = textwrap.wrap(" ".join(pieces), width, break_long_words=False)
            assert _wrap(text, width) == expected, (text, width)
            fast += "-" not in text
    assert fast > 100
