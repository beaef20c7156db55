"""Check that the loaded agreements are well formed: shapes, checks, and quotes.

Three gates, each producing :class:`Finding` rows:

1. **SHACL**: each agreement graph, with the ontology beside it, against
   ``ontology/shapes.ttl`` (pyshacl). Every constraint carries a readable ``sh:message``.
2. **Checks**: the queries in ``queries/checks/``, run over all graphs; each row is a finding.
3. **Quotes**: each ``pg:Quote``'s ``oa:exact`` must stand at ``oa:start``..``oa:end`` of its
   source text (read relative to the agreement file, UTF-8, offsets in code points), and the
   text must match its recorded SHA-256 digest. A quote that stands elsewhere is reported
   with the offsets to write instead.

Each finding names the file and, where it can, the line where its subject is written, so
an editor can jump there. This module does not print; the CLI renders the report.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ParseError
from .load import LITERATE, ONTOLOGY_GRAPH, Store
from .namespaces import PG_NS, local_name
from .query import checks, select
from .resources import shapes_file
from .sources import beside, closest_passage, reads_after, reads_before, shown, source_text

if TYPE_CHECKING:
    from .literate import Built

__all__ = ["Finding", "Report", "validate"]


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the data."""

    gate: str
    """``shacl``, ``check:NAME`` or ``quote``."""
    message: str
    file: str | None = None
    line: int | None = None
    focus: str | None = None
    path: str | None = None
    value: str | None = None

    def where(self) -> str:
        """``FILE:LINE`` (or what of it is known), for the start of an error line."""
        if self.file is None:
            return "<data>"
        return f"{self.file}:{self.line}" if self.line is not None else self.file


@dataclass
class Report:
    """The findings of :func:`validate` over some files."""

    files: list[str]
    findings: list[Finding] = field(default_factory=list)
    quotes_checked: int = 0
    checks_run: int = 0
    quotes_unchecked_in: list[str] = field(default_factory=list)
    """Graphs whose quotes were not checked: the store holds them, but no file of this run,
    so their source texts cannot be found (load them from their files to check them)."""
    sentences: int = 0
    """The sentences of the source texts, each of which should be quoted."""
    uncovered: list[Finding] = field(default_factory=list)
    """The sentences no quote covers: neither evidence of a node nor marked non-operative.
    Warnings unless :func:`validate` is asked to count them as findings."""

    @property
    def conforms(self) -> bool:
        """True when nothing was found."""
        return not self.findings

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "conforms": self.conforms,
            "files": self.files,
            "quotes_checked": self.quotes_checked,
            "checks_run": self.checks_run,
            "quotes_unchecked_in": self.quotes_unchecked_in,
            "sentences": self.sentences,
            "uncovered": [asdict(f) for f in self.uncovered],
            "findings": [asdict(f) for f in self.findings],
        }


