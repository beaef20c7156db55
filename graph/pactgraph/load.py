"""Load agreement files into a store: the one graph every other verb works on.

A :class:`Store` is an Oxigraph store (in memory, or on disk for a large portfolio) holding
the pactgraph ontology in its own named graph and each agreement in a named graph named by
the agreement's IRI, plus a note of the file each agreement came from (so quotes can be
checked against their source text, and errors can name a file). Queries see the union of
all graphs as their default graph, so one query answers over one agreement or thousands.

Files are read with Oxigraph's parsers, by extension: ``.ttl`` Turtle, ``.nt`` N-Triples,
``.nq`` N-Quads, ``.trig`` TriG, ``.jsonld`` JSON-LD, ``.rdf``/``.owl``/``.xml`` RDF/XML,
``.n3`` N3; ``.md`` agreements in the literate format are compiled first
(:mod:`pactgraph.literate`). A directory loads every such file below it, except ``.json``
and ``.xml`` (name such a file to read it) and Markdown files that are not in the literate
format. Triples from a file's default graph
go into the named graph of the agreement the file describes: the one ``pg:Agreement`` in it
that no other agreement in it supersedes (or, failing one, a graph named by the file's URI).

This module does not validate (see :mod:`pactgraph.validate`) and never writes a file
unless a store directory is asked for.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pyoxigraph as ox

from .errors import DataError, InputNotFoundError, ParseError, UsageError
from .namespaces import PG_NS, PREFIXES
from .resources import bundled_agreement_files, ontology_file

if TYPE_CHECKING:
    import rdflib


T = TypeVar("T")  # the type of a view (Store.view)

__all__ = [
    "DIRECTORY_FORMATS",
    "FORMATS",
    "ONTOLOGY_GRAPH",
    "Store",
    "canonical_turtle",
    "load",
    "rdf_files",
]

#: What ``--data`` takes for standard input, and the path that stands for it.
STDIN = "-"
STDIN_PATH = Path("-")

#: The named graph the ontology is loaded into.
ONTOLOGY_GRAPH = "https://w3id.org/pactgraph/ns"
#: The named graph where a store on disk records each agreement's file and its hash
#: (:mod:`pactgraph.persist`); like the ontology's, not an agreement.
RECORDS_GRAPH = "https://w3id.org/pactgraph/store"

#: File extension -> Oxigraph format, for the files pactgraph reads.
FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}

#: The extensions read from a directory: only those no other kind of file uses (a folder of
#: agreements may also hold ``package.json`` or ``.xml`` files that are not RDF).
DIRECTORY_FORMATS = frozenset(FORMATS) - {".json", ".xml"}
#: Agreements written in the literate format (:mod:`pactgraph.literate`); in a directory,
#: only the files that begin with its front matter (``---`` then ``pactgraph: 1``).
LITERATE = ".md"


_FILE_NAME = re.compile(
    r"^\s*(?:file name|pg:fileName):\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?$", re.M
)


def named_sources(text: str) -> list[str]:
    """The source texts an agreement file in the literate format names (``file name:``)."""
    return [name.strip() for name in _FILE_NAME.findall(text)]


def content_digest(path: Path) -> str:
    """The SHA-256 of what a file's graph is made from: its bytes, and for an agreement in
    the literate format, the bytes of the source texts it names (``file name:``) too, since
    where each quote stands comes from them."""
    data = path.read_bytes()
    digest = hashlib.sha256(data)
    if path.suffix.lower() == LITERATE:
        for name in named_sources(data.decode("utf-8", "replace")):
            source = path.parent / name
            if source.parent == path.parent and source.is_file():
                digest.update(b"\0" + name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def is_literate(path: Path) -> bool:
    """Whether the Markdown file at ``path`` is an agreement in the literate format."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace").lstrip("\ufeff").splitlines()
    except OSError:
        return False
    return (
        bool(head)
        and head[0].strip() == "---"
        and any(line.split(":", 1)[0].strip() == "pactgraph" for line in head[1:40])
    )


_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_AGREEMENT = ox.NamedNode(PG_NS + "Agreement")
_SUPERSEDES = ox.NamedNode(PG_NS + "supersedes")
_PARSER_POSITION = re.compile(
    r"^Parser error (?:at|between) line \d+ "
    r"(?:column \d+(?: and line \d+ column \d+)?|between columns \d+ and \d+): "
)
_PARSER_SUFFIX = re.compile(r" \([^()]*, line \d+\)$")


