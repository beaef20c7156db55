"""The visual explorer: one self-contained HTML page that draws the agreements' graph.

:func:`visualize` returns the page as a string; it writes nothing (the caller writes the
file it was asked for, atomically). The page works offline: vis-network's standalone script,
shipped in the package (``static/vis-network``), is inlined; there is no CDN, no remote font
and no request of any kind.

What the page shows:

* the parties, provisions (one colour per kind), IP categories and services, events, dates
  and composite triggers of the agreements, each drawn with its kind's colour and shape, and
  the edges between them labelled by relation (:func:`view` gives the same as data);
* laid out once, in Python, left to right (:mod:`pactgraph.layout`): the same graph gives the
  same page, no two nodes overlap, and the page opens settled, with no physics running;
* a legend that doubles as a filter by kind, a search box that outlines what it finds and
  keeps every colour, hover text, and a side panel for the clicked node: kind, status,
  reason, quote, readings, sources and links to its neighbours. All of it is put in the page
  as text (never as HTML), so a label such as ``<script>`` is shown, not run;
* in **impact mode** (``impact=`` the answer of :func:`pactgraph.impact.impact`) the event,
  the triggers and the provisions that change, left to right in the order of the
  explanation paths, coloured by change and outlined by cause; the rest of the graph is laid
  out below, dimmed and hidden until asked for. In **state mode** (``state=`` the answer of
  :func:`pactgraph.state.state`) every provision is coloured by its status on the date;
* with a state, a timeline of each provision's term (:mod:`pactgraph.timeline`).

The page keeps its graph in ``window.pactgraph`` (``nodes``, ``edges``, ``network``,
``stabilized``, ``shown``, ``found``) for scripts and tests.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from .kinds import BY_NAME, KINDS, PROVISION_KINDS
from .layout import COLUMNS, FONT_SIZE, LABEL_WIDTH, impact_columns, layered

if TYPE_CHECKING:
    from pyvis.network import Network

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
_INTERPRETATION = "https://w3id.org/pactgraph/ns#interpretation"
_SOURCE = "http://purl.org/dc/terms/source"
# Space between an impact's paths and the rest of the graph laid out below them.
_REST_GAP = 240
# Past this many edges they are drawn straight and hidden while the view moves.
_CURVED_EDGES = 2000
# The heading names this many agreements; past it, it counts them and lists them folded.
_NAMED = 3
#: Past this many nodes, a page of several agreements opens on a summary of them, and draws
#: one agreement at a time (a canvas redraw of every node takes longer than a frame).
PORTFOLIO_NODES = 1500
#: The most agreements a summary draws: past it the summary itself would be too many nodes
#: to draw, and the page is refused with advice instead.
SUMMARY_AGREEMENTS = 1000
# Node fields the page's side panel reads, which pyvis has no use for.
_PANEL_ONLY = frozenset({"readings", "sources", "quote", "focus", "term"})


#: The version of vis-network the page carries (``static/vis-network/SOURCE.md`` says where
#: the file comes from).
VIS_NETWORK_VERSION = "10.1.5"
_STATIC = Path(__file__).resolve().parent / "static" / "vis-network"


@cache
def _vis_script() -> str:
    """The vis-network standalone script (it carries its own style sheet)."""
    return (_STATIC / "vis-network.min.js").read_text(encoding="utf-8")


def view(
    store: Store,
    *,
    impact: Impact | None = None,
    state: State | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> dict[str, Any]:
    """The nodes and edges the page draws, as data (vis-network's node and edge fields);
    with ``as_of`` or ``min_evidence``, without the provisions they leave out (as
    :func:`visualize`).

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
        as_of=as_of,
        min_evidence=min_evidence,
    )


