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
rdflib's ``initBindings``), never as text pasted into it. :func:`query` is the one runner:
any query, named or not, on either engine (:data:`ENGINES`), returning a :class:`Result`
that holds pyoxigraph terms whichever engine ran it, with one mapping of errors (a query
that fails is a :class:`~pactgraph.errors.QueryError`; a value that cannot be bound, a
:class:`~pactgraph.errors.BindingError`). :func:`select` is :func:`query` with its rows as
Python values. :mod:`pactgraph.results` writes a result out.

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

from .errors import BindingError, QueryError, UnknownNameError, UsageError
from .namespaces import PREFIXES, XSD, XSD_INTEGERS
from .parse import names_dataset, nesting, parse_term, query_variables, uses_service
from .resources import queries_dir

if TYPE_CHECKING:
    from .load import Store

__all__ = [
    "ENGINES",
    "MAX_NESTING",
    "NamedQuery",
    "Parameter",
    "Result",
    "bind",
    "checks",
    "from_file",
    "get",
    "library",
    "local_prefixes",
    "named",
    "python_value",
    "query",
    "select",
]

_DATE_ZONE = re.compile(r"(?<=\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})$")
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
        if datatype in XSD_INTEGERS:
            return int(text)
        if datatype == "decimal":
            return Decimal(text)
        if datatype in {"double", "float"}:
            return float(text)
        if datatype == "boolean":
            return text in {"true", "1"}
        if datatype == "date":
            # an xsd:date may carry a time zone (2030-12-31Z, 2030-12-31+02:00): the day stays
            return dt.date.fromisoformat(_DATE_ZONE.sub("", text))
    except ValueError:
        return text
    return text


# ------------------------------------------------------------------ running any query

#: How deep a query may nest its groups: deeper ones are refused before an engine sees them
#: (a query nested thousands deep can crash a parser).
MAX_NESTING = 100

#: The SPARQL engines :func:`run` can use. Oxigraph is the default: it answers the named
#: queries one to two orders of magnitude faster than rdflib's engine
#: (``tests/bench/bench_engines.py``).
ENGINES = ("oxigraph", "rdflib")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

_POSITION = re.compile(r"^error at (\d+):(\d+): ")


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
    """``{"": IRI/}`` when one agreement is loaded (or the versions of one), so ``:name`` can
    stand for its nodes (the first version's, for versions).

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; rdfs:label "Lease" ;
    ...         dcterms:date "2024-01-01"^^xsd:date ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" .
    ... ''')
    >>> local_prefixes(store)
    {'': 'https://example.org/a/'}
    """
    from .load import ONTOLOGY_GRAPH, RECORDS_GRAPH

    # several versions of one agreement: the first version's names, which later ones reuse
    later = {
        r["agreement"]
        for r in select(store, "SELECT ?agreement WHERE { ?agreement pg:previousVersion ?p }")
    }
    first: str | None = None
    roots: list[str] = []
    for node in store.oxigraph.named_graphs():  # read only until a second agreement shows
        graph = node.value if isinstance(node, ox.NamedNode) else None
        if graph is None or graph in (ONTOLOGY_GRAPH, RECORDS_GRAPH):
            continue
        first = graph if first is None else ""
        if graph not in later:
            roots.append(graph)
            if len(roots) > 1:
                return {}
    chosen = first or (roots[0] if roots else None)
    return {"": chosen.rstrip("/#") + "/"} if chosen else {}