@contextmanager
def _quiet_literals() -> Iterator[None]:
    """Keep rdflib from logging a traceback for each ill-typed literal while it reads.

    Oxigraph keeps a literal such as ``"2030-13-45"^^xsd:date`` as written, and the SHACL
    datatype constraints report it as a finding; rdflib's warning, with its traceback on
    stderr, would only repeat that, and break the one-line error contract.
    """
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


@dataclass
class Store:
    """The loaded graphs, and the files this run read them from.

    What the store holds is read from the store (:attr:`agreement_graphs`); ``origins``
    only maps the graphs this run loaded to the files they came from, so errors can name a
    file and quotes can be checked against the source text beside it. The store is not
    meant to change once loaded: ``views`` and :attr:`dataset` are built from it once.
    """

    oxigraph: ox.Store
    origins: dict[str, Path] = field(default_factory=dict)
    views: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Views derived from the quads (the networkx graph, the term model), built once each."""

    @property
    def agreement_graphs(self) -> list[str]:
        """The IRIs of the named graphs the store holds, the ontology's and the records' aside,
        sorted.

        Read from the store itself, so a store reopened from disk lists what it holds, not
        only what this run loaded.
        """
        return sorted(
            g.value
            for g in self.oxigraph.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value not in (ONTOLOGY_GRAPH, RECORDS_GRAPH)
        )

    def __len__(self) -> int:
        """Number of quads in the agreement graphs (the ontology and the records not counted):
        the store's own count, less those two small graphs."""
        aside = sum(
            sum(1 for _ in self.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g)))
            for g in (ONTOLOGY_GRAPH, RECORDS_GRAPH)
        )
        default = sum(
            1 for _ in self.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())
        )
        return len(self.oxigraph) - aside - default

    @cached_property
    def dataset(self) -> rdflib.Dataset:
        """The same quads as an rdflib ``Dataset`` (for SHACL, exports and the rdflib engine).

        Built once, on first use, term by term (:func:`_copy_into`).
        """
        import rdflib

        dataset = rdflib.Dataset(default_union=True)
        for name in self.oxigraph.named_graphs():
            if isinstance(name, ox.NamedNode):
                _copy_into(self.oxigraph, name, dataset.graph(rdflib.URIRef(name.value)))
        for prefix, iri in PREFIXES.items():
            dataset.bind(prefix, iri, replace=True)
        return dataset

    def kept(self, key: str) -> Any:
        """A view kept from an earlier run (see :meth:`keep`), or ``None``: a store in memory
        keeps nothing across runs."""
        return None

    def keep(self, key: str, value: Any) -> None:
        """Keep a view derived from the quads for later runs, where the store can."""

    def view(self, key: str, kind: type[T], build: Callable[[], T]) -> T:
        """The view ``key``: worked out by ``build`` once per store, and kept for later
        runs where the store keeps views (one kept that is not a ``kind`` is worked out
        again)."""
        if key not in self.views:
            found = self.kept(key)
            if not isinstance(found, kind):
                found = build()
                self.keep(key, found)
            self.views[key] = found
        value: T = self.views[key]
        return value

    def graph(self, name: str) -> rdflib.Graph:
        """One named graph as an rdflib ``Graph`` (an agreement, or :data:`ONTOLOGY_GRAPH`)."""
        import rdflib

        graph = rdflib.Graph(identifier=rdflib.URIRef(name))
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri, replace=True)
        _copy_into(self.oxigraph, ox.NamedNode(name), graph)
        return graph


def _copy_into(source: ox.Store, name: ox.NamedNode, graph: rdflib.Graph) -> None:
    """Add the triples of the named graph ``name`` to an rdflib graph, term by term.

    In time linear in the size of the data: handing a graph over as N-Triples text takes
    time that grows with the square of a line's length in rdflib's reader (a 4 MB label
    took minutes). A simple literal keeps no datatype, as rdflib reads it; RDF 1.2 triple
    terms, which rdflib cannot hold, are left out.
    """
    import rdflib

    string = PREFIXES["xsd"] + "string"

    def term(value: Any) -> Any:
        if isinstance(value, ox.NamedNode):
            return rdflib.URIRef(value.value)
        if isinstance(value, ox.BlankNode):
            return rdflib.BNode(value.value)
        if isinstance(value, ox.Literal):
            if value.language:
                return rdflib.Literal(value.value, lang=value.language)
            datatype = value.datatype.value
            return rdflib.Literal(
                value.value, datatype=None if datatype == string else rdflib.URIRef(datatype)
            )
        return None  # a triple term

    with _quiet_literals():
        for quad in source.quads_for_pattern(None, None, None, name):
            triple = (term(quad.subject), term(quad.predicate), term(quad.object))
            if None not in triple:
                graph.add(triple)