def _view(
    store: Store,
    impact: Mapping[str, Any] | None,
    state: Mapping[str, Any] | None,
    *,
    place: bool = True,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> dict[str, Any]:
    """The nodes and edges, laid out unless ``place`` is false (a portfolio lays out each
    agreement on its own, and the whole would be laid out for nothing), without the
    provisions ``as_of`` and ``min_evidence`` leave out."""
    from .lookup import left_out
    from .propertygraph import property_graph

    graph = property_graph(store)
    hidden = left_out(store, as_of, min_evidence)
    shown = {n for n, d in graph.nodes(data=True) if d["kind"] in _DRAWN and n not in hidden}
    quotes: dict[str, str] = {}
    readings: dict[str, list[dict[str, str]]] = {}
    sources: dict[str, list[str]] = {}
    for source, target, data in graph.edges(data=True):
        if source not in shown:
            continue
        if data["predicate"] == _EVIDENCE:
            exact = graph.nodes[target].get("oa_exact")
            if isinstance(exact, str):
                quotes.setdefault(source, exact)
            for _, document, how in graph.out_edges(target, data="predicate"):
                name = str(graph.nodes[document].get("label", document))
                if how == _SOURCE and name not in sources.setdefault(source, []):
                    sources[source].append(name)
        elif data["predicate"] == _INTERPRETATION:
            reading = graph.nodes[target]
            label, text = str(reading.get("label", "")), str(reading.get("pg_reading", ""))
            readings.setdefault(source, []).append({"label": label, "reading": text})

    terms = _terms(store, as_of, min_evidence)
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
            "term": terms.get(nid),
            "readings": readings.get(nid, []),
            "sources": sources.get(nid, []),
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
    if place:
        _place(nodes, edges, impact)
    return {"nodes": nodes, "edges": edges}


def _terms(store: Store, as_of: dt.date | None, min_evidence: str | None) -> dict[str, str]:
    """Each provision's term in words, with no event dated: when it starts and ends."""
    from .lookup import lifetimes

    words = {}
    for iri, life in lifetimes(store, as_of=as_of, min_evidence=min_evidence).items():
        text = f"starts {life.starts}; ends {life.ends}"
        if life.conditional:
            text += " (an undated event could change it)"
        words[iri] = text
    return words


def _place(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], impact: Mapping[str, Any] | None
) -> None:
    """Give every node its ``x`` and ``y`` (:mod:`pactgraph.layout`).

    In impact mode the event and the explanation paths are laid out left to right and marked
    ``focus``; the rest of the graph is laid out below them, to be dimmed or hidden.
    """
    focus = _focus(nodes, impact)
    rest = {n["id"]: COLUMNS.get(n["kind"], 1) for n in nodes if n["id"] not in focus}
    positions = layered(nodes, edges, focus)
    below = max((y for _, y in positions.values()), default=-_REST_GAP) + _REST_GAP
    for nid, (x, y) in layered(nodes, edges, rest).items():
        positions[nid] = (x, y + below)
    for node in nodes:
        node["x"], node["y"] = positions[node["id"]]


def _focus(nodes: list[dict[str, Any]], impact: Mapping[str, Any] | None) -> dict[str, int]:
    """Mark ``focus`` the nodes an impact's event and explanation paths pass through, and
    give the column of each (:func:`~pactgraph.layout.impact_columns`)."""
    ids = {n["id"] for n in nodes}
    focus: dict[str, int] = {}
    if impact is not None:
        paths = [[s for s in c.get("path", []) if s in ids] for c in impact.get("changes", [])]
        event = impact.get("event", {}).get("event")
        if event in ids:
            paths.append([event])
        focus = impact_columns(paths)
    for node in nodes:
        node["focus"] = node["id"] in focus
    return focus


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


def _members(store: Store, drawn: set[str]) -> dict[str, set[str]]:
    """The drawn nodes each agreement's graph names, as subject or object."""
    import pyoxigraph as ox

    from .propertygraph import _node_id

    members: dict[str, set[str]] = {}
    for graph in store.agreement_graphs:
        names = members.setdefault(graph, set())
        for quad in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            for term in (quad.subject, quad.object):
                if isinstance(term, ox.NamedNode | ox.BlankNode):
                    nid = _node_id(term)
                    if nid in drawn:
                        names.add(nid)
    return members


