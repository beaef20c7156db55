"""The timeline: each provision's term as a bar on a time axis, under a scenario.

:func:`timeline_svg` draws the answer of :func:`pactgraph.state.state` (the provisions with
the first and last day of their terms under the scenario's events) as one SVG picture: a
year axis from the agreement's date to past the last dated trigger, one bar per provision
coloured by its kind, a marker line for the chosen date and for each event of the scenario,
and, where a term's end depends on an event that has not happened (a conditional end), a
faded, dashed tail with the condition written beside it. :func:`timeline_page` wraps the
picture in a self-contained HTML page.

Everything written into the picture is escaped text. This module writes no file; it reads
the graph only in :func:`parties`, for grouping the rows by the parties holding them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .render import xml_safe

if TYPE_CHECKING:
    from .answers import State
    from .load import Store

__all__ = ["agreements", "parties", "timeline_page", "timeline_png", "timeline_svg"]

_ROW = 22
_LEFT = 330
_WIDTH = 1400
_TOP = 56
_NOTES = 330  # room right of the axis for the conditions of conditional ends
_LABEL_CHARS = 52  # the characters of a label line that fit left of the axis


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _esc(text: Any) -> str:
    """Text for SVG: escaped, and without the control characters XML cannot hold."""
    return html.escape(xml_safe(str(text)), quote=True)


def _axis(
    provisions: Sequence[Mapping[str, Any]], marks: Sequence[dt.date], start: dt.date | None
) -> tuple[dt.date, dt.date]:
    dates = [d for p in provisions for d in (_date(p.get("start")), _date(p.get("end"))) if d]
    dates += list(marks)
    first = start or (min(dates) if dates else dt.date.today())
    last = max([*dates, first])
    return dt.date(first.year, 1, 1), dt.date(last.year + 2, 1, 1)


def timeline_svg(
    answer: State,
    *,
    start: dt.date | None = None,
    colours: Mapping[str, str] | None = None,
    group_by: str | Mapping[str, str] | None = None,
) -> str:
    """The provisions' terms in ``answer`` (an answer of :func:`pactgraph.state.state`) as SVG.

    ``start`` is where the axis begins (the agreement's date; by default the earliest date
    in the answer); ``colours`` maps a provision kind to its bar colour. ``group_by`` puts
    the rows under headings: ``"kind"``, ``"agreement"``, or a mapping of provision IRI to
    group name (:func:`parties` gives the parties holding each provision). Labels wrap onto
    up to three lines (the full label is in each row's hover text), and a legend under the
    axis names the colours and marks.

    >>> from pactgraph.load import load
    >>> from pactgraph.state import state
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "A <b>" .
    ... ''')
    >>> svg = timeline_svg(state(store, dt.date(2025, 1, 1)))
    >>> "A &lt;b&gt;" in svg and svg.startswith("<svg")
    True
    """
    state = answer.as_dict()
    if colours is None:
        from .kinds import KINDS

        colours = {kind.name: kind.colour for kind in KINDS}
    provisions = sorted(
        state.get("provisions", []),
        key=lambda p: (
            _date(p.get("start")) or dt.date.min,
            _date(p.get("end")) or dt.date.max,
            str(p.get("label")),
        ),
    )
    rows = _grouped(provisions, group_by, state)
    on = _date(state.get("on"))
    events = [(e, _date(e.get("date"))) for e in state.get("scenario", [])]
    versions = [(v, _date(v.get("effective"))) for v in state.get("versions", [])]
    marks = [d for _, d in events + versions if d] + ([on] if on else [])
    first, last = _axis(provisions, marks, start)
    span = (last - first).days or 1

    def x(day: dt.date) -> float:
        return _LEFT + (_WIDTH - _LEFT - _NOTES) * (day - first).days / span

    top = _TOP + (_ROW if versions else 0)  # a lane for the versions, above the terms
    heights = [_ROW if heading else _row_height(item) for heading, item in rows]
    bottom = top + sum(heights) + 10
    kinds = sorted({_kind_words(str(p.get("kind"))) for p in provisions})
    legend_top = bottom + 14 * (len(events) + 1) + 24
    height = legend_top + 20 * (2 + (len(kinds) + 3) // 4)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" font-family="system-ui, sans-serif" font-size="11" '
        'role="img" class="pactgraph-timeline">',
        f"<title>Provision terms, state on {_esc(state.get('on'))}</title>",
        f'<rect width="{_WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    for year in range(first.year, last.year):
        xx = x(dt.date(year, 1, 1))
        out.append(
            f'<line x1="{xx:.1f}" y1="{_TOP - 14}" x2="{xx:.1f}" y2="{bottom}" '
            'stroke="#e9ecef"/>'
            f'<text x="{xx + 2:.1f}" y="{_TOP - 18}" fill="#495057">{year}</text>'
        )
    if versions:
        out.append('<g class="versions">')
        out.append(
            f'<text x="{_LEFT - 8}" y="{_TOP + 14}" text-anchor="end" fill="#212529" '
            'font-weight="bold">versions</text>'
        )
        for version, day in versions:
            if day is None:
                continue
            xx = x(day)
            label = f"{version.get('label')} takes effect ({day.isoformat()})"
            out.append(
                f'<g class="version" data-agreement="{_esc(version.get("agreement"))}">'
                f"<title>{_esc(label)}</title>"
                f'<line x1="{xx:.1f}" y1="{_TOP}" x2="{xx:.1f}" y2="{bottom}" stroke="#1d3557" '
                'stroke-dasharray="2 2"/>'
                f'<text x="{xx + 3:.1f}" y="{_TOP + 14}" fill="#1d3557">'
                f"{_esc(_short(label, 70))}</text></g>"
            )
        out.append("</g>")
    y = float(top)
    for (heading, p), row_height in zip(rows, [0, *heights], strict=False):
        y += row_height
        if heading:
            out.append(
                f'<text class="group" x="8" y="{y + 15}" fill="#212529" font-weight="bold">'
                f"{_esc(p)}</text>"
                f'<line x1="8" y1="{y + 19}" x2="{_WIDTH - 8}" y2="{y + 19}" stroke="#ced4da"/>'
            )
            continue
        assert isinstance(p, Mapping)
        begin = _date(p.get("start"))
        end = _date(p.get("end"))
        colour = colours.get(_kind_words(str(p.get("kind"))), "#adb5bd")
        x0 = x(begin) if begin else x(first)
        open_end = end is None
        x1 = x(end + dt.timedelta(days=1)) if end else x(last) - 4
        status = str(p.get("status") or "")
        tip = f"{p.get('label')} ({p.get('kind')}): {status.replace('_', ' ')}"
        if p.get("reason"):
            tip += f" — {p.get('reason')}"
        out.append(f'<g class="term" data-provision="{_esc(p.get("provision"))}">')
        out.append(f"<title>{_esc(tip)}</title>")
        lines = _wrap(str(p.get("label")))
        out.append(
            f'<text class="label" x="{_LEFT - 8}" y="{y + 14}" text-anchor="end" fill="#212529">'
            + "".join(
                f'<tspan x="{_LEFT - 8}" dy="{0 if n == 0 else 13}">{_esc(line)}</tspan>'
                for n, line in enumerate(lines)
            )
            + "</text>"
        )
        if (begin is None and status == "not_started") or (end is None and status == "ended"):
            # No term on the axis: a provision that has not started under this scenario
            # (its start waits for an undated event), or one that ended before the agreement.
            out.append(
                f'<text x="{x(first) + 4:.1f}" y="{y + 14}" fill="#6c757d" font-style="italic">'
                f"{_esc(_short(str(p.get('reason') or status.replace('_', ' ')), 110))}</text>"
            )
            out.append("</g>")
            continue
        dashed = bool(p.get("conditional")) or open_end
        fill_opacity = "0.45" if status == "not_started" else "0.9"
        out.append(
            f'<rect x="{x0:.1f}" y="{y + 4}" width="{max(x1 - x0, 2):.1f}" height="{_ROW - 8}" '
            f'rx="3" fill="{colour}" fill-opacity="{fill_opacity}" stroke="#343a40" '
            f'stroke-width="0.6"/>'
        )
        if dashed:
            tail = min(60.0, max(x1 - x0, 2) / 3)
            out.append(
                f'<rect x="{x1 - tail:.1f}" y="{y + 4}" width="{tail:.1f}" height="{_ROW - 8}" '
                'fill="#ffffff" fill-opacity="0.55" stroke="#343a40" stroke-dasharray="3 2"/>'
            )
            condition = p.get("end_condition")
            if condition or p.get("conditional"):
                note = _short(str(condition), 60) if condition else "conditional end"
                out.append(
                    f'<text x="{x1 + 4:.1f}" y="{y + 14}" fill="#6c757d" font-style="italic">'
                    f"{_esc(note)}</text>"
                )
        out.append("</g>")
    dated = [(e, d) for e, d in events if d is not None]
    for i, (event, day) in enumerate(dated):
        xx = x(day)
        out.append(
            f'<line x1="{xx:.1f}" y1="{_TOP - 10}" x2="{xx:.1f}" y2="{bottom}" stroke="#d62828" '
            'stroke-dasharray="5 3"/>'
            f'<text x="{xx + 3:.1f}" y="{bottom + 14 * (i + 1)}" fill="#d62828">'
            f"{_esc(event.get('label') or event.get('event'))} ({day.isoformat()})</text>"
        )
    if on:
        xx = x(on)
        out.append(
            f'<line x1="{xx:.1f}" y1="{_TOP - 10}" x2="{xx:.1f}" y2="{bottom}" stroke="#212529" '
            'stroke-width="2"/>'
            f'<text x="{xx + 3:.1f}" y="{bottom + 14 * (len(dated) + 1)}" fill="#212529" '
            'font-weight="bold">'
            f"on {on.isoformat()}</text>"
        )
    out += _legend(legend_top, kinds, colours)
    out.append("</svg>")
    return "\n".join(out)


def _legend(top: float, kinds: Sequence[str], colours: Mapping[str, str]) -> list[str]:
    """The colours of the kinds shown, and what each mark and line means."""
    out = [
        f'<g class="legend"><text x="8" y="{top}" font-weight="bold" fill="#212529">Legend</text>'
    ]
    for n, kind in enumerate(kinds):
        x, y = 80 + (n % 4) * 200, top - 10 + (n // 4) * 20
        fill = colours.get(kind, "#adb5bd")
        out.append(
            f'<rect x="{x}" y="{y}" width="14" height="10" rx="2" fill="{fill}" stroke="#343a40" '
            f'stroke-width="0.6"/><text x="{x + 20}" y="{y + 9}">{_esc(kind)}</text>'
        )
    y = top + 10 + 20 * ((len(kinds) + 3) // 4)
    marks = [
        ('stroke="#212529" stroke-width="2"', "the date asked about"),
        ('stroke="#d62828" stroke-dasharray="5 3"', "an event of the scenario"),
        ('stroke="#1d3557" stroke-dasharray="2 2"', "a version takes effect"),
    ]
    for n, (style, words) in enumerate(marks):
        x = 80 + n * 200
        out.append(
            f'<line x1="{x}" y1="{y - 10}" x2="{x}" y2="{y + 2}" {style}/>'
            f'<text x="{x + 8}" y="{y}">{_esc(words)}</text>'
        )
    x = 80 + len(marks) * 200
    out.append(
        f'<rect x="{x}" y="{y - 9}" width="20" height="10" fill="#ffffff" stroke="#343a40" '
        f'stroke-dasharray="3 2"/><text x="{x + 26}" y="{y}">dashed end: conditional or open; '
        "faded bar: not yet started</text></g>"
    )
    return out


def _wrap(label: str, width: int = _LABEL_CHARS, lines: int = 3) -> list[str]:
    """A label broken at spaces into at most ``lines`` lines of ``width`` characters, the
    last one cut with an ellipsis when the label is longer."""
    out: list[str] = []
    line = ""
    for word in label.split():
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width or not line:
            line = candidate
        else:
            out.append(line)
            line = word
    out.append(line)
    if len(out) > lines:
        out = [*out[: lines - 1], _short(" ".join(out[lines - 1 :]), width)]
    return [_short(text, width) for text in out]


def _row_height(provision: Mapping[str, Any] | str) -> int:
    label = provision if isinstance(provision, str) else str(provision.get("label"))
    return _ROW + 13 * (len(_wrap(label)) - 1)


def _grouped(
    provisions: Sequence[Mapping[str, Any]],
    group_by: str | Mapping[str, str] | None,
    state: Mapping[str, Any],
) -> list[tuple[bool, Any]]:
    """The rows to draw: ``(False, provision)``, under ``(True, heading)`` rows when grouped."""
    if group_by is None:
        return [(False, p) for p in provisions]
    if group_by == "kind":
        key = {str(p["provision"]): _kind_words(str(p.get("kind"))) for p in provisions}
    elif group_by == "agreement":
        names = {str(v.get("agreement")): str(v.get("label")) for v in state.get("versions", [])}
        key = {
            str(p["provision"]): names.get(str(p.get("agreement")), str(p.get("agreement")))
            for p in provisions
        }
    elif isinstance(group_by, Mapping):
        key = {
            str(p["provision"]): group_by.get(str(p["provision"]), "no party named")
            for p in provisions
        }
    else:
        raise ValueError(f"group_by= takes 'kind', 'agreement' or a mapping, not {group_by!r}")
    rows: list[tuple[bool, Any]] = []
    for group in sorted(set(key.values())):
        rows.append((True, group))
        rows += [(False, p) for p in provisions if key[str(p["provision"])] == group]
    return rows


def parties(store: Store) -> dict[str, str]:
    """The parties holding each provision, in words, for ``group_by=``: its holders, or for a
    provision with none, its counterparties ("Microsoft and OpenAI" when there are two)."""
    from .query import select

    rows = select(
        store,
        """SELECT ?provision ?name WHERE {
             ?provision pg:holder|pg:counterparty ?party .
             OPTIONAL { ?provision pg:holder ?holder }
             FILTER (!BOUND(?holder) || EXISTS { ?provision pg:holder ?party })
             OPTIONAL { ?party rdfs:label ?label }
             BIND (COALESCE(STR(?label), STR(?party)) AS ?name)
           }""",
    )
    names: dict[str, set[str]] = {}
    for row in rows:
        names.setdefault(str(row["provision"]), set()).add(str(row["name"]))
    return {p: " and ".join(sorted(n)) for p, n in names.items()}


def agreements(store: Store) -> dict[str, str]:
    """The agreement each provision belongs to, by its name, for ``group_by=`` (the string
    ``"agreement"`` names only the versions a state answer lists)."""
    from .model import model

    m = model(store)  # the one a state answer of the store was read from
    return {iri: m.label(p.agreement) for iri, p in m.provisions.items()}


def _kind_words(kind: str) -> str:
    """A kind as the explorer names it: ``StatedFact`` → ``stated fact``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).lower()


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: The browsers :func:`timeline_png` looks for, in order.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def timeline_png(svg: str) -> bytes:
    """The picture as PNG, drawn by a headless chromium (Debian's ``chromium`` or another on
    ``PATH``) at the picture's own size. Raises :class:`~pactgraph.errors.UsageError` when no
    browser is installed, naming the formats that need none."""
    import os
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    from .errors import UsageError

    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        raise UsageError(
            "a PNG timeline is drawn by a headless chromium, and none is installed "
            f"({', '.join(BROWSERS)}); write a .svg or .html instead"
        )
    size = re.search(r'width="(\d+)" height="(\d+)"', svg)
    width, height = (int(size[1]), int(size[2])) if size else (_WIDTH, 800)
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>html, body { margin: 0; }'
        "</style></head><body>" + svg + "</body></html>"
    )
    with tempfile.TemporaryDirectory(prefix="pactgraph-") as folder:
        source, target = Path(folder) / "timeline.html", Path(folder) / "timeline.png"
        source.write_text(page, encoding="utf-8")
        command = [
            browser, "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            f"--user-data-dir={folder}/profile", f"--window-size={width},{height}",
            f"--screenshot={target}", source.as_uri(),
        ]  # fmt: skip
        if os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # chromium's sandbox refuses to run as root
        done = subprocess.run(command, capture_output=True, timeout=120, check=False)
        if not target.exists():
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            raise UsageError(f"{browser} did not draw the PNG ({' '.join(detail)}); write a .svg")
        return target.read_bytes()


def timeline_page(svg: str, title: str) -> str:
    """A self-contained HTML page holding the timeline picture."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f"<title>{_esc(title)}</title>\n"
        "<style>body { font-family: system-ui, sans-serif; margin: 16px; }</style>\n"
        f"</head>\n<body>\n<h1>{_esc(title)}</h1>\n{svg}\n</body>\n</html>\n"
    )
