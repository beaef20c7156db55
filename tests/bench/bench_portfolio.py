"""Benchmark: a portfolio of many agreements in one store.

Writes N copies of the bundled agreement, each under IRIs of its own and with its source text,
into a temporary directory, then prints how long loading, the state on a date, the impact of
one agreement's event and a named query take, and the peak memory; then the same portfolio
with three events shared by every copy (as a change of law would be) and every copy's dates
moved a different number of days, and the impact of one.

Beside pactgraph's figures, lines that start ``pyoxigraph alone:`` or ``rdflib alone:`` give
the same work done by each library directly, in the same run:

- loading the files into an in-memory ``pyoxigraph.Store`` (``Store.load``, each file into a
  named graph of its own) and into an ``rdflib.Dataset`` (each file parsed into a graph of its
  own), with quads per second and memory per quad. rdflib reads only the first
  :data:`RDFLIB_SAMPLE` files;
- bulk loading the files into a ``pyoxigraph.Store`` on disk (one ``Store.bulk_extend`` of
  every file's quads: a ``Store.bulk_load`` per file writes files of its own each time, and
  takes about 70 ms a file), with quads per second and bytes per quad on disk;
- the provisions the shared event reaches, counted by one SPARQL property path
  (:func:`reach_query`), by pyoxigraph on the store pactgraph loaded and by rdflib on its
  sample. It counts every provision the event can touch, so it is set beside the provisions
  pactgraph's term model reaches, not beside the fewer whose status the impact changes.

Each library's load runs in a Python process of its own (the rdflib query too), so that one
measurement does not weigh on the next; memory per quad is the growth of the resident set over
the load in every case, as for pactgraph. The peak memory is this process's alone. Run with
``python tests/bench/bench_portfolio.py [N]`` (default 1000), or ``make bench``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from pactgraph.impact import impact
from pactgraph.load import load
from pactgraph.model import model
from pactgraph.query import select
from pactgraph.resources import agreements_dir
from pactgraph.spread import ENV, workers
from pactgraph.state import state

if TYPE_CHECKING:
    import rdflib

BASE = "https://w3id.org/pactgraph/id/microsoft-openai-2025"


#: The events every copy shares when ``shared_events`` is set: each copy states them (type,
#: label, prerequisites) in its own graph, as separate files naming one event would.
SHARED_EVENTS = ("agi-verified", "agi-declared", "recapitalization")

#: The shared event whose impact is measured.
SHARED_EVENT = f"{BASE}/agi-verified"

#: The most files rdflib reads: at 40 ms or more and 1 MB or more an agreement, the whole of a
#: large portfolio would take minutes and gigabytes.
RDFLIB_SAMPLE = 300


#: A date written in the bundled agreement's Turtle.
_DATE = re.compile(r'"(\d{4}-\d{2}-\d{2})"\^\^xsd:date')


def _shifted(text: str, days: int) -> str:
    """``text`` with every date moved ``days`` later."""
    return _DATE.sub(
        lambda m: f'"{dt.date.fromisoformat(m[1]) + dt.timedelta(days=days)}"^^xsd:date', text
    )


def write_portfolio(
    folder: Path, count: int, *, shared_events: bool = False, vary_dates: bool = False
) -> None:
    """Write ``count`` copies of the bundled agreement into ``folder``. With ``vary_dates``,
    copy ``i`` has every date moved ``i % 1000`` days later, so that the copies do not all
    start, end and renew on the same days."""
    source = agreements_dir() / "microsoft-openai-2025.ttl"
    text = source.read_text(encoding="utf-8")
    for i in range(count):
        target = folder / f"agreement-{i:05d}.ttl"
        copy = text.replace(BASE, f"{BASE}-copy-{i:05d}")
        if vary_dates:
            copy = _shifted(copy, i % 1000)
        if shared_events:
            for event in SHARED_EVENTS:
                copy = re.sub(rf"(?<![\w-]):{event}(?![\w-])", f"<{BASE}/{event}>", copy)
        target.write_text(copy, encoding="utf-8")
    shutil.copy(agreements_dir() / "microsoft-openai-2025-10-28.txt", folder)


def _timed(label: str, action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    print(f"{label:<44} {time.perf_counter() - start:8.3f} s")
    return result


def _in_processes(label: str, action):  # type: ignore[no-untyped-def]
    """``action`` timed in one process, then in as many as it may use (see
    :mod:`pactgraph.spread`); the two answers must be the same."""
    many, given = workers(), os.environ.get(ENV)
    os.environ[ENV] = "1"
    try:
        start = time.perf_counter()
        alone = action()
        one = time.perf_counter() - start
    finally:
        if given is None:
            del os.environ[ENV]
        else:
            os.environ[ENV] = given
    start = time.perf_counter()
    result = action()
    spread = time.perf_counter() - start
    assert result == alone, f"{label}: the answer differs in {many} processes"
    print(f"{label:<44} {one:8.3f} s / {spread:.3f} s in 1 / {many} processes")
    return result


def _resident() -> int:
    """This process's resident memory, in bytes (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def reach_query(event: str) -> str:
    """SPARQL counting the provisions ``event`` reaches, over the edges pactgraph's dependency
    graph follows (:mod:`pactgraph.traverse`): the events it implies (``pg:requires``), the
    triggers built from those, the provisions whose term starts or ends with one of them, and
    every provision resting on those."""
    return f"""PREFIX pg: <https://w3id.org/pactgraph/ns#>
SELECT (COUNT(DISTINCT ?provision) AS ?provisions) WHERE {{
  <{event}> pg:requires*
    / (^pg:member | ^pg:after | ^pg:trigger | ^pg:unless | ^pg:stoppedBy)*
    / (^pg:startsWith | ^pg:endsWith)
    / (^pg:dependsOn | ^pg:exceptionTo | ^pg:carveOutOf | ^pg:extends | ^pg:survives
       | pg:revises)*
    ?provision .
}}
"""