class _Locator:
    """Finds the line where a subject is first written in a Turtle-like file."""

    _prefix = re.compile(r"@prefix\s+([\w.-]*):\s*<([^>]*)>|PREFIX\s+([\w.-]*):\s*<([^>]*)>", re.I)

    def __init__(self) -> None:
        self._lines: dict[Path, list[str]] = {}
        self._prefixes: dict[Path, dict[str, str]] = {}
        self._literate: dict[Path, Built | None] = {}

    def _built(self, path: Path) -> Built | None:
        """The compiled literate file at ``path`` (its lines), or None if it does not build."""
        if path not in self._literate:
            from .literate import build

            try:
                self._literate[path] = build(path)
            except (ParseError, OSError):
                self._literate[path] = None
        return self._literate[path]

    def line(self, path: Path, iri: str | None) -> int | None:
        if iri is not None and path.suffix.lower() == LITERATE:
            built = self._built(path)
            return built.lines.get(iri) if built is not None else None
        if iri is None or path.suffix.lower() not in {".ttl", ".trig", ".n3", ".turtle"}:
            return None
        if path not in self._lines:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            self._lines[path] = text.splitlines()
            self._prefixes[path] = {
                (m.group(1) or m.group(3) or ""): (m.group(2) or m.group(4) or "")
                for m in self._prefix.finditer(text)
            }
        spellings = self.spellings(path, iri)
        lines = self._lines[path]
        for number, text in enumerate(lines, 1):
            if any(text.startswith(s + " ") or text == s for s in spellings):
                return number
        written = self._token(spellings)
        for number, text in enumerate(lines, 1):
            if written.search(text):
                return number
        return None

    def spellings(self, path: Path, iri: str) -> list[str]:
        """How ``iri`` can be written in the file: in full, or with one of its prefixes."""
        found = [f"<{iri}>"]
        if path.suffix.lower() == LITERATE:
            built = self._built(path)
            if built is not None and iri.startswith(built.base) and len(iri) > len(built.base):
                found.append(iri[len(built.base) :])
            return found
        for prefix, ns in self._prefixes.get(path, {}).items():
            if ns and iri.startswith(ns):
                found.append(f"{prefix}:{iri[len(ns) :]}")
        return found

    @staticmethod
    def _token(spellings: list[str]) -> re.Pattern[str]:
        """A whole name: ``:acme`` in ``pg:holder :acme ;``, not in ``:acme-corp``."""
        names = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
        return re.compile(rf"(?<![\w:<-])(?:{names})(?![\w:%-]|\.[\w-])")

    def use(self, path: Path, value: str, predicate: str | None, after: int | None) -> int | None:
        """The line where ``value`` is written as the object of ``predicate`` (or at all),
        looking from the line ``after`` on, where its subject is written."""
        if path.suffix.lower() == LITERATE:
            built = self._built(path)
            if built is None:
                return None
            found = sorted(
                n
                for (_, p, v), n in built.values.items()
                if v == value and (predicate is None or p == predicate)
            )
            return next((n for n in found if n >= (after or 0)), found[0] if found else None)
        self.line(path, value)  # reads the file, once
        lines = self._lines.get(path)
        if lines is None:
            return None
        written = self._token(self.spellings(path, value))
        said = self._token(self.spellings(path, predicate)) if predicate else None
        start = after or 1
        order = [*range(start, len(lines) + 1), *range(1, start)]
        uses = [n for n in order if written.search(lines[n - 1])]
        with_predicate = [n for n in uses if said is not None and said.search(lines[n - 1])]
        found = with_predicate or uses
        return found[0] if found else None


def locate(store: Store, focus: str) -> str:
    """``FILE:LINE`` where ``focus`` is written (or what of it is known), for errors."""
    path = _owner(store, focus)
    if path is None:
        return "<data>"
    line = _Locator().line(path, focus)
    return f"{path}:{line}" if line is not None else str(path)


def _owner(store: Store, focus: str | None) -> Path | None:
    """The file of the agreement graph in which ``focus`` is a subject."""
    if focus is None or focus.startswith("_:"):
        return next(iter(store.origins.values()), None)
    import pyoxigraph as ox

    node = ox.NamedNode(focus)
    for graph, path in store.origins.items():
        if next(
            iter(store.oxigraph.quads_for_pattern(node, None, None, ox.NamedNode(graph))), None
        ):
            return path
    return next(iter(store.origins.values()), None)


def _types_from_elsewhere(store: Store, data: Any) -> set[Any]:
    """Add to one agreement's ``data`` (an ``rdflib.Graph``) the types other graphs give the
    nodes it names and does not type itself, and return those nodes: a version's provision
    may rest on one of the version it amends, and is checked against that provision's kind,
    not against nothing. The nodes themselves are checked in their own graphs."""
    import pyoxigraph as ox
    import rdflib

    typed = set(data.subjects(rdflib.RDF.type, None))
    rdf_type = ox.NamedNode(str(rdflib.RDF.type))
    added = set()
    for node in {o for o in data.objects() if isinstance(o, rdflib.URIRef)} - typed:
        for quad in store.oxigraph.quads_for_pattern(ox.NamedNode(str(node)), rdf_type, None):
            if isinstance(quad.object, ox.NamedNode):
                data.add((node, rdflib.RDF.type, rdflib.URIRef(quad.object.value)))
                added.add(node)
    return added


