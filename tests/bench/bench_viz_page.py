"""Benchmark: the explorer page of a large portfolio, built in Python and opened in chromium.

Writes enough copies of the bundled agreement for about 5,000 nodes (see
``bench_portfolio.py``), builds the ``viz`` page, opens it in Debian's headless chromium and
prints: the time and peak memory to build the page; the time from navigation until the graph
is drawn; the longest main-thread task while it opens (the browser's Long Tasks API); and the
time a search takes to outline and list what it finds, and, when the page opens on a
portfolio's summary, the time to open one agreement from the search results. Targets: drawn within 3 s, no task over 200 ms,
a search within one frame (16 ms). Run with ``python tests/bench/bench_viz_page.py [NODES]``
or ``make bench``. Skipped without ``/usr/bin/chromium``.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from bench_portfolio import write_portfolio

from pactgraph.load import load
from pactgraph.visualize import view, visualize

CHROMIUM = Path("/usr/bin/chromium")
# Collect long tasks from the start: the observer is installed before the page's scripts run.
_OBSERVE = """
window.__longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
}).observe({ type: "longtask", buffered: true });
"""
_SEARCH = """
(() => {
  const box = document.getElementById("search");
  box.value = "model weights";
  const start = performance.now();
  box.dispatchEvent(new Event("input"));
  return [performance.now() - start, pactgraph.matches.length];
})()
"""
_OPEN = """
(() => {
  const start = performance.now();
  document.querySelector("#results button").click();
  return [performance.now() - start, pactgraph.nodeView.length];
})()
"""


def main(nodes: int = 5000) -> None:
    per_agreement = len(view(load())["nodes"])
    copies = max(1, round(nodes / per_agreement))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_portfolio(folder, copies)
        store = load([folder])
        start = time.perf_counter()
        page = visualize(store)
        built = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out = folder / "page.html"
        out.write_text(page, encoding="utf-8")
        drawn = len(view(store)["nodes"])
        print(f"viz page, {copies} agreements, {drawn} nodes")
        print(f"{'build the page (visualize)':<44} {built:8.3f} s  ({len(page) / 2**20:.1f} MiB)")
        print(f"{'peak memory of the build':<44} {peak:8.0f} MiB")
        if not CHROMIUM.exists():
            print("chromium not installed: page timings skipped (make browser-deps)")
            return
        _in_browser(out)


def _in_browser(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.add_init_script(_OBSERVE)
        start = time.perf_counter()
        page.goto(out.resolve().as_uri())
        page.wait_for_function("() => window.pactgraph && window.pactgraph.stabilized", timeout=0)
        opened = time.perf_counter() - start
        page.wait_for_timeout(500)
        longest = page.evaluate("() => window.__longest")
        search_ms, found = page.evaluate(_SEARCH)
        portfolio = page.evaluate("() => pactgraph.view") == "summary"
        if portfolio:
            open_ms, shown = page.evaluate(_OPEN)
        browser.close()
    print(f"{'page drawn after navigation (target 3 s)':<44} {opened:8.3f} s")
    print(f"{'longest main-thread task (target 200 ms)':<44} {longest:8.0f} ms")
    print(f"{f'search, {found} found (target 16 ms)':<44} {search_ms:8.1f} ms")
    if portfolio:
        print(f"{f'open one agreement from the summary, {shown} nodes':<44} {open_ms:8.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
