"""The visual explorer: one self-contained HTML page that draws the agreements' graph.

:func:`visualize` returns the page as a string; it writes nothing (the caller writes the
file it was asked for, atomically). The page works offline: the vis-network script and
style that ship inside the pyvis package are inlined, there is no CDN, no remote font and
no request of any kind.

What the page shows:

* the parties, provisions (one colour per kind), IP categories and services, events, dates
  and composite triggers of the agreements, each drawn with its kind's colour and shape, and
  the edges between them labelled by relation (:func:`view` gives the same as data);
* a legend that doubles as a filter by kind, a search box, a details panel and hover text
  with each node's label, kind, status and verbatim quote, all put in the page as text
  (never as HTML), so a label such as ``<script>`` is shown, not run;
* physics that lays the graph out, and stops once it has settled;
* in **impact mode** (``impact=`` the answer of :func:`pactgraph.impact.impact`) the
  provisions that change, coloured by change and outlined by cause, with the explanation
  paths drawn; in **state mode** (``state=`` the answer of :func:`pactgraph.state.state`)
  every provision coloured by its status on the date;
* with a state, a timeline of each provision's term (:mod:`pactgraph.timeline`).

The page keeps its graph in ``window.pactgraph`` (``nodes``, ``edges``, ``network``,
``stabilized``) for scripts and tests.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .kinds import KINDS, PROVISION_KINDS

if TYPE_CHECKING:
    from .answers import Impact, State
    from .load import Store

__all__ = ["CAUSE_STYLES", "CHANGE_COLOURS", "STATUS_COLOURS", "view", "visualize"]


#: The kinds the explorer draws, by name.
_DRAWN = {kind.name: kind for kind in KINDS if kind.explorer}

#: Impact mode: the fill of a provision by its change.
CHANGE_COLOURS = {"ends": "#d62828", "begins": "#2b9348", "modified": "#f77f00"}
#: Impact mode: the outline of a changed provision by the cause of its change.
CAUSE_STYLES: dict[str, dict[str, Any]] = {
    "direct": {"borderWidth": 5, "dashes": False},
    "prerequisite": {"borderWidth": 4, "dashes": True},
    "ripple": {"borderWidth": 3, "dashes": [2, 4]},
}
#: State mode: the fill of a provision by its status on the date.
STATUS_COLOURS = {"in_force": "#80ed99", "ended": "#ced4da", "not_started": "#a0c4ff"}
_UNCHANGED = "#eeeeee"

_EVIDENCE = "https://w3id.org/pactgraph/ns#evidence"


@cache
def _vis_assets() -> tuple[str, str]:
    """The vis-network script and style bundled in the pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib"
    folders = sorted(lib.glob("vis-*"), key=lambda p: [int(x) for x in p.name[4:].split(".")])
    folder = folders[-1]
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    return script, style


def view(
    store: Store,
    *,
    impact: Impact | None = None,
    state: State | None = None,
) -> dict[str, Any]:
    """The nodes and edges the page draws, as data (vis-network's node and edge fields).

    Each node has ``id`` (its IRI), ``label``, ``kind``, ``quote`` (verbatim, or ``None``),
    ``status`` (state mode), ``change`` and ``cause`` (impact mode), and its drawing
    fields. Each edge has ``from``, ``to``, ``label`` (the relation) and ``relation``.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; rdfs:label "Lease" ;
    ...         dcterms:date "2024-01-01"^^xsd:date ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" .
    ... ''')
    >>> [(n["label"], n["kind"]) for n in view(store)["nodes"]]
    [('tenancy', 'right')]
    """
    return _view(
        store,
        impact.as_dict() if impact is not None else None,
        state.as_dict() if state is not None else None,
    )