def _shacl(store: Store, locate: _Locator) -> list[Finding]:
    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    shapes = rdflib.Graph().parse(shapes_file(), format="turtle")
    ontology = store.graph(ONTOLOGY_GRAPH)
    findings = []
    for name in store.agreement_graphs:
        path = store.origins.get(name)
        data = store.graph(name) + ontology
        elsewhere = _types_from_elsewhere(store, data)
        conforms, results, _ = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", allow_warnings=True
        )
        if conforms:
            continue
        assert isinstance(results, rdflib.Graph)
        for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
            focus = results.value(result, SH.focusNode)
            if focus in elsewhere:
                continue  # described, and checked, in the graph that types it
            message = results.value(result, SH.resultMessage)
            rpath = results.value(result, SH.resultPath)
            value = results.value(result, SH.value)
            focus_text = str(focus) if isinstance(focus, rdflib.URIRef) else None
            if isinstance(focus, rdflib.BNode) and path is not None:
                focus_text = f"_:{focus}"  # a literate file names where each one is written
            said = str(message) if message is not None else "does not conform"
            line = locate.line(path, focus_text) if path else None
            if path is not None and isinstance(value, rdflib.URIRef):
                # a wrong value is pointed at where it is written, and, if it names
                # nothing, with the closest name that does
                line = locate.use(path, str(value), _iri(rpath), line) or line
                shape = results.value(result, SH.sourceShape)
                wanted = shapes.value(shape, SH["class"]) if shape is not None else None
                hint = _misspelt(
                    store,
                    name,
                    str(value),
                    locate.spellings(path, str(value)),
                    str(wanted) if isinstance(wanted, rdflib.URIRef) else None,
                )
                said = said.rstrip(".") + hint if hint else said
            findings.append(
                Finding(
                    gate="shacl",
                    message=said,
                    file=str(path) if path else f"<{name}>",
                    line=line,
                    focus=str(focus) if focus is not None else None,
                    path=str(rpath) if isinstance(rpath, rdflib.URIRef) else None,
                    value=str(value) if value is not None else None,
                )
            )
    # two constraints of one property shape (datatype, minimum) can give the same message
    unique = dict.fromkeys(findings)
    return sorted(unique, key=lambda f: (f.file or "", f.line or 0, f.focus or "", f.message))


def _iri(term: object) -> str | None:
    import rdflib

    return str(term) if isinstance(term, rdflib.URIRef) else None


def _misspelt(
    store: Store, graph: str, value: str, spellings: list[str], wanted: str | None = None
) -> str:
    """What to add to a finding about ``value`` if nothing in the data describes it: that
    it is named nowhere else, and the closest name that is, as the file writes names; of
    the class ``wanted`` (or a subclass), where the finding asks for one."""
    import difflib

    import pyoxigraph as ox

    node = ox.NamedNode(value)
    if next(iter(store.oxigraph.quads_for_pattern(node, None, None)), None) is not None:
        return ""  # described somewhere: a wrong value, not a misspelt one
    subjects = {
        q.subject.value
        for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        if isinstance(q.subject, ox.NamedNode)
    }
    if wanted is not None:  # a provision is wanted: a party is no suggestion
        classes = {
            row["c"]
            for row in select(
                store,
                "SELECT ?c WHERE { GRAPH <https://w3id.org/pactgraph/ns> "
                f"{{ ?c rdfs:subClassOf* <{wanted}> }} }}",
            )
        } | {wanted}
        rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        subjects = {
            q.subject.value
            for q in store.oxigraph.quads_for_pattern(None, rdf_type, None, ox.NamedNode(graph))
            if isinstance(q.subject, ox.NamedNode)
            and isinstance(q.object, ox.NamedNode)
            and q.object.value in classes
        }
    written = spellings[-1]  # with a prefix, where the file declares one that fits
    # by local name: IRIs that share a long base are all alike
    by_local = {local_name(s): s for s in sorted(subjects, reverse=True)}
    close = difflib.get_close_matches(local_name(value), sorted(by_local), n=1, cutoff=0.8)
    if not close:
        return f"; {written} is named nowhere else"
    found = by_local[close[0]]
    return f"; {written} is named nowhere else; did you mean {_like(written, value, found)}?"


def _like(written: str, value: str, other: str) -> str:
    """``other`` written as ``written`` writes ``value``: with the same prefix."""
    if written.startswith("<"):
        return f"<{other}>"
    if ":" not in written:  # a bare name of the literate format, in its base
        namespace = value[: len(value) - len(written)]
        return other[len(namespace) :] if other.startswith(namespace) else f"<{other}>"
    prefix, local = written.split(":", 1)
    namespace = value[: len(value) - len(local)]
    return f"{prefix}:{other[len(namespace) :]}" if other.startswith(namespace) else f"<{other}>"


def _checks(store: Store, locate: _Locator) -> list[Finding]:
    findings = []
    for name, query in checks().items():
        for row in select(store, query):
            focus = row.get("focus")
            path = _owner(store, focus)
            findings.append(
                Finding(
                    gate=f"check:{name.removeprefix('checks/')}",
                    message=str(row.get("message", f"fails check {name}")),
                    file=str(path) if path else None,
                    line=locate.line(path, focus) if path else None,
                    focus=focus,
                )
            )
    return findings


