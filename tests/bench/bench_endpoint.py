"""Time the SPARQL endpoint: start ``pactgraph serve`` and query it over HTTP.

Prints the server's start-up time and, for a few named queries, the median round trip of
GET requests (one client, keep-alive off), next to the same query run in-process. Prints
figures only: nothing here passes or fails.

    .venv/bin/python tests/bench/bench_endpoint.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import warnings

from pactgraph.load import load
from pactgraph.query import library
from pactgraph.query import query as run_query

QUERIES = ["parties", "changes", "timeline", "inventory", "quotes"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "pactgraph", "serve", "--port", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        match = re.search(r"(http://\S+/sparql)", line)
        if not match:
            raise SystemExit(f"the server did not start: {line}")
        url = match[1]
        print(f"start-up (load, two query workers): {time.perf_counter() - started:.2f} s")
        store = load()
        print(f"{'query':<14}{'HTTP ms':>10}{'in-process ms':>15}")
        for name in QUERIES:
            text = library()[name].text
            get = url + "?" + urllib.parse.urlencode({"query": text})
            http_times, local_times = [], []
            for _ in range(args.repeat):
                start = time.perf_counter()
                with urllib.request.urlopen(get, timeout=30) as response:
                    response.read()
                http_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                run_query(store, text)
                local_times.append(time.perf_counter() - start)
            http_ms = statistics.median(http_times) * 1000
            local_ms = statistics.median(local_times) * 1000
            print(f"{name:<14}{http_ms:>10.2f}{local_ms:>15.2f}")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
