"""Load the SPARQL endpoint: many clients at once, some sending queries that run to the limit.

Starts ``pactgraph serve`` on the loopback (two workers, a 10 s timeout) and runs CLIENTS
client threads for SECONDS; each sends one query after another, one in twenty a heavy one (a
cartesian product the timeout stops), the rest a cheap named query. Prints the answers per
second, the latency of the cheap queries (p50 and p99, answered or told busy), how many were
answered, told busy (503 with Retry-After, after ``--queue-wait``) or failed, and the longest
stretch with no answer at all. Figures only, nothing passes or fails.

    .venv/bin/python tests/bench/bench_endpoint_load.py [--clients 200] [--seconds 60]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

CHEAP = "PREFIX pg: <https://w3id.org/pactgraph/ns#> SELECT ?party WHERE { ?party a pg:Party }"
HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _client(
    url: str, index: int, until: float, records: list[tuple[float, float, bool, int]]
) -> None:
    sent = 0
    while time.monotonic() < until:
        heavy = (index + sent) % 20 == 0
        sent += 1
        query = HEAVY if heavy else CHEAP
        started = time.monotonic()
        retry = 0.0
        try:
            with urllib.request.urlopen(
                url + "?" + urllib.parse.urlencode({"query": query}), timeout=60
            ) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as err:
            status = err.code
            if status == 503 and err.headers.get("Retry-After"):
                retry = float(err.headers["Retry-After"])
        except OSError:
            status = 0
        records.append((started, time.monotonic(), heavy, status))
        time.sleep(retry)  # as a client honouring Retry-After would


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--queue-wait", default="0.5", help="the server's --queue-wait")
    parser.add_argument("--busy-timeout", default="1", help="the server's --busy-timeout")
    args = parser.parse_args()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pactgraph",
            "serve",
            "--port",
            "0",
            "--timeout",
            "10",
            "--queue-wait",
            args.queue_wait,
            "--busy-timeout",
            args.busy_timeout,
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stderr is not None
        match = re.search(r"(http://\S+/sparql)", server.stderr.readline())
        if not match:
            raise SystemExit("the server did not start")
        records: list[tuple[float, float, bool, int]] = []
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=_client, args=(match[1], i, until, records), daemon=True)
            for i in range(args.clients)
        ]
        begun = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 70)
        took = time.monotonic() - begun
    finally:
        server.terminate()
        server.wait(30)
    cheap = [(end - start, status) for start, end, heavy, status in records if not heavy]
    latencies = sorted(t for t, _ in cheap)
    answered = sum(1 for _, status in cheap if status == 200)
    busy = sum(1 for _, status in cheap if status == 503)
    failed = len(cheap) - answered - busy
    ends = sorted(end for _, end, _, status in records if status in (200, 503) and end <= until)
    gaps = [b - a for a, b in zip([begun, *ends], [*ends, until], strict=False)]
    print(
        f"endpoint under load: {args.clients} clients for {args.seconds:.0f} s, 1 in 20 heavy, "
        f"--queue-wait {args.queue_wait}, --busy-timeout {args.busy_timeout}"
    )
    print(f"{'answers per second (all)':<44} {len(records) / took:8.1f}")
    if latencies:
        p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
        print(f"{'cheap query p50 (answered or busy)':<44} {statistics.median(latencies):8.3f} s")
        print(f"{'cheap query p99 (target 1 s)':<44} {p99:8.3f} s")
    print(f"{'cheap queries answered / busy / failed':<44} {answered} / {busy} / {failed}")
    print(f"{'error rate (failed, not busy)':<44} {failed / max(1, len(cheap)):8.2%}")
    print(f"{'longest stretch with no answer':<44} {max(gaps, default=0.0):8.2f} s")


if __name__ == "__main__":
    main()
