"""Benchmark: ``pactgraph ask "what changes when AGI is verified?"`` end to end.

Prints the median wall time of several runs of the command and of a bare
``python -c "import rdflib, networkx"`` on the same machine, and their ratio (target: at
most 1.5). Run with ``make bench`` or ``python tests/bench/bench_ask.py [RUNS]``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def _median_seconds(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(runs: int = 9) -> None:
    python = sys.executable
    baseline = _median_seconds([python, "-c", "import rdflib, networkx"], runs)
    question = "what changes when AGI is verified?"
    ask = _median_seconds([python, "-m", "pactgraph", "ask", question], runs)
    print(f"runs per command                    {runs}")
    print(f"python -c 'import rdflib, networkx' {baseline * 1000:8.1f} ms (median)")
    print(f"pactgraph ask '{question}' {ask * 1000:8.1f} ms (median)")
    print(f"ratio                               {ask / baseline:8.2f} (target <= 1.5)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