def rdf_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read for ``paths``: each file as given, each directory's RDF files sorted.

    A file named twice (directly, or also through its directory) is read once.
    Raises :class:`~pactgraph.errors.InputNotFoundError` for a path that does not exist.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            if STDIN_PATH in files:
                raise UsageError("standard input (-) can be read once; name it once")
            files.append(STDIN_PATH)
        elif path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                raise InputNotFoundError(
                    f"{path}: cannot read this directory; check its permissions"
                )
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and (
                    p.suffix.lower() in DIRECTORY_FORMATS
                    or (p.suffix.lower() == LITERATE and is_literate(p))
                )
            )
            # a Turtle file built from an agreement file beside it is that agreement again
            names = {p.name for p in found}
            found = [
                p for p in found if p.suffix.lower() != ".ttl" or (built_from(p) or "") not in names
            ]
            if not found:
                raise InputNotFoundError(
                    f"{path}: no RDF files in this directory (looked for "
                    f"{', '.join(sorted(DIRECTORY_FORMATS))}, and {LITERATE} agreement files)"
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise InputNotFoundError(
                f"{path}: not a regular file (a device, a pipe or a socket); name an RDF file"
            )
        else:
            raise InputNotFoundError(f"{path}: no such file; check the path")
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file if file == STDIN_PATH else file.resolve(), file)
    return list(unique.values())


def _format_for(path: Path) -> ox.RdfFormat:
    return FORMATS.get(path.suffix.lower(), ox.RdfFormat.TURTLE)


#: An XML document type declaration and the entities it declares.
_DOCTYPE = re.compile(rb"<!DOCTYPE\b(?P<body>[^\[>]*(?:\[(?P<subset>.*?)\])?)\s*>", re.S)
_ENTITY = re.compile(
    rb"<!ENTITY\s+(?P<param>%\s+)?(?P<name>[^\s]+)\s+(?P<rest>(?:\"[^\"]*\"|'[^']*'|[^>])*)>", re.S
)
#: The most entities an RDF/XML file may declare (OWL files use a few for namespaces).
MAX_ENTITIES = 100
#: The deepest an RDF/XML file's elements may nest. Real files nest a few levels; the
#: parser's time grows with the square of the depth (100,000 levels took minutes).
MAX_XML_DEPTH = 1000
_XML_MARKUP = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!.*?>"  # comments, CDATA, PIs, DOCTYPE
    rb"|<(/?)[A-Za-z_][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>",
    re.S,
)


def _check_depth(data: bytes, source: str) -> None:
    """Refuse an XML document whose elements nest deeper than :data:`MAX_XML_DEPTH`, in one
    linear scan of its tags, before the parser sees it.

    >>> _check_depth(b"<a><b/><c>x</c></a>", "x.rdf")
    >>> _check_depth(b"<a>" * 1001, "x.rdf")
    Traceback (most recent call last):
    ...
    pactgraph.errors.ParseError: x.rdf:1: elements nest more than 1000 deep ...
    """
    depth = 0
    for match in _XML_MARKUP.finditer(data):
        closing, empty = match.group(1), match.group(2)
        if closing is None or empty:  # comment, PI, CDATA, DOCTYPE, or <empty/>
            continue
        depth += -1 if closing else 1
        if depth > MAX_XML_DEPTH:
            line = data.count(b"\n", 0, match.start()) + 1
            raise ParseError(
                source,
                f"elements nest more than {MAX_XML_DEPTH} deep (RDF/XML needs a few levels); "
                "refused before parsing",
                line=line,
            )