def _quotes(
    store: Store, locate: _Locator, rows: list[dict[str, Any]]
) -> tuple[list[Finding], int, list[str]]:
    """Findings, the number of quotes checked, and the graphs whose quotes could not be
    checked because no file of this run holds them (their source text is beside that file)."""
    findings: list[Finding] = []
    unchecked: dict[str, int] = {}
    refused: set[str] = set()
    texts: dict[Path, str | None] = {}
    changed: set[Path] = set()  # sources whose text is not the one the quotes were taken from
    seen: set[str] = set()
    for row in rows:
        quote = row["quote"]
        if quote in seen:
            continue
        seen.add(quote)
        if "fileName" not in row or "exact" not in row:
            continue  # the shapes report a quote with no source or no words
        agreement_file = store.origins.get(row["graph"])
        if agreement_file is None:
            unchecked[row["graph"]] = unchecked.get(row["graph"], 0) + 1
            continue
        line = locate.line(agreement_file, quote)
        source = beside(agreement_file, row["fileName"])
        if source is None:
            if row["fileName"] not in refused:
                refused.add(row["fileName"])
                findings.append(
                    Finding(
                        "quote",
                        f"pg:fileName {row['fileName']!r} is not a file beside the agreement "
                        "file: a source text is read only from the agreement's own folder; "
                        "give its plain file name",
                        str(agreement_file),
                        locate.line(agreement_file, row.get("source")),
                        row.get("source", quote),
                    )
                )
            continue

        def finding(
            message: str, *, at: int | None = line, file: Path = agreement_file, focus: str = quote
        ) -> Finding:
            return Finding("quote", message, str(file), at, focus)

        if source not in texts:
            texts[source] = None
            problem = None
            if not source.is_file():
                problem = "not found; put it next to the agreement file or correct pg:fileName"
            else:
                try:
                    data = source.read_bytes()
                except OSError as err:
                    problem = f"cannot be read ({err.strerror}); check its permissions"
            if problem is not None:
                findings.append(
                    finding(
                        f"source text {source} {problem}",
                        at=locate.line(agreement_file, row.get("source")),
                        focus=row.get("source", quote),
                    )
                )
                continue
            digest = hashlib.sha256(data).hexdigest()
            if "sha256" in row and row["sha256"] != digest:
                changed.add(source)
                findings.append(
                    finding(
                        f"source text {source} has SHA-256 {digest}, not the recorded "
                        f"{row['sha256']}: the text changed; each quote it moved, changed or "
                        "lost is listed, so restore the text, or fix those quotes and update "
                        "pg:sha256",
                        at=locate.line(agreement_file, row.get("source")),
                        focus=row.get("source", quote),
                    )
                )
            try:
                texts[source] = source_text(data)
            except UnicodeDecodeError:
                findings.append(finding(f"source text {source} is not UTF-8"))
                continue
        text = texts[source]
        if text is None:
            continue
        exact, start, end = row["exact"], row.get("start"), row.get("end")
        if not isinstance(exact, str):
            continue  # the shapes report an oa:exact that is not a string
        if isinstance(start, int) and isinstance(end, int) and text[start:end] == exact:
            continue
        places = [m.start() for m in re.finditer(re.escape(exact), text)] if exact else []
        if places and not (isinstance(start, int) and isinstance(end, int)):
            continue  # the words are in the text; the shapes report the offsets' datatype
        before, after = _context_of(store, quote)
        # where the same words stand more than once, the place with the words recorded around
        # the quote (oa:prefix, oa:suffix), else the place nearest the offsets
        near = start if isinstance(start, int) else 0
        found = (
            min(
                places,
                key=lambda at: (-_fits(text, at, at + len(exact), before, after), abs(at - near)),
            )
            if places
            else -1
        )
        said = shown(exact)
        was = "quote moved: it" if source in changed else "quote"
        if not places:
            close = closest_passage(text, exact, near) or _between(text, before, after, exact)
            if close is None and source in changed:
                message = (
                    f"quote lost: {source.name} no longer says {said}, verbatim or nearly; "
                    "drop what rests on it, or restore the text"
                )
            elif close is None:
                message = (
                    f"quote not found verbatim in {source.name}: {said}; copy it exactly "
                    "from the source (typographic characters included)"
                )
            elif source in changed:
                at, until = close
                message = (
                    f"quote changed: {source.name} now reads {shown(text[at:until])} at "
                    f"{at}..{until}, where it read {said}: check what rests on it, then set "
                    f"oa:exact to those words, oa:start {at} and oa:end {until}"
                )
            else:
                at, until = close
                message = (
                    f"quote not found verbatim in {source.name}: {said}; the nearest passage "
                    f"reads {shown(text[at:until])} at {at}..{until}: copy the words exactly "
                    f"and set oa:start {at} and oa:end {until}"
                )
            findings.append(finding(message))
        else:
            findings.append(
                finding(
                    f"{was} stands at {found}..{found + len(exact)} in {source.name}, not at "
                    f"{start}..{end}; set oa:start {found} and oa:end {found + len(exact)}"
                )
            )
    return findings, len(seen) - sum(unchecked.values()), sorted(unchecked)