def _agreement_files(folder: Path, limit: int) -> list[Path]:
    """The first ``limit`` agreement files :func:`write_portfolio` wrote into ``folder``."""
    return sorted(folder.glob("agreement-*.ttl"))[:limit]


def _pyoxigraph_in_memory(files: list[Path]) -> dict[str, float]:
    """Load ``files`` into an in-memory pyoxigraph store, each into a named graph of its own."""
    before = _resident()
    start = time.perf_counter()
    store = ox.Store()
    for path in files:
        store.load(path=path, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(path.as_uri()))
    took = time.perf_counter() - start
    return {"seconds": took, "quads": len(store), "grown": _resident() - before}


def _pyoxigraph_on_disk(files: list[Path]) -> dict[str, float]:
    """Bulk load ``files`` into a pyoxigraph store on disk, each into a named graph of its own."""

    def quads() -> Iterator[ox.Quad]:
        for path in files:
            graph = ox.NamedNode(path.as_uri())
            for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
                yield ox.Quad(quad.subject, quad.predicate, quad.object, graph)

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        store = ox.Store(tmp)
        store.bulk_extend(quads())
        took = time.perf_counter() - start
        count = len(store)
        del store  # closed, so that every file is complete
        size = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file())
    return {"seconds": took, "quads": count, "bytes": size}


def _rdflib_dataset(files: list[Path]) -> rdflib.Dataset:
    """``files`` parsed into an rdflib dataset, each into a graph of its own."""
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    for path in files:
        dataset.graph(rdflib.URIRef(path.as_uri())).parse(path, format="turtle")
    return dataset


def _rdflib_load(files: list[Path]) -> dict[str, float]:
    """Parse ``files`` into an rdflib dataset, each into a graph of its own."""
    before = _resident()
    start = time.perf_counter()
    dataset = _rdflib_dataset(files)
    took = time.perf_counter() - start
    quads = sum(len(graph) for graph in dataset.graphs())
    return {"seconds": took, "quads": quads, "grown": _resident() - before}