def _view(
    store: Store, impact: Mapping[str, Any] | None, state: Mapping[str, Any] | None
) -> dict[str, Any]:
    from .propertygraph import property_graph

    graph = property_graph(store)
    shown = {n for n, d in graph.nodes(data=True) if d["kind"] in _DRAWN}
    quotes: dict[str, str] = {}
    for source, target, data in graph.edges(data=True):
        if data["predicate"] == _EVIDENCE and source in shown:
            exact = graph.nodes[target].get("oa_exact")
            if isinstance(exact, str):
                quotes.setdefault(source, exact)

    statuses = {p["provision"]: p for p in (state or {}).get("provisions", [])}
    changes = {c["provision"]: c for c in (impact or {}).get("changes", [])}
    nodes: list[dict[str, Any]] = []
    for nid in sorted(shown):
        data = graph.nodes[nid]
        kind = data["kind"]
        style = _DRAWN[kind]
        node: dict[str, Any] = {
            "id": nid,
            "label": data["label"],
            "kind": kind,
            "quote": quotes.get(nid),
            "shape": style.shape,
            "color": {"background": style.colour, "border": "#495057"},
            "borderWidth": 1,
            "status": None,
            "change": None,
            "cause": None,
            "reason": None,
        }
        if nid in statuses:
            entry = statuses[nid]
            node["status"] = entry["status"]
            node["reason"] = entry.get("reason")
            node["color"] = {
                "background": STATUS_COLOURS.get(entry["status"], _UNCHANGED),
                "border": "#212529",
            }
            if entry.get("conditional"):
                node["shapeProperties"] = {"borderDashes": [6, 3]}
                node["borderWidth"] = 3
        if impact is not None and kind in PROVISION_KINDS:
            change = changes.get(nid)
            if change is None:
                node["color"] = {"background": _UNCHANGED, "border": "#adb5bd"}
                node["font"] = {"color": "#868e96"}
            else:
                cause = CAUSE_STYLES.get(change["cause"], CAUSE_STYLES["direct"])
                node["change"] = change["change"]
                node["cause"] = change["cause"]
                node["reason"] = change.get("condition")
                node["color"] = {
                    "background": CHANGE_COLOURS.get(change["change"], _UNCHANGED),
                    "border": "#000000",
                }
                node["borderWidth"] = cause["borderWidth"]
                node["shapeProperties"] = {"borderDashes": cause["dashes"]}
                node["font"] = {"color": "#ffffff"}
        nodes.append(node)

    edges: list[dict[str, Any]] = []
    pairs: dict[frozenset[str], int] = {}
    for source, target, key in sorted(graph.edges(keys=True)):
        if source in shown and target in shown:
            pairs.setdefault(frozenset((source, target)), len(edges))
            edges.append(
                {
                    "id": f"e{len(edges)}",
                    "from": source,
                    "to": target,
                    "label": key.split(":", 1)[-1],
                    "relation": key,
                    "path": False,
                }
            )
    if impact is not None:
        _draw_paths(impact, edges, pairs, shown)
    return {"nodes": nodes, "edges": edges}


def _draw_paths(
    impact: Mapping[str, Any],
    edges: list[dict[str, Any]],
    pairs: dict[frozenset[str], int],
    shown: set[str],
) -> None:
    """Mark the edges of every explanation path; draw a dashed edge where a step has none."""
    for change in impact.get("changes", []):
        path = [step for step in change.get("path", []) if step in shown]
        colour = CHANGE_COLOURS.get(change["change"], "#000000")
        for a, b in itertools.pairwise(path):
            index = pairs.get(frozenset((a, b)))
            if index is None:
                index = len(edges)
                pairs[frozenset((a, b))] = index
                edges.append(
                    {
                        "id": f"e{index}",
                        "from": a,
                        "to": b,
                        "label": "explains",
                        "relation": "explains",
                        "path": True,
                        "dashes": True,
                    }
                )
            edge = edges[index]
            edge["path"] = True
            edge["width"] = 4
            edge["color"] = {"color": colour, "highlight": colour}


def _network(data: Mapping[str, Any]) -> tuple[list[Any], list[Any], dict[str, Any]]:
    """The page's nodes, edges and options, put through a pyvis ``Network``.

    pyvis holds the graph and the physics settings (Barnes-Hut, which settles; the page then
    switches physics off); its HTML writer is not used, because it links Bootstrap from a
    CDN and can write a ``lib/`` folder into the working directory.
    """
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for node in data["nodes"]:
        fields = dict(node)
        nid, label = fields.pop("id"), fields.pop("label")
        shape, colour = fields.pop("shape"), fields.pop("color")
        net.add_node(nid, label=label, shape=shape, color=colour, **fields)
    for edge in data["edges"]:
        fields = dict(edge)
        net.add_edge(fields.pop("from"), fields.pop("to"), **fields)
    net.barnes_hut(
        gravity=-2500, central_gravity=0.5, spring_length=90, spring_strength=0.04, damping=0.4
    )
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    options: dict[str, Any] = json.loads(options_json)
    options["physics"]["stabilization"] = {"enabled": True, "iterations": 400, "fit": True}
    options["physics"]["minVelocity"] = 0.75
    options["physics"]["barnesHut"]["avoidOverlap"] = 0.6
    options["edges"] = {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "font": {"size": 9, "align": "middle", "color": "#495057"},
        "color": {"color": "#adb5bd", "highlight": "#343a40"},
        "smooth": {"enabled": True, "type": "dynamic"},
    }
    options["nodes"] = {
        "font": {"size": 14},
        "widthConstraint": {"maximum": 180},
        "scaling": {"label": {"drawThreshold": 3}},
    }
    options["interaction"] = {"hover": True, "tooltipDelay": 150, "navigationButtons": False}
    return list(nodes), list(edges), options