def _context_of(store: Store, quote: str) -> tuple[str | None, str | None]:
    """The words recorded before and after a quote (``oa:prefix``, ``oa:suffix``)."""
    import pyoxigraph as ox

    if quote.startswith("_:"):
        return None, None
    found: list[str | None] = []
    for name in ("prefix", "suffix"):
        quads = store.oxigraph.quads_for_pattern(
            ox.NamedNode(quote), ox.NamedNode(f"http://www.w3.org/ns/oa#{name}"), None
        )
        term = next(iter(quads), None)
        found.append(
            term.object.value if term is not None and isinstance(term.object, ox.Literal) else None
        )
    return found[0], found[1]


def _fits(text: str, start: int, end: int, before: str | None, after: str | None) -> int:
    """How many of the words recorded around a quote (before it, after it) the text around
    ``start``..``end`` still reads, spacing aside: 0, 1 or 2. A side with no words recorded
    counts for nothing."""
    fits_before = bool((before or "").split()) and reads_before(text, start, before or "")
    fits_after = bool((after or "").split()) and reads_after(text, end, after or "")
    return fits_before + fits_after


def _between(
    text: str, before: str | None, after: str | None, exact: str
) -> tuple[int, int] | None:
    """Where a rewritten quote stands: the passage between the words recorded before it and
    after it, when both are still in the text and not far apart (of several, the one
    nearest the quote's length)."""
    if not (before or "").strip() or not (after or "").strip():
        return None
    assert before is not None
    assert after is not None
    passages = []
    for m in re.finditer(re.escape(before), text):
        stop = text.find(after, m.end(), m.end() + 4 * len(exact) + 200)
        if stop != -1:
            at, until = m.end(), stop
            while at < until and text[at].isspace():
                at += 1
            while until > at and text[until - 1].isspace():
                until -= 1
            if until > at:
                passages.append((at, until))
    return min(passages, key=lambda p: abs(p[1] - p[0] - len(exact))) if passages else None


def _agreements(store: Store) -> list[Finding]:
    """A finding for each file that holds no agreement: nothing in it would be checked."""
    import pyoxigraph as ox

    from .namespaces import pg

    findings = []
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for name in store.agreement_graphs:
        path = store.origins.get(name)
        typed = store.oxigraph.quads_for_pattern(
            None, rdf_type, ox.NamedNode(pg("Agreement")), ox.NamedNode(name)
        )
        if next(iter(typed), None) is None:
            findings.append(
                Finding(
                    "agreement",
                    f"graph <{name}> holds no pg:Agreement, so nothing in it is checked; "
                    "describe the agreement it belongs to (a pg:Agreement with its provisions)",
                    str(path) if path else f"<{name}>",
                )
            )
    return findings