def _rdflib_reach(files: list[Path]) -> dict[str, float]:
    """Count the provisions the shared event reaches in ``files``, by rdflib's SPARQL."""
    import rdflib

    dataset = _rdflib_dataset(files)
    start = time.perf_counter()
    (row,) = dataset.query(reach_query(SHARED_EVENT))
    took = time.perf_counter() - start
    assert isinstance(row, rdflib.query.ResultRow)
    provisions = row[0]
    assert isinstance(provisions, rdflib.Literal)
    return {"seconds": took, "provisions": int(provisions)}


#: What :func:`_baseline` can run: each reads the files it is given and returns its figures.
_BASELINES: dict[str, Callable[[list[Path]], dict[str, float]]] = {
    "pyoxigraph-in-memory": _pyoxigraph_in_memory,
    "pyoxigraph-on-disk": _pyoxigraph_on_disk,
    "rdflib-load": _rdflib_load,
    "rdflib-reach": _rdflib_reach,
}


def _baseline(name: str, folder: Path, limit: int) -> dict[str, float]:
    """Run the baseline ``name`` on the first ``limit`` agreement files in ``folder``, in a
    Python process of its own, and return its figures."""
    done = subprocess.run(
        [sys.executable, __file__, "--baseline", name, str(folder), str(limit)],
        stdout=subprocess.PIPE,
        check=True,
        text=True,
    )
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def _run_baseline(name: str, folder: str, limit: str) -> None:
    """The other end of :func:`_baseline`: print the figures as JSON."""
    print(json.dumps(_BASELINES[name](_agreement_files(Path(folder), int(limit)))))


def _count(store: ox.Store, sparql: str) -> int:
    """The number in the one solution of ``sparql`` over ``store``'s union of graphs."""
    found = store.query(sparql, use_default_graph_as_union=True)
    assert isinstance(found, ox.QuerySolutions)
    number = next(iter(found))[0]
    assert isinstance(number, ox.Literal)
    return int(number.value)


def _loaded(label: str, figures: dict[str, float]) -> None:
    seconds = figures["seconds"]
    print(f"{label:<44} {seconds:8.3f} s  ({figures['quads'] / seconds:,.0f} quads/s)")


def _per_quad(label: str, grown: float, quads: float) -> None:
    print(f"{label:<44} {grown / quads:8.0f} B")


def _reached(label: str, seconds: float, provisions: float) -> None:
    print(f"{label:<44} {seconds:8.3f} s  ({provisions:.0f} provisions)")


