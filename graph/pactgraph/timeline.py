"""The timeline: each provision's term as a bar on a time axis, under a scenario.

:func:`timeline_svg` draws the answer of :func:`pactgraph.state.state` (the provisions with
the first and last day of their terms under the scenario's events) as one SVG picture: a
year axis from the agreement's date to past the last dated trigger, one bar per provision
coloured by its kind, a marker line for the chosen date and for each event of the scenario,
and, where a term's end depends on an event that has not happened (a conditional end), a
faded, dashed tail with the condition written beside it. :func:`timeline_page` wraps the
picture in a self-contained HTML page.

Everything written into the picture is escaped text. This module reads no graph and writes
no file.
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

__all__ = ["timeline_page", "timeline_svg"]

_ROW = 22
_LEFT = 330
_WIDTH = 1400
_TOP = 56
_NOTES = 330  # room right of the axis for the conditions of conditional ends


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
) -> str:
    """The provisions' terms in ``answer`` (an answer of :func:`pactgraph.state.state`) as SVG.

    ``start`` is where the axis begins (the agreement's date; by default the earliest date
    in the answer); ``colours`` maps a provision kind to its bar colour.

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
    on = _date(state.get("on"))
    events = [(e, _date(e.get("date"))) for e in state.get("scenario", [])]
    versions = [(v, _date(v.get("effective"))) for v in state.get("versions", [])]
    marks = [d for _, d in events + versions if d] + ([on] if on else [])
    first, last = _axis(provisions, marks, start)
    span = (last - first).days or 1

    def x(day: dt.date) -> float:
        return _LEFT + (_WIDTH - _LEFT - _NOTES) * (day - first).days / span

    top = _TOP + (_ROW if versions else 0)  # a lane for the versions, above the terms
    height = top + _ROW * len(provisions) + 50 + 14 * (len(events) + 1)
    bottom = top + _ROW * len(provisions) + 10
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
    for i, p in enumerate(provisions):
        y = top + i * _ROW
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
        out.append(
            f'<text x="{_LEFT - 8}" y="{y + 14}" text-anchor="end" fill="#212529">'
            f"{_esc(_short(str(p.get('label')), 52))}</text>"
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
    out.append("</svg>")
    return "\n".join(out)


def _kind_words(kind: str) -> str:
    """A kind as the explorer names it: ``StatedFact`` → ``stated fact``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).lower()


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