def _portfolio(
    store: Store,
    data: Mapping[str, Any],
    names: Mapping[str, str],
    impact: Mapping[str, Any] | None,
) -> dict[str, Any] | None:
    """A summary view and one view per agreement, when the whole graph is too big to draw.

    The summary draws one node per agreement and the nodes several agreements share
    (parties, events, categories), each agreement linked to what it shares; every agreement's
    own view is laid out on its own, as a page of that agreement alone would be. Views list
    node ids with their positions; the nodes themselves are in the page once.
    """
    drawn = {n["id"]: n for n in data["nodes"]}
    members = {g: ids for g, ids in _members(store, set(drawn)).items() if ids}
    if len(members) < 2 or len(drawn) <= PORTFOLIO_NODES:
        return None
    if len(members) > SUMMARY_AGREEMENTS:
        from .errors import UsageError

        raise UsageError(
            f"{len(members):,} agreements are more than one page can draw (its summary draws "
            f"at most {SUMMARY_AGREEMENTS:,}); give viz fewer with --data, or query the "
            "store and export what you need"
        )
    belongs: dict[str, list[str]] = {}
    for graph, ids in members.items():
        for nid in ids:
            belongs.setdefault(nid, []).append(graph)
    own_edges: dict[str, list[dict[str, Any]]] = {graph: [] for graph in members}
    for edge in data["edges"]:
        for graph in belongs.get(edge["from"], ()):
            if edge["to"] in members[graph]:
                own_edges[graph].append(edge)
    shared = sorted(nid for nid, graphs in belongs.items() if len(graphs) > 1)
    agreement = BY_NAME["agreement"]
    summary_nodes: list[dict[str, Any]] = [dict(drawn[nid]) for nid in shared]
    summary_edges: list[dict[str, Any]] = []
    views: list[dict[str, Any]] = []
    changes = {c["provision"] for c in (impact or {}).get("changes", [])}
    for graph in sorted(members, key=lambda g: (names.get(g, g), g)):
        ids = members[graph]
        nodes = [dict(drawn[nid]) for nid in sorted(ids)]
        edges = own_edges[graph]
        _place(nodes, edges, impact)
        changed = len(ids & changes)
        label = names.get(graph, graph)
        summary_nodes.append(
            {
                "id": graph,
                "label": label + (f"\n{changed} change(s)" if impact is not None else ""),
                "kind": "agreement",
                "shape": agreement.shape,
                "color": {
                    "background": CHANGE_COLOURS["modified"] if changed else agreement.colour,
                    "border": "#212529",
                },
                "font": {"color": "#ffffff"},
                "borderWidth": 1,
                "agreement": len(views),
                "members": len(ids),
                "quote": None,
                "readings": [],
                "sources": [],
            }
        )
        for nid in sorted(ids & set(shared)):
            summary_edges.append(
                {"id": f"s{len(summary_edges)}", "from": graph, "to": nid, "label": "shares"}
            )
        views.append(
            {
                "agreement": graph,
                "label": label,
                "nodes": {n["id"]: [n["x"], n["y"], n["focus"]] for n in nodes},
                "edges": [e["id"] for e in edges],
            }
        )
    columns = {n["id"]: COLUMNS.get(n["kind"], 1) for n in summary_nodes}
    positions = layered(summary_nodes, summary_edges, columns)
    for node in summary_nodes:
        node["x"], node["y"] = positions[node["id"]]
        node["focus"] = True
    return {"summary": {"nodes": summary_nodes, "edges": summary_edges}, "views": views}


def _options(edge_count: int) -> dict[str, Any]:
    """The vis-network options: positions as given, no physics, so the page opens settled."""
    smooth: dict[str, Any] | bool = {
        "enabled": True,
        "type": "cubicBezier",
        "forceDirection": "horizontal",
        "roundness": 0.45,
    }
    if edge_count > _CURVED_EDGES:
        smooth = False
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 9, "align": "middle", "color": "#495057"},
            "color": {"color": "#adb5bd", "highlight": "#343a40"},
            "smooth": smooth,
        },
        "nodes": {
            "font": {"size": FONT_SIZE, "face": "arial"},
            "widthConstraint": {"maximum": LABEL_WIDTH},
            "scaling": {"label": {"drawThreshold": 3}},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "hideEdgesOnDrag": edge_count > _CURVED_EDGES,
            "hideEdgesOnZoom": edge_count > _CURVED_EDGES,
        },
    }