def _script_json(data: Any) -> str:
    """JSON safe to put inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _title(store: Store, impact: Mapping[str, Any] | None, state: Mapping[str, Any] | None) -> str:
    names = [r.get("label") or r.get("title") or r["agreement"] for r in _agreements(store)]
    title = "; ".join(str(n) for n in names) or "pactgraph"
    if impact is not None:
        event = impact.get("event", {})
        title += f" — impact of {event.get('label') or event.get('event')}"
        if impact.get("on"):
            title += f" on {impact['on']}"
    elif state is not None:
        title += f" — state on {state.get('on')}"
    return title


def _agreements(store: Store) -> list[dict[str, Any]]:
    from .query import select

    return select(store, "agreements")


def visualize(
    store: Store,
    *,
    impact: Impact | None = None,
    state: State | None = None,
    timeline: str | None = None,
) -> str:
    """The explorer page for ``store`` as one self-contained HTML string.

    Parameters
    ----------
    store
        The loaded agreements.
    impact, state
        An answer of :func:`pactgraph.impact.impact` (colour by change, outline by cause,
        explanation paths drawn) or of :func:`pactgraph.state.state` (colour by status).
    timeline
        An SVG drawing (:func:`pactgraph.timeline.timeline_svg`) shown under the graph.

    Returns
    -------
    str
        The page, vis-network inlined, with a content security policy that refuses every
        request: it works offline and fetches nothing.

    Examples
    --------
    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; rdfs:label "Lease" ;
    ...         dcterms:date "2024-01-01"^^xsd:date ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" .
    ... ''')
    >>> page = visualize(store)
    >>> "https://" in page.split("<script>")[0], page.count("<script src")
    (False, 0)
    """
    for name, answer in (("impact", impact), ("state", state)):
        if answer is not None and not hasattr(answer, "as_dict"):
            raise TypeError(
                f"{name}= takes the answer of pactgraph.{name}(...), not {type(answer).__name__}"
                f"; e.g. visualize(store, {name}=pactgraph.{name}(store, ...))"
            )
    script, style = _vis_assets()
    data = view(store, impact=impact, state=state)
    legend = [
        {"kind": kind, "colour": s.colour, "shape": s.shape}
        for kind, s in _DRAWN.items()
        if any(n["kind"] == kind for n in data["nodes"])
    ]
    mode: dict[str, Any] = {"name": "base"}
    if impact is not None:
        mode = {"name": "impact", "changes": CHANGE_COLOURS, "causes": list(CAUSE_STYLES)}
    elif state is not None:
        mode = {"name": "state", "statuses": STATUS_COLOURS, "on": state.on.isoformat()}
    nodes, edges, options = _network(data)
    payload = {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "legend": legend,
        "mode": mode,
    }
    title = _title(
        store,
        impact.as_dict() if impact is not None else None,
        state.as_dict() if state is not None else None,
    )
    timeline_html = (
        f'<section id="timeline"><h2>Timeline</h2>{timeline}</section>' if timeline else ""
    )
    return _PAGE.format(
        title=html.escape(title),
        vis_style=style.replace("</style", "<\\/style"),
        vis_script=script.replace("</script", "<\\/script"),
        payload=_script_json(payload),
        timeline=timeline_html,
        app=_APP,
    )


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{vis_style}</style>
<style>
  body {{ font-family: system-ui, sans-serif; margin: 0; color: #212529; }}
  header {{ padding: 8px 16px; border-bottom: 1px solid #dee2e6; display: flex;
           gap: 16px; align-items: center; flex-wrap: wrap; }}
  header h1 {{ font-size: 16px; margin: 0; }}
  #search {{ padding: 4px 8px; min-width: 220px; }}
  main {{ display: flex; height: 78vh; }}
  #graph {{ flex: 1; border-right: 1px solid #dee2e6; }}
  aside {{ width: 300px; overflow: auto; padding: 8px 12px; font-size: 13px; }}
  #legend label {{ display: flex; align-items: center; gap: 6px; margin: 2px 0; }}
  .swatch {{ width: 14px; height: 14px; border: 1px solid #495057; display: inline-block; }}
  #details blockquote {{ margin: 6px 0; padding-left: 8px; border-left: 3px solid #adb5bd;
                        white-space: pre-wrap; }}
  .tip {{ max-width: 360px; white-space: pre-wrap; font-size: 12px; }}
  .tip b {{ display: block; }}
  #timeline {{ padding: 8px 16px; }}
  #timeline h2 {{ font-size: 15px; }}
</style>
</head>
<body>
<header>
  <h1>{title}</h1>
  <input id="search" type="search" placeholder="search by name" aria-label="search by name">
  <span id="found"></span>
  <span id="mode"></span>
</header>
<main>
  <div id="graph"></div>
  <aside>
    <h3>Legend and filter</h3>
    <div id="legend"></div>
    <div id="mode-legend"></div>
    <h3>Details</h3>
    <div id="details">Click a node.</div>
  </aside>
</main>
{timeline}
<script>{vis_script}</script>
<script id="pactgraph-data" type="application/json">{payload}</script>
<script>{app}</script>
</body>
</html>
"""

_APP = r"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("pactgraph-data").textContent);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const words = (s) => (s || "").replace(/_/g, " ");
  function tip(n) {
    const box = el("div", null, "tip");
    box.appendChild(el("b", n.label));
    box.appendChild(el("div", "kind: " + n.kind));
    if (n.status) box.appendChild(el("div", "status: " + words(n.status)));
    if (n.change) box.appendChild(el("div", "change: " + n.change + " (" + n.cause + ")"));
    if (n.reason) box.appendChild(el("div", n.reason));
    if (n.quote) box.appendChild(el("div", "\u201c" + n.quote + "\u201d"));
    return box;
  }
  for (const n of data.nodes) { n.title = tip(n); n.hiddenByFilter = false; }
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const hiddenKinds = new Set();
  const nodeView = new vis.DataView(nodes, { filter: (n) => !hiddenKinds.has(n.kind) });
  const container = document.getElementById("graph");
  const network = new vis.Network(container, { nodes: nodeView, edges: edges }, data.options);
  const state = { nodes, edges, network, nodeView, stabilized: false, mode: data.mode.name };
  window.pactgraph = state;
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    state.stabilized = true;
    document.body.dataset.stabilized = "yes";
  });

  // Legend, which is also the filter by kind.
  const legend = document.getElementById("legend");
  for (const item of data.legend) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.kind = item.kind;
    box.addEventListener("change", function () {
      if (box.checked) hiddenKinds.delete(item.kind); else hiddenKinds.add(item.kind);
      nodeView.refresh();
    });
    const swatch = el("span", null, "swatch");
    swatch.style.background = item.colour;
    const count = data.nodes.filter((n) => n.kind === item.kind).length;
    label.append(box, swatch, el("span", item.kind + " (" + count + ", " + item.shape + ")"));
    legend.appendChild(label);
  }
  const modeLegend = document.getElementById("mode-legend");
  const modeText = document.getElementById("mode");
  function swatches(title, colours) {
    modeLegend.appendChild(el("h4", title));
    for (const [name, colour] of Object.entries(colours)) {
      const row = el("div");
      const s = el("span", null, "swatch");
      s.style.background = colour;
      row.append(s, el("span", " " + words(name)));
      modeLegend.appendChild(row);
    }
  }
  if (data.mode.name === "impact") {
    modeText.textContent = "impact mode: changed provisions highlighted";
    swatches("Change", data.mode.changes);
    modeLegend.appendChild(el("div",
      "Outline: direct = thick solid, prerequisite = dashed, ripple = dotted. " +
      "Thick coloured edges: the explanation paths."));
  } else if (data.mode.name === "state") {
    modeText.textContent = "state on " + data.mode.on;
    swatches("Status on " + data.mode.on, data.mode.statuses);
    modeLegend.appendChild(el("div", "Dashed outline: the end is conditional."));
  }

  // Details panel.
  const details = document.getElementById("details");
  network.on("click", function (params) {
    if (!params.nodes.length) return;
    const n = nodes.get(params.nodes[0]);
    details.replaceChildren();
    details.appendChild(el("strong", n.label));
    details.appendChild(el("div", n.kind));
    if (n.status) details.appendChild(el("div", "status: " + words(n.status)));
    if (n.change) details.appendChild(el("div", "change: " + n.change + ", " + n.cause));
    if (n.reason) details.appendChild(el("div", n.reason));
    if (n.quote) details.appendChild(el("blockquote", n.quote));
    details.appendChild(el("code", n.id));
  });

  // Search by name: select and fit the nodes whose label contains the text.
  const search = document.getElementById("search");
  const found = document.getElementById("found");
  search.addEventListener("input", function () {
    const q = search.value.trim().toLowerCase();
    if (!q) { network.unselectAll(); found.textContent = ""; return; }
    const ids = nodeView.getIds({ filter: (n) => n.label.toLowerCase().includes(q) });
    network.selectNodes(ids);
    found.textContent = ids.length + " found";
    state.found = ids;
    if (ids.length) network.fit({ nodes: ids, animation: false });
  });
})();
"""