def named(name_or_text: str) -> NamedQuery | None:
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

    Values given as text are read with :func:`~pactgraph.parse.parse_term`. A variable the
    query does not mention, a value that does not read as a term, a value of the wrong kind
    for a named query's parameter, or a missing required parameter raises
    :class:`~pactgraph.errors.BindingError` naming the variable.
    """
    text = query.text if isinstance(query, NamedQuery) else query
    known = query_variables(text)
    bound: dict[str, ox.NamedNode | ox.Literal] = {}
    for raw_name, value in (values or {}).items():
        name = raw_name.lstrip("?$")
        if name not in known:
            hint = f"; it takes {', '.join('?' + v for v in sorted(known))}" if known else ""
            raise BindingError(name, f"the query has no variable ?{name}{hint}")
        if isinstance(value, str):
            try:
                bound[name] = parse_term(value, where=f"?{name}", prefixes=prefixes)
            except UsageError as err:
                raise BindingError(name, str(err).removeprefix(f"?{name}: ")) from err
        else:
            bound[name] = value
    if isinstance(query, NamedQuery):
        for param in query.parameters:
            term_or_none = bound.get(param.name)
            if term_or_none is None:
                if param.required:
                    raise BindingError(
                        param.name,
                        f"?{param.name} is required by {query.name} ({param.doc or param.type})",
                    )
                continue
            if param.type.upper() == "IRI" and not isinstance(term_or_none, ox.NamedNode):
                raise BindingError(
                    param.name,
                    f"{query.name} takes an IRI for ?{param.name}; write <iri> or prefix:name",
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
    # The default graph is the union of the graphs, unless the query names its own dataset
    # (FROM / FROM NAMED: the union would override it) or the caller does.
    dataset: dict[str, Any] = {} if names_dataset(text) else {"use_default_graph_as_union": True}
    if default_graphs is not None or named_graphs is not None:
        try:
            dataset = {
                "default_graph": [ox.NamedNode(g) for g in default_graphs or []],
                "named_graphs": [ox.NamedNode(g) for g in named_graphs or []],
            }
        except ValueError as err:
            raise QueryError(f"{where}: a graph of the dataset is not an IRI ({err})") from err
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
            result.rows.append(tuple(solution))  # its values in the order of the variables
        return result
    except SyntaxError as err:
        message = " ".join(str(err.msg).split())  # the parser's list of expected tokens spans lines
        match = _POSITION.match(message)
        if match:
            where, message = f"{where}:{match[1]}:{match[2]}", message[match.end() :]
        raise QueryError(f"{where}: {message}") from err
    except RuntimeError as err:
        # Oxigraph refuses a value for a variable the query does not select, and reports
        # evaluation failures (a bad regex, a SERVICE call) the same way.
        _refuse_unseen_binding(err, bound)
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


def query(
    store: Store,
    sparql: NamedQuery | str,
    bindings: Mapping[str, str | ox.NamedNode | ox.Literal] | None = None,
    *,
    engine: str = "oxigraph",
    row_cap: int | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    source: str | None = None,
    prefixes: Mapping[str, str] | None = None,
    allow_service: bool = False,
) -> Result:
    """Run any SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) with values bound as RDF terms.

    ``sparql`` is a :class:`NamedQuery`, the name of one, or SPARQL text; ``bindings`` maps
    variable names to terms, or to text read by :func:`parse_term` (checked by :func:`bind`).
    The default graph is the union of all graphs, unless ``default_graphs`` / ``named_graphs``
    name the dataset (graphs of the store only: nothing is fetched). ``row_cap`` stops a SELECT
    after that many rows, a CONSTRUCT or DESCRIBE after that many triples.
    ``prefixes`` are extra prefixes for the values in ``bindings`` (see
    :func:`~pactgraph.parse.parse_term`); ``source`` names the file the text came from.
    A query nested deeper than :data:`MAX_NESTING`, or that may call another endpoint
    (``SERVICE``, unless ``allow_service``), is refused before an engine sees it.

    Returns
    -------
    Result
        Rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE), as pyoxigraph terms
        whichever engine ran the query.

    Raises
    ------
    QueryError
        The query does not parse (naming the line and column, in ``source`` if given),
        nests too deep, calls another endpoint without ``allow_service``, or fails while it
        runs.
    BindingError
        A value cannot be bound (no such variable, not a term, the wrong kind, a required
        parameter missing, a variable the query does not select).
    UsageError
        An unknown engine, or a dataset asked of the rdflib engine.

    Examples
    --------
    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; rdfs:label "Lease" ;
    ...         dcterms:date "2024-01-01"^^xsd:date ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" .
    ... ''')
    >>> result = query(store, "SELECT ?kind ?label WHERE { ?p a ?kind ; rdfs:label ?label }",
    ...                {"kind": "pg:Right"})
    >>> [r["label"] for r in result.records()]
    ['tenancy']
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    named_query = library().get(sparql) if isinstance(sparql, str) else sparql
    bound = bind(named_query or sparql, bindings, prefixes)
    text = named_query.text if named_query else str(sparql)
    where = str(named_query.path) if named_query else source or "query"
    depth = nesting(text)
    if depth > MAX_NESTING:
        raise QueryError(f"{where}: groups nest {depth} deep; the most is {MAX_NESTING}")
    if not allow_service and uses_service(text):
        raise QueryError(
            f"{where}: SERVICE would call another endpoint, which is refused unless allowed "
            "(allow_service=True); 'service' counts wherever a parser could read it as the "
            "keyword, as in a prefix named service...: write such an IRI in full, <...>"
        )
    if engine == "rdflib":
        if default_graphs is not None or named_graphs is not None:
            raise UsageError("a dataset (default/named graphs) needs the oxigraph engine")
        return _run_rdflib(store, text, where, bound, row_cap)
    if getattr(store, "remote", None) is not None and getattr(store, "pushdown", True):
        return _run_remote(store, text, where, bound, row_cap, default_graphs, named_graphs)
    return _run_oxigraph(store, text, where, bound, row_cap, default_graphs, named_graphs)


def _with_values(text: str, bound: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``text`` with each bound variable's value given as inline data at the start of its
    outermost group, so that every pattern and filter of the query sees it, as a
    substitution would."""
    from .parse import _code

    if not bound:
        return text
    code = _code(text)
    match = re.search(r"\bwhere\s*\{", code, re.I) or re.search(r"\{", code)
    if match is None:
        return text
    values = " ".join(f"VALUES ?{name} {{ {value} }}" for name, value in sorted(bound.items()))
    return f"{text[: match.end()]} {values} {text[match.end() :]}"


def _check_bound(text: str, bound: Mapping[str, ox.NamedNode | ox.Literal]) -> None:
    """Refuse a bound variable the query cannot see from outside (one that lives only in a
    subquery, or is not selected), as the local engine does: given as inline data, its value
    would bind nothing there, and the rows would come back as if it were unbound. Oxigraph
    decides, planning the query over an empty store; the store asked decides the rest."""
    try:
        ox.Store().query(text, substitutions={ox.Variable(k): v for k, v in bound.items()})
    except RuntimeError as err:
        _refuse_unseen_binding(err, bound)
    except (SyntaxError, OSError, ValueError, TypeError):
        return  # what the local parser refuses, the store may take: it answers for itself


def _refuse_unseen_binding(err: RuntimeError, bound: Mapping[str, Any]) -> None:
    """Oxigraph's refusal of a value for a variable the query does not select, as the
    :class:`BindingError` that names it; any other failure is left to the caller."""
    if "projection" in str(err):
        raise BindingError(
            next(iter(bound), ""), f"{err}; add the variable to the SELECT clause to bind it"
        ) from err


def _form_of(text: str) -> str:
    """The query form of ``text`` (``select``, ``ask``, ``construct`` or ``describe``), by
    its first keyword outside strings, IRIs and comments."""
    from .parse import _code

    match = re.search(r"\b(select|ask|construct|describe)\b", _code(text), re.I)
    return match[1].lower() if match else "select"


def _run_remote(  # noqa: PLR0917
    store: Store,
    text: str,
    where: str,
    bound: Mapping[str, ox.NamedNode | ox.Literal],
    row_cap: int | None,
    default_graphs: list[str] | None,
    named_graphs: list[str] | None,
) -> Result:
    """Run a query on the remote store behind ``store``, over its agreement graphs and the
    ontology's (or the dataset the query or the caller names)."""
    from .errors import RemoteError
    from .remote import results

    with_values = _with_values(text, bound)
    if bound and with_values == text:  # nowhere to give the values (a DESCRIBE): the copy
        return _run_oxigraph(store, text, where, bound, row_cap, default_graphs, named_graphs)
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    if bound and not uses_service(text):
        _check_bound(prologue + text, bound)
    dataset: tuple[list[str], list[str]] | None
    if default_graphs is not None or named_graphs is not None:
        dataset = (list(default_graphs or []), list(named_graphs or []))
    elif names_dataset(text):
        dataset = None
    else:
        dataset = store.query_dataset  # type: ignore[attr-defined]
    gives_triples = _form_of(text) in {"construct", "describe"}
    try:
        data = store.remote.run(prologue + with_values, dataset, triples=gives_triples)  # type: ignore[attr-defined]
    except RemoteError as err:
        if err.status != 400:
            raise
        # the store's parser: its lines counted without the prefixes put before the query
        said = re.sub(
            r"(\d+):(\d+)",
            lambda m: f"{max(1, int(m[1]) - prologue.count(chr(10)))}:{m[2]}",
            err.detail or str(err),
            count=1,
        )
        raise QueryError(f"{where}: the store refused the query: {said}") from None
    if gives_triples:
        try:
            triples = [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        except SyntaxError as err:
            raise QueryError(f"{where}: the remote store's answer does not parse ({err})") from err
        graph = Result("graph", triples=triples[:row_cap] if row_cap else triples)
        graph.truncated = row_cap is not None and len(triples) > row_cap
        return graph
    answer = results(where, data)
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer))
    names = [v.value for v in answer.variables]
    result = Result("select", variables=names)
    for solution in answer:
        if row_cap is not None and len(result.rows) >= row_cap:
            result.truncated = True
            break
        result.rows.append(tuple(solution))
    return result


def select(
    store: Store,
    sparql: NamedQuery | str,
    bindings: Mapping[str, str | ox.NamedNode | ox.Literal] | None = None,
) -> list[dict[str, Any]]:
    """Run a SELECT query with :func:`query` and return its rows as Python values
    (:func:`python_value`), unbound variables left out of a row.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; rdfs:label "Lease" ;
    ...         dcterms:date "2024-01-01"^^xsd:date ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" .
    ... ''')
    >>> [(r["label"], r["date"]) for r in select(store, "agreements")]
    [('Lease', datetime.date(2024, 1, 1))]
    """
    result = query(store, sparql, bindings)
    if result.form != "select":
        where = sparql.name if isinstance(sparql, NamedQuery) else "query"
        raise QueryError(f"{where}: expected a SELECT query")
    return result.records()
