"""Time every named query on both SPARQL engines; the figures behind the default engine.

Runs each query of the library (with the bindings of its first golden case) on the bundled
agreement and on a portfolio of copies of it, on Oxigraph and on rdflib, and prints the
median wall time of a few runs. Prints figures only: nothing here passes or fails.

    .venv/bin/python tests/bench/bench_engines.py [--copies 20] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from pactgraph.load import Store, load
from pactgraph.namespaces import PREFIXES
from pactgraph.query import library
from pactgraph.query import query as run_query
from pactgraph.resources import agreements_dir

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"


def bindings(name: str) -> dict[str, str]:
    path = GOLDEN / f"{name}.bundled.json"
    if not path.is_file():
        return {}
    spec = json.loads(path.read_text(encoding="utf-8"))
    prefixes = {**PREFIXES, **{k.rstrip(":"): v for k, v in spec.get("prefixes", {}).items()}}
    out = {}
    for var, value in spec["cases"][0].get("bind", {}).items():
        prefix, _, local = value.partition(":")
        out[var] = f"<{prefixes[prefix]}{local}>" if prefix in prefixes and local else value
    return out


def median_ms(store: Store, name: str, engine: str, repeat: int) -> float:
    query, bind = library()[name], bindings(name)
    run_query(store, query, bind, engine=engine)  # warm up: parse caches, rdflib's dataset copy
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run_query(store, query, bind, engine=engine)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def portfolio(copies: int, folder: Path) -> Store:
    source = agreements_dir() / "microsoft-openai-2025.ttl"  # the first version, copied
    text = source.read_text(encoding="utf-8")
    for i in range(copies):
        copy = text.replace("microsoft-openai-2025", f"microsoft-openai-2025-copy-{i}")
        (folder / f"copy-{i}.ttl").write_text(copy, encoding="utf-8")
    return load([folder])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        stores = {"bundled": load(), f"{args.copies} copies": portfolio(args.copies, Path(tmp))}
        for label, store in stores.items():
            print(f"\n{label}: {len(store)} quads; median of {args.repeat} runs, ms")
            print(f"{'query':<22}{'oxigraph':>10}{'rdflib':>10}{'ratio':>8}")
            totals = {"oxigraph": 0.0, "rdflib": 0.0}
            for name in library():
                ox_ms = median_ms(store, name, "oxigraph", args.repeat)
                rd_ms = median_ms(store, name, "rdflib", args.repeat)
                totals["oxigraph"] += ox_ms
                totals["rdflib"] += rd_ms
                print(f"{name:<22}{ox_ms:>10.2f}{rd_ms:>10.1f}{rd_ms / ox_ms:>7.0f}x")
            ox_all, rd_all = totals["oxigraph"], totals["rdflib"]
            print(f"{'all queries':<22}{ox_all:>10.2f}{rd_all:>10.1f}{rd_all / ox_all:>7.0f}x")


if __name__ == "__main__":
    main()
