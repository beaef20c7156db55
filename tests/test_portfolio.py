"""Agreements that share nodes: an event (a change of law, "AGI verified") that several
agreements name, each stating it in its own graph.

The union default graph returns each such statement once per graph, so a query that joins
several of them multiplied the copies (N agreements, k parts: N^k rows; 20 s to read the
term model at 200 agreements). These tests hold the answers of a portfolio to those of its
agreements one by one: sharing the event changes nothing but that the event is one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from bench_portfolio import BASE, write_portfolio

from pactgraph.impact import impact
from pactgraph.load import load
from pactgraph.model import model
from pactgraph.query import library, query, select
from pactgraph.state import state

SHARED = f"{BASE}/agi-verified"


def _copy(iri: str, i: int) -> str:
    """The IRI of copy ``i``'s node for copy 0's node ``iri``."""
    return iri.replace(f"{BASE}-copy-00000/", f"{BASE}-copy-{i:05d}/")


def test_a_shared_event_is_one_trigger_and_reaches_every_agreement(tmp_path: Path) -> None:
    write_portfolio(tmp_path, 3, shared_events=True)
    portfolio = load([tmp_path])
    single = load([tmp_path / "agreement-00000.ttl"])

    rows = select(portfolio, "triggers")
    assert len(rows) == len({tuple(sorted(r.items())) for r in rows})  # no row twice
    shared_rows = [r for r in rows if r["trigger"] == SHARED]
    assert shared_rows == [r for r in select(single, "triggers") if r["trigger"] == SHARED]
    assert model(portfolio).graph.has_node(SHARED)

    on = dt.date(2029, 3, 1)
    alone = {(c.provision, c.change, c.cause) for c in impact(single, SHARED, on=on).changes}
    assert alone
    together = {(c.provision, c.change, c.cause) for c in impact(portfolio, SHARED, on=on).changes}
    assert together == {
        (_copy(p, i), change, cause) for p, change, cause in alone for i in range(3)
    }


def test_without_a_date_each_agreement_answers_as_it_would_alone(tmp_path: Path) -> None:
    # copies dated a day apart: the first day of one is the second day of another, which
    # once made the earliest copy's rows depend on whether a later copy was loaded
    write_portfolio(tmp_path, 4, shared_events=True, vary_dates=True)
    portfolio = load([tmp_path])
    single = load([tmp_path / "agreement-00000.ttl"])

    def rows(store: Any, i: int) -> set[tuple[str, str, str, str | None]]:
        mine = f"{BASE}-copy-{i:05d}/"
        return {
            (c.provision.replace(mine, ""), c.change, c.cause, c.condition)
            for c in impact(store, SHARED).changes
            if c.provision.startswith(mine)
        }

    alone = rows(single, 0)
    assert {c for _, c, _, _ in alone} == {"ends", "modified"}
    assert rows(portfolio, 0) == alone
    # the later copies, tried from the earliest copy's second day, change from their own
    later = rows(portfolio, 3)
    assert {(p, c, cause) for p, c, cause, _ in later} == {
        (p, c, cause) for p, c, cause, _ in alone
    }
    assert all(condition and "on or after 2025-" in condition for *_, condition in later)
    # and what the event moves to later days is each copy's own: not tried before its date,
    # where the event would keep its terms from ever coming into force
    for i in (0, 3):
        mine = f"{BASE}-copy-{i:05d}/"
        alone_later = impact(load([tmp_path / f"agreement-{i:05d}.ttl"]), SHARED).later
        in_portfolio = [s for s in impact(portfolio, SHARED).later if s.provision.startswith(mine)]
        assert [(s.provision, s.how) for s in in_portfolio] == [
            (s.provision, s.how) for s in alone_later
        ]


def _rows(result: Any) -> list[str]:
    if result.form == "graph":
        return sorted(str(t) for t in result.triples)
    return sorted(str(row) for row in result.rows)


@pytest.mark.slow
def test_a_hundred_agreements_answer_as_rdflib_does(tmp_path: Path) -> None:
    # every named query, on a portfolio of 100 agreements sharing three events, by
    # Oxigraph (the engine every answer comes from) and by rdflib's own SPARQL engine; the
    # names, which rdflib takes minutes over at this size, on ten of them
    write_portfolio(tmp_path, 100, shared_events=True)
    portfolio = load([tmp_path])
    sample = load(sorted(tmp_path.glob("agreement-0000*.ttl")))
    bound = {
        "dependents": {"provision": f"<{BASE}-copy-00042/azure-api-exclusivity>"},
        "provision-source": {"provision": f"<{BASE}-copy-00042/azure-api-exclusivity>"},
        "provisions-covering": {"category": f"<{BASE}-copy-00042/model-weights>"},
        "provisions-held-by": {"party": f"<{BASE}-copy-00042/microsoft>"},
    }
    for name in sorted(library()):
        store = sample if name == "names" else portfolio
        values = bound.get(name)
        if name == "names":
            assert len(sample.agreement_graphs) == 10
        ours = _rows(query(store, name, values))
        assert ours or name in {"reported-claims", "revisions"}, name  # none in these copies
        assert ours == _rows(query(store, name, values, engine="rdflib")), name


@pytest.mark.parametrize(
    ("suffix", "written"),
    [
        (".ttl", '[ a pg:DateTrigger ; time:inXSDDate "{day}"^^xsd:date ]'),
        (".ttl", '_:end . _:end a pg:DateTrigger ; time:inXSDDate "{day}"^^xsd:date'),
        (".nt", "_:end"),
    ],
    ids=["turtle-anonymous", "turtle-labelled", "n-triples-labelled"],
)
def test_blank_nodes_of_different_files_stay_apart(
    tmp_path: Path, suffix: str, written: str
) -> None:
    """Two files that write a blank-node end in the same way each keep their own: one
    agreement's lease ends on its own date, not on the other's too."""
    for name, day in (("a", "2030-01-01"), ("b", "2040-01-01")):
        agreement, lease = f"<https://example.org/{name}>", f"<https://example.org/{name}/lease>"
        if suffix == ".nt":
            pg = "https://w3id.org/pactgraph/ns#"
            text = (
                f"{agreement} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{pg}Agreement> .\n"
                f'{agreement} <http://purl.org/dc/terms/date> "2025-01-01"'
                "^^<http://www.w3.org/2001/XMLSchema#date> .\n"
                f"{agreement} <{pg}provision> {lease} .\n"
                f"{lease} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{pg}Right> .\n"
                f'{lease} <http://www.w3.org/2000/01/rdf-schema#label> "lease {name}" .\n'
                f"{lease} <{pg}endsWith> _:end .\n"
                f"_:end <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{pg}DateTrigger> .\n"
                f'_:end <http://www.w3.org/2006/time#inXSDDate> "{day}"'
                "^^<http://www.w3.org/2001/XMLSchema#date> .\n"
            )
        else:
            prefixes = "".join(
                f"@prefix {p}: <{iri}> .\n"
                for p, iri in {
                    "pg": "https://w3id.org/pactgraph/ns#",
                    "xsd": "http://www.w3.org/2001/XMLSchema#",
                    "dcterms": "http://purl.org/dc/terms/",
                    "time": "http://www.w3.org/2006/time#",
                    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                }.items()
            )
            text = (
                f"{prefixes}{agreement} a pg:Agreement ; "
                f'dcterms:date "2025-01-01"^^xsd:date ; pg:provision {lease} .\n'
                f'{lease} a pg:Right ; rdfs:label "lease {name}" ; '
                f"pg:endsWith {written.format(day=day)} .\n"
            )
        (tmp_path / f"{name}{suffix}").write_text(text, encoding="utf-8")
    store = load([tmp_path])
    ended = {p.label: p.end for p in state(store, dt.date(2026, 1, 1)).provisions}
    assert ended == {"lease a": dt.date(2029, 12, 31), "lease b": dt.date(2039, 12, 31)}
