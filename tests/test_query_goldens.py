"""Golden results for every named query, on the bundled agreement and on a fixture agreement.

Each ``tests/golden/<query>.<dataset>.json`` holds cases written by reading the agreement,
not by running the query: the values to bind (``bind``, as on the command line), the
columns to compare, optionally ``where`` (keep only rows whose column has that value, or
any value for ``"*"``), and the expected ``rows`` (or, for CONSTRUCT queries, ``triples``).
IRIs are written with the file's ``prefixes`` or pactgraph's own (``pg:Kept``); dates as
``YYYY-MM-DD``; unbound as ``null``. Rows are compared as sets, as lists where the query's
header says ``ordered: yes``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from conftest import DATA
from pactgraph.load import Store, load
from pactgraph.namespaces import PREFIXES
from pactgraph.query import Result, checks, library, python_value
from pactgraph.query import query as run
from pactgraph.resources import agreements_dir

GOLDEN = Path(__file__).resolve().parent / "golden"
DATASETS: dict[str, list[Path] | None] = {
    # the 2025 agreement as bundled: its goldens hold whatever versions ship beside it
    "bundled": [agreements_dir() / "microsoft-openai-2025.ttl"],
    "lakeside-meridian": [DATA / "lakeside-meridian" / "lakeside-meridian-2024.ttl"],
}
#: Queries whose subject these datasets do not hold (one version each, no reported claim), so
#: their goldens here are empty; tests/test_versions.py holds them to rows on the bundled
#: versions.
ONE_VERSION_ONLY = frozenset({"revisions", "reported-claims"})
CASES = [
    pytest.param(path, index, id=f"{path.stem}[{index}]")
    for path in sorted(GOLDEN.glob("*.json"))
    for index in range(len(json.loads(path.read_text(encoding="utf-8"))["cases"]))
]


@pytest.fixture(scope="module")
def stores() -> dict[str, Store]:
    return {name: load(paths) for name, paths in DATASETS.items()}


def _expand(value: str, prefixes: dict[str, str]) -> str:
    match = re.fullmatch(r"([\w-]*):([\w-]+)", value)
    if match and match[1] in prefixes:
        return f"<{prefixes[match[1]]}{match[2]}>"
    return value


def _compact(term: Any, prefixes: dict[str, str]) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        best = max(
            (p for p in prefixes.items() if term.value.startswith(p[1])),
            key=lambda p: len(p[1]),
            default=None,
        )
        return f"{best[0]}:{term.value[len(best[1]) :]}" if best else term.value
    value = python_value(term)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return float(value)
    return value


def _rows(result: Result, case: dict[str, Any], prefixes: dict[str, str]) -> list[tuple[Any, ...]]:
    if result.form == "graph":
        return [tuple(_compact(t, prefixes) for t in triple) for triple in result.triples]
    index = {v: i for i, v in enumerate(result.variables)}
    missing = [c for c in case["columns"] if c not in index]
    assert not missing, f"the query returns no {missing}"
    rows = []
    for row in result.rows:
        values = {v: _compact(row[i], prefixes) for v, i in index.items()}
        wanted = case.get("where", {})
        if all(values[k] is not None if w == "*" else values[k] == w for k, w in wanted.items()):
            rows.append(tuple(values[c] for c in case["columns"]))
    return rows


@pytest.mark.parametrize(("path", "index"), CASES)
def test_golden(stores: dict[str, Store], path: Path, index: int) -> None:
    name, dataset = path.stem.rsplit(".", 1)
    spec = json.loads(path.read_text(encoding="utf-8"))
    case = spec["cases"][index]
    prefixes = {**PREFIXES, **{k.rstrip(":"): v for k, v in spec.get("prefixes", {}).items()}}
    query = library()[name]
    bind = {k: _expand(v, prefixes) for k, v in case.get("bind", {}).items()}
    result = run(stores[dataset], query, bind)
    actual = _rows(result, case, prefixes)
    if "triples" in case:
        if "predicates" in case:  # compare only the triples with these predicates
            actual = [t for t in actual if t[1] in case["predicates"]]
        assert set(actual) == {tuple(t) for t in case["triples"]}
    elif query.ordered:
        assert actual == [tuple(r) for r in case["rows"]]
    else:
        assert set(actual) == {tuple(r) for r in case["rows"]}
        assert len(set(actual)) == len(case["rows"]), "the golden repeats a row"


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_every_named_query_has_a_golden(dataset: str) -> None:
    missing = [n for n in library() if not (GOLDEN / f"{n}.{dataset}.json").is_file()]
    assert not missing, f"write tests/golden/<query>.{dataset}.json for {missing}"
    # at least one case per query returns something, so the engine comparison covers it
    empty = [
        n
        for n in library()
        if n not in ONE_VERSION_ONLY
        and not any(
            c.get("rows") or c.get("triples")
            for c in json.loads((GOLDEN / f"{n}.{dataset}.json").read_text(encoding="utf-8"))[
                "cases"
            ]
        )
    ]
    assert not empty, f"give {empty} a golden case on {dataset} that returns rows"


def _same(a: Result, b: Result) -> None:
    assert a.form == b.form
    if a.form == "ask":
        assert a.boolean == b.boolean
    elif a.form == "graph":
        from rdflib import Graph
        from rdflib.compare import isomorphic

        ga, gb = (
            Graph().parse(data=ox.serialize(r.triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
            for r in (a, b)
        )
        assert isomorphic(ga, gb)
    else:
        assert a.variables == b.variables
        assert sorted(map(str, a.rows)) == sorted(map(str, b.rows))
        assert a.rows, "compare engines on a case that returns rows"


def _engine_cases() -> list[Any]:
    cases = []
    for path in sorted(GOLDEN.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        for index, case in enumerate(spec["cases"]):
            if case.get("rows") or case.get("triples"):
                cases.append(pytest.param(path, index, id=f"{path.stem}[{index}]"))
    return cases


@pytest.mark.parametrize(("path", "index"), _engine_cases())
def test_both_engines_give_the_same_results(
    stores: dict[str, Store], path: Path, index: int
) -> None:
    name, dataset = path.stem.rsplit(".", 1)
    spec = json.loads(path.read_text(encoding="utf-8"))
    prefixes = {**PREFIXES, **{k.rstrip(":"): v for k, v in spec.get("prefixes", {}).items()}}
    bind = {k: _expand(v, prefixes) for k, v in spec["cases"][index].get("bind", {}).items()}
    query = library()[name]
    oxigraph = run(stores[dataset], query, bind, engine="oxigraph")
    rdflib_result = run(stores[dataset], query, bind, engine="rdflib")
    _same(oxigraph, rdflib_result)
    if query.ordered:
        assert oxigraph.rows == rdflib_result.rows


@pytest.mark.parametrize("name", sorted(checks()))
def test_checks_agree_across_engines_and_pass_on_both_datasets(
    stores: dict[str, Store], name: str
) -> None:
    for store in stores.values():
        a = run(store, checks()[name], engine="oxigraph")
        b = run(store, checks()[name], engine="rdflib")
        assert a.rows == b.rows == []


CHECK_FIXTURES = sorted((DATA / "checks").glob("*.ttl"))


@pytest.mark.parametrize("path", CHECK_FIXTURES, ids=[p.stem for p in CHECK_FIXTURES])
def test_each_check_fires_on_its_fixture(path: Path) -> None:
    # the fixture is named after its check; its first line lists what the check must report
    first = path.read_text(encoding="utf-8").splitlines()[0]
    check, focus = path.stem, re.findall(r":([\w-]+)", first.removeprefix("# reports:"))
    base = re.search(r"@prefix : <([^>]+)>", path.read_text(encoding="utf-8"))
    assert base is not None
    store = load([path])
    for engine in ("oxigraph", "rdflib"):
        rows = run(store, checks()[check], engine=engine).records()
        assert sorted(r["focus"] for r in rows) == sorted(base[1] + f for f in focus)
        assert all("<" in r["message"] and ";" in r["message"] for r in rows)


@pytest.mark.parametrize("name", sorted(library()))
def test_every_parameter_can_be_bound_on_both_engines(stores: dict[str, Store], name: str) -> None:
    # a parameter must be a variable the query selects, or Oxigraph cannot bind it
    query = library()[name]
    values = {
        p.name: "<https://example.org/nothing>" if p.type.upper() == "IRI" else '"nothing"'
        for p in query.parameters
    }
    for engine in ("oxigraph", "rdflib"):
        result = run(stores["bundled"], query, values, engine=engine)
        if query.parameters:  # nothing, or one group of nothing (inventory's COUNT)
            assert len(result.rows) + len(result.triples) <= 1
