"""Benchmark: every export format and the explorer page, in process, on the bundled agreement.

Prints, for each format, the median time to build the export from a loaded store and its
size; then the same for the ``viz`` page. Run with ``make bench`` or
``python tests/bench/bench_export_viz.py [RUNS]``. No targets are asserted here.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from pactgraph.export import EXPORTERS, export
from pactgraph.load import load
from pactgraph.visualize import visualize


def _median(make: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = make()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(runs: int = 5) -> None:
    store = load()
    print(f"runs per format {runs}; bundled agreement, {len(store)} quads")
    for fmt in EXPORTERS:
        seconds, data = _median(lambda fmt=fmt: export(store, fmt), runs)
        size = len(data) if isinstance(data, bytes) else sum(len(v) for v in data.values())
        print(f"export {fmt:<10} {seconds * 1000:8.1f} ms {size / 1024:8.1f} KiB")
    seconds, page = _median(lambda: visualize(store), runs)
    print(f"viz page          {seconds * 1000:8.1f} ms {len(page) / 1024:8.1f} KiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
