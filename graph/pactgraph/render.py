"""Every text rendering of an answer: aligned tables, Markdown tables, JSON.

Pure functions from the typed answers (:mod:`pactgraph.answers`) and the validation report
to ``str``; nothing here prints or reads the graph. A command picks a renderer by the
``--format`` the user gave: ``table`` (plain text), ``md`` (Markdown) or ``json``.

>>> print(table([{"a": 1, "b": "x"}, {"a": 22, "b": None}], ["a", "b"]))
a   b
--  -
1   x
22
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .heap import no_cycle_sweeps
from .namespaces import spaced

if TYPE_CHECKING:
    from .answers import Answer, Description, Diff, Impact, State, Summary
    from .query import NamedQuery
    from .validate import Report

__all__ = [
    "answer_text",
    "cell",
    "description_text",
    "diff_text",
    "impact_text",
    "markdown",
    "queries_rows",
    "queries_text",
    "report_text",
    "state_text",
    "summary_text",
    "table",
    "to_json",
    "with_quotes",
    "xml_safe",
]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def cell(value: Any) -> str:
    r"""One value as table text: ``None`` empty, lists joined with commas, control characters
    shown as escapes (a label cannot move the cursor or retitle the terminal).

    >>> print(cell("a\x1b]0;title\x07b"))
    a\x1b]0;title\x07b
    """
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if text.isprintable():  # most cells: no control character, nothing to show as an escape
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` on lines of at most ``width`` characters, broken at spaces, a longer word cut.

    In time linear in the text (``textwrap`` cuts a long word one line at a time, copying the
    rest each time: minutes for a 4 MB label).

    >>> _wrap("a bb " + "c" * 7, 3)
    ['a', 'bb', 'ccc', 'ccc', 'c']
    """
    words = text.split()
    joined = " ".join(words)
    if len(joined) <= width:  # most cells: one line, as textwrap would give it
        return [joined] if joined else []
    if len(words) == 1:  # an IRI, say: cut into pieces of the width, as textwrap would
        return [joined[i : i + width] for i in range(0, len(joined), width)]
    pieces = words
    if max(map(len, words)) > width:
        pieces = [word[i : i + width] for word in words for i in range(0, len(word), width)]
    if _HYPHEN_BREAK.search(joined):
        import textwrap

        return textwrap.wrap(" ".join(pieces), width, break_long_words=False)
    # no break but at spaces: textwrap's greedy fill, each line the longest run of whole
    # words that fits (every piece fits on a line of its own)
    return _fill(width).findall(" ".join(pieces))


@functools.cache
def _fill(width: int) -> re.Pattern[str]:
    """The longest run of whole words of at most ``width`` characters."""
    return re.compile(rf"\S.{{0,{width - 1}}}(?= |$)")


#: Where ``textwrap`` may break a line other than at a space: after a hyphen that follows a
#: letter ("non-exclusive"; not "2031-07-01"), and at a dash of two hyphens or more. Written
#: to start at the hyphen, so the search skips ahead to each hyphen.
_HYPHEN_BREAK = re.compile(r"-(?:(?<=[^\d\W]-)|-)")


@no_cycle_sweeps()  # a list of lines per cell, all alive until the text is joined
def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], wrap: int = 44) -> str:
    """A plain-text table with a header; cells wider than ``wrap`` wrap onto more lines."""
    cells = [[_wrap(cell(row.get(c)), wrap) or [""] for c in columns] for row in rows]
    widths = [
        max([len(c), *(len(line) for r in cells for line in r[i])]) for i, c in enumerate(columns)
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(columns), line(["-" * w for w in widths])]
    for r in cells:
        height = max(len(c) for c in r)
        lines += [line([c[i] if i < len(c) else "" for c in r]) for i in range(height)]
    return "\n".join(lines)


