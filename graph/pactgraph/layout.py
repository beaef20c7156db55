"""Where the explorer puts each node: a layered drawing, computed once, the same for the same graph.

The explorer draws agreements left to right, the way they read:

* **the whole graph**: parties, then provisions, then what provisions cover, then the dates and
  composite triggers that start and end them, then the events those wait for
  (:data:`COLUMNS`);
* **an impact**: the event, then each step of the explanation paths, so the provisions that
  change sit right of the triggers that change them, and what rests on them further right
  (:func:`impact_columns`).

Within a column nodes are ordered to keep edges short (the barycentre heuristic of Sugiyama,
Tagawa and Toda, 1981: a few sweeps, each sorting a column by the mean place of its
neighbours in the columns beside it, ties broken by label and IRI so the order never depends
on anything but the graph). A long column wraps into several, so a portfolio is wide rather
than a thin ribbon. Every node gets a box sized from its label as vis-network draws it
(:func:`box`, generous for any sans-serif face), and boxes are stacked with a gap, so no two
overlap. The whole layout takes linear time in the nodes and edges times a few sweeps; the
page then draws it with physics off, so it opens settled and never moves by itself.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .kinds import KINDS, PROVISION_KINDS

__all__ = ["COLUMNS", "box", "impact_columns", "layered"]

#: The column of each kind in the drawing of the whole graph.
COLUMNS: dict[str, int] = {
    "party": 0,
    **{kind: 1 for kind in PROVISION_KINDS},
    "IP category": 2,
    "date": 3,
    "earliest of": 3,
    "latest of": 3,
    "composite trigger": 3,
    "event": 4,
}

#: The widest a label is drawn (vis-network's ``widthConstraint.maximum``), in pixels.
LABEL_WIDTH = 180
#: The label font size, in pixels.
FONT_SIZE = 14
# An upper bound on a character's advance at FONT_SIZE in the sans-serif faces a browser
# picks for "arial" (Arial, Liberation Sans, DejaVu Sans, the widest of them), and the line
# height vis-network uses.
_CHAR = 0.6 * FONT_SIZE
_LINE = 1.3 * FONT_SIZE
_MARGIN = 5
_SHAPE = 50
"""Width and height of the shapes drawn with the label below them (size 25)."""
_LABEL_BELOW = frozenset(
    {"diamond", "hexagon", "triangle", "triangleDown", "dot", "star", "square"}
)

#: Space between two boxes in a column, and between columns (room for the edge labels).
ROW_GAP = 22
COLUMN_GAP = 170
WRAP_GAP = 60

_KIND_ORDER = {kind.name: i for i, kind in enumerate(KINDS)}


def _lines(label: str) -> list[str]:
    """The label broken into lines as vis-network breaks it: at spaces, within the width."""
    per_line = max(1, int(LABEL_WIDTH // _CHAR))
    lines: list[str] = []
    for paragraph in label.split("\n"):
        line = ""
        for whole in paragraph.split(" "):
            word = whole
            while len(word) > per_line:  # a word wider than the box is cut
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:per_line])
                word = word[per_line:]
            candidate = f"{line} {word}" if line else word
            if len(candidate) <= per_line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines or [""]


def box(label: str, shape: str) -> tuple[float, float]:
    """The width and height of a node's drawing, label included, in pixels.

    >>> box("tenancy", "box")
    (68.8, 28.2)
    >>> box("rent review", "diamond")[1] > box("rent review", "box")[1]
    True
    """
    lines = _lines(label)
    text_w = max(len(line) for line in lines) * _CHAR
    text_h = len(lines) * _LINE
    if shape in _LABEL_BELOW:
        return round(max(_SHAPE, text_w), 1), round(_SHAPE + 4 + text_h, 1)
    width, height = text_w + 2 * _MARGIN, text_h + 2 * _MARGIN
    if shape == "ellipse":
        return round(width + height, 1), round(2 * height, 1)
    if shape == "circle":
        side = max(width, height)
        return round(side, 1), round(side, 1)
    return round(width, 1), round(height, 1)


def impact_columns(paths: Iterable[Sequence[str]]) -> dict[str, int]:
    """The column of each node on an explanation path: its earliest step on any path.

    >>> impact_columns([("event", "trigger", "a"), ("event", "trigger", "a", "b")])
    {'event': 0, 'trigger': 1, 'a': 2, 'b': 3}
    """
    columns: dict[str, int] = {}
    for path in paths:
        for step, node in enumerate(path):
            if step < columns.get(node, step + 1):
                columns[node] = step
    return columns


def layered(
    nodes: Sequence[Mapping[str, Any]],
    edges: Sequence[Mapping[str, Any]],
    columns: Mapping[str, int],
    *,
    sweeps: int = 4,
) -> dict[str, tuple[float, float]]:
    """The centre of each node in ``columns``: layered left to right, no two boxes overlapping.

    Parameters
    ----------
    nodes
        The nodes, each with ``id``, ``label``, ``kind`` and ``shape``.
    edges
        The edges, each with ``from`` and ``to``; they order the nodes within a column.
    columns
        The column of each node to place; nodes not in it get no position.
    sweeps
        Rounds of the barycentre heuristic (each one left to right and back).

    Returns
    -------
    dict
        ``{id: (x, y)}``, the top of the drawing at ``y = 0`` and its left edge at ``x = 0``.

    Examples
    --------
    Two parties each holding one right: the rights are put in the order of their holders.

    >>> nodes = [{"id": i, "label": i, "kind": "right", "shape": "box"} for i in "azbc"]
    >>> edges = [{"from": "b", "to": "z"}, {"from": "c", "to": "a"}]
    >>> pos = layered(nodes, edges, {"a": 0, "z": 0, "b": 1, "c": 1})
    >>> pos["a"][0] < pos["c"][0], pos["c"][1] < pos["b"][1]
    (True, True)
    """
    by_id = {n["id"]: n for n in nodes if n["id"] in columns}
    sizes = {nid: box(str(n["label"]), str(n["shape"])) for nid, n in by_id.items()}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        a, b = edge["from"], edge["to"]
        if a in by_id and b in by_id and a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)

    def first_key(nid: str) -> tuple[int, str, str]:
        node = by_id[nid]
        return (_KIND_ORDER.get(str(node["kind"]), len(_KIND_ORDER)), str(node["label"]), nid)

    order: dict[int, list[str]] = defaultdict(list)
    for nid in sorted(by_id, key=first_key):
        order[columns[nid]].append(nid)
    ranks = sorted(order)
    place = {nid: i / max(1, len(col) - 1) for col in order.values() for i, nid in enumerate(col)}

    def sort_column(rank: int) -> None:
        column = order[rank]
        keyed = []
        for i, nid in enumerate(column):
            near = [place[m] for m in neighbours[nid] if columns[m] != rank]
            keyed.append((sum(near) / len(near) if near else place[nid], i, nid))
        keyed.sort()
        order[rank] = [nid for _, _, nid in keyed]
        for i, nid in enumerate(order[rank]):
            place[nid] = i / max(1, len(column) - 1)

    for _ in range(sweeps):
        for rank in ranks[1:] + ranks[-2::-1]:
            sort_column(rank)

    rows = max(8, math.ceil(1.6 * math.sqrt(len(by_id))))
    chunks: list[tuple[bool, list[str]]] = []  # (ends a column, its nodes)
    for rank in ranks:
        starts = range(0, len(order[rank]), rows)
        chunks += [(start == starts[-1], order[rank][start : start + rows]) for start in starts]
    heights = [
        sum(sizes[nid][1] for nid in chunk) + ROW_GAP * (len(chunk) - 1) for _, chunk in chunks
    ]
    tallest = max(heights, default=0.0)
    positions: dict[str, tuple[float, float]] = {}
    x = 0.0
    for (last, chunk), height in zip(chunks, heights, strict=True):
        width = max(sizes[nid][0] for nid in chunk)
        y = (tallest - height) / 2
        for nid in chunk:
            h = sizes[nid][1]
            positions[nid] = (round(x + width / 2, 1), round(y + h / 2, 1))
            y += h + ROW_GAP
        x += width + (COLUMN_GAP if last else WRAP_GAP)
    return positions