def _script_json(data: Any) -> str:
    """JSON safe to put inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _title(
    names: list[str], impact: Mapping[str, Any] | None, state: Mapping[str, Any] | None
) -> str:
    """The page's heading: the agreements' names, or their count past a few, and the mode."""
    title = "; ".join(names) if len(names) <= _NAMED else f"{len(names)} agreements"
    title = title or "pactgraph"
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


@overload
def visualize(
    store: Store,
    *,
    impact: Impact | None = ...,
    state: State | None = ...,
    timeline: str | None = ...,
    backend: Literal["html"] = ...,
    as_of: dt.date | None = ...,
    min_evidence: str | None = ...,
) -> str: ...
@overload
def visualize(
    store: Store,
    *,
    impact: Impact | None = ...,
    state: State | None = ...,
    timeline: str | None = ...,
    backend: Literal["pyvis"],
    as_of: dt.date | None = ...,
    min_evidence: str | None = ...,
) -> Network: ...
def visualize(
    store: Store,
    *,
    impact: Impact | None = None,
    state: State | None = None,
    timeline: str | None = None,
    backend: Literal["html", "pyvis"] = "html",
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> str | Network:
    """The explorer page for ``store`` as one self-contained HTML string.

    Parameters
    ----------
    store
        The loaded agreements.
    impact, state
        An answer of :func:`pactgraph.impact.impact` (colour by change, outline by cause,
        the event and explanation paths laid out left to right, the rest below them and
        hidden until asked for) or of :func:`pactgraph.state.state` (colour by status).
    timeline
        An SVG drawing (:func:`pactgraph.timeline.timeline_svg`) shown under the graph.
    backend
        ``"html"`` (the page) or ``"pyvis"``: a ``pyvis.network.Network`` holding the same
        nodes, edges, positions and options, for notebooks (``pip install pactgraph[pyvis]``).
    as_of, min_evidence
        Draw only the versions published on or before ``as_of``, and the provisions that
        rest on sources of the kind ``min_evidence`` or stronger, each term in words as they
        leave it (give an ``impact`` or ``state`` asked with the same).

    Returns
    -------
    str or pyvis.network.Network
        The page, vis-network inlined, with a content security policy that refuses every
        request: it works offline and fetches nothing. Or the pyvis network.

    Raises
    ------
    TypeError
        ``impact`` or ``state`` is not the answer of the verb of that name.
    ValueError
        ``backend`` is neither ``"html"`` nor ``"pyvis"``.
    UsageError
        More agreements than a summary draws (:data:`SUMMARY_AGREEMENTS`).
    ImportError
        ``backend="pyvis"`` without pyvis installed.

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
    if backend not in ("html", "pyvis"):
        raise ValueError(f"backend= takes 'html' or 'pyvis', not {backend!r}")
    impact_data = impact.as_dict() if impact is not None else None
    state_data = state.as_dict() if state is not None else None
    data = _view(
        store, impact_data, state_data, place=False, as_of=as_of, min_evidence=min_evidence
    )
    options = _options(len(data["edges"]))
    named = {
        str(r["agreement"]): str(r.get("label") or r.get("title") or r["agreement"])
        for r in _agreements(store)
    }
    portfolio = None if backend == "pyvis" else _portfolio(store, data, named, impact_data)
    if portfolio is None:
        _place(data["nodes"], data["edges"], impact_data)
    else:
        _focus(data["nodes"], impact_data)  # the page draws one agreement at a time
    if backend == "pyvis":
        return _pyvis(data, options)
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
    names = list(named.values())
    payload = {
        "nodes": data["nodes"],
        "edges": data["edges"],
        "options": options,
        "legend": legend,
        "mode": mode,
        "agreements": names,
        "portfolio": portfolio,
    }
    title = _title(names, impact_data, state_data)
    listed = ""
    if len(names) > _NAMED:
        items = "".join(f"<li>{html.escape(n)}</li>" for n in names)
        listed = f'<details id="agreements"><summary>which</summary><ol>{items}</ol></details>'
    timeline_html = (
        f'<section id="timeline"><h2>Timeline</h2>{timeline}</section>' if timeline else ""
    )
    return _PAGE.format(
        title=html.escape(title),
        agreements=listed,
        vis_script=_vis_script().replace("</script", "<\\/script"),
        payload=_script_json(payload),
        timeline=timeline_html,
        app=_APP,
    )


