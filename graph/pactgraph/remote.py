"""Agreements in a SPARQL 1.1 store someone already runs: push them there, read them back.

A remote store is named by its SPARQL query endpoint (``--endpoint URL`` or
``PACTGRAPH_ENDPOINT``); writing goes through its Graph Store Protocol endpoint (``--gsp
URL``) or, where it has none, its SPARQL Update endpoint (``--update-endpoint URL``). For an
Oxigraph server, whose query endpoint is ``…/query``, the protocol endpoint ``…/store`` is
found without being named.

* :func:`push` (``pactgraph load FILES --endpoint URL``) writes each agreement to the named
  graph of its IRI, the ontology to its own graph, and, in a record graph of its own
  (:func:`record_graph`), the file each agreement came from and the file's SHA-256: pushing
  again replaces an agreement whose file changed and leaves the rest. :func:`drop` removes
  one. No two agreements share a graph, so people pushing different agreements to one store
  at once never undo each other's records.
* :func:`open_remote` reads the graphs that hold an agreement into a store in this process,
  so every command answers from a remote store exactly as from files: named graphs stay
  apart whether or not the server merges them into its default graph.

Credentials come from the environment (``PACTGRAPH_ENDPOINT_USER`` and
``PACTGRAPH_ENDPOINT_PASSWORD``) or from ``~/.netrc`` (or the file ``NETRC`` names), for the
endpoint's host; never from the command line, where other users of the machine could read
them. A store that cannot be reached or refuses a request raises
:class:`~pactgraph.errors.RemoteError` (exit code 4).

Queries are sent as an HTML form (``application/x-www-form-urlencoded``), which every SPARQL
1.1 store reads, and rows are asked for as SPARQL XML results: Virtuoso 7.2 leaves a query
posted directly (``application/sparql-query``) unanswered, and writes language tags in
JSON results under a key the standard does not name.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .errors import InputNotFoundError, RemoteError, UsageError
from .load import (
    MAX_INPUT,
    ONTOLOGY_GRAPH,
    RECORDS_GRAPH,
    Store,
    _with_ontology,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "QUIRKS",
    "RECORDS",
    "Pushed",
    "Remote",
    "RemoteStore",
    "drop",
    "open_remote",
    "push",
    "record_graph",
]

#: Where the records of pushed agreements are: each in a graph of its own under this IRI
#: (:func:`record_graph`). A store pushed to before records were kept apart holds them all
#: in the graph of this IRI itself; they are read from there, and moved on the next push.
RECORDS = RECORDS_GRAPH


def record_graph(agreement: str) -> str:
    """The named graph holding the record of ``agreement`` (its IRI): the file it was pushed
    from and the file's SHA-256."""
    return f"{RECORDS}/{hashlib.sha256(agreement.encode()).hexdigest()[:32]}"


ENDPOINT_ENV = "PACTGRAPH_ENDPOINT"
USER_ENV = "PACTGRAPH_ENDPOINT_USER"
PASSWORD_ENV = "PACTGRAPH_ENDPOINT_PASSWORD"
_FILE = RECORDS_GRAPH + "#file"
_SHA256 = RECORDS_GRAPH + "#sha256"
_AGREEMENT = "https://w3id.org/pactgraph/ns#Agreement"
_NOTHING = "urn:pactgraph:no-graph"
#: A filter keeping the graphs ``?r`` that hold records.
_IS_RECORD = f'FILTER(?r = <{RECORDS_GRAPH}> || STRSTARTS(STR(?r), "{RECORDS_GRAPH}/"))'


@dataclass(frozen=True)
class Record:
    """What a store records of an agreement pushed to it."""

    digest: str
    """The SHA-256 of the file it was pushed from."""
    file: str | None
    """That file, as it was named."""
    shared: bool = False
    """Whether the record is in the graph all records were once kept in."""