def validate(store: Store, *, coverage: str = "warn") -> Report:
    """Validate every agreement in ``store``: SHACL shapes, check queries and quotes.

    Parameters
    ----------
    store
        The loaded agreements. Quotes are checked against the source texts beside the
        files this run loaded; an agreement the store holds from elsewhere is listed in
        :attr:`Report.quotes_unchecked_in`.
    coverage
        What to make of a sentence of a source text that no quote covers (neither evidence
        of anything nor marked ``pg:nonOperative``): ``"warn"`` lists it in
        :attr:`Report.uncovered`, ``"error"`` also counts it as a finding.

    Returns
    -------
    Report
        Every :class:`Finding`, each naming its file and line where it can; ``conforms``
        when there is none. Nothing is raised for bad data: it is reported.

    Examples
    --------
    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; rdfs:label "Lease" ;
    ...         dcterms:date "2024-01-01"^^xsd:date ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" .
    ... ''')
    >>> report = validate(store)
    >>> report.conforms, report.findings[0].message
    (False, 'A provision needs a holder (pg:holder): the party it benefits.')
    """
    locate = _Locator()
    files = [str(p) for p in dict.fromkeys(store.origins.values())]
    files += [f"<{g}>" for g in store.agreement_graphs if g not in store.origins]
    report = Report(files=files)
    report.findings.extend(_agreements(store))
    report.findings.extend(_in_words(_shacl(store, locate) + _checks(store, locate)))
    rows = select(store, "quotes")  # read once, for the quotes and the coverage
    quote_findings, checked, unchecked = _quotes(store, locate, rows)
    report.findings.extend(quote_findings)
    report.quotes_checked = checked
    report.quotes_unchecked_in = unchecked
    report.checks_run = len(checks())
    report.sentences, report.uncovered = _coverage(store, rows)
    if coverage == "error":
        report.findings.extend(report.uncovered)
    elif coverage != "warn":
        raise ValueError(f"coverage is 'warn' or 'error', not {coverage!r}")
    return report


def _in_words(findings: list[Finding]) -> list[Finding]:
    """Findings in an agreement file of the literate format say its keys and kinds, not the
    ontology's terms."""
    from dataclasses import replace

    from .literate import in_words

    return [
        replace(f, message=in_words(f.message))
        if f.file is not None and f.file.lower().endswith(LITERATE)
        else f
        for f in findings
    ]


def _coverage(store: Store, rows: list[dict[str, Any]]) -> tuple[int, list[Finding]]:
    """The number of sentences in the source texts the agreements quote, and a finding for
    each that no quote covers (a quote covers the sentences it overlaps; one that is evidence
    of nothing and not marked non-operative is a finding of the checks)."""
    from .literate import sentence_spans

    spans: dict[Path, list[tuple[int, int]]] = {}
    unsourced: set[Path] = set()  # files with a quote of no source: it may cover anything
    owners: dict[Path, set[Path]] = {}
    digests: dict[Path, set[str]] = {}
    for row in rows:
        agreement_file = store.origins.get(row["graph"])
        if agreement_file is None:
            continue
        if "fileName" not in row:
            unsourced.add(agreement_file)
            continue
        if beside(agreement_file, row["fileName"]) is None:
            continue  # reported by the quote gate
        listed = spans.setdefault(agreement_file.with_name(row["fileName"]), [])
        if "sha256" in row:
            digests.setdefault(agreement_file.with_name(row["fileName"]), set()).add(row["sha256"])
        owners.setdefault(agreement_file.with_name(row["fileName"]), set()).add(agreement_file)
        if "start" in row and "end" in row:  # a quote of nothing is a check's finding
            try:
                listed.append((int(row["start"]), int(row["end"])))
            except ValueError:
                continue  # reported by the quote gate
    # a source text nothing quotes yet is to be covered too
    import pyoxigraph as ox

    file_name = ox.NamedNode(PG_NS + "fileName")
    for graph, agreement_file in store.origins.items():
        for quad in store.oxigraph.quads_for_pattern(None, file_name, None, ox.NamedNode(graph)):
            if not isinstance(quad.object, ox.Literal):
                continue
            name = quad.object.value
            if beside(agreement_file, name) is not None:
                spans.setdefault(agreement_file.with_name(name), [])
                owners.setdefault(agreement_file.with_name(name), set()).add(agreement_file)
    total = 0
    uncovered: list[Finding] = []
    for source, quoted in sorted(spans.items()):
        if owners[source] & unsourced:
            continue  # the shapes report the quote with no source
        try:
            data = source.read_bytes()
            text = source_text(data)
        except (OSError, UnicodeDecodeError):
            continue  # reported by the quote gate
        if digests.get(source, {hashlib.sha256(data).hexdigest()}) != {
            hashlib.sha256(data).hexdigest()
        }:
            continue  # the text changed: the quote gate lists each quote to fix first
        quoted.sort()
        for start, end in sentence_spans(text):
            total += 1
            if any(s < end and e > start for s, e in quoted):
                continue
            uncovered.append(
                Finding(
                    "coverage",
                    f"{shown(text[start:end])} is neither quoted nor marked not operative: "
                    "quote it as evidence of what it says, or mark it (not operative: WHY, "
                    "or a pg:Quote with pg:nonOperative)",
                    str(source),
                    text.count("\n", 0, start) + 1,
                )
            )
    return total, uncovered
