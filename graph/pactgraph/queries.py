"""The library of named SPARQL queries, and running them with values bound safely.

Each ``queries/NAME.rq`` file is one question. Its header comment says what it answers::

    # title: Provisions held by a party
    # answers: Every provision whose holder is the party, with its kind and term.
    # param: ?party IRI required -- the party (an IRI or a prefixed name such as pg:X)
    # returns: ?provision ?label ?kind
    # ordered: yes

``param`` lines give a variable, its type (``IRI``, ``date``, ``string``, ``integer``,
``decimal``, ``boolean``) and whether it is required; ``ordered: yes`` says the query orders
its rows (golden tests then compare lists, not sets). ``queries/checks/*.rq`` are quality
gates: they return no rows on good data, and each row they return carries a ``?message``.

Values reach a query only as RDF terms bound to its variables (Oxigraph's substitutions),
never as text pasted into it.

This module does not print and knows no output format.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .errors import QueryError, UnknownNameError
from .resources import queries_dir

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "NamedQuery",
    "Parameter",
    "checks",
    "get",
    "library",
    "python_value",
    "select",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
_HEADER = re.compile(r"^#\s*([a-z]+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^\?(?P<name>\w+)\s+(?P<type>\w+)\s+(?P<required>required|optional)\s*(?:--\s*(?P<doc>.*))?$"
)


@dataclass(frozen=True)
class Parameter:
    """A variable a named query takes a value for."""

    name: str
    type: str
    required: bool
    doc: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file of the library, with its header read."""

    name: str
    path: Path
    title: str
    answers: str
    parameters: tuple[Parameter, ...]
    returns: tuple[str, ...]
    ordered: bool
    text: str


def _read(path: Path, name: str) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            fields.setdefault(match.group(1), []).append(match.group(2))
    params = []
    for raw in fields.get("param", []):
        match = _PARAM.match(raw)
        if not match:
            raise QueryError(
                f"{path}: header line 'param: {raw}' must read "
                "'?var TYPE required|optional -- what'"
            )
        params.append(
            Parameter(
                match["name"], match["type"], match["required"] == "required", match["doc"] or ""
            )
        )
    return NamedQuery(
        name=name,
        path=path,
        title=" ".join(fields.get("title", [name])),
        answers=" ".join(fields.get("answers", [])),
        parameters=tuple(params),
        returns=tuple(v.lstrip("?") for r in fields.get("returns", []) for v in r.split()),
        ordered=" ".join(fields.get("ordered", ["no"])).lower() == "yes",
        text=text,
    )


@cache
def library() -> dict[str, NamedQuery]:
    """Every named query, by name (the file name without ``.rq``), sorted by name."""
    folder = queries_dir()
    return {p.stem: _read(p, p.stem) for p in sorted(folder.glob("*.rq"))}


@cache
def checks() -> dict[str, NamedQuery]:
    """The data-quality checks (``queries/checks/*.rq``), by name."""
    folder = queries_dir() / "checks"
    return {p.stem: _read(p, f"checks/{p.stem}") for p in sorted(folder.glob("*.rq"))}


def get(name: str) -> NamedQuery:
    """The named query ``name``; :class:`~pactgraph.errors.UnknownNameError` if none.

    >>> get("agreements").title
    'Agreements'
    """
    queries = library()
    if name in queries:
        return queries[name]
    import difflib

    close = tuple(difflib.get_close_matches(name, list(queries), n=5, cutoff=0.5))
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'pactgraph queries' lists them"
    raise UnknownNameError(f"no named query {name!r}{hint}", close)


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Any:
    """A query result term as a plain Python value.

    IRIs become ``str``; blank nodes ``'_:id'``; literals their Python value by datatype
    (``int``, ``Decimal``, ``float``, ``bool``, ``datetime.date``), else their text.

    >>> python_value(ox.Literal("2030-12-31", datatype=ox.NamedNode(XSD + "date")))
    datetime.date(2030, 12, 31)
    >>> python_value(ox.NamedNode("https://example.org/x"))
    'https://example.org/x'
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    datatype = term.datatype.value.removeprefix(XSD) if term.datatype else "string"
    text = term.value
    try:
        if datatype in {"integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"}:
            return int(text)
        if datatype == "decimal":
            return Decimal(text)
        if datatype in {"double", "float"}:
            return float(text)
        if datatype == "boolean":
            return text in {"true", "1"}
        if datatype == "date":
            return dt.date.fromisoformat(text)
    except ValueError:
        return text
    return text


def select(
    store: Store,
    query: NamedQuery | str,
    bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
) -> list[dict[str, Any]]:
    """Run a SELECT query (named, or given as text) and return its rows as Python values.

    Unbound variables are left out of a row.

    >>> from pactgraph.store import load
    >>> rows = select(load(), get("agreements"))
    >>> rows[0]["title"]
    'The next chapter of the Microsoft–OpenAI partnership'
    """
    text = query.text if isinstance(query, NamedQuery) else query
    where = query.path if isinstance(query, NamedQuery) else "query"
    try:
        result = store.query(text, bindings)
    except SyntaxError as err:
        raise QueryError(f"{where}: {err}") from err
    except RuntimeError as err:
        # Oxigraph refuses a binding for a variable the query does not select, and reports
        # evaluation failures (a bad regex, a SERVICE call) the same way.
        hint = ""
        if "SELECT projection" in str(err):
            hint = "; a value can only be bound to a variable that the query selects"
        raise QueryError(f"{where}: {err}{hint}") from err
    except OSError as err:
        raise QueryError(f"{where}: {err}") from err
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"{where}: expected a SELECT query")
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = python_value(term)
        rows.append(row)
    return rows