def main(count: int = 1000) -> None:
    sample = min(count, RDFLIB_SAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _timed(f"write {count} agreements", lambda: write_portfolio(folder, count))
        before = _resident()
        store = _timed("load (Oxigraph, in memory)", lambda: load([folder], max_input=None))
        grown = _resident() - before
        alone = _baseline("pyoxigraph-in-memory", folder, count)
        _loaded("pyoxigraph alone: load, in memory", alone)
        sampled = _baseline("rdflib-load", folder, sample)
        _loaded(f"rdflib alone: load, {sample} of {count} files", sampled)
        quads = len(store)
        print(f"{'agreement graphs / quads':<44} {len(store.origins)} / {quads}")
        _per_quad("memory per quad, store (target 400)", grown, quads)
        _per_quad("pyoxigraph alone: memory per quad", alone["grown"], alone["quads"])
        _per_quad("rdflib alone: memory per quad", sampled["grown"], sampled["quads"])
        _timed("read the term model (3 queries + networkx)", lambda: model(store))
        print(
            f"{'memory per quad, with the term model':<44} {(_resident() - before) / quads:8.0f} B"
        )
        _in_processes(
            "state on 2031-07-01, every provision", lambda: state(store, dt.date(2031, 7, 1))
        )
        event = f"{BASE}-copy-00000/agi-verified"
        _timed("impact of one agreement's event (no date)", lambda: impact(store, event))
        _timed("named query 'agreements'", lambda: select(store, "agreements"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_portfolio(folder, count, shared_events=True, vary_dates=True)
        store = _timed(
            f"load {count} sharing 3 events, dates varied", lambda: load([folder], max_input=None)
        )
        terms = _timed("read the term model (shared events)", lambda: model(store))
        shared = SHARED_EVENT
        changes = _in_processes(
            "impact of the shared event on 2029-03-01",
            lambda: impact(store, shared, on=dt.date(2029, 3, 1)),
        ).changes
        reached = terms.reach(shared) & terms.provisions.keys()
        print(f"{'provisions it changes / the event reaches':<44} {len(changes)} / {len(reached)}")
        start = time.perf_counter()
        found = _count(store.oxigraph, reach_query(shared))
        _reached("pyoxigraph alone: reach by SPARQL", time.perf_counter() - start, found)
        sampled = _baseline("rdflib-reach", folder, sample)
        _reached(
            f"rdflib alone: reach by SPARQL, {sample} of {count}",
            sampled["seconds"],
            sampled["provisions"],
        )
        _in_processes("impact of the shared event (no date)", lambda: impact(store, shared))
    _persistent(count)


def _persistent(count: int) -> None:
    """The store on disk: loading it, and one CLI query from it, from the files, and by
    pyoxigraph directly (the same SPARQL on the same store, opened read-only); and the same
    files bulk loaded by pyoxigraph alone."""
    from pactgraph.namespaces import PREFIXES
    from pactgraph.persist import persist
    from pactgraph.query import library

    with tempfile.TemporaryDirectory() as tmp:
        files, folder = Path(tmp) / "files", Path(tmp) / "store"
        files.mkdir()
        write_portfolio(files, count)
        start = time.perf_counter()
        done = persist([files], folder, max_input=None)
        took = time.perf_counter() - start
        print(
            f"{'load into the store on disk':<44} {took:8.3f} s  ({done.quads / took:,.0f} quads/s)"
        )
        print(
            f"{'store on disk':<44} {done.bytes_on_disk / 2**20:8.1f} MiB "
            f"({done.bytes_on_disk / done.quads:.0f} bytes per quad)"
        )
        alone = _baseline("pyoxigraph-on-disk", files, count)
        _loaded("pyoxigraph alone: bulk load, on disk", alone)
        print(
            f"{'pyoxigraph alone: store on disk':<44} {alone['bytes'] / 2**20:8.1f} MiB "
            f"({alone['bytes'] / alone['quads']:.0f} bytes per quad)"
        )
        cli = [sys.executable, "-m", "pactgraph", "query", "agreements", "-f", "tsv"]
        _timed("CLI query 'agreements' --store", lambda: subprocess.run(
            [*cli, "--store", str(folder)], capture_output=True, check=True))  # fmt: skip
        one = f"agreement=<{BASE}-copy-00000>"
        parties = [sys.executable, "-m", "pactgraph", "query", "parties", "--bind", one]
        _timed("CLI query 'parties' of one (target 0.5)", lambda: subprocess.run(
            [*parties, "-f", "tsv", "--store", str(folder)], capture_output=True, check=True))  # fmt: skip
        state = [sys.executable, "-m", "pactgraph", "state", "--on", "2031-07-01"]
        for kept in ("first: reads the model", "again: the model kept"):
            _timed(f"CLI state --store ({kept})", lambda: subprocess.run(
                [*state, "--store", str(folder)], capture_output=True, check=True))  # fmt: skip
        _timed("python -m pactgraph --version (start-up)", lambda: subprocess.run(
            [sys.executable, "-m", "pactgraph", "--version"], capture_output=True, check=True))  # fmt: skip
        _timed("CLI query 'agreements' --data (parses)", lambda: subprocess.run(
            [*cli, "--data", str(files), "--max-input", "100000"], capture_output=True, check=True))  # fmt: skip
        text = library()["agreements"].text
        prologue = "".join(f"PREFIX {p}: <{i}>\n" for p, i in PREFIXES.items())

        def direct() -> int:
            generation = (folder / "current").resolve()
            found = ox.Store.read_only(str(generation)).query(
                prologue + text, use_default_graph_as_union=True
            )
            assert isinstance(found, ox.QuerySolutions)
            return sum(1 for _ in found)

        _timed("pyoxigraph alone: open the store, same query", direct)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory':<44} {peak:8.0f} MiB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--baseline"]:
        _run_baseline(*sys.argv[2:5])
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
