"""The visual explorer: the page's data, its safety, and the page in a real headless Chromium."""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ROOT, assert_one_line_error, run_cli
from pactgraph.kinds import KINDS
from pactgraph.load import Store, load
from pactgraph.query import select
from pactgraph.visualize import view, visualize

TRICKY = DATA / "tricky-labels.ttl"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# What the page must draw, asked of the graph directly (not through the page's own code).
_SHOWN_TYPES = """
VALUES ?type { pg:Right pg:Obligation pg:Restriction pg:Exclusivity pg:Definition
               pg:StatedFact pg:Party skos:Concept pg:Event pg:DateTrigger pg:EarliestOf
               pg:LatestOf }
"""
NODE_COUNT = f"""
SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  {_SHOWN_TYPES} GRAPH ?g {{ ?x a ?type }} ?g a pg:Agreement .
}}"""
EDGE_COUNT = f"""
SELECT (COUNT(*) AS ?n) WHERE {{
  {{ SELECT DISTINCT ?s ?p ?o WHERE {{
    GRAPH ?g {{ ?s ?p ?o }} ?g a pg:Agreement .
    FILTER EXISTS {{ {_SHOWN_TYPES} ?s a ?type }}
    FILTER EXISTS {{ {_SHOWN_TYPES} ?o a ?type }}
  }} }}
}}"""


def _count(store: Store, query: str) -> int:
    (row,) = select(store, query)
    return int(row["n"])


def test_view_draws_every_party_provision_concept_and_trigger(store: Store) -> None:
    data = view(store)
    assert len(data["nodes"]) == _count(store, NODE_COUNT)
    assert len(data["edges"]) == _count(store, EDGE_COUNT)
    assert {n["kind"] for n in data["nodes"]} <= {k.name for k in KINDS if k.explorer}
    research = next(n for n in data["nodes"] if n["id"].endswith("/research-ip-rights"))
    assert research["quote"].startswith("Microsoft’s IP rights to research")


def test_page_is_self_contained_and_requests_nothing(store: Store) -> None:
    page = visualize(store)
    assert "<script src" not in page
    assert "<link" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert not re.search(r"""url\(\s*["']?(https?:)?//""", page)
    assert "@import" not in page
    assert "vis-network" in page


def test_labels_are_data_never_markup() -> None:
    page = visualize(load([TRICKY]))
    assert "<script>alert" not in page
    assert "\\u003cscript\\u003ealert" in page
    assert "&lt;friends&gt;" in page.split("<body>")[1].split("</header>")[0]