def markdown(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table; ``|`` in cells is escaped."""

    def esc(value: Any) -> str:  # text, never markup: a label cannot inject HTML
        text = html.escape(cell(value), quote=False)
        return text.replace("|", "\\|").replace("\n", "<br>")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(esc(r.get(c)) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


def _default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _flat(quote: str) -> str:
    """A quote on one line: the line breaks and runs of spaces of its source as one space
    (the JSON answers keep its exact words)."""
    return " ".join(quote.split())


def to_json(data: Any) -> str:
    """Indented JSON, non-ASCII kept as is, dates as ISO 8601 strings; an answer (anything
    with ``as_dict()``) as its ``as_dict()``."""
    with no_cycle_sweeps():  # the plain data of a large answer: many objects, alive to the end
        plain = data.as_dict() if hasattr(data, "as_dict") else data
        return json.dumps(plain, indent=2, ensure_ascii=False, default=_default)


@no_cycle_sweeps()
def with_quotes(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], fmt: str) -> str:
    """A table of ``rows`` with a ``quote`` column of footnote numbers, then the quotes, then
    the readings taken of ambiguous wording (``fmt``: ``table`` or ``md``)."""
    notes: dict[str, int] = {}
    shown = []
    for row in rows:
        quote = row.get("quote") or ""
        number = notes.setdefault(quote, len(notes) + 1) if quote else None
        shown.append({**row, "quote": f"[{number}]" if number else ""})
    cols = [*columns, "quote"]
    body = markdown(shown, cols) if fmt == "md" else table(shown, cols)
    prefix = "" if fmt == "md" else "  "
    joiner = "\n\n" if fmt == "md" else "\n"
    quotes = [f"{prefix}[{n}] \u201c{_flat(q)}\u201d" for q, n in notes.items()]
    readings: dict[str, None] = {}
    for row in rows:
        for item in row.get("interpretations") or []:
            alternatives = "; ".join(item.get("alternatives") or [])
            text = f"{prefix}{item.get('question') or item.get('wording')}: {item.get('reading')}"
            if alternatives:
                text += f" (not: {alternatives})"
            readings[text] = None
    out = body + ("\n\nQuotes:\n" + joiner.join(quotes) if quotes else "")
    sources: dict[str, None] = {}
    seen: set[tuple[str | None, str | None, str | None]] = set()
    for row in rows:
        for source in row.get("sources") or []:
            key = (source.get("title"), source.get("document"), source.get("kind"))
            if key in seen:
                continue
            seen.add(key)
            kind = spaced(source.get("kind") or "")
            sources[
                f"{prefix}{source.get('title') or source.get('document')}"
                + (f" ({kind})" if kind else "")
            ] = None
    if len(sources) > 1:  # one source needs no list: the quotes say it all
        out += "\n\nSources:\n" + joiner.join(sources)
    if readings:
        out += "\n\nReadings taken where the wording is ambiguous:\n" + joiner.join(readings)
    return out


def _scenario_lines(answer: State | Impact) -> list[str]:
    lines = [
        f"  {e.date}  {e.label}"
        + (" (implied)" if e.source == "implied" else "")
        + (" (recorded)" if e.source == "recorded" else "")
        for e in answer.scenario
    ]
    lines += [f"  never       {label}" for label in answer.never]
    return (["Scenario:", *lines] if lines else ["Scenario: no events happen"]) + [
        f"Note: {n}." for n in answer.notes
    ]


@no_cycle_sweeps()
def state_text(answer: State, fmt: str) -> str:
    """A state as a table of statuses (``*`` marks a conditional one), with the quotes."""
    plain: dict[tuple[Any, ...], list[dict[str, Any]]] = {}  # rows share their sources

    def listed(items: tuple[Any, ...]) -> list[dict[str, Any]]:
        if items not in plain:
            plain[items] = [item.as_dict() for item in items]
        return plain[items]

    rows = [
        {
            "status": p.status.value + (" *" if p.conditional else ""),
            "label": p.label,
            "reason": p.reason,
            "quote": p.quote,
            "interpretations": listed(p.interpretations),
            "sources": listed(p.sources),
        }
        for p in answer.provisions
    ]
    head = [f"State on {answer.on}", *_scenario_lines(answer), ""]
    tail = ["", "* conditional: an event this scenario does not date could change it"]
    return "\n".join([*head, with_quotes(rows, ["status", "label", "reason"], fmt), *tail])


@no_cycle_sweeps()
def impact_text(answer: Impact, fmt: str, *, scenario: bool = True) -> str:
    """An impact as a table of changes, with the path each took and the quotes (headed by
    the scenario and notes unless ``scenario`` is false)."""
    from .traverse import when_words

    event = answer.event
    when = f" on {event.date}" if event.date else ""
    verb = answer.only.value if answer.only is not None else "changes"
    head = [
        f"What {verb} {when_words(event.label)}{when}",
        *(_scenario_lines(answer) if scenario else []),
        "",
    ]
    later = []
    if answer.later:
        rows = [s.as_dict() for s in answer.later]
        shown = ["label", "how", *(["condition"] if any(s.condition for s in answer.later) else [])]
        later = ["", "Later, because of it:", with_quotes(rows, shown, fmt)]
    if not answer.changes:
        day = "that day" if event.date else "the day it happens"
        return "\n".join([*head, f"Nothing {verb} {day}." if later else f"Nothing {verb}.",
                          *later])  # fmt: skip
    rows = [{**c.as_dict(), "via": " \u2192 ".join(c.path_labels[1:-1])} for c in answer.changes]
    columns = ["change", "cause", "label", "via"]
    if any(c.condition for c in answer.changes):
        columns.insert(3, "condition")
    return "\n".join([*head, with_quotes(rows, columns, fmt), *later])


def diff_text(answer: Diff, fmt: str) -> str:
    """A diff as a table: each provision's change, the old and new wording footnoted."""
    notes: dict[str, int] = {}
    rows = []
    for r in answer.rows:
        cells = {
            "change": r.change
            + (f" ({r.how.lower()})" if r.how and r.change == "substituted" else "")
        }
        for side, label, quote in (
            ("before", r.old_label, r.old_quote),
            ("after", r.new_label, r.new_quote),
        ):
            number = notes.setdefault(quote, len(notes) + 1) if quote else None
            cells[side] = f"{label} [{number}]" if label and number else label or ""
        rows.append(cells)
    columns = ["change", "before", "after"]
    body = markdown(rows, columns) if fmt == "md" else table(rows, columns)
    prefix, joiner = ("", "\n\n") if fmt == "md" else ("  ", "\n")
    quotes = [f"{prefix}[{n}] \u201c{_flat(q)}\u201d" for q, n in notes.items()]
    head = f"What {answer.new_label} changed from {answer.old_label}"
    return f"{head}\n\n{body}" + ("\n\nQuotes:\n" + joiner.join(quotes) if quotes else "")


def answer_text(answer: Answer, fmt: str) -> str:
    """The answer to a question, as the form it was read as shows it, then what it assumed."""
    body = _answer_body(answer, fmt)
    if not answer.assumptions:
        return body
    if fmt == "md":
        return body + "\n\n**Assumptions**\n\n" + "\n".join(f"- {a}" for a in answer.assumptions)
    return body + "\n\nAssumptions:\n" + "\n".join(f"  - {a}" for a in answer.assumptions)


def _answer_body(answer: Answer, fmt: str) -> str:
    from .answers import (
        DayChanges,
        Dependents,
        Description,
        Endings,
        Exclusions,
        Impact,
        Matches,
        Parties,
        Positions,
        Prerequisites,
        State,
    )

    if isinstance(answer.answer, Impact):
        return impact_text(answer.answer, fmt, scenario=False)
    if isinstance(answer.answer, Parties):  # no provision, so no quote
        if not answer.rows:
            return "The agreements name no such party."
        return (
            markdown(answer.rows, answer.columns)
            if fmt == "md"
            else table(answer.rows, answer.columns)
        )
    if isinstance(answer.answer, Description):
        return description_text(answer.answer, fmt)
    if isinstance(answer.answer, State):  # in force on a day: the day first
        head = [f"In force on {answer.answer.on}", ""]
        if not answer.rows:
            return "\n".join([*head, "No provision is in force then."])
        return "\n".join([*head, with_quotes(answer.rows, answer.columns, fmt)])
    if not answer.rows and isinstance(answer.answer, DayChanges):
        days = answer.answer
        span = f"from {days.on} to {days.until}" if days.until else f"on {days.on}"
        return f"No provision starts or ends {span}."
    if not answer.rows and isinstance(answer.answer, Prerequisites):
        return f"{answer.answer.label} rests on nothing the graph states."
    if not answer.rows and isinstance(answer.answer, Positions):
        a = answer.answer
        none = {
            "owes": "owes nothing",
            "is owed": "is owed nothing",
            "may": "holds no right",
            "may not": "is bound by no restriction",
        }[a.stance]
        return (
            f"{a.label} {none}"
            + (f" in force on {a.on}" if a.on else "")
            + " that the graph states."
        )
    if not answer.rows and isinstance(answer.answer, Exclusions):
        return f"No provision leaves {answer.answer.label} out."
    if not answer.rows and isinstance(answer.answer, Endings):
        return (
            f"No way of ending {answer.answer.label} fits the question: ask 'how can it be "
            "terminated?' for every way it states."
        )
    if not answer.rows and isinstance(answer.answer, Matches):
        return (
            f"No provision is of a kind named '{answer.answer.about}' or holds its words "
            "in its label, quote or covered concepts."
        )
    if not answer.rows and isinstance(answer.answer, Dependents):
        return f"No provision rests on {answer.answer.label}."
    if not answer.rows:
        return "No provision answers that."
    return with_quotes(answer.rows, answer.columns, fmt)


def description_text(description: Description, fmt: str) -> str:
    """What the agreements state about a node: its kind and names, the statements, the
    quotes (``fmt``: ``table`` or ``md``)."""
    d = description
    kinds = ", ".join(d.kinds) or "no stated kind"
    head = f"**{d.label}** ({kinds})" if fmt == "md" else f"{d.label} ({kinds})"
    lines = [head]
    others = [n for n in d.names if n != d.label]
    if others:
        lines.append(("" if fmt == "md" else "  ") + "also called: " + "; ".join(others))
    if not d.statements and d.asked:
        lines.append(f"The agreements name no {d.asked} of {d.label}.")
    elif not d.statements:
        lines.append(f"The agreements state nothing about {d.label} beyond its name.")
    else:
        rows = [s.as_dict() for s in d.statements]
        columns = ("subject", "relation", "object")
        lines.append("")
        lines.append(markdown(rows, columns) if fmt == "md" else table(rows, columns, wrap=60))
    if d.quotes:
        prefix = "" if fmt == "md" else "  "
        lines += ["", "Quotes:"] + [f"{prefix}\u201c{_flat(q)}\u201d" for q in d.quotes]
    if fmt == "md":
        return "\n\n".join(line for line in lines if line and line != "Quotes:").replace(
            "\n\n\u201c", "\n\n> \u201c"
        )
    return "\n".join(lines)


def _counts(counts: Mapping[str, int]) -> str:
    parts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{sum(counts.values())}" + (f": {parts}" if parts else "")


def summary_text(summary: Summary) -> str:
    """What the store holds, one block per agreement, then the totals."""
    blocks = []
    for a in summary.agreements:
        lines = [
            a.label or a.title or a.agreement,
            f"  IRI         {a.agreement}",
            f"  date        {a.date or '(none)'}",
            f"  file        {a.file or '(in the store)'}"
            + (f"  (source text: {a.source})" if a.source else ""),
        ]
        lines += [f"  supersedes  {s}" for s in a.supersedes]
        if a.amends:
            lines.append(f"  amends      {a.amends}")
        lines += [
            f"  parties     {a.parties}",
            f"  provisions  {_counts(a.provisions)}",
            f"  concepts    {a.concepts} IP categories and services",
            f"  triggers    {_counts(a.triggers)}",
            f"  triples     {a.triples}",
        ]
        blocks.append("\n".join(lines))
    totals = summary.as_dict()["totals"]
    blocks.append(
        f"{totals['agreements']} agreement(s), {totals['provisions']} provisions, "
        f"{totals['triples']} triples"
    )
    return "\n\n".join(blocks)


def report_text(report: Report) -> str:
    """A validation report: one ``FILE:LINE: message`` line per finding, or the ``ok`` line."""
    lines = []
    for f in report.findings:
        shown = f.focus and ":" in f.focus and f.focus not in f.message  # a blank node's id: not
        focus = f" [{f.focus}]" if shown else ""
        lines.append(f"{f.where()}: {f.message}{focus}")
    findings = set(report.findings)
    for f in report.uncovered:
        if f not in findings:
            lines.append(f"warning: {f.where()}: {f.message}")
    for graph in report.quotes_unchecked_in:
        lines.append(
            f"note: <{graph}>: quotes not checked: the store holds this agreement but no file "
            "of this run does; load it from its file to check its quotes"
        )
    if report.conforms:
        lines.append(
            f"ok: {len(report.files)} file(s) conform: shapes, {report.checks_run} checks, "
            f"{report.quotes_checked} quotes found verbatim in their sources"
            + (
                f"; {report.sentences - len(report.uncovered)} of {report.sentences} sentences "
                "quoted or marked not operative"
                if report.sentences
                else ""
            )
        )
    return "\n".join(lines)


def queries_rows(named: Sequence[NamedQuery]) -> list[dict[str, Any]]:
    """The named queries as JSON-ready rows: name, title, what each answers, parameters."""
    return [
        {
            "name": q.name,
            "title": q.title,
            "answers": q.answers,
            "parameters": [
                {"name": p.name, "type": p.type, "required": p.required, "doc": p.doc}
                for p in q.parameters
            ],
            "returns": list(q.returns),
            "ordered": q.ordered,
        }
        for q in named
    ]


def queries_text(named: Sequence[NamedQuery]) -> str:
    """The named queries as a table: name, title and parameters (``?x?`` if optional)."""
    shown = [
        {
            "name": q.name,
            "title": q.title,
            "parameters": " ".join(
                f"?{p.name}" + ("" if p.required else "?") for p in q.parameters
            ),
        }
        for q in named
    ]
    return (
        table(shown, ["name", "title", "parameters"])
        + "\n(?x? marks an optional parameter; 'pactgraph query NAME --bind x=VALUE' runs one)"
    )


#: What XML 1.0 cannot carry, even escaped.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    r"""*text* with each character XML 1.0 cannot carry, even escaped, shown as U+FFFD.

    >>> xml_safe("a\x07b") == "a\ufffdb"
    True
    """
    return NOT_XML.sub("\ufffd", text)
