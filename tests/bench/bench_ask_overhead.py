"""Benchmark: what ``ask`` adds to the command its question routes to (target: at most 20%).

For each form timed, the question through ``ask`` against the verb it routes to, called
directly with the same arguments: in one process on a loaded store, the verb's answer made
into the plain values its command prints (``as_dict``) as ``ask`` makes its rows (the median
of many calls after one to warm the caches); and end to end on the command line (the median
of several runs of each). Run with ``make bench`` or ``python tests/bench/bench_ask_overhead.py
[RUNS]``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from pactgraph.ask import ask
from pactgraph.impact import impact
from pactgraph.load import load
from pactgraph.lookup import holdings, lifetime
from pactgraph.resources import agreements_dir
from pactgraph.state import state

JULY_2031 = dt.date(2031, 7, 1)


def _median(call: Callable[[], Any], runs: int) -> float:
    call()  # warm the caches both sides share
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _median_process(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(runs: int = 7) -> None:
    store = load(sorted(agreements_dir().glob("*.ttl")))
    pairs: list[tuple[str, str, Callable[[], Any]]] = [
        (
            "impact",
            "what changes when AGI is verified?",
            lambda: impact(store, "AGI verified").as_dict(),
        ),
        ("state", "what is in force on 1 July 2031?", lambda: state(store, JULY_2031).as_dict()),
        (
            "holds",
            "what does Microsoft hold on 1 July 2031?",
            lambda: holdings(store, "Microsoft", on=JULY_2031).as_dict(),
        ),
        (
            "lifetime",
            "when do Microsoft's IP rights to research end?",
            lambda: lifetime(store, "Microsoft's IP rights to research").as_dict(),
        ),
    ]
    print(f"ask against the verb its form routes to, in one process ({runs * 5} calls each)")
    print(f"{'form':10} {'verb':>10} {'ask':>10} {'ratio':>7}  (target <= 1.20)")
    for form, question, verb in pairs:
        direct = _median(verb, runs * 5)
        asked = _median(lambda q=question: ask(store, q), runs * 5)  # type: ignore[misc]
        print(f"{form:10} {direct * 1000:8.2f}ms {asked * 1000:8.2f}ms {asked / direct:7.2f}")
    python = [sys.executable, "-m", "pactgraph"]
    commands = [
        ("impact", ["ask", "what changes when AGI is verified?"], ["impact", "AGI verified"]),
        (
            "state",
            ["ask", "what is in force on 1 July 2031?"],
            ["state", "--on", "2031-07-01", "--status", "in_force"],
        ),
    ]
    print(f"\nend to end on the command line ({runs} runs each)")
    print(f"{'form':10} {'command':>10} {'ask':>10} {'ratio':>7}  (target <= 1.20)")
    for form, asked_argv, direct_argv in commands:
        direct = _median_process(python + direct_argv, runs)
        asked = _median_process(python + asked_argv, runs)
        print(f"{form:10} {direct * 1000:8.1f}ms {asked * 1000:8.1f}ms {asked / direct:7.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
