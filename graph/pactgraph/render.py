"""Turn answers (lists of dicts) into text: aligned tables, Markdown tables, JSON.

Pure functions from data to ``str``; nothing here prints or reads the graph. Commands pick a
renderer by the ``--format`` the user gave.

>>> print(table([{"a": 1, "b": "x"}, {"a": 22, "b": None}], ["a", "b"]))
a   b
--  -
1   x
22
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

__all__ = ["cell", "markdown", "table", "to_json"]


def cell(value: Any) -> str:
    """One value as table text: ``None`` empty, lists joined with commas."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], wrap: int = 44) -> str:
    """A plain-text table with a header; cells wider than ``wrap`` wrap onto more lines."""
    import textwrap

    cells = [
        [textwrap.wrap(cell(row.get(c)).replace("\n", " "), wrap) or [""] for c in columns]
        for row in rows
    ]
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

    def esc(value: Any) -> str:
        return cell(value).replace("|", "\\|").replace("\n", "<br>")

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


def to_json(data: Any) -> str:
    """Indented JSON, non-ASCII kept as is, dates as ISO 8601 strings."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=_default)
