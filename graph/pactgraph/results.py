"""Write a query :class:`~pactgraph.query.Result` in the standard formats.

SELECT and ASK results go out in the W3C SPARQL 1.1 results formats — JSON, XML, CSV and
TSV — written here to the letter of each specification, so both engines give the same
bytes (rdflib has no TSV writer, and a row cap must be able to cut any result). CONSTRUCT
and DESCRIBE results go out as RDF through Oxigraph's serializers: Turtle, N-Triples,
JSON-LD, RDF/XML, TriG. ``table`` is a plain-text table for people, IRIs shortened with
pactgraph's prefixes.

Format names are case-insensitive and accept the usual aliases (:data:`ALIASES`);
:data:`MEDIA_TYPES` gives each format's media type, for HTTP content negotiation.

This module reads no graph and prints nothing.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import pyoxigraph as ox

from .errors import UsageError
from .query import Result, Term
from .render import xml_safe

__all__ = [
    "ALIASES",
    "GRAPH_FORMATS",
    "MEDIA_TYPES",
    "SOLUTION_FORMATS",
    "compact",
    "format_name",
    "write",
]

XSD = "http://www.w3.org/2001/XMLSchema#"

#: Formats for SELECT and ASK results.
SOLUTION_FORMATS = ("table", "json", "xml", "csv", "tsv", "spreadsheet")
#: Formats for CONSTRUCT and DESCRIBE results.
GRAPH_FORMATS = ("turtle", "nt", "jsonld", "xml", "trig", "table")

#: Other names users give formats, mapped to ours (N3 is answered as Turtle, which every N3
#: reader reads).
ALIASES = {
    "ttl": "turtle",
    "ntriples": "nt",
    "n-triples": "nt",
    "json-ld": "jsonld",
    "rdfxml": "xml",
    "rdf-xml": "xml",
    "rdf/xml": "xml",
    "rdf": "xml",
    "rdf+xml": "xml",
    "n3": "turtle",
    "srj": "json",
    "srx": "xml",
    "text": "table",
}

#: Media type of each (form, format), for HTTP responses and content negotiation.
MEDIA_TYPES: dict[tuple[str, str], str] = {
    ("solutions", "json"): "application/sparql-results+json",
    ("solutions", "xml"): "application/sparql-results+xml",
    ("solutions", "csv"): "text/csv; charset=utf-8",
    ("solutions", "tsv"): "text/tab-separated-values; charset=utf-8",
    ("solutions", "spreadsheet"): "text/csv; charset=utf-8",
    ("solutions", "table"): "text/plain; charset=utf-8",
    ("graph", "turtle"): "text/turtle",
    ("graph", "nt"): "application/n-triples",
    ("graph", "jsonld"): "application/ld+json",
    ("graph", "xml"): "application/rdf+xml",
    ("graph", "trig"): "application/trig",
    ("graph", "table"): "text/plain; charset=utf-8",
}

_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
}
_BARE = {
    XSD + "integer": re.compile(r"[+-]?\d+"),
    XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
    XSD + "double": re.compile(r"[+-]?(?:\d+\.\d*|\.?\d+)[eE][+-]?\d+"),
    XSD + "boolean": re.compile(r"true|false"),
}


def format_name(name: str, form: str | None = None) -> str:
    """Our name for the format ``name`` (any case, any alias), checked against ``form``.

    ``form`` is ``select``, ``ask`` or ``graph`` (or ``None`` to accept any format). ``json``
    asked of a graph means JSON-LD. An unknown name raises :class:`UsageError`.

    >>> format_name("TTL", "graph"), format_name("json-ld"), format_name("json", "graph")
    ('turtle', 'jsonld', 'jsonld')
    """
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if form == "graph" and key == "json":
        key = "jsonld"
    allowed: tuple[str, ...]
    if form is None:
        allowed = tuple(dict.fromkeys(SOLUTION_FORMATS + GRAPH_FORMATS))
    else:
        allowed = GRAPH_FORMATS if form == "graph" else SOLUTION_FORMATS
    if key not in allowed:
        what = "graph (CONSTRUCT/DESCRIBE)" if form == "graph" else "SELECT/ASK"
        kind = f" for a {what} result" if form else ""
        raise UsageError(f"unknown format {name!r}{kind}; use one of {', '.join(allowed)}")
    return key


def compact(term: Term | None, prefixes: dict[str, str] | None = None) -> str:
    """A term as people read it: a prefixed name where one fits, a literal's text.

    ``prefixes`` adds to pactgraph's own, e.g. ``{"": agreement IRI + "/"}``; the first
    prefix (``prefixes`` before pactgraph's own) whose rest is a plain local name wins.

    >>> compact(ox.NamedNode("https://w3id.org/pactgraph/ns#Kept"))
    'pg:Kept'
    >>> compact(ox.NamedNode("https://example.org/a/b"), {"": "https://example.org/a/"})
    ':b'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        names, pattern = _prefixed(tuple((prefixes or {}).items()))
        found = pattern.match(term.value)
        if found is None:
            return f"<{term.value}>"
        which = found.lastindex or 0  # the one namespace's group that took part
        return f"{names[which - 1]}:{found.group(which)}"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


@lru_cache(maxsize=64)
def _prefixed(extra: tuple[tuple[str, str], ...]) -> tuple[list[str], re.Pattern[str]]:
    """The prefix names in the order they are tried, and one pattern trying them in that
    order: an alternative per namespace, each with the local name it must be followed by, so
    the first namespace that fits wins, as a loop over them would give."""
    from .namespaces import PREFIXES

    table = {**dict(extra), **PREFIXES}
    names = list(table)
    pattern = "|".join(f"{re.escape(iri)}([\\w-]*)" for iri in table.values())
    return names, re.compile(f"(?:{pattern})\\Z")


def _nt_literal_text(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def _tsv_term(term: Term | None) -> str:
    """A term in SPARQL/Turtle syntax, as the TSV results format writes it."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        pattern = _BARE.get(datatype)
        if pattern is not None and pattern.fullmatch(term.value):
            return term.value
        body = f'"{_nt_literal_text(term.value)}"'
        if term.language:
            return f"{body}@{term.language}"
        if datatype != XSD + "string":
            return f"{body}^^<{datatype}>"
        return body
    return f"<< {_tsv_term(term.subject)} {_tsv_term(term.predicate)} {_tsv_term(term.object)} >>"


def _csv_field(term: Term | None) -> str:
    if term is None:
        text = ""
    elif isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, ox.NamedNode | ox.Literal):
        text = term.value
    else:
        text = str(term)
    if any(c in text for c in '",\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _xml_text(text: str) -> str:
    """Text for the XML results format: escaped, with what XML cannot carry as U+FFFD."""
    return _escape(xml_safe(text))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """``text`` as a quoted XML attribute value (what ``xml.sax.saxutils.quoteattr`` does,
    without the import of ``urllib.request`` that module brings)."""
    escaped = _escape(text).replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{_xml_text(term.value)}</literal>"
        if term.datatype.value != XSD + "string":
            attr = quoteattr(term.datatype.value)
            return f"<literal datatype={attr}>{_xml_text(term.value)}</literal>"
        return f"<literal>{_xml_text(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _json(result: Result) -> str:
    if result.form == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2) + "\n"
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    data = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _xml(result: Result) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "  <head>",
        *(f"    <variable name={quoteattr(v)}/>" for v in result.variables),
        "  </head>",
    ]
    if result.form == "ask":
        lines.append(f"  <boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        lines.append("  <results>")
        for row in result.rows:
            lines.append("    <result>")
            lines.extend(
                f"      <binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row, strict=True)
                if t is not None
            )
            lines.append("    </result>")
        lines.append("  </results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


def _csv(result: Result) -> str:
    if result.form == "ask":
        return "_askResult\r\n" + ("true" if result.boolean else "false") + "\r\n"
    lines = [",".join(_csv_field(ox.Literal(v)) for v in result.variables)]
    lines += [",".join(_csv_field(t) for t in row) for row in result.rows]
    return "\r\n".join(lines) + "\r\n"


#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet(result: Result) -> str:
    """SPARQL CSV made safe to open in a spreadsheet: a cell that a spreadsheet would run as
    a formula (``=HYPERLINK(...)``) starts with ``'``, which spreadsheets show as text; a
    byte order mark tells them it is UTF-8. The ``csv`` format keeps values as they are."""

    def safe(term: Term | None) -> Term | None:
        if isinstance(term, ox.Literal | ox.NamedNode) and term.value.startswith(_FORMULA):
            return ox.Literal("'" + term.value)
        return term

    if result.form != "select":
        return "\ufeff" + _csv(result)
    lines = [",".join(_csv_field(ox.Literal(v)) for v in result.variables)]
    lines += [",".join(_csv_field(safe(t)) for t in row) for row in result.rows]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def _tsv(result: Result) -> str:
    if result.form == "ask":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _table(result: Result, prefixes: dict[str, str] | None) -> str:
    from .render import table

    if result.form == "ask":
        return "true\n" if result.boolean else "false\n"
    if result.form == "graph":
        columns = ["subject", "predicate", "object"]
        rows = [
            dict(zip(columns, (compact(x, prefixes) for x in t), strict=True))
            for t in result.triples
        ]
    else:
        columns = result.variables
        rows = [
            {v: compact(t, prefixes) for v, t in zip(columns, row, strict=True)}
            for row in result.rows
        ]
    note = f"\n({len(rows)} rows{', cut off at the row cap' if result.truncated else ''})"
    return table(rows, columns) + note + "\n"


def write(result: Result, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """``result`` in format ``fmt`` (any alias), as UTF-8 bytes.

    ``prefixes`` (added to pactgraph's own) shorten IRIs in the ``table`` format.

    A format that does not suit the result (``csv`` for a CONSTRUCT, ``turtle`` for a
    SELECT) raises :class:`~pactgraph.errors.UsageError`.
    """
    from .namespaces import PREFIXES

    name = format_name(fmt, result.form)
    if name == "table":
        return _table(result, prefixes).encode()
    if result.form == "graph":
        if name == "jsonld":  # types as @type, compacted with pactgraph's prefixes
            from .export import jsonld_bytes

            return jsonld_bytes(result.triples)
        prefixes = PREFIXES if name in {"turtle", "trig", "xml"} else None
        data = ox.serialize(result.triples, format=_RDF_FORMATS[name], prefixes=prefixes)
        return data or b""
    writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv, "spreadsheet": _spreadsheet}[
        name
    ]
    return writer(result).encode()