def _pyvis(data: Mapping[str, Any], options: Mapping[str, Any]) -> Network:
    """The same drawing as a ``pyvis.network.Network``, for notebooks."""
    try:
        from pyvis.network import Network
    except ImportError as exc:
        raise ImportError("backend='pyvis' needs pyvis: pip install 'pactgraph[pyvis]'") from exc
    net = Network(directed=True, cdn_resources="in_line")
    for node in data["nodes"]:
        fields = {k: v for k, v in node.items() if v is not None and k not in _PANEL_ONLY}
        nid, label = fields.pop("id"), fields.pop("label")
        title = str(label) + (f"\n{node['quote']}" if node.get("quote") else "")
        net.add_node(nid, label=label, title=title, physics=False, **fields)
    for edge in data["edges"]:
        fields = dict(edge)
        net.add_edge(fields.pop("from"), fields.pop("to"), **fields)
    net.set_options(json.dumps(options))
    return net


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  body {{ font-family: system-ui, sans-serif; margin: 0; color: #212529; }}
  header {{ padding: 8px 16px; border-bottom: 1px solid #dee2e6; display: flex;
           gap: 16px; align-items: center; flex-wrap: wrap; }}
  header h1 {{ font-size: 16px; margin: 0; }}
  #agreements {{ font-size: 13px; }}
  #agreements ol {{ position: absolute; z-index: 10; background: #fff; margin: 4px 0;
                   padding: 8px 8px 8px 32px; border: 1px solid #dee2e6; max-height: 50vh;
                   overflow: auto; }}
  #search {{ padding: 4px 8px; min-width: 220px; }}
  main {{ display: flex; height: calc(100vh - 60px); min-height: 420px; }}
  #graph {{ flex: 1; border-right: 1px solid #dee2e6; }}
  aside {{ width: 340px; overflow: auto; padding: 8px 12px; font-size: 13px; }}
  #legend label {{ display: flex; align-items: center; gap: 6px; margin: 2px 0; }}
  .swatch {{ width: 14px; height: 14px; border: 1px solid #495057; display: inline-block; }}
  #details blockquote {{ margin: 6px 0; padding-left: 8px; border-left: 3px solid #adb5bd;
                        white-space: pre-wrap; }}
  #details ul {{ padding-left: 16px; margin: 4px 0; }}
  #details button {{ border: none; background: none; padding: 0; color: #0b5ed7;
                     cursor: pointer; text-align: left; font: inherit; }}
  #details h4 {{ margin: 10px 0 2px; }}
  .tip {{ max-width: 360px; white-space: pre-wrap; font-size: 12px; }}
  .tip b {{ display: block; }}
  #timeline {{ padding: 8px 16px; }}
  #timeline h2 {{ font-size: 15px; }}
</style>
</head>
<body>
<header>
  <h1>{title}</h1>
  {agreements}
  <input id="search" type="search" placeholder="search by name" aria-label="search by name">
  <span id="found"></span>
  <span id="mode"></span>
  <button id="back" hidden>&larr; all agreements</button>
  <span id="view"></span>