def _check_entity_text(head: bytes, source: str) -> None:
    """Refuse an XML document whose DTD could expand without bound or read other files,
    given its start (a DTD comes before the root element); ``source`` names it in errors.

    RDF/XML files often declare entities as namespace abbreviations
    (``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``). Those are read; an entity whose
    value refers to another entity (the "billion laughs"), an external entity (``SYSTEM`` or
    ``PUBLIC``), a parameter entity, or more than :data:`MAX_ENTITIES` are refused before
    any parser sees the document.
    """
    match = _DOCTYPE.search(head)
    if match is None:
        return
    where = head[: match.start()].count(b"\n") + 1
    if re.search(rb"\b(SYSTEM|PUBLIC)\b", match["body"] or b"") and match["subset"] is None:
        raise ParseError(source, "an external DTD is refused: remove the DOCTYPE", line=where)
    entities = list(_ENTITY.finditer(match["subset"] or b""))
    if len(entities) > MAX_ENTITIES:
        raise ParseError(
            source, f"{len(entities)} XML entities (the most is {MAX_ENTITIES})", line=where
        )
    for entity in entities:
        rest = entity["rest"].strip()
        name = entity["name"].decode("utf-8", "replace")
        if entity["param"] or re.match(rb"(SYSTEM|PUBLIC)\b", rest):
            raise ParseError(
                source,
                f"XML entity {name!r} reads another file or extends the DTD: refused; "
                "write its value in full",
                line=where,
            )
        if b"&" in rest or b"%" in rest:
            raise ParseError(
                source,
                f"XML entity {name!r} refers to other entities, which could expand without "
                "bound: refused; write its value in full",
                line=where,
            )


_TOO_LONG = (
    "one literal, IRI or line is longer than 16 MiB, the most the parser holds at once; "
    "keep long texts in the source document and quote them"
)