@dataclass(frozen=True)
class Remote:
    """A SPARQL 1.1 store: its query endpoint, and where to write, if it can be written."""

    endpoint: str
    gsp: str | None = None
    """Its Graph Store Protocol endpoint."""
    update: str | None = None
    """Its SPARQL Update endpoint, used when it has no protocol endpoint."""
    timeout: float = 120.0
    seen: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """What the store said of itself (its ``Server`` header), once it has answered."""

    @property
    def server(self) -> str:
        """The store's ``Server`` header, as of its first answer ("" before, or if none)."""
        return self.seen.get("server", "")

    def __post_init__(self) -> None:
        for url in (self.endpoint, self.gsp, self.update):
            if url is None:
                continue
            try:
                parts = urllib.parse.urlsplit(url)
                parts.port  # noqa: B018 -- a port that is not a number raises here
            except ValueError:
                raise UsageError(f"{url!r} is not a URL; give the store's endpoint URL") from None
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise UsageError(f"{url}: give a store's endpoint as an http:// or https:// URL")
            if parts.username is not None or parts.password is not None:
                raise UsageError(
                    f"{parts.hostname}: keep credentials out of the URL, where others can read "
                    f"them; give them in {USER_ENV} and {PASSWORD_ENV}, or in ~/.netrc"
                )
        if self.gsp is None and self.update is None and self.endpoint.endswith("/query"):
            # an Oxigraph server: /query, /update, and the protocol at /store
            object.__setattr__(self, "gsp", self.endpoint[: -len("query")] + "store")

    # ----------------------------------------------------------------------- transport

    def _call(
        self,
        url: str,
        *,
        method: str = "GET",
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> bytes:
        request = urllib.request.Request(url, data=body, method=method)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        credentials = _credentials(url)
        if credentials is not None:
            token = base64.b64encode(":".join(credentials).encode()).decode()
            # never sent on to where a redirect points
            request.add_unredirected_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data: bytes = response.read()
                self.seen.setdefault("server", response.headers.get("Server") or "")
                return data
        except urllib.error.HTTPError as error:
            detail = error.read(2000).decode("utf-8", "replace").strip().splitlines()
            said = f": {detail[0][:200]}" if detail else ""
            if error.code in (401, 403):
                raise RemoteError(
                    f"{url}: the store refused the request ({error.code} {error.reason}){said}; "
                    f"give credentials in {USER_ENV} and {PASSWORD_ENV}, or in ~/.netrc"
                ) from None
            refused = RemoteError(f"{url}: the store answered {error.code} {error.reason}{said}")
            refused.status, refused.detail = error.code, " ".join(detail)[:500]
            raise refused from None
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
            reason = getattr(error, "reason", None) or type(error).__name__
            raise RemoteError(
                f"{url}: cannot reach the store ({reason}); is it running, and is the URL right?"
            ) from None

    def select(self, sparql: str) -> list[dict[str, str]]:
        """The rows of a SELECT query, each variable's value as text."""
        answer = results(self.endpoint, self.run(sparql, None, triples=False))
        if not isinstance(answer, ox.QuerySolutions):
            raise RemoteError(f"{self.endpoint}: the store did not answer with rows")
        names = [v.value for v in answer.variables]
        return [
            {name: term.value for name in names if (term := row[name]) is not None}
            for row in answer
        ]

    def triples(self, sparql: str) -> list[ox.Triple]:
        """The triples of a CONSTRUCT query."""
        data = self.run(sparql, None, triples=True)
        try:
            return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        except SyntaxError as error:
            raise RemoteError(
                f"{self.endpoint}: the store's answer is not N-Triples ({error.msg})"
            ) from None

    def run(
        self,
        sparql: str,
        dataset: tuple[Sequence[str], Sequence[str]] | None,
        *,
        triples: bool,
    ) -> bytes:
        """Send any query, over ``dataset`` (its default graphs and its named graphs; None:
        the store's own); the answer as N-Triples if it gives ``triples`` (a CONSTRUCT or
        DESCRIBE), else as SPARQL XML results."""
        form = [("query", sparql)]
        if dataset is not None:
            default, named = dataset
            # an empty list would leave the store's own dataset: name a graph nothing is in
            form += [("default-graph-uri", g) for g in default or [_NOTHING]]
            form += [("named-graph-uri", g) for g in named or [_NOTHING]]
        return self._call(
            self.endpoint,
            method="POST",
            body=urllib.parse.urlencode(form).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                # one type: Virtuoso answers 406 to a list of them
                "Accept": "application/n-triples" if triples else "application/sparql-results+xml",
            },
        )

    # ----------------------------------------------------------------------- graphs

    def graph(self, iri: str) -> list[ox.Triple]:
        """Every triple in the named graph ``iri``."""
        return self.triples(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_iri(iri)} {{ ?s ?p ?o }} }}"
        )

    def agreement_graphs(self) -> list[str]:
        """The named graphs holding an agreement, and those pactgraph pushed."""
        rows = self.select(
            f"SELECT DISTINCT ?g WHERE {{ {{ GRAPH ?g {{ ?a a <{_AGREEMENT}> }} }} UNION "
            f"{{ GRAPH ?r {{ ?g <{_SHA256}> ?digest }} {_IS_RECORD} }} }}"
        )
        return sorted({r["g"] for r in rows if r.get("g") and r["g"] != ONTOLOGY_GRAPH})

    def recorded(self) -> dict[str, Record]:
        """Agreement IRI → its record: the SHA-256 of the file it was pushed from, and the
        file. A record in the agreement's own record graph wins over one in the graph all
        records were once kept in."""
        rows = self.select(
            f"SELECT ?r ?g ?digest ?file WHERE {{ GRAPH ?r {{ ?g <{_SHA256}> ?digest "
            f"OPTIONAL {{ ?g <{_FILE}> ?file }} }} {_IS_RECORD} }}"
        )
        found: dict[str, Record] = {}
        for row in sorted(rows, key=lambda r: r["r"] != RECORDS):  # the old graph first
            if row["r"] in (RECORDS, record_graph(row["g"])):
                found[row["g"]] = Record(row["digest"], row.get("file"), row["r"] == RECORDS)
        return found

    def records(self) -> dict[str, str]:
        """Agreement IRI → the SHA-256 of the file it was pushed from."""
        return {g: record.digest for g, record in self.recorded().items()}

    def put(self, iri: str, triples: Iterable[ox.Triple]) -> None:
        """Replace the named graph ``iri`` with ``triples``."""
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        if self.gsp is not None:
            self._call(
                self._graph_url(iri),
                method="PUT",
                body=text,
                headers={"Content-Type": "application/n-triples"},
            )
            return
        self._update(
            f"DROP SILENT GRAPH {_iri(iri)} ;\nINSERT DATA {{ GRAPH {_iri(iri)} {{\n"
            + text.decode()
            + "}}"
        )

    def remove(self, iri: str) -> None:
        """Remove the named graph ``iri``."""
        if self.gsp is not None:
            try:
                self._call(self._graph_url(iri), method="DELETE")
            except RemoteError as error:
                if " 404 " not in str(error):
                    raise
            return
        self._update(f"DROP SILENT GRAPH {_iri(iri)}")

    def _graph_url(self, iri: str) -> str:
        assert self.gsp is not None
        joiner = "&" if "?" in self.gsp else "?"
        return f"{self.gsp}{joiner}graph={urllib.parse.quote(iri, safe='')}"

    def _update(self, sparql: str) -> None:
        if self.update is None:
            raise UsageError(
                f"{self.endpoint}: writing needs the store's Graph Store Protocol endpoint "
                "(--gsp URL) or its SPARQL Update endpoint (--update-endpoint URL)"
            )
        self._call(
            self.update,
            method="POST",
            body=sparql.encode(),
            headers={"Content-Type": "application/sparql-update"},
        )