</header>
<main>
  <div id="graph"></div>
  <aside>
    <h3>Details</h3>
    <div id="details">Click a node.</div>
    <ul id="results"></ul>
    <h3>Legend and filter</h3>
    <div id="legend"></div>
    <div id="mode-legend"></div>
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
  const impactMode = data.mode.name === "impact";
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
  const portfolio = data.portfolio;
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const where = new Map();  // node id -> the agreement views that draw it
  if (portfolio) {
    for (const n of portfolio.summary.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
    portfolio.views.forEach((v, i) => {
      for (const id of Object.keys(v.nodes)) {
        if (!where.has(id)) where.set(id, []);
        where.get(id).push(i);
      }
    });
  }
  const hiddenKinds = new Set();
  let showRest = false;
  let anyFocus = false;
  const container = document.getElementById("graph");
  const network = new vis.Network(container, {}, data.options);
  const state = { network, stabilized: false, mode: data.mode.name, view: "all" };
  window.pactgraph = state;
  let drawn = new Map();  // node id -> its fill and outline as drawn, to restore after search
  function draw(list, edgeList) {
    const copies = list.map((n) => {
      const c = Object.assign({}, n);
      c.title = tip(n);
      if (impactMode && !n.focus) c.opacity = 0.35;
      return c;
    });
    anyFocus = copies.some((n) => n.focus);
    const nodes = new vis.DataSet(copies);
    const edges = new vis.DataSet(edgeList);
    const nodeView = new vis.DataView(nodes, {
      filter: (n) => !hiddenKinds.has(n.kind) && (showRest || !impactMode || !anyFocus || n.focus),
    });
    drawn = new Map(copies.map((n) =>
      [n.id, { borderWidth: n.borderWidth, color: Object.assign({}, n.color) }]));
    marked = [];
    Object.assign(state, { nodes, edges, nodeView, found: [] });
    network.setData({ nodes: nodeView, edges });
    network.fit({ animation: false });
  }
  const back = document.getElementById("back");
  const viewName = document.getElementById("view");
  function openSummary() {
    state.view = "summary";
    draw(portfolio.summary.nodes, portfolio.summary.edges);
    back.hidden = true;
    viewName.textContent = portfolio.views.length + " agreements: each linked to what it " +
      "shares with others; double-click one to open it";
  }
  function openAgreement(index) {
    const v = portfolio.views[index];
    state.view = v.agreement;
    const list = Object.entries(v.nodes).map(([id, [x, y, focus]]) =>
      Object.assign({}, byId.get(id), { x, y, focus }));
    draw(list, v.edges.map((id) => edgeById.get(id)));
    back.hidden = false;
    viewName.textContent = v.label;
  }
  back.addEventListener("click", openSummary);
  network.on("doubleClick", function (params) {
    const n = params.nodes.length && byId.get(params.nodes[0]);
    if (n && n.kind === "agreement" && portfolio) openAgreement(n.agreement);
  });
  network.once("afterDrawing", function () {
    state.stabilized = true;
    document.body.dataset.stabilized = "yes";
  });
  let marked = [];
  if (portfolio) openSummary(); else draw(data.nodes, data.edges);

  // Legend, which is also the filter by kind; in impact mode, a switch for the rest.
  const legend = document.getElementById("legend");
  function checkbox(text, checked, onChange, swatchColour, kind) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    if (kind) box.dataset.kind = kind;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    if (swatchColour) {
      const swatch = el("span", null, "swatch");
      swatch.style.background = swatchColour;
      label.appendChild(swatch);
    }
    label.appendChild(el("span", text));
    legend.appendChild(label);
    return box;
  }
  if (impactMode && data.nodes.some((n) => n.focus)) {
    const rest = checkbox("show what does not change", false, function (on) {
      showRest = on;
      state.nodeView.refresh();
      network.fit({ animation: false });
    });
    rest.id = "show-rest";
  }
  for (const item of data.legend) {
    const count = data.nodes.filter((n) => n.kind === item.kind).length;
    checkbox(item.kind + " (" + count + ", " + item.shape + ")", true, function (on) {
      if (on) hiddenKinds.delete(item.kind); else hiddenKinds.add(item.kind);
      state.nodeView.refresh();
    }, item.colour, item.kind);
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
  if (impactMode) {
    modeText.textContent = "impact: the event, then what it changes, left to right";
    swatches("Change", data.mode.changes);
    modeLegend.appendChild(el("div",
      "Outline: direct = thick solid, prerequisite = dashed, ripple = dotted. " +
      "Thick coloured edges: the explanation paths."));
  } else if (data.mode.name === "state") {
    modeText.textContent = "state on " + data.mode.on;
    swatches("Status on " + data.mode.on, data.mode.statuses);
    modeLegend.appendChild(el("div", "Dashed outline: the end is conditional."));
  }

  // Details panel: the clicked node, its readings and sources, links to its neighbours.
  const details = document.getElementById("details");
  function neighbours(id) {
    const out = [];
    for (const e of state.edges.get()) {
      if (e.from === id && byId.has(e.to)) out.push([e.label, byId.get(e.to), "\u2192"]);
      else if (e.to === id && byId.has(e.from)) out.push([e.label, byId.get(e.from), "\u2190"]);
    }
    return out;
  }
  function show(id) {
    const n = byId.get(id);
    if (!n) return;
    state.shown = id;
    details.replaceChildren();
    details.appendChild(el("strong", n.label));
    details.appendChild(el("div", n.kind));
    if (n.term) details.appendChild(el("div", "term: " + n.term));
    if (n.status) details.appendChild(el("div", "status: " + words(n.status)));
    if (n.change) details.appendChild(el("div", "change: " + n.change + ", " + n.cause));
    if (n.reason) details.appendChild(el("div", n.reason));
    if (n.quote) details.appendChild(el("blockquote", n.quote));
    if (n.readings && n.readings.length) {
      details.appendChild(el("h4", "Readings"));
      for (const r of n.readings) {
        const p = el("div");
        p.appendChild(el("em", r.label + ": "));
        p.appendChild(el("span", r.reading));
        details.appendChild(p);
      }
    }
    if (n.kind === "agreement" && portfolio) {
      details.appendChild(el("div", n.members + " nodes"));
      const open = el("button", "open this agreement");
      open.id = "open-agreement";
      open.addEventListener("click", function () { openAgreement(n.agreement); show(n.id); });
      details.appendChild(open);
    }
    if (n.sources && n.sources.length) {
      details.appendChild(el("h4", "Sources"));
      const ul = el("ul");
      for (const s of n.sources) ul.appendChild(el("li", s));
      details.appendChild(ul);
    }
    const near = neighbours(id);
    if (near.length) {
      details.appendChild(el("h4", "Linked"));
      const ul = el("ul");
      for (const [relation, other, arrow] of near) {
        const li = el("li", arrow + " " + relation + " ");
        const link = el("button", other.label);
        link.dataset.id = other.id;
        link.addEventListener("click", function () {
          if (!state.nodeView.get(other.id)) { showRest = true; state.nodeView.refresh(); }
          network.selectNodes([other.id]);
          network.focus(other.id, { animation: false, scale: Math.max(network.getScale(), 0.8) });
          show(other.id);
        });
        li.appendChild(link);
        ul.appendChild(li);
      }
      details.appendChild(ul);
    }
    details.appendChild(el("code", n.id));
  }
  network.on("click", function (params) {
    if (params.nodes.length) show(params.nodes[0]);
  });

  // Search by name: outline what the view draws whose label holds the text, keeping its
  // colours; in a portfolio, also list every match with a link to the agreement that has it.
  const search = document.getElementById("search");
  const found = document.getElementById("found");
  const results = document.getElementById("results");
  const lower = data.nodes.map((n) => [n.id, n.label.toLowerCase()]);
  function focusOn(id) {
    network.selectNodes([id]);
    network.focus(id, { animation: false, scale: Math.max(network.getScale(), 0.8) });
    show(id);
  }
  search.addEventListener("input", function () {
    const q = search.value.trim().toLowerCase();
    const restore = marked.filter((id) => drawn.has(id))
      .map((id) => Object.assign({ id, shadow: false }, drawn.get(id)));
    const all = q ? lower.filter(([, label]) => label.includes(q)).map(([id]) => id) : [];
    const ids = all.filter((id) => drawn.has(id) && state.nodeView.get(id));
    const mark = ids.map((id) => {
      const n = drawn.get(id);
      return { id, borderWidth: Math.max(4, n.borderWidth || 1),
               shadow: { enabled: true, color: "#ff006e", size: 16, x: 0, y: 0 },
               color: Object.assign({}, n.color, { border: "#ff006e" }) };
    });
    state.nodes.update(restore.concat(mark));
    marked = ids;
    state.found = ids;
    state.matches = all;
    found.textContent = q ? all.length + " found" : "";
    if (ids.length) network.fit({ nodes: ids, animation: false });
    results.replaceChildren();
    if (!portfolio || !q) return;
    for (const id of all.slice(0, 50)) {
      const li = el("li");
      const link = el("button", byId.get(id).label);
      link.dataset.id = id;
      link.addEventListener("click", function () {
        const views = where.get(id) || [];
        if (!drawn.has(id) && views.length) openAgreement(views[0]);
        focusOn(id);
      });
      li.appendChild(link);
      const views = where.get(id) || [];
      if (views.length) {
        li.appendChild(el("span", " \u2014 " + portfolio.views[views[0]].label +
          (views.length > 1 ? " and " + (views.length - 1) + " more" : "")));
      }
      results.appendChild(li);
    }
  });
})();
"""