def _default_max_input() -> int:
    """A fiftieth of this machine's memory, in MiB, between 64 and 1024: validating takes
    about 50 times the input (a 200 MB file took 9.7 GB), so such input still fits."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return 1024
    return max(64, min(1024, memory // 50 // 2**20))


#: The most input, in MiB, one run reads unless told otherwise (``--max-input``).
MAX_INPUT = _default_max_input()


def _check_size(files: Sequence[Path], max_input: int | None) -> None:
    """Refuse input past ``max_input`` MiB before reading any of it (memory grows with it)."""
    if max_input is None:
        return
    sizes = {f: f.stat().st_size for f in files if f != STDIN_PATH}
    if sum(sizes.values()) > max_input * 2**20:
        largest = max(sizes, key=lambda f: sizes[f])
        raise DataError(
            f"{largest}: the input is {sum(sizes.values()) / 2**20:,.0f} MiB in "
            f"{len(sizes)} file(s), past the limit of {max_input:,} MiB; raise it with "
            "--max-input MIB if this machine has the memory (about 50 times the input)"
        )


_REMOTE_CONTEXT = re.compile(rb'"@context"\s*:\s*(?:\[\s*)?"([^"]+)"')


def _locate(data: bytes, fmt: ox.RdfFormat, message: str) -> tuple[str, int | None, int | None]:
    r"""A line (and column) for a parser error that came without one, and better words for
    a remote JSON-LD context.

    RDF/XML: an XML reader finds where the document stops being well-formed XML with
    namespaces (an unknown prefix is such a place); JSON-LD: the line of the ``@`` keyword
    the message names, when it appears once. Else no line.

    >>> _locate(b'<a xmlns="x">\n<p:b/></a>', ox.RdfFormat.RDF_XML, "Unknown prefix p:")
    ('Unknown prefix p:', 2, 1)
    >>> remote = b'{\n "@context": "https://schema.org/"}'
    >>> words, line, _ = _locate(remote, ox.RdfFormat.JSON_LD, "No LoadDocumentCallback")
    >>> words.startswith('the JSON-LD context "https://schema.org/" is remote'), line
    (True, 2)
    """
    if fmt == ox.RdfFormat.RDF_XML:
        from xml.parsers import expat

        reader = expat.ParserCreate(namespace_separator=" ")
        try:
            reader.Parse(data, True)
        except expat.ExpatError as err:
            return message, err.lineno, err.offset + 1
        return message, None, None
    if fmt == ox.RdfFormat.JSON_LD:
        remote = _REMOTE_CONTEXT.search(data)
        if "LoadDocumentCallback" in message and remote:
            url = remote.group(1).decode("utf-8", "replace")
            line = data.count(b"\n", 0, remote.start()) + 1
            return (
                f'the JSON-LD context "{url}" is remote, and pactgraph fetches nothing: put '
                'the context object itself in "@context"',
                line,
                None,
            )
        keyword = re.search(r"@\w+", message)
        if keyword:
            token = f'"{keyword.group()}"'.encode()
            if data.count(token) == 1:
                return message, data.count(b"\n", 0, data.index(token)) + 1, None
    return message, None, None


def _sniff(data: bytes) -> ox.RdfFormat:
    """The format of RDF read from standard input, by its first characters: RDF/XML,
    JSON-LD, else TriG (which reads Turtle and N-Triples as well; N-Quads is tried next).

    >>> _sniff(b'  {"@id": "x"}'), _sniff(b"<?xml version='1.0'?>"), _sniff(b"@prefix x: <y> .")
    (<RdfFormat JSON-LD>, <RdfFormat RDF/XML>, <RdfFormat TriG>)
    """
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    if head.startswith((b"{", b"[")):
        return ox.RdfFormat.JSON_LD
    if head.startswith((b"<?xml", b"<rdf:RDF", b"<RDF")):
        return ox.RdfFormat.RDF_XML
    return ox.RdfFormat.TRIG


def _parse_stdin(max_input: int | None = MAX_INPUT) -> list[ox.Quad]:
    """The statements on standard input, in the format :func:`_sniff` finds."""
    limit = -1 if max_input is None else max_input * 2**20 + 1
    data = sys.stdin.buffer.read(limit)
    if max_input is not None and len(data) > max_input * 2**20:
        raise DataError(
            f"<stdin>: more than the limit of {max_input:,} MiB of input; raise it with "
            "--max-input MIB if this machine has the memory"
        )
    fmt = _sniff(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        if fmt == ox.RdfFormat.RDF_XML:
            _check_entity_text(data, "<stdin>")
            _check_depth(data, "<stdin>")
        try:
            return list(ox.parse(data, format=fmt, rename_blank_nodes=True))
        except SyntaxError:
            if fmt != ox.RdfFormat.TRIG:
                raise
            try:  # N-Quads, the one line format TriG does not read
                return list(ox.parse(data, format=ox.RdfFormat.N_QUADS, rename_blank_nodes=True))
            except SyntaxError:
                pass
            raise
    except (SyntaxError, UnicodeDecodeError, MemoryError, OSError, ValueError) as err:
        raise _failure("<stdin>", err, fmt, data, what="RDF", read_as=f" (read as {fmt})") from err


def _parse(path: Path, max_input: int | None = MAX_INPUT) -> list[ox.Quad]:
    if path == STDIN_PATH:
        return _parse_stdin(max_input)
    if path.suffix.lower() == LITERATE:
        from .literate import build

        triples = build(path).graph.serialize(format="nt", encoding="utf-8")
        # its blank nodes are named after the file's content and their line: kept, so that
        # validate can point at them
        return list(ox.parse(triples, format=ox.RdfFormat.N_TRIPLES))
    fmt = _format_for(path)
    data = b""
    try:
        with path.open("rb") as handle:
            bom = handle.read(3) == b"\xef\xbb\xbf"
        if fmt == ox.RdfFormat.RDF_XML or bom:  # read once: checked, then parsed
            data = path.read_bytes()[3 if bom else 0 :]  # a byte order mark is no part of it
            if fmt == ox.RdfFormat.RDF_XML:
                _check_entity_text(data[: 1 << 20], str(path))  # a DTD comes before the root
                _check_depth(data, str(path))
            return list(
                ox.parse(
                    data, format=fmt, base_iri=path.resolve().as_uri(), rename_blank_nodes=True
                )
            )
        return list(
            ox.parse(
                path=path, format=fmt, base_iri=path.resolve().as_uri(), rename_blank_nodes=True
            )
        )
    except (SyntaxError, UnicodeDecodeError, MemoryError, OSError, ValueError) as err:
        guessed = (
            f" (read as {fmt}, guessed: name RDF files .ttl, .nt, .nq, .trig, .jsonld or .rdf)"
            if path.suffix.lower() not in FORMATS
            else ""
        )
        raise _failure(str(path), err, fmt, data or path, what="an RDF file", hint=guessed) from err


def _failure(
    source: str,
    err: Exception,
    fmt: ox.RdfFormat,
    data: bytes | Path,
    *,
    what: str,
    read_as: str = "",
    hint: str = "",
) -> ParseError:
    """The :class:`ParseError` for a document that did not parse, the one mapping of the
    parser's failures for files and standard input: its message with its line and column
    (found by :func:`_locate` when the parser gave none), then ``read_as``, then ``hint`` when
    the parser gave the line itself."""
    if isinstance(err, SyntaxError):
        message = _PARSER_SUFFIX.sub("", _PARSER_POSITION.sub("", str(err.msg)))
        if err.lineno is None:  # the RDF/XML and JSON-LD parsers give no position
            text = data.read_bytes() if isinstance(data, Path) else data
            message, line, column = _locate(text, fmt, message)
            return ParseError(source, message + read_as, line=line, column=column)
        return ParseError(source, message + read_as + hint, line=err.lineno, column=err.offset)
    if isinstance(err, UnicodeDecodeError):
        return ParseError(source, f"not UTF-8 text ({err.reason}); is this {what}?")
    if isinstance(err, MemoryError):
        return ParseError(source, _TOO_LONG)
    return ParseError(source, str(err))


def _graph_name(path: Path, quads: Sequence[ox.Quad]) -> str:
    agreements = {q.subject for q in quads if q.predicate == _RDF_TYPE and q.object == _AGREEMENT}
    superseded = {q.object for q in quads if q.predicate == _SUPERSEDES}
    heads = [a for a in agreements if a not in superseded and isinstance(a, ox.NamedNode)]
    if len(heads) == 1:
        return heads[0].value
    return path.resolve().as_uri()


def load(
    paths: Sequence[str | Path] | None = None,
    *,
    text: str | None = None,
    store_dir: str | Path | None = None,
    max_input: int | None = MAX_INPUT,
) -> Store:
    """Load agreements with the ontology: files, Turtle text, or the bundled agreements.

    Parameters
    ----------
    paths
        Agreement files and directories (every RDF file below a directory). Without
        ``paths`` or ``text``: the bundled agreements.
    text
        One agreement written as Turtle, with pactgraph's prefixes (``pg:``, ``rdfs:``,
        ``xsd:``, ``dcterms:``, ``time:``, ``oa:``, ...) declared for it.
    store_dir
        Keep the store on disk in this directory (Oxigraph's RocksDB store), for portfolios
        larger than memory; without it the store is in memory.
    max_input
        The most input to read, in MiB (:data:`MAX_INPUT`); ``None`` for no limit. Past it
        nothing is read: memory grows with the input, about 50 times it to validate.

    Returns
    -------
    Store
        Each agreement in the named graph of its IRI, the ontology in its own.

    Raises
    ------
    InputNotFoundError
        A path does not exist, or a directory holds no RDF file.
    ParseError
        A file or the text does not parse (with its line and column).
    DataError
        A file holds nothing, or the same agreement as another file, or the input is larger
        than ``max_input``.

    Examples
    --------
    >>> store = load(text='''
    ...     <https://example.org/lease> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date .
    ... ''')
    >>> store.agreement_graphs
    ['https://example.org/lease']
    """
    if text is not None:
        return _load_text(text, store_dir)
    files = rdf_files(paths) if paths else bundled_agreement_files()
    _check_size(files, max_input)
    oxi = _with_ontology(store_dir)
    store = Store(oxi)
    for path in files:
        quads = _parse(path, max_input)
        if not quads:
            raise DataError(
                f"{path}: holds no RDF statements; name a file that describes an agreement"
            )
        name = _graph_name(path, quads)
        if name in store.origins:
            raise DataError(
                f"{path}: agreement {name} is also in {store.origins[name]}; "
                "give each version of an agreement its own IRI"
            )
        target = ox.NamedNode(name)
        if _load_plain(oxi, path, target):
            store.origins.setdefault(name, path)
            continue
        placed = [
            q
            if not isinstance(q.graph_name, ox.DefaultGraph)
            else ox.Quad(q.subject, q.predicate, q.object, target)
            for q in quads
        ]
        oxi.extend(placed)
        for graph in dict.fromkeys(q.graph_name for q in placed):
            if isinstance(graph, ox.NamedNode):
                store.origins.setdefault(graph.value, path)
    return store


#: The formats that hold triples only: the whole file goes into the agreement's graph.
_TRIPLES_ONLY = (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES)


def _load_plain(oxi: ox.Store, path: Path, graph: ox.NamedNode) -> bool:
    """Load a file that parsed (:func:`_parse`) straight into ``graph`` of ``oxi``, if it is
    Turtle or N-Triples without a byte order mark; say whether it was loaded.

    The store's own loader is about three times quicker than placing each parsed statement
    in the graph from Python, and it too gives each file's blank nodes names of their own,
    so two files' ``_:x`` stay apart.
    """
    if path == STDIN_PATH or path.suffix.lower() == LITERATE:
        return False
    fmt = _format_for(path)
    if fmt not in _TRIPLES_ONLY:
        return False
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return False
    oxi.load(input=data, format=fmt, base_iri=path.resolve().as_uri(), to_graph=graph)
    return True


def _with_ontology(store_dir: str | Path | None) -> ox.Store:
    """A new store (in memory, or on disk in ``store_dir``) holding the ontology."""
    oxi = ox.Store(str(store_dir)) if store_dir is not None else ox.Store()
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    if not _load_plain(oxi, ontology_file(), graph):
        oxi.extend(
            ox.Quad(q.subject, q.predicate, q.object, graph) for q in _parse(ontology_file())
        )
    return oxi


def _load_text(text: str, store_dir: str | Path | None) -> Store:
    prologue = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
    try:
        quads = list(ox.parse(prologue + text, format=ox.RdfFormat.TURTLE))
    except SyntaxError as err:
        line = err.lineno - len(PREFIXES) if err.lineno else None
        message = _PARSER_SUFFIX.sub("", _PARSER_POSITION.sub("", str(err.msg)))
        raise ParseError("<text>", message, line=line, column=err.offset) from err
    oxi = _with_ontology(store_dir)
    target = ox.NamedNode(_graph_name(Path("text.ttl"), quads))
    oxi.extend(ox.Quad(q.subject, q.predicate, q.object, target) for q in quads)
    return Store(oxi)


def canonical_turtle(path: str | Path) -> str:
    """The canonical Turtle form of a file: what rdflib writes for it, with our prefixes.

    The ontology and the bundled agreements are kept in this form so that diffs stay
    readable; a test checks that they are.
    """
    import rdflib

    graph = rdflib.Graph()
    with _quiet_literals():
        graph.parse(Path(path), format="turtle")
    source = built_from(Path(path))
    mark = BUILT_MARK.format(name=source) + "\n" if source is not None else ""
    return mark + turtle_text(graph)


def turtle_text(graph: rdflib.Graph) -> str:
    """``graph`` as canonical Turtle: rdflib's order, our prefixes and the graph's own,
    strings on one line."""
    import rdflib

    declared = {p: str(ns) for p, ns in graph.namespaces()}
    out = rdflib.Graph()
    for prefix, iri in {**PREFIXES, **declared}.items():
        out.bind(prefix, iri, replace=True)
    for triple in graph:
        out.add(triple)
    return one_line_strings(out.serialize(format="turtle"))


#: The first line of a Turtle file that ``pactgraph build`` wrote from an agreement file.
BUILT_MARK = "# Built by pactgraph from {name}: edit that file and build again."
_BUILT = re.compile(r"# Built by pactgraph from (.+?): edit that file and build again\.$")


def built_from(path: Path) -> str | None:
    """The name of the agreement file (``.md``) that ``pactgraph build`` made ``path``
    from, if it did."""
    try:
        with path.open(encoding="utf-8") as handle:
            first = handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        return None
    found = _BUILT.fullmatch(first)
    return found.group(1) if found else None


_LONG_STRING = re.compile(r'"""((?:[^"\\]|\\.|"(?!""))*)"""', re.S)
_TURTLE_ESCAPES = {"\\": "\\", '"': '"', "r": "\r", "n": "\n", "t": "\t", "'": "'"}


def one_line_strings(turtle: str) -> str:
    """Turtle as rdflib writes it, with each string that holds a line break written on one
    line with ``\\n`` instead of as a long (triple-quoted) string, so that a blank line only
    ever separates statements."""
    import json

    def one_line(match: re.Match[str]) -> str:
        value = re.sub(r"\\(.)", lambda m: _TURTLE_ESCAPES.get(m.group(1), m.group(0)), match[1])
        return json.dumps(value, ensure_ascii=False)

    return _LONG_STRING.sub(one_line, turtle)