def test_viz_writes_only_the_file_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "explorer.html"
    result = run_cli("viz", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["explorer.html"]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_viz_bad_output_paths_are_usage_errors(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "page.html"
    assert_one_line_error(run_cli("viz", "-o", str(missing)), 2, "does not exist")
    assert_one_line_error(run_cli("viz", "-o", str(tmp_path)), 2, "is a directory")
    out = str(tmp_path / "page.html")
    assert_one_line_error(run_cli("viz", "--on", "31/12/2030", "-o", out), 2, "YYYY-MM-DD")
    assert_one_line_error(run_cli("viz", "--impact", "no such event", "-o", out), 2, "no event")
    assert_one_line_error(
        run_cli("viz", "--event", "AGI verified=2029-01-01", "-o", out), 2, "--on"
    )
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ in a real browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is installed by make test (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page opened with every request but the page itself blocked, and its console kept."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function(
            "() => window.pactgraph && window.pactgraph.stabilized", timeout=60_000
        )

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url == self.url:
            route.continue_()
        else:
            route.abort()

    def js(self, expression: str) -> Any:
        return self.page.evaluate(f"() => {expression}")


def _page(browser: Any, tmp_path: Path, *args: str) -> Page:
    out = tmp_path / "page.html"
    result = run_cli("viz", "-o", str(out), *args)
    assert result.returncode == 0, result.stderr
    return Page(browser, out)


@pytest.mark.slow
def test_page_loads_offline_with_the_graphs_nodes_and_edges(
    browser: Any, store: Store, tmp_path: Path
) -> None:
    page = _page(browser, tmp_path)
    assert page.errors == []
    assert page.requests == [page.url]
    assert page.js("pactgraph.nodes.length") == _count(store, NODE_COUNT)
    assert page.js("pactgraph.edges.length") == _count(store, EDGE_COUNT)
    assert page.js("pactgraph.network.body.nodeIndices.length") == _count(store, NODE_COUNT)
    assert page.js("pactgraph.network.physics.physicsEnabled") is False

    shot = tmp_path / "page.png"
    page.page.screenshot(path=str(shot))
    _assert_not_blank(page, shot)

    # Filter by kind: unticking "party" hides exactly the parties.
    parties = page.js("pactgraph.nodes.get().filter(n => n.kind === 'party').length")
    assert parties > 0
    page.page.click("input[data-kind='party']")
    assert page.js("pactgraph.network.body.nodeIndices.length") == (
        _count(store, NODE_COUNT) - parties
    )
    page.page.click("input[data-kind='party']")

    # Search by name outlines the matching nodes and keeps their fill.
    before = dict(page.js("pactgraph.nodes.get().map(n => [n.id, n.color.background])"))
    page.page.fill("#search", "model weights")
    found = page.js("pactgraph.found")
    labels = page.js("pactgraph.nodes.get(pactgraph.found).map(n => n.label)")
    expected = [n["id"] for n in view(store)["nodes"] if "model weights" in n["label"].lower()]
    assert expected
    assert sorted(found) == sorted(expected)
    assert all("model weights" in label.lower() for label in labels)
    after = page.js("pactgraph.nodes.get(pactgraph.found).map(n => [n.id, n.color])")
    for node_id, colour in after:
        assert colour["background"] == before[node_id]
        assert colour["border"] == "#ff006e"
    page.page.fill("#search", "")
    assert page.js("pactgraph.nodes.get().filter(n => n.shadow && n.shadow.enabled).length") == 0
    page.page.close()


_BOXES = """
(() => {
  const net = pactgraph.network;
  return pactgraph.nodeView.getIds().map((id) => [id, net.getBoundingBox(id)]);
})()
"""


def _overlaps(page: Page) -> list[tuple[str, str]]:
    """The pairs of drawn nodes whose boxes (shape and label, as the page draws them) meet."""
    boxes = sorted(page.js(_BOXES), key=lambda b: b[1]["left"])
    found = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            if box_b["left"] >= box_a["right"]:
                break
            if box_a["top"] < box_b["bottom"] and box_b["top"] < box_a["bottom"]:
                found.append((a, b))
    return found


@pytest.mark.slow
def test_no_two_nodes_overlap_and_every_load_draws_the_same(
    browser: Any, store: Store, tmp_path: Path
) -> None:
    for args in ((), ("--on", "2031-07-01"), ("--impact", "AGI verified")):
        first = _page(browser, tmp_path, *args)
        assert _overlaps(first) == []
        positions = first.js("pactgraph.network.getPositions()")
        first.page.close()
        second = _page(browser, tmp_path, *args)
        assert second.js("pactgraph.network.getPositions()") == positions
        second.page.close()
    # The page draws what view() computed, so scripts see the same layout.
    drawn = {n["id"]: (n["x"], n["y"]) for n in view(store)["nodes"]}
    page = _page(browser, tmp_path)
    shown = page.js("pactgraph.network.getPositions()")  # vis-network rounds them
    assert shown.keys() == drawn.keys()
    for node_id, (x, y) in drawn.items():
        assert (shown[node_id]["x"], shown[node_id]["y"]) == pytest.approx((x, y), abs=1)
    page.page.close()


@pytest.mark.slow
def test_clicking_a_node_shows_that_node_and_links_to_its_neighbours(
    browser: Any, store: Store, tmp_path: Path
) -> None:
    nodes = {n["id"]: n for n in view(store)["nodes"]}
    target = next(i for i in nodes if i.endswith("/research-ip-rights"))
    page = _page(browser, tmp_path)
    page.page.mouse.click(*_node_position(page, target))
    assert page.js("pactgraph.shown") == target
    details = page.page.inner_text("#details")
    assert nodes[target]["label"] in details
    assert nodes[target]["quote"] in details
    assert "OpenAI News announcement of 28 October 2025" in details  # its source
    from pactgraph.lookup import lifetime

    life = lifetime(store, target)
    assert f"term: starts {life.starts}; ends {life.ends}" in details
    # Its neighbours, as the graph states them, are links; following one shows it.
    linked = page.js("[...document.querySelectorAll('#details button')].map(b => b.dataset.id)")
    graph_neighbours = {
        e["to"] if e["from"] == target else e["from"]
        for e in view(store)["edges"]
        if target in (e["from"], e["to"])
    }
    assert set(linked) == graph_neighbours
    holder = next(i for i in linked if nodes[i]["kind"] == "party")
    page.page.click(f"#details button[data-id='{holder}']")
    assert page.js("pactgraph.shown") == holder
    assert nodes[holder]["label"] in page.page.inner_text("#details strong")
    page.page.close()


@pytest.mark.slow
def test_tricky_labels_are_shown_not_run(browser: Any, tmp_path: Path) -> None:
    page = _page(browser, tmp_path, "--data", str(TRICKY))
    assert page.errors == []
    assert page.dialogs == []
    labels = set(page.js("pactgraph.nodes.get().map(n => n.label)"))
    assert "ACME <script>alert('x')</script> & Söhne" in labels
    title = page.page.title()
    assert title == 'Tricky "labels" & <friends>'
    page.page.close()


_INKED = """
(() => {
  const canvas = document.querySelector("#graph canvas");
  const ctx = canvas.getContext("2d");
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let inked = 0;
  const colours = new Set();
  for (let i = 0; i < data.length; i += 4 * 7) {
    if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) {
      inked += 1;
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
  }
  return [inked / (data.length / (4 * 7)), colours.size];
})()
"""


def _assert_not_blank(page: Page, path: Path) -> None:
    """The screenshot is a PNG, and the graph's canvas is inked in many colours."""
    assert path.read_bytes().startswith(b"\x89PNG")
    inked, colours = page.js(_INKED)
    assert inked > 0.02, f"canvas looks blank: {inked:.1%} inked"
    assert colours > 20, f"canvas looks blank: {colours} colours"


def _node_position(page: Page, node_id: str) -> tuple[float, float]:
    """Where a node is drawn on the screen, in page coordinates."""
    x, y = page.js(
        f"""(() => {{
        const p = pactgraph.network.getPositions([{json.dumps(node_id)}])[{json.dumps(node_id)}];
        const d = pactgraph.network.canvasToDOM(p);
        const r = document.querySelector("#graph canvas").getBoundingClientRect();
        return [d.x + r.left, d.y + r.top];
    }})()"""
    )
    return x, y


@pytest.mark.slow
def test_hover_shows_label_kind_and_quote(browser: Any, store: Store, tmp_path: Path) -> None:
    page = _page(browser, tmp_path)
    node = next(n for n in view(store)["nodes"] if n["id"].endswith("/research-ip-rights"))
    page.page.mouse.move(*_node_position(page, node["id"]))
    tooltip = page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    text = tooltip.text_content()
    assert node["label"] in text
    assert "kind: right" in text
    assert node["quote"] in text
    page.page.close()


@pytest.mark.slow
def test_impact_mode_highlights_the_provisions_that_change(
    browser: Any, store: Store, tmp_path: Path
) -> None:
    from pactgraph.impact import impact
    from pactgraph.parse import parse_date
    from pactgraph.visualize import CHANGE_COLOURS

    answer = impact(store, "AGI verified", on=parse_date("2029-03-01")).as_dict()
    expected = {c["provision"]: c for c in answer["changes"]}
    assert expected, "the bundled agreement has provisions that end with AGI verified"
    page = _page(browser, tmp_path, "--impact", "AGI verified", "--on", "2029-03-01")
    assert page.errors == []
    assert page.requests == [page.url]
    marked = page.js(
        "pactgraph.nodes.get({filter: n => n.change !== null})"
        ".map(n => [n.id, n.change, n.cause, n.color.background])"
    )
    assert {m[0] for m in marked} == set(expected)
    for node_id, change, cause, colour in marked:
        assert change == expected[node_id]["change"]
        assert cause == expected[node_id]["cause"]
        assert colour == CHANGE_COLOURS[change]
    unchanged = page.js(
        "pactgraph.nodes.get({filter: n => n.change === null && "
        "['right','obligation','restriction','exclusivity','definition','stated fact']"
        ".includes(n.kind)}).map(n => n.color.background)"
    )
    assert unchanged
    assert set(unchanged).isdisjoint(CHANGE_COLOURS.values())
    # Every step of every explanation path is drawn as a highlighted edge.
    path_edges = page.js("pactgraph.edges.get({filter: e => e.path}).map(e => [e.from, e.to])")
    steps = {frozenset(pair) for c in answer["changes"] for pair in itertools.pairwise(c["path"])}
    assert {frozenset(e) for e in path_edges} == steps
    # It reads left to right: each step of a path is right of the one before; only the
    # event and the paths are drawn, at a size read without zooming (1,400 x 900).
    positions = page.js("pactgraph.network.getPositions()")
    for change in answer["changes"]:
        xs = [positions[step]["x"] for step in change["path"]]
        assert xs == sorted(xs), change["path"]
        assert len(set(xs)) == len(xs), change["path"]
    on_paths = {step for c in answer["changes"] for step in c["path"]}
    assert set(page.js("pactgraph.nodeView.getIds()")) == on_paths | {answer["event"]["event"]}
    assert page.js("pactgraph.network.getScale()") * 14 >= 12
    shot = tmp_path / "impact.png"
    page.page.screenshot(path=str(shot))
    _assert_not_blank(page, shot)
    # The rest of the graph is one click away, dimmed, laid out below the paths.
    page.page.click("#show-rest")
    assert page.js("pactgraph.network.body.nodeIndices.length") == _count(store, NODE_COUNT)
    assert _overlaps(page) == []
    lowest_path = max(positions[n]["y"] for n in on_paths)
    rest = page.js("pactgraph.nodes.get({filter: n => !n.focus}).map(n => [n.y, n.opacity])")
    assert rest
    assert all(y > lowest_path and opacity < 1 for y, opacity in rest)
    page.page.close()


@pytest.mark.slow
def test_state_mode_colours_every_provision_by_status(
    browser: Any, store: Store, tmp_path: Path
) -> None:
    from pactgraph.parse import parse_date
    from pactgraph.state import state
    from pactgraph.visualize import STATUS_COLOURS

    answer = state(
        store, parse_date("2031-07-01"), events={"AGI verified": parse_date("2029-03-01")}
    ).as_dict()
    expected = {p["provision"]: p["status"] for p in answer["provisions"]}
    page = _page(browser, tmp_path, "--on", "2031-07-01", "--event", "AGI verified=2029-03-01")
    assert page.errors == []
    shown = dict(
        page.js(
            "pactgraph.nodes.get({filter: n => n.status !== null})"
            ".map(n => [n.id, [n.status, n.color.background]])"
        )
    )
    assert {k: v[0] for k, v in shown.items()} == expected
    assert all(colour == STATUS_COLOURS[status] for status, colour in shown.values())
    assert {"in_force", "ended"} <= set(expected.values())
    bars = page.js("document.querySelectorAll('#timeline svg g.term').length")
    assert bars == len(expected)
    page.page.close()


# ------------------------------------------------------------------ many agreements


def _copies(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the bundled 2025 agreement, each under IRIs of its own."""
    from pactgraph.resources import agreements_dir

    base = "https://w3id.org/pactgraph/id/microsoft-openai-2025"
    text = (agreements_dir() / "microsoft-openai-2025.ttl").read_text(encoding="utf-8")
    for i in range(count):
        copy = text.replace(base, f"{base}-copy-{i}").replace(
            "definitive agreement (October 2025)", f"definitive agreement, copy {i}"
        )
        (folder / f"copy-{i}.ttl").write_text(copy, encoding="utf-8")
    (folder / "microsoft-openai-2025-10-28.txt").write_bytes(
        (agreements_dir() / "microsoft-openai-2025-10-28.txt").read_bytes()
    )
    return sorted(folder.glob("copy-*.ttl"))


def test_many_agreements_are_counted_in_the_heading_and_listed_folded(tmp_path: Path) -> None:
    _copies(tmp_path, 5)
    page = visualize(load([tmp_path]))
    header = page.split("<header>")[1].split("</header>")[0]
    assert "<h1>5 agreements</h1>" in header
    listed = header.split('<details id="agreements">')[1].split("</details>")[0]
    assert [f"copy {i}" in listed for i in range(5)] == [True] * 5


_SHARED = """
SELECT DISTINCT ?x WHERE {
  GRAPH ?a { { ?x ?p ?o } UNION { ?s ?p ?x } } ?a a pg:Agreement .
  GRAPH ?b { { ?x ?q ?y } UNION { ?t ?q ?x } } ?b a pg:Agreement .
  FILTER (STR(?a) < STR(?b))
}"""


@pytest.mark.slow
def test_a_portfolio_opens_on_its_summary_and_draws_one_agreement_at_a_time(
    browser: Any, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = sys.modules["pactgraph.visualize"]  # pactgraph.visualize is the verb
    monkeypatch.setattr(module, "PORTFOLIO_NODES", 10)  # the bundled two versions suffice
    out = tmp_path / "page.html"
    out.write_text(visualize(store), encoding="utf-8")
    page = Page(browser, out)
    assert page.errors == []
    drawn = {n["id"]: n for n in view(store)["nodes"]}
    shared = {r["x"] for r in select(store, _SHARED)} & set(drawn)
    assert shared, "the amendment names nodes of the agreement it amends"
    agreements = set(store.agreement_graphs)
    assert page.js("pactgraph.view") == "summary"
    assert set(page.js("pactgraph.nodeView.getIds()")) == agreements | shared
    assert _overlaps(page) == []

    # Double-clicking an agreement draws that agreement alone, laid out on its own.
    first = store.agreement_graphs[0]
    own = {
        r["x"]
        for r in select(
            store,
            f"SELECT DISTINCT ?x WHERE {{ GRAPH <{first}> {{ {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }} }} }}",
        )
    } & set(drawn)
    page.page.mouse.dblclick(*_node_position(page, first))
    assert page.js("pactgraph.view") == first
    assert set(page.js("pactgraph.nodeView.getIds()")) == own
    assert _overlaps(page) == []

    # Search lists matches from every agreement; a result opens its agreement and the node.
    page.page.click("#back")
    assert page.js("pactgraph.view") == "summary"
    page.page.fill("#search", "model weights")
    matches = page.js("pactgraph.matches")
    assert sorted(matches) == sorted(
        i for i, n in drawn.items() if "model weights" in n["label"].lower()
    )
    page.page.click("#results button")
    shown = page.js("pactgraph.shown")
    assert shown in matches
    assert page.js("pactgraph.view") in agreements
    assert shown in page.js("pactgraph.nodeView.getIds()")
    page.page.close()


def test_pyvis_backend_gives_the_same_drawing_as_a_network(store: Store) -> None:
    from pyvis.network import Network

    net = visualize(store, backend="pyvis")
    assert isinstance(net, Network)
    data = view(store)
    assert {n["id"]: (n["x"], n["y"]) for n in net.nodes} == {
        n["id"]: (n["x"], n["y"]) for n in data["nodes"]
    }
    assert len(net.edges) == len(data["edges"])
    assert net.options["physics"]["enabled"] is False
    with pytest.raises(ValueError, match="'html' or 'pyvis'"):
        visualize(store, backend="svg")  # type: ignore[call-overload]


def test_layout_is_a_function_of_the_graph_and_keeps_boxes_apart(store: Store) -> None:
    from pactgraph.layout import box

    first, second = view(store), view(load())
    assert [(n["id"], n["x"], n["y"]) for n in first["nodes"]] == [
        (n["id"], n["x"], n["y"]) for n in second["nodes"]
    ]
    boxes = []
    for n in first["nodes"]:
        w, h = box(n["label"], n["shape"])
        boxes.append((n["x"] - w / 2, n["x"] + w / 2, n["y"] - h / 2, n["y"] + h / 2))
    for a, b in itertools.combinations(boxes, 2):
        assert a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]


def test_the_vendored_vis_network_is_the_version_its_source_note_names() -> None:
    from pactgraph.visualize import VIS_NETWORK_VERSION

    folder = ROOT / "graph" / "pactgraph" / "static" / "vis-network"
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    assert f"@version {VIS_NETWORK_VERSION}" in script[:400]
    assert "sourceMappingURL" not in script
    assert f"vis-network {VIS_NETWORK_VERSION}" in (folder / "SOURCE.md").read_text()


def test_more_agreements_than_a_summary_draws_are_refused_with_advice(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pactgraph.errors import UsageError

    module = sys.modules["pactgraph.visualize"]
    monkeypatch.setattr(module, "PORTFOLIO_NODES", 10)
    monkeypatch.setattr(module, "SUMMARY_AGREEMENTS", 1)  # the bundled two versions are more
    with pytest.raises(UsageError, match="2 agreements are more than one page can draw"):
        visualize(store)


@pytest.mark.parametrize(
    "options",
    [{"as_of": "2025-12-31"}, {"min_evidence": "party-document"}],
    ids=["as-of", "min-evidence"],
)
def test_the_page_keeps_to_the_versions_and_sources_asked_for(
    store: Store, options: dict[str, Any]
) -> None:
    """The 2026 version (published 2026, known at second hand) is left out: its provisions
    are not drawn, and the 2025 terms read as they stood without it."""
    import datetime as dt

    from pactgraph.model import model

    given = {k: dt.date.fromisoformat(v) if k == "as_of" else v for k, v in options.items()}
    v2 = {p for p, row in model(store).provisions.items() if "openai-2026" in row.agreement}
    drawn = {n["id"]: n for n in view(store, **given)["nodes"]}
    assert v2
    assert not v2 & set(drawn)
    rights = drawn["https://w3id.org/pactgraph/id/microsoft-openai-2025/exclusive-ip-rights"]
    assert "later version" not in rights["term"], rights["term"]
    flag = [f"--{k.replace('_', '-')}" for k in options] + list(options.values())
    result = run_cli("viz", *flag, "-o", "-")
    assert result.returncode == 0, result.stderr
    assert "primary-cloud-partner" not in result.stdout


def test_viz_refuses_an_unknown_kind_of_evidence() -> None:
    assert_one_line_error(run_cli("viz", "--min-evidence", "rumour", "-o", "-"), 2, "rumour")
