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

Values reach a query only as RDF terms bound to its variables (Oxigraph's substitutions,
rdflib's ``initBindings``), never as text pasted into it. :func:`run` runs any query, named
or not, on either engine (:data:`ENGINES`) and returns a :class:`Result` holding
pyoxigraph terms whichever engine ran it; :mod:`pactgraph.results` writes it out.

This module does not print and knows no output format.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .errors import QueryError, UnknownNameError, UsageError
from .resources import queries_dir

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "ENGINES",
    "NamedQuery",
    "Parameter",
    "Result",
    "bind",
    "checks",
    "from_file",
    "get",
    "library",
    "local_prefixes",
    "parse_term",
    "python_value",
    "query",
    "query_variables",
    "resolve",
    "run",
    "select",
    "uses_service",
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


def from_file(path: str | Path) -> NamedQuery:
    """A query file of the user's, read like the library's (its header comment, if any).

    Raises :class:`~pactgraph.errors.InputNotFoundError` if it cannot be read.
    """
    from .errors import InputNotFoundError

    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError(f"{path}: no such query file; check the path")
    try:
        return _read(path, path.stem)
    except (OSError, UnicodeDecodeError) as err:
        raise InputNotFoundError(f"{path}: cannot read it as UTF-8 text ({err})") from err


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


# ------------------------------------------------------------------ running any query

#: The SPARQL engines :func:`run` can use. Oxigraph is the default: it answers the named
#: queries one to two orders of magnitude faster than rdflib's engine
#: (``tests/bench/bench_engines.py``).
ENGINES = ("oxigraph", "rdflib")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

_IRIREF = re.compile(r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>")
_VARIABLE = re.compile(r"[?$](\w+)")
_SERVICE = re.compile(r"service", re.I)
_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_LITERAL = re.compile(
    r'^"(?P<text>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(?P<dt>\S+))?$',
    re.S,
)
_PREFIXED = re.compile(r"^(?P<prefix>[A-Za-z][\w.-]*)?:(?P<local>[^\s<>\"{}|^`\\]*)$")
_SCHEME_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _string_end(text: str, start: int, quote: str) -> int | None:
    """Where the string opening at ``start`` ends (just past it), or ``None`` if it does not."""
    i, n = start + len(quote), len(text)
    while i < n:
        if text.startswith(quote, i):
            return i + len(quote)
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if len(quote) == 1 and char in "\r\n":
            return None
        i += 1
    return None


def _code(text: str) -> str:
    r"""The query text with strings, IRIs and comments blanked out (same length).

    A scan by the SPARQL grammar's terminals: escapes inside strings, ``\u`` escapes inside
    IRIs, comments ending at either line break, ``\#`` inside a local name. Where it is
    unsure it keeps text as code, so nothing that a parser reads as code is blanked.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char, end = text[i], None
        if char == "#":
            end = i + 1
            while end < n and text[end] not in "\r\n":
                end += 1
        elif char == "<":
            match = _IRIREF.match(text, i)
            end = match.end() if match else None
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            end = _string_end(text, i, quote)
        elif char == "\\":  # an escape in a local name, such as ex:a\#b: code, not a comment
            out.append(text[i : i + 2])
            i += 2
            continue
        if end is None:
            out.append(char)
            i += 1
        else:
            out.append(" " * (end - i))
            i = end
    return "".join(out)


def query_variables(text: str) -> set[str]:
    """The names of the variables a query mentions (outside strings, IRIs and comments).

    >>> sorted(query_variables('SELECT ?a WHERE { ?a <http://x/#?b> "?c" . $d ?e 1 } # ?f'))
    ['a', 'd', 'e']
    """
    return set(_VARIABLE.findall(_code(text)))


def uses_service(text: str) -> bool:
    """Whether a query may have a ``SERVICE`` clause (a federated call to another endpoint).

    Deliberately wary: SPARQL parsers take keywords glued to what surrounds them
    (``SERVICESILENT<...>``, ``SERVICE:x``, ``1SERVICE``), so any "service" outside strings,
    IRIs and comments counts, even in a variable or a prefixed name (``?service``,
    ``ex:services``): write such IRIs in full, ``<...>``, and rename such variables.

    >>> uses_service("SELECT * { service <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service("SELECT * { ?s ?p 1SERVICESILENT<http://example.org/sparql>{} }")
    True
    >>> uses_service('SELECT ?x { ?x <https://example.org/service> "SERVICE" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(_code(text)))


def _iri(text: str, where: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(text)
    except ValueError as err:
        raise UsageError(f"{where}: <{text}> is not a valid IRI ({err})") from err


def parse_term(
    text: str, *, where: str = "--bind", prefixes: Mapping[str, str] | None = None
) -> ox.NamedNode | ox.Literal:
    """An RDF term written as on the command line.

    ``<iri>``, a prefixed name with one of pactgraph's prefixes (``pg:Kept``), a full
    ``https://...`` IRI, a literal ``"text"``, ``"text"@en`` or ``"text"^^xsd:date``, or a
    bare integer, decimal, boolean or ``YYYY-MM-DD`` date. ``prefixes`` adds prefixes to
    pactgraph's own (such as ``""`` for the one agreement loaded, so ``:openai`` works).
    A malformed value raises :class:`~pactgraph.errors.UsageError`.

    >>> parse_term("pg:Kept")
    <NamedNode value=https://w3id.org/pactgraph/ns#Kept>
    >>> parse_term('"2030-12-31"^^xsd:date')
    <Literal value=2030-12-31 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#date>>
    >>> parse_term("42").datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    from .namespaces import PREFIXES

    known_prefixes = {**(prefixes or {}), **PREFIXES}
    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        return _iri(value[1:-1], where)
    match = _LITERAL.match(value)
    if match:
        body = re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), match["text"])
        if match["lang"]:
            return ox.Literal(body, language=match["lang"])
        if match["dt"]:
            datatype = parse_term(match["dt"], where=where, prefixes=prefixes)
            if not isinstance(datatype, ox.NamedNode):
                raise UsageError(f"{where}: the datatype of {value} must be an IRI")
            return ox.Literal(body, datatype=datatype)
        return ox.Literal(body)
    if value in {"true", "false"}:
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "boolean"))
    if re.fullmatch(r"[+-]?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            dt.date.fromisoformat(value)
        except ValueError as err:
            raise UsageError(f"{where}: {value} is not a date ({err})") from err
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
    if _SCHEME_IRI.match(value):
        return _iri(value, where)
    match = _PREFIXED.match(value)
    if match:
        prefix = match["prefix"] or ""
        if prefix not in known_prefixes:
            raise UsageError(
                f"{where}: unknown prefix {prefix!r} in {value}; use one of "
                f"{', '.join(p + ':' for p in sorted(known_prefixes))} or write <full IRI>"
            )
        return _iri(known_prefixes[prefix] + match["local"], where)
    raise UsageError(
        f"{where}: cannot read {value!r} as an RDF term; write <iri>, prefix:name, "
        '"text", "text"@en, "text"^^xsd:type, a number, true/false or a YYYY-MM-DD date'
    )


@dataclass
class Result:
    """What a query returned: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE).

    ``rows`` hold pyoxigraph terms, whichever engine ran the query, in ``variables`` order,
    ``None`` where a variable is unbound. ``truncated`` is true when ``row_cap`` cut rows off.
    """

    form: str
    """``select``, ``ask`` or ``graph``."""
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    engine: str = "oxigraph"

    def records(self) -> list[dict[str, Any]]:
        """SELECT rows as dicts of Python values (see :func:`python_value`), unbound left out."""
        return [
            {v: python_value(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]


def local_prefixes(store: Store) -> dict[str, str]:
    """``{"": IRI/}`` when one agreement is loaded, so ``:name`` can stand for its nodes.

    >>> from pactgraph.store import load
    >>> local_prefixes(load())
    {'': 'https://w3id.org/pactgraph/id/microsoft-openai-2025/'}
    """
    graphs = store.agreement_graphs
    return {"": graphs[0].rstrip("/#") + "/"} if len(graphs) == 1 else {}


def resolve(name_or_text: str) -> NamedQuery | None:
    """The named query or check called ``name_or_text`` (``checks/NAME`` for a check), if any."""
    if name_or_text in library():
        return library()[name_or_text]
    return checks().get(name_or_text.removeprefix("checks/")) if "/" in name_or_text else None


def bind(
    query: NamedQuery | str,
    values: Mapping[str, str | ox.NamedNode | ox.Literal] | None,
    prefixes: Mapping[str, str] | None = None,
) -> dict[str, ox.NamedNode | ox.Literal]:
    """Check and convert the values for a query's variables.

    Values given as text are read with :func:`parse_term`. A variable the query does not
    mention, a value of the wrong kind for a named query's parameter, or a missing required
    parameter raises :class:`~pactgraph.errors.UsageError`.
    """
    text = query.text if isinstance(query, NamedQuery) else query
    known = query_variables(text)
    bound: dict[str, ox.NamedNode | ox.Literal] = {}
    for raw_name, value in (values or {}).items():
        name = raw_name.lstrip("?$")
        where = f"--bind {name}"
        if name not in known:
            hint = f"; it takes {', '.join('?' + v for v in sorted(known))}" if known else ""
            raise UsageError(f"{where}: the query has no variable ?{name}{hint}")
        term = (
            parse_term(value, where=where, prefixes=prefixes) if isinstance(value, str) else value
        )
        bound[name] = term
    if isinstance(query, NamedQuery):
        for param in query.parameters:
            term_or_none = bound.get(param.name)
            if term_or_none is None:
                if param.required:
                    raise UsageError(
                        f"{query.name}: ?{param.name} is required ({param.doc or param.type}); "
                        f"give it with --bind {param.name}=VALUE"
                    )
                continue
            if param.type.upper() == "IRI" and not isinstance(term_or_none, ox.NamedNode):
                raise UsageError(
                    f"--bind {param.name}: {query.name} takes an IRI for ?{param.name}; "
                    "write <iri> or prefix:name"
                )
    return bound


def _from_rdflib(term: Any) -> Term | None:
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot convert {term!r} from rdflib")


def _to_rdflib(term: ox.NamedNode | ox.Literal) -> Any:
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _run_oxigraph(  # noqa: PLR0917
    store: Store,
    text: str,
    where: str,
    bound: Mapping[str, ox.NamedNode | ox.Literal],
    row_cap: int | None,
    default_graphs: list[str] | None,
    named_graphs: list[str] | None,
) -> Result:
    from .namespaces import PREFIXES

    dataset: dict[str, Any] = {"use_default_graph_as_union": True}
    if default_graphs is not None or named_graphs is not None:
        dataset = {
            "default_graph": [ox.NamedNode(g) for g in default_graphs or []],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs or []],
        }
    try:
        answer = store.oxigraph.query(
            text,
            prefixes=PREFIXES,
            substitutions={ox.Variable(k): v for k, v in bound.items()} or None,
            **dataset,
        )
        if isinstance(answer, ox.QueryBoolean):
            return Result("ask", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            graph = Result("graph")
            for triple in answer:
                if row_cap is not None and len(graph.triples) >= row_cap:
                    graph.truncated = True
                    break
                graph.triples.append(triple)
            return graph
        names = [v.value for v in answer.variables]
        result = Result("select", variables=names)
        for solution in answer:
            if row_cap is not None and len(result.rows) >= row_cap:
                result.truncated = True
                break
            result.rows.append(tuple(solution[n] for n in names))
        return result
    except SyntaxError as err:
        message = str(err.msg)
        match = _POSITION.match(message)
        if match:
            where, message = f"{where}:{match[1]}:{match[2]}", message[match.end() :]
        raise QueryError(f"{where}: {message}") from err
    except RuntimeError as err:
        if "projection" in str(err):
            raise UsageError(
                f"--bind: {err}; add the variable to the SELECT clause to bind it"
            ) from err
        raise QueryError(f"{where}: {err}") from err
    except (OSError, ValueError, TypeError) as err:
        raise QueryError(f"{where}: {err}") from err


def _run_rdflib(
    store: Store,
    text: str,
    where: str,
    bound: Mapping[str, ox.NamedNode | ox.Literal],
    row_cap: int | None,
) -> Result:
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    from .namespaces import PREFIXES

    try:
        prepared = prepareQuery(text, initNs=PREFIXES)
    except ParseException as err:
        raise QueryError(f"{where}:{err.lineno}:{err.col}: {err.msg}") from err
    except Exception as err:
        raise QueryError(f"{where}: {err}") from err
    # rdflib 7.x warns about its own use of deprecated Dataset members while it parses
    # N-Quads and evaluates over a union graph; nothing here can act on those warnings.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return _evaluate_rdflib(store.dataset, prepared, where, bound, row_cap)


def _evaluate_rdflib(
    dataset: Any,
    prepared: Any,
    where: str,
    bound: Mapping[str, ox.NamedNode | ox.Literal],
    row_cap: int | None,
) -> Result:
    import rdflib
    import rdflib.plugins.sparql as rdflib_sparql

    union, load_graphs = dataset.default_union, rdflib_sparql.SPARQL_LOAD_GRAPHS
    dataset.default_union, rdflib_sparql.SPARQL_LOAD_GRAPHS = True, False
    try:
        answer = dataset.query(prepared, initBindings={k: _to_rdflib(v) for k, v in bound.items()})
        if answer.type == "ASK":
            return Result("ask", boolean=bool(answer.askAnswer), engine="rdflib")
        if answer.type in {"CONSTRUCT", "DESCRIBE"}:
            assert answer.graph is not None
            graph = Result("graph", engine="rdflib")
            for s, p, o in answer.graph:
                if row_cap is not None and len(graph.triples) >= row_cap:
                    graph.truncated = True
                    break
                graph.triples.append(ox.Triple(_from_rdflib(s), _from_rdflib(p), _from_rdflib(o)))  # type: ignore[arg-type]
            return graph
        names = [str(v) for v in answer.vars or []]
        result = Result("select", variables=names, engine="rdflib")
        for row in answer.bindings:
            if row_cap is not None and len(result.rows) >= row_cap:
                result.truncated = True
                break
            result.rows.append(tuple(_from_rdflib(row.get(rdflib.Variable(n))) for n in names))
        return result
    except QueryError:
        raise
    except Exception as err:
        raise QueryError(f"{where}: {err}") from err
    finally:
        dataset.default_union, rdflib_sparql.SPARQL_LOAD_GRAPHS = union, load_graphs


def run(
    store: Store,
    query: NamedQuery | str,
    bindings: Mapping[str, str | ox.NamedNode | ox.Literal] | None = None,
    *,
    engine: str = "oxigraph",
    row_cap: int | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    source: str | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> Result:
    """Run any SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) with values bound as RDF terms.

    ``query`` is a :class:`NamedQuery`, the name of one, or SPARQL text; ``bindings`` maps
    variable names to terms, or to text read by :func:`parse_term` (checked by :func:`bind`).
    The default graph is the union of all graphs, unless ``default_graphs`` / ``named_graphs``
    name the dataset (graphs of the store only: nothing is fetched). ``row_cap`` stops a SELECT
    after that many rows, a CONSTRUCT or DESCRIBE after that many triples. A query that does not
    parse or fails raises :class:`~pactgraph.errors.QueryError` naming the line and column, in
    ``source`` (the file the text came from) if given. ``prefixes`` are extra prefixes for the
    values in ``bindings`` (see :func:`parse_term`).

    >>> from pactgraph.store import load
    >>> result = run(load(), get("changes"), {"change": "pg:Removed"})
    >>> [r["label"] for r in result.records()]
    ["Microsoft's right of first refusal to be OpenAI's compute provider"]
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if isinstance(query, str) and query in library():
        query = library()[query]
    bound = bind(query, bindings, prefixes)
    text = query.text if isinstance(query, NamedQuery) else query
    where = str(query.path) if isinstance(query, NamedQuery) else source or "query"
    if engine == "rdflib":
        if default_graphs is not None or named_graphs is not None:
            raise UsageError("a dataset (default/named graphs) needs the oxigraph engine")
        return _run_rdflib(store, text, where, bound, row_cap)
    return _run_oxigraph(store, text, where, bound, row_cap, default_graphs, named_graphs)


#: The ``pactgraph.query`` verb: :func:`run` under the pipeline's name.
query = run