def results(url: str, data: bytes) -> ox.QuerySolutions | ox.QueryBoolean:
    """SPARQL XML results, refused if cut short (a parser reads a cut answer as complete)."""
    if not data.rstrip().endswith(b"</sparql>"):
        raise RemoteError(f"{url}: the store's answer ends early; ask again")
    try:
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.XML)
    except (SyntaxError, ValueError) as error:
        raise RemoteError(
            f"{url}: the store's answer is not SPARQL XML results ({error})"
        ) from None


def _iri(value: str) -> str:
    """``value`` written as an IRI in SPARQL text, refused if it is not one (so that a graph
    name a store sent back cannot change what a query says)."""
    try:
        return str(ox.NamedNode(value))
    except ValueError:
        raise RemoteError(
            f"{value!r} is not an IRI; the store named a graph that cannot be one"
        ) from None


def _credentials(url: str) -> tuple[str, str] | None:
    """The user and password for ``url``: from the environment, else from the netrc file."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user is not None:
        return user, password or ""
    import netrc

    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        found = netrc.netrc(os.environ.get("NETRC")).authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        return None
    if found is None:
        return None
    login, _, secret = found
    return login or "", secret or ""


@dataclass(frozen=True)
class Pushed:
    """What a push did: the agreements added, replaced and left as they were, and what the
    store holds after it."""

    added: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    agreements: int


def push(
    paths: Sequence[str | Path], remote: Remote, *, max_input: int | None = MAX_INPUT
) -> Pushed:
    """Write the agreement files ``paths`` to ``remote``, each to the named graph of its IRI,
    with the ontology in its own graph and a record of each file.

    An agreement already there from a file with the same SHA-256 is left as it is; one whose
    file changed is replaced. Every file is parsed before the store is written to, so a bad
    file changes nothing.

    Raises
    ------
    ParseError, DataError
        A file does not parse, holds nothing, or holds an agreement another file holds too.
    RemoteError
        The store cannot be reached or refuses a request.
    """
    from .persist import read_agreements

    _, parsed = read_agreements(paths, max_input)
    held = set(remote.agreement_graphs())
    recorded = _apart(remote, remote.recorded())
    added: list[str] = []
    replaced: list[str] = []
    unchanged: list[str] = []
    for name, (path, digest, quads) in sorted(parsed.items()):
        known = recorded.get(name)
        if known is not None and known.digest == digest and name in held:
            unchanged.append(name)
            continue
        (replaced if name in held else added).append(name)
        remote.put(name, (q.triple for q in quads))
        remote.put(record_graph(name), _record_triples(name, Record(digest, str(path))))
    ontology = _with_ontology(None)
    remote.put(ONTOLOGY_GRAPH, (q.triple for q in ontology))
    return Pushed(tuple(added), tuple(replaced), tuple(unchanged), len(held | set(parsed)))


def _apart(remote: Remote, recorded: dict[str, Record]) -> dict[str, Record]:
    """Move the records a store keeps in one shared graph each to its own record graph,
    then drop the shared graph; ``recorded`` as it is after that."""
    shared = {g: record for g, record in recorded.items() if record.shared}
    if not shared:
        return recorded
    for agreement, record in sorted(shared.items()):
        remote.put(record_graph(agreement), _record_triples(agreement, record))
    remote.remove(RECORDS)
    return {g: replace(record, shared=False) for g, record in recorded.items()}


def _record_triples(agreement: str, record: Record) -> list[ox.Triple]:
    subject = ox.NamedNode(agreement)
    triples = [ox.Triple(subject, ox.NamedNode(_SHA256), ox.Literal(record.digest))]
    if record.file is not None:
        triples.append(ox.Triple(subject, ox.NamedNode(_FILE), ox.Literal(record.file)))
    return triples


def drop(remote: Remote, agreement: str) -> Pushed:
    """Remove the agreement ``agreement`` (its IRI) and its record from ``remote``.

    Raises
    ------
    InputNotFoundError
        The store holds no such agreement.
    """
    held = remote.agreement_graphs()
    if agreement not in held:
        shown = ", ".join(held[:5]) or "none"
        raise InputNotFoundError(
            f"{remote.endpoint}: holds no agreement {agreement}; it holds {shown}"
        )
    _apart(remote, remote.recorded())
    remote.remove(agreement)
    remote.remove(record_graph(agreement))
    return Pushed((), (), (), len(held) - 1)


class RemoteStore(Store):
    """The agreements a remote store holds.

    SPARQL queries (:func:`pactgraph.query.query`, and so every named query and the term
    model) run on the remote store, over a dataset named in each request: the agreement
    graphs and the ontology's graph as the default graph, and as the named graphs, which is
    what pactgraph's own store answers over whether or not the server merges its graphs.
    What reads the quads one by one (exports, SHACL, quotes) reads a copy made on first
    use (:attr:`oxigraph`).

    On a store whose SPARQL answers differ from the standard's where the named queries
    need them (:attr:`pushdown` false: Virtuoso, see :data:`QUIRKS`), queries run on the
    copy instead, so that the answers are the same.
    """

    def __init__(self, remote: Remote) -> None:  # the dataclass's fields, set by hand
        self.remote = remote
        self.origins: dict[str, Path] = {}
        self.views: dict[str, Any] = {}
        self._copy: ox.Store | None = None
        self._graphs: list[str] | None = None

    @property
    def oxigraph(self) -> ox.Store:  # type: ignore[override]
        """A copy of the agreement graphs, with the ontology, read on first use."""
        if self._copy is None:
            copy = _with_ontology(None)
            quads: list[ox.Quad] = []
            for graph in self.agreement_graphs:
                name = ox.NamedNode(graph)
                quads += (
                    ox.Quad(t.subject, t.predicate, t.object, name)
                    for t in self.remote.graph(graph)
                )
            copy.extend(quads)
            self._copy = copy
        return self._copy

    @property
    def agreement_graphs(self) -> list[str]:
        if self._graphs is None:
            self._graphs = self.remote.agreement_graphs()
        return self._graphs

    @property
    def pushdown(self) -> bool:
        """Whether queries run on the store (else on the copy): not on a store with
        :data:`QUIRKS`, nor on one with more agreements than a request can name
        (:data:`NAMED_AT_MOST`) that keeps its named graphs out of its default graph."""
        server = self.remote.server.lower()
        if any(server.startswith(name.lower()) for name in QUIRKS):
            return False
        return len(self.agreement_graphs) < NAMED_AT_MOST or self._merges

    @property
    def query_dataset(self) -> tuple[list[str], list[str]] | None:
        """The dataset each query names: the agreement graphs and the ontology's, as default
        and as named graphs; None (the store's own) past :data:`NAMED_AT_MOST` graphs, on a
        store that merges its named graphs into its default graph."""
        if len(self.agreement_graphs) < NAMED_AT_MOST:
            graphs = [*self.agreement_graphs, ONTOLOGY_GRAPH]
            return graphs, graphs
        return None

    @property
    def _merges(self) -> bool:
        """Whether the store's default graph is the union of its named graphs (pactgraph
        writes nothing to the default graph, so an agreement seen there comes from one)."""
        if "merges" not in self.views:
            answer = results(
                self.remote.endpoint,
                self.remote.run(f"ASK {{ ?a a <{_AGREEMENT}> }}", None, triples=False),
            )
            self.views["merges"] = bool(answer)
        return bool(self.views["merges"])

    def __len__(self) -> int:
        if not self.pushdown:
            return super().__len__()
        rows = self.remote.select(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?g { "
            + " ".join(_iri(g) for g in self.agreement_graphs)
            + " } }"
        )
        return int(rows[0]["n"]) if rows else 0


#: How many graphs a request names at most: past it, a query runs over the store's own
#: dataset if the store merges its named graphs, else on a copy (naming a thousand graphs
#: in each request makes an Oxigraph server take minutes over a query).
NAMED_AT_MOST = 64

#: Stores whose answers to pactgraph's named queries differ from the standard's, by the
#: start of their ``Server`` header, with what differs: pactgraph answers from a copy of
#: their agreement graphs instead of running queries on them.
QUIRKS: dict[str, tuple[str, ...]] = {
    "Virtuoso": (
        "a property path with both ends unbound fails ('transitive start not given'), and "
        "a zero-or-more path (pg:member*) from a variable answers nothing",
        "EXISTS gives 0 or 1, not a boolean",
        "MIN over strings does not order them by code point, so the quote a provision "
        "shows can differ",
    ),
}


def open_remote(remote: Remote) -> Store:
    """The agreements ``remote`` holds (:class:`RemoteStore`): queries run there.

    Raises
    ------
    RemoteError
        The store cannot be reached or refuses a request.
    """
    store = RemoteStore(remote)
    held = set(store.agreement_graphs)  # reach the store now, so that a bad URL fails here
    # the files the agreements were pushed from, as a store on disk records them
    store.origins = {g: Path(r.file) for g, r in remote.recorded().items() if g in held and r.file}
    return store
