"""Benchmark: a portfolio of many agreements in one store.

Writes N copies of the bundled agreement, each under IRIs of its own and with its source text,
into a temporary directory, then prints how long loading, the state on a date, the impact of
one agreement's event and a named query take, and the peak memory; then the same portfolio
with three events shared by every copy (as a change of law would be) and every copy's dates
moved a different number of days, and the impact of one. Run with
``python tests/bench/bench_portfolio.py [N]`` (default 1000), or ``make bench``.
"""

from __future__ import annotations

import datetime as dt
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pactgraph.impact import impact
from pactgraph.load import load
from pactgraph.model import model
from pactgraph.query import select
from pactgraph.resources import agreements_dir
from pactgraph.state import state

BASE = "https://w3id.org/pactgraph/id/microsoft-openai-2025"


#: The events every copy shares when ``shared_events`` is set: each copy states them (type,
#: label, prerequisites) in its own graph, as separate files naming one event would.
SHARED_EVENTS = ("agi-verified", "agi-declared", "recapitalization")


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


def _resident() -> int:
    """This process's resident memory, in bytes (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def main(count: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _timed(f"write {count} agreements", lambda: write_portfolio(folder, count))
        before = _resident()
        store = _timed("load (Oxigraph, in memory)", lambda: load([folder], max_input=None))
        quads = len(store)
        print(f"{'agreement graphs / quads':<44} {len(store.origins)} / {quads}")
        print(
            f"{'memory per quad, store (target 400)':<44} {(_resident() - before) / quads:8.0f} B"
        )
        _timed("read the term model (3 queries + networkx)", lambda: model(store))
        print(
            f"{'memory per quad, with the term model':<44} {(_resident() - before) / quads:8.0f} B"
        )
        _timed("state on 2031-07-01, every provision", lambda: state(store, dt.date(2031, 7, 1)))
        event = f"{BASE}-copy-00000/agi-verified"
        _timed("impact of one agreement's event (no date)", lambda: impact(store, event))
        _timed("named query 'agreements'", lambda: select(store, "agreements"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_portfolio(folder, count, shared_events=True, vary_dates=True)
        store = _timed(
            f"load {count} sharing 3 events, dates varied", lambda: load([folder], max_input=None)
        )
        _timed("read the term model (shared events)", lambda: model(store))
        shared = f"{BASE}/agi-verified"
        _timed(
            "impact of the shared event on 2029-03-01",
            lambda: impact(store, shared, on=dt.date(2029, 3, 1)),
        )
        _timed("impact of the shared event (no date)", lambda: impact(store, shared))
    _persistent(count)


def _persistent(count: int) -> None:
    """The store on disk: loading it, and one CLI query from it, from the files, and by
    pyoxigraph directly (the same SPARQL on the same store, opened read-only)."""
    import subprocess
    import sys

    import pyoxigraph as ox

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
        cli = [sys.executable, "-m", "pactgraph", "query", "agreements", "-f", "tsv"]
        _timed("CLI query 'agreements' --store", lambda: subprocess.run(
            [*cli, "--store", str(folder)], capture_output=True, check=True))  # fmt: skip
        one = f"agreement=<{BASE}-copy-00000>"
        parties = [sys.executable, "-m", "pactgraph", "query", "parties", "--bind", one]
        _timed("CLI query 'parties' of one (target 0.5)", lambda: subprocess.run(
            [*parties, "-f", "tsv", "--store", str(folder)], capture_output=True, check=True))  # fmt: skip
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
            return sum(1 for _ in found)

        _timed("pyoxigraph alone: open the store, same query", direct)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory':<44} {peak:8.0f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
