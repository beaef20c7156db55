"""A local, read-only SPARQL 1.1 endpoint over the loaded agreements.

``GET /sparql?query=``, ``POST`` form-encoded (``query=``) and ``POST
application/sparql-query`` answer queries as the SPARQL 1.1 Protocol says: results in the
format the ``Accept`` header asks for (SPARQL JSON, XML, CSV, TSV; Turtle, N-Triples,
JSON-LD, RDF/XML, TriG for graphs), 400 with the parser's message for a malformed query,
406 when no acceptable format fits, 415 for a body that is not a query; ``format=``
(``json``, ``tsv``, ``table``, ``turtle``..., or media types) overrides ``Accept``.
``GET /sparql`` without a query returns the service description, or, asked for N-Quads or
TriG, the whole dataset; ``GET /sparql?graph=IRI`` (or ``?default``) reads a graph, as the
Graph Store Protocol says. ``GET /`` is a start page.

It is read-only and keeps to the machine: updates (``update=``,
``application/sparql-update``) and Graph Store writes get 403; a query with ``SERVICE``
is refused before it runs, so no outbound connection is ever made; ``FROM``,
``FROM NAMED`` and the protocol's ``default-graph-uri`` / ``named-graph-uri`` only select
graphs already loaded (nothing is fetched or read from disk). Each query runs in a worker
process with its own copy of the store, so a query that runs past the time limit is
stopped by ending its process (503), and results stop at a row cap.

Built on Starlette (ASGI) served by uvicorn. This module does not print: :func:`serve`
reports where it listens through the ``ready`` callback.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from html import escape
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from .errors import UsageError
from .load import MAX_INPUT

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = ["Settings", "create_app", "negotiate", "serve"]

SD = "http://www.w3.org/ns/sparql-service-description#"

#: The largest request body read (a query, or a form holding one), in bytes.
MAX_BODY = 1_000_000

#: Media types a client may ask for, by the form of the result, mapped to our format names.
ACCEPTED: dict[str, dict[str, str]] = {
    "solutions": {
        "application/sparql-results+json": "json",
        "application/json": "json",
        "application/sparql-results+xml": "xml",
        "application/xml": "xml",
        "text/xml": "xml",
        "text/csv": "csv",
        "text/tab-separated-values": "tsv",
        "text/plain": "table",
    },
    "graph": {
        "text/turtle": "turtle",
        "application/x-turtle": "turtle",
        "application/n-triples": "nt",
        "text/plain": "nt",
        "application/ld+json": "jsonld",
        "application/json": "jsonld",
        "application/rdf+xml": "xml",
        "application/xml": "xml",
        "text/xml": "xml",
        "application/trig": "trig",
    },
}


@dataclass(frozen=True)
class Settings:
    """How the endpoint runs: the data, the limits and who may call it from a browser."""

    paths: tuple[str, ...] | None = None
    store_dir: str | None = None
    """A store on disk (:mod:`pactgraph.persist`) to read instead of ``paths``."""
    max_input: int | None = None
    """The most input to read, in MiB (``None``: no limit), as ``--max-input`` says."""
    timeout: float = 30.0
    row_cap: int = 10_000
    cors: str | None = None
    workers: int = 2
    max_memory: int = 2048
    """MiB a query may take in its worker beyond the loaded store; past it the query is
    stopped and answered 503."""
    queue_wait: float = 0.5
    """Seconds a query waits for a free worker before it is answered 503 busy."""
    busy_timeout: float = 1.0
    """Seconds a query may run while others wait for a worker; past it, it is stopped (503)
    to make room. Alone, a query runs up to ``timeout``."""
    allowed_hosts: tuple[str, ...] = ()
    """The ``Host`` names a request may use (empty: any); a name outside them is a DNS
    rebinding attempt and gets 400."""


#: The formats of quads, in which ``GET /sparql`` with no parameters gives the whole dataset.
QUAD_FORMATS = ("application/n-quads", "application/trig")


def _quad_format(accept: str | None) -> str | None:
    """The quad format an ``Accept`` header prefers over every graph format, if any: a client
    asking the Graph Store for ``application/n-quads`` wants the dataset, not the service
    description."""
    best: tuple[float, str] | None = None
    for part in (accept or "").split(","):
        media, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        media = media.strip().lower()
        if weight > 0 and (best is None or weight > best[0]):
            best = (weight, media)
    return best[1] if best and best[1] in QUAD_FORMATS else None


def negotiate(accept: str | None, form: str) -> str | None:
    """The format to answer in for an ``Accept`` header, or ``None`` if none is acceptable.

    ``form`` is ``solutions`` (SELECT/ASK) or ``graph`` (CONSTRUCT/DESCRIBE).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "solutions")
    'xml'
    >>> negotiate("*/*", "graph"), negotiate(None, "solutions"), negotiate("image/png", "graph")
    ('turtle', 'json', None)
    """
    offered = ACCEPTED[form]
    default = next(iter(offered.values()))
    if not accept or not accept.strip():
        return default
    ranges: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((-quality, index, media.lower()))
    for _, _, media in sorted(ranges):
        if media in offered:
            return offered[media]
        if media == "*/*":
            return default
        if media.endswith("/*"):
            major = media[:-1]
            for offer, name in offered.items():
                if offer.startswith(major):
                    return name
    return None


# ------------------------------------------------------------------ worker processes


def _dump(store: Any, media: str, row_cap: int) -> tuple[int, str, bytes, dict[str, str]]:
    """The whole dataset, each agreement in its named graph, as N-Quads or TriG (the first
    ``row_cap`` quads, as a graph read stops at the row cap too)."""
    import itertools

    import pyoxigraph as ox

    from .namespaces import PREFIXES

    rdf_format = ox.RdfFormat.TRIG if media == "application/trig" else ox.RdfFormat.N_QUADS
    every = (
        quad
        for graph in store.agreement_graphs
        for quad in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    )
    quads = list(itertools.islice(every, row_cap + 1))
    headers = {}
    if len(quads) > row_cap:
        quads, headers = quads[:row_cap], {"Pactgraph-Row-Cap-Reached": str(row_cap)}
    prefixes = PREFIXES if rdf_format == ox.RdfFormat.TRIG else None
    body = ox.serialize(quads, format=rdf_format, prefixes=prefixes) or b""
    return 200, media, body, headers


def _answer(store: Any, request: dict[str, Any]) -> tuple[int, str, bytes, dict[str, str]]:
    """Run one query in a worker: (status, media type, body, extra headers)."""
    if "dump" in request:
        return _dump(store, request["dump"], request["row_cap"])
    from .errors import PactgraphError
    from .query import query
    from .results import GRAPH_FORMATS, MEDIA_TYPES, SOLUTION_FORMATS, format_name, write

    try:
        result = query(
            store,
            request["query"],
            row_cap=request["row_cap"],
            default_graphs=request["default_graphs"],
            named_graphs=request["named_graphs"],
        )
    except PactgraphError as err:
        return 400, "text/plain; charset=utf-8", f"error: {err}\n".encode(), {}
    form = "graph" if result.form == "graph" else "solutions"
    wanted = request.get("format")
    if wanted:  # no format name or media type holds a space: a form's "+" came as one
        wanted = wanted.strip().replace(" ", "+")
    fmt: str | None
    if wanted and "/" not in wanted:  # format=tsv (as Fuseki takes it) wins over Accept
        try:
            fmt = format_name(wanted, result.form)
        except PactgraphError:
            names = ", ".join(SOLUTION_FORMATS if form == "solutions" else GRAPH_FORMATS)
            message = f"error: format={wanted} does not fit this result; use one of {names}\n"
            return 400, "text/plain; charset=utf-8", message.encode(), {}
    else:  # format= holding media types (as SPARQLWrapper sends it) is read as Accept
        fmt = negotiate(wanted or request["accept"], form)
    if fmt is None:
        offered = ", ".join(ACCEPTED[form])
        message = f"error: no acceptable format for this result; Accept one of {offered}\n"
        return 406, "text/plain; charset=utf-8", message.encode(), {}
    headers = {"Pactgraph-Row-Cap-Reached": str(request["row_cap"])} if result.truncated else {}
    return 200, MEDIA_TYPES[(form, fmt)], write(result, fmt), headers


def _bound_memory(mebibytes: int) -> None:
    """Cap this process's address space at what it holds now plus ``mebibytes``."""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            held = next(int(ln.split()[1]) * 1024 for ln in status if ln.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        return  # no /proc: the timeout still bounds a query
    limit = held + mebibytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _die_with_parent(server: int) -> None:
    """Have the kernel kill this worker when the server dies, even by ``kill -9``, so no
    query runs on orphaned (Linux: ``PR_SET_PDEATHSIG``; elsewhere nothing is done)."""
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(1, signal.SIGKILL) != 0:  # 1: PR_SET_PDEATHSIG
        return
    if os.getppid() != server:  # the server died before the request took hold
        os._exit(1)


def _open(
    paths: Sequence[str | Path] | None, store_dir: str | None, max_input: int | None = None
) -> Any:
    """The agreements to serve: a store on disk, or the files (default: the bundled ones)."""
    if store_dir is not None:
        from .persist import open_store

        return open_store(store_dir)
    from .load import load

    return load(list(paths) if paths else None, max_input=max_input)


def _worker(  # noqa: PLR0917 (a process target takes its arguments by position)
    conn: Connection,
    paths: Sequence[str] | None,
    max_memory: int = 2048,
    server: int = 0,
    store_dir: str | None = None,
    max_input: int | None = None,
) -> None:
    """A worker process: load the store once, then answer queries until told to stop; a
    query that needs more than ``max_memory`` MiB more ends the worker (the pool says so).
    It dies with ``server``, the process that started it."""

    _die_with_parent(server)
    store = _open(paths, store_dir, max_input)
    _bound_memory(max_memory)
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        try:
            reply = _answer(store, request)
        except MemoryError:
            message = "error: the query needed more memory than this server allows (--max-memory)\n"
            reply = (503, "text/plain; charset=utf-8", message.encode(), {})
        except Exception as err:  # a bug: answer 500 and keep serving
            message = f"error: internal error ({type(err).__name__}: {err}); please report it\n"
            reply = (500, "text/plain; charset=utf-8", message.encode(), {})
        conn.send(reply)


class _Pool:
    """Worker processes, each with its own store; a worker that runs too long is replaced."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.context = multiprocessing.get_context("spawn")
        self.idle: asyncio.Queue[tuple[BaseProcess, Connection]] = asyncio.Queue()
        self.all: list[tuple[BaseProcess, Connection]] = []
        self.tasks: set[asyncio.Task[None]] = set()
        self.waiting = 0
        """Requests waiting for a free worker."""
        self.spares: list[tuple[BaseProcess, Connection]] = []
        """Loaded workers held back to replace a stopped one at once."""

    def _launch(self) -> tuple[BaseProcess, Connection]:
        """Start a worker process. Called on the event loop's thread, which lives as long as
        the server: a worker is told to die with the thread that started it."""
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_worker,
            args=(
                child,
                self.settings.paths,
                self.settings.max_memory,
                os.getpid(),
                self.settings.store_dir,
                self.settings.max_input,
            ),
            daemon=True,
            name="pactgraph-query",
        )
        process.start()
        child.close()
        return process, parent

    def _ready(self, worker: tuple[BaseProcess, Connection]) -> tuple[BaseProcess, Connection]:
        """Wait for a launched worker to load the store (in a thread: it takes a while)."""
        process, parent = worker
        try:
            started = parent.poll(120) and parent.recv() == "ready"
        except (EOFError, OSError):
            started = False
        if not started:
            process.kill()
            raise RuntimeError("a query worker did not start; rerun with --debug")
        self.all.append(worker)
        return worker

    async def _spawn(self) -> tuple[BaseProcess, Connection]:
        return await asyncio.to_thread(self._ready, self._launch())

    async def start(self) -> None:
        """Start every worker at once, and one spare: each loads the store in its own
        process. The spare takes a stopped worker's place at once, so stopping a query does
        not leave the server a worker short while a new one loads."""
        count = max(1, self.settings.workers)
        *workers, spare = await asyncio.gather(*(self._spawn() for _ in range(count + 1)))
        for worker in workers:
            await self.idle.put(worker)
        self.spares.append(spare)

    def stop(self) -> None:
        """Stop every worker: an idle one ends when told; a busy one, mid-query, is killed
        at once rather than waited for."""
        for _process, conn in self.all:
            with contextlib.suppress(OSError):
                conn.send(None)
        for process, _conn in self.all:
            process.join(timeout=0.5)
            if process.is_alive():
                process.kill()
                process.join(timeout=2)

    async def _replace(self, worker: tuple[BaseProcess, Connection]) -> None:
        process, conn = worker
        process.kill()
        await asyncio.to_thread(process.join, 5)
        conn.close()
        if worker in self.all:
            self.all.remove(worker)
        if self.spares:
            await self.idle.put(self.spares.pop())
            self.spares.append(await self._spawn())
        else:
            await self.idle.put(await self._spawn())

    def _replace_later(self, worker: tuple[BaseProcess, Connection]) -> None:
        task = asyncio.get_running_loop().create_task(self._replace(worker))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def ask(
        self,
        request: dict[str, Any],
        gone: Callable[[], Awaitable[bool]] | None = None,
    ) -> tuple[int, str, bytes, dict[str, str]]:
        """Run ``request`` on an idle worker; ``gone`` says whether the client has left, in
        which case the worker is replaced at once rather than left busy. A request that finds
        no worker free within ``queue_wait`` seconds is answered 503 busy at once, so a
        client learns to retry instead of waiting behind queries that may run to the timeout."""
        getter = asyncio.ensure_future(self.idle.get())
        self.waiting += 1
        try:
            worker = await asyncio.wait_for(asyncio.shield(getter), self.settings.queue_wait)
        except TimeoutError:
            getter.cancel()
            try:  # a worker that came free as the wait ran out is used, never lost
                worker = await getter
            except asyncio.CancelledError:
                worker = None
        finally:
            self.waiting -= 1
        if worker is None:
            workers = max(1, self.settings.workers)
            message = (
                f"error: busy: all {workers} query workers are taken; retry in a moment "
                "(the server's --workers and --queue-wait set how many run and how long a "
                "query waits)\n"
            )
            return 503, "text/plain; charset=utf-8", message.encode(), {"Retry-After": "1"}
        conn = worker[1]
        try:
            conn.send(request)
            loop = asyncio.get_running_loop()
            started = loop.time()
            deadline = started + self.settings.timeout
            done = False
            while not done:
                left = deadline - loop.time()
                if left <= 0:
                    break
                done = await asyncio.to_thread(conn.poll, min(0.25, left))
                if not done and gone is not None and await gone():
                    self._replace_later(worker)  # nobody waits for it: free the worker now
                    return 499, "text/plain; charset=utf-8", b"error: the client left\n", {}
                if not done and self.waiting and loop.time() - started > self.settings.busy_timeout:
                    self._replace_later(worker)  # others wait: make room for them
                    message = (
                        f"error: busy: the query ran past {self.settings.busy_timeout:g} s while "
                        "other queries waited for a worker, and was stopped to make room; it may "
                        f"run up to {self.settings.timeout:g} s when the server is not busy "
                        "(the server's --busy-timeout)\n"
                    )
                    return 503, "text/plain; charset=utf-8", message.encode(), {"Retry-After": "5"}
            if done:
                reply: tuple[int, str, bytes, dict[str, str]] = conn.recv()
                self.idle.put_nowait(worker)
                return reply
        except (EOFError, OSError):
            self._replace_later(worker)
            # the worker died under the query: past its memory bound, an allocation aborts it
            message = (
                f"error: the query was stopped: it needed more than the "
                f"{self.settings.max_memory} MiB a query may take; narrow it, or restart the "
                "server with a larger --max-memory\n"
            )
            return 503, "text/plain; charset=utf-8", message.encode(), {}
        except asyncio.CancelledError:  # the client went away: the worker may still be busy
            self._replace_later(worker)
            raise
        self._replace_later(worker)
        message = (
            f"error: the query ran longer than {self.settings.timeout:g} s and was stopped; "
            "narrow it, or restart the server with a larger --timeout\n"
        )
        return 503, "text/plain; charset=utf-8", message.encode(), {}


# ------------------------------------------------------------------ the application


def _plain(status: int, message: str) -> Response:
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(f"error: {message}\n", status_code=status)


def _service_description(base: str, graphs: Sequence[str], accept: str | None) -> Response:
    import pyoxigraph as ox
    from starlette.responses import Response

    from .namespaces import PREFIXES
    from .results import MEDIA_TYPES

    fmt = negotiate(accept, "graph") or "turtle"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    service, dataset = ox.NamedNode(base), ox.BlankNode("dataset")
    triples = [
        ox.Triple(service, rdf_type, ox.NamedNode(SD + "Service")),
        ox.Triple(service, ox.NamedNode(SD + "endpoint"), service),
        ox.Triple(
            service, ox.NamedNode(SD + "supportedLanguage"), ox.NamedNode(SD + "SPARQL11Query")
        ),
        ox.Triple(service, ox.NamedNode(SD + "feature"), ox.NamedNode(SD + "UnionDefaultGraph")),
        ox.Triple(service, ox.NamedNode(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, ox.NamedNode(SD + "Dataset")),
    ]
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV"):
        triples.append(
            ox.Triple(
                service,
                ox.NamedNode(SD + "resultFormat"),
                ox.NamedNode(f"http://www.w3.org/ns/formats/{name}"),
            )
        )
    for name in ("SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG"):
        triples.append(
            ox.Triple(
                service,
                ox.NamedNode(SD + "resultFormat"),
                ox.NamedNode(f"http://www.w3.org/ns/formats/{name}"),
            )
        )
    for index, graph in enumerate(graphs):
        node = ox.BlankNode(f"g{index}")
        triples += [
            ox.Triple(dataset, ox.NamedNode(SD + "namedGraph"), node),
            ox.Triple(node, ox.NamedNode(SD + "name"), ox.NamedNode(graph)),
        ]
    rdf_format = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
        "xml": ox.RdfFormat.RDF_XML,
        "trig": ox.RdfFormat.TRIG,
    }[fmt]
    prefixes = {"sd": SD, **PREFIXES} if fmt in {"turtle", "trig", "xml"} else None
    body = ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b""
    return Response(body, media_type=MEDIA_TYPES[("graph", fmt)])


_START_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pactgraph</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}}
textarea{{width:100%;height:10rem;font-family:monospace}}</style></head>
<body>
<h1>pactgraph</h1>
<p>{agreements} agreement graph(s) loaded, read-only.</p>
<ul>
<li><a href="/sparql">SPARQL 1.1 endpoint</a> at <code>/sparql</code>
 (GET or POST; the service description is at the same address)</li>
<li><a href="/explorer">Visual explorer</a>: the graph drawn offline, coloured by kind,
 with each provision's quote on hover</li>
</ul>
<form action="/sparql" method="get">
<p><label for="query">Query</label></p>
<textarea id="query" name="query">SELECT ?provision ?label WHERE {{
  ?agreement pg:provision ?provision . ?provision rdfs:label ?label .
}} LIMIT 20</textarea>
<p><label for="format">Results as</label>
<select id="format" name="format">
<option value="table">a table</option><option value="json">SPARQL JSON</option>
<option value="xml">SPARQL XML</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="turtle">Turtle (CONSTRUCT)</option>
</select>
<button type="submit">Run</button></p>
<p>The prefixes pg:, rdf:, rdfs:, xsd:, owl:, dcterms:, skos:, prov:, odrl:, time:, oa: and sh:
are declared for every query.</p>
</form>
<p>Graphs: {graphs}</p>
</body></html>
"""


def create_app(settings: Settings, graphs: Sequence[str], explorer: str | None = None) -> Starlette:
    """The ASGI application: ``/``, ``/sparql`` and, given its page, ``/explorer``, with
    workers started at start-up."""
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.responses import HTMLResponse, Response
    from starlette.routing import Route

    from .load import ONTOLOGY_GRAPH
    from .parse import uses_service

    pool = _Pool(settings)

    async def home(request: Request) -> Response:
        listed = ", ".join(f"<code>{escape(g)}</code>" for g in graphs) or "none"
        return HTMLResponse(_START_PAGE.format(agreements=len(graphs), graphs=listed))

    async def explore(request: Request) -> Response:
        if explorer is None:
            return _plain(404, "no explorer page here")
        return HTMLResponse(explorer)

    async def graph_store_read(request: Request) -> Response:
        """Graph Store Protocol, reading only: ``?graph=IRI`` or ``?default`` (the union)."""
        names = request.query_params.getlist("graph")
        if len(names) + ("default" in request.query_params) != 1:
            return _plain(400, "give one graph=IRI, or default, to read a graph")
        if names and names[0] not in graphs and names[0] != ONTOLOGY_GRAPH:
            return _plain(404, f"no graph <{names[0]}> here; the service description lists them")
        status, media_type, content, headers = await pool.ask(
            {
                "query": "CONSTRUCT WHERE { ?s ?p ?o }",
                "accept": request.headers.get("accept"),
                "row_cap": settings.row_cap,
                "default_graphs": names or None,
                "named_graphs": [] if names else None,
            }
        )
        return Response(content, status_code=status, media_type=media_type, headers=headers)

    async def sparql(request: Request) -> Response:
        params = request.query_params
        method = request.method
        if method in {"PUT", "DELETE", "PATCH"}:
            return _plain(403, "this endpoint is read-only: Graph Store writes are refused")
        if "update" in params:
            return _plain(403, "this endpoint is read-only: SPARQL Update is refused")
        queries = params.getlist("query")
        output = params.get("format")
        default_graphs = params.getlist("default-graph-uri")
        named_graphs = params.getlist("named-graph-uri")
        origin = request.headers.get("origin")
        if method == "POST" and origin and not _allowed_origin(origin, request, settings.cors):
            # a page elsewhere can post a form here without asking first (a "simple" request)
            return _plain(
                403,
                f"a query posted by a page at {origin} is refused: this endpoint answers pages "
                "of its own origin, and the one origin named with --cors",
            )
        if method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                return _plain(403, "this endpoint is read-only: SPARQL Update is refused")
            if "graph" in params or "default" in params:
                return _plain(403, "this endpoint is read-only: Graph Store writes are refused")
            body, size = b"", 0
            async for chunk in request.stream():  # past the limit, read on but keep nothing
                size += len(chunk)
                if size <= MAX_BODY:
                    body += chunk
            if size > MAX_BODY:
                return _plain(413, f"the request body is larger than {MAX_BODY} bytes")
            if media == "application/x-www-form-urlencoded":
                try:
                    form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
                except UnicodeDecodeError:
                    return _plain(400, "the form is not UTF-8")
                if "update" in form:
                    return _plain(403, "this endpoint is read-only: SPARQL Update is refused")
                if queries and form.get("query"):
                    return _plain(400, "give the query in the body or in the URL, not both")
                queries = queries or form.get("query", [])
                output = output or next(iter(form.get("format", [])), None)
                default_graphs = default_graphs + form.get("default-graph-uri", [])
                named_graphs = named_graphs + form.get("named-graph-uri", [])
            elif media == "application/sparql-query":
                if queries:
                    return _plain(400, "give the query in the body or in the URL, not both")
                try:
                    queries = [body.decode("utf-8")]
                except UnicodeDecodeError:
                    return _plain(400, "the query is not UTF-8")
            else:
                return _plain(
                    415,
                    f"cannot read a {media or 'body without a Content-Type'}; send "
                    "application/sparql-query or application/x-www-form-urlencoded",
                )
        elif "graph" in params or "default" in params:
            return await graph_store_read(request)
        if not queries:
            if method in {"GET", "HEAD"} and not params:
                accept = request.headers.get("accept")
                dataset = _quad_format(accept)
                if dataset is not None:  # the Graph Store as a whole, in a format of quads
                    status, media_type, content, headers = await pool.ask(
                        {"dump": dataset, "row_cap": settings.row_cap}
                    )
                    return Response(
                        content, status_code=status, media_type=media_type, headers=headers
                    )
                return _service_description(str(request.url), graphs, accept)
            return _plain(400, "no query: give one query= parameter")
        if len(queries) > 1:
            return _plain(400, "more than one query: give exactly one query= parameter")
        query = queries[0]
        if uses_service(query):
            return _plain(
                403,
                "SERVICE is refused: this endpoint makes no outbound connections (the word "
                "'service' counts wherever a parser could read it as the keyword: outside "
                "strings, <IRIs>, comments, variables and prefixed names' local parts)",
            )
        status, media_type, content, headers = await pool.ask(
            {
                "query": query,
                "format": output,
                "accept": request.headers.get("accept"),
                "row_cap": settings.row_cap,
                "default_graphs": default_graphs or None,
                "named_graphs": named_graphs or None,
            },
            gone=request.is_disconnected,
        )
        return Response(content, status_code=status, media_type=media_type, headers=headers)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        await pool.start()
        try:
            yield
        finally:
            await asyncio.to_thread(pool.stop)

    middleware = []
    if settings.allowed_hosts:
        middleware.append(Middleware(_HostCheck, allowed=frozenset(settings.allowed_hosts)))
    if settings.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=[settings.cors],
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
                expose_headers=["Pactgraph-Row-Cap-Reached"],
            )
        )
    methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    return Starlette(
        routes=[
            Route("/", home),
            Route("/sparql", sparql, methods=methods),
            Route("/explorer", explore),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )


_HOST = re.compile(r"^[\w.:-]+$")


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without its port or an IPv6 literal's brackets.

    >>> host_name("[::1]:7878"), host_name("localhost:7878"), host_name("example.org")
    ('::1', 'localhost', 'example.org')
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class _HostCheck:
    """Answer 400 to a request whose ``Host`` is not one of ``allowed`` (DNS rebinding)."""

    def __init__(self, app: Any, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = {name.strip("[]").lower() for name in allowed}

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers") or [])
            name = host_name(headers.get(b"host", b"").decode("latin-1"))
            if name not in self.allowed:
                from starlette.responses import PlainTextResponse

                response = PlainTextResponse(
                    "error: this Host is not the address the server listens on (serve "
                    "--allow-host NAME adds one)\n",
                    status_code=400,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _allowed_origin(origin: str, request: Any, cors: str | None) -> bool:
    """Whether a browser page at ``origin`` may send this request: the server's own origin,
    or the one named with ``--cors``."""
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    return origin in {own, cors}


def _check_port(host: str, port: int) -> None:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            raise UsageError(
                f"port {port}: cannot listen on {host}:{port} ({err.strerror}); "
                "choose another port or host"
            ) from err


def serve(
    paths: Sequence[str | Path] | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30.0,
    row_cap: int = 10_000,
    cors: str | None = None,
    workers: int = 2,
    ready: Callable[[str], None] | None = None,
    allow_hosts: Sequence[str] = (),
    max_memory: int = 2048,
    queue_wait: float = 0.5,
    busy_timeout: float = 1.0,
    store_dir: str | Path | None = None,
    max_input: int | None = MAX_INPUT,
) -> None:
    """Serve the agreements (default: the bundled ones) until interrupted.

    The endpoint is read-only (SPARQL 1.1 Protocol, Graph Store Protocol reads), refuses
    ``SERVICE``, and serves the visual explorer at ``/explorer``.

    Parameters
    ----------
    paths
        Agreement files and directories, as :func:`pactgraph.load.load` takes them. They are
        loaded first, so a bad file fails here, before any socket is opened.
    host, port
        Where to listen (``port=0``: a port the system chooses).
    timeout
        Seconds a query may run before it is stopped and answered 503.
    row_cap
        The most rows (or triples) one answer holds.
    cors
        A browser origin allowed to query; none by default.
    workers
        Query worker processes.
    ready
        Called with the endpoint's URL once the server listens.
    max_memory
        MiB a query may take in its worker beyond the loaded store; a query that needs
        more is stopped and answered 503, and the worker replaced.
    queue_wait
        Seconds a query waits for a free worker; past it, it is answered 503 busy with
        ``Retry-After``.
    busy_timeout
        Seconds a query may run while other queries wait for a worker: past it, it is
        stopped and answered 503 busy, so heavy queries cannot keep cheap ones out. Set it to
        ``timeout`` to let every query run to the timeout.
    store_dir
        A store on disk made by ``pactgraph load --store`` to serve instead of ``paths``.
    max_input
        The most input to read, in MiB (``None``: no limit), as :func:`pactgraph.load.load`
        takes it.
    allow_hosts
        ``Host`` names requests may use besides the address listened on (and, for a
        loopback address, ``localhost``, ``127.0.0.1`` and ``::1``); ``*`` allows any. Other
        names get 400, so a web page cannot reach the endpoint by DNS rebinding.

    Raises
    ------
    UsageError
        A bad host, a port that cannot be listened on, a limit that is not positive.
    PactgraphError
        The data does not load, or the server does not start.
    """
    import uvicorn

    limits = (timeout, row_cap, workers, max_memory, queue_wait, busy_timeout)
    if min(limits) <= 0:
        raise UsageError(
            "the timeout, the row cap, the number of workers, the memory bound, the queue "
            "wait and the busy timeout must be positive"
        )
    if not _HOST.match(host):
        raise UsageError(f"host {host!r} is not a host name or address")
    store = _open(paths, str(store_dir) if store_dir is not None else None, max_input)
    _check_port(host, port)
    loopback = {"127.0.0.1", "localhost", "::1", "[::1]"}
    allowed = {host.strip("[]"), *(loopback if host.strip("[]") in loopback else ()), *allow_hosts}
    settings = Settings(
        paths=tuple(str(Path(p).resolve()) for p in paths) if paths else None,
        store_dir=str(Path(store_dir).resolve()) if store_dir is not None else None,
        max_input=max_input,
        timeout=timeout,
        row_cap=row_cap,
        cors=cors,
        workers=workers,
        max_memory=max_memory,
        queue_wait=queue_wait,
        busy_timeout=busy_timeout,
        allowed_hosts=() if "*" in allowed else tuple(sorted(allowed)),
    )
    from .visualize import visualize

    app = create_app(settings, store.agreement_graphs, explorer=visualize(store))
    del store
    # On Ctrl-C or SIGTERM, requests still running get a second before the workers are
    # killed: a query that would run to the timeout does not hold the server up.
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", lifespan="on", timeout_graceful_shutdown=1
    )
    server = uvicorn.Server(config)
    if ready is not None:
        url_host = f"[{host}]" if ":" in host else host

        original = server.startup

        async def startup(sockets: Any = None) -> None:
            await original(sockets=sockets)
            if server.started:
                bound = port
                if server.servers and server.servers[0].sockets:  # --port 0: the one chosen
                    bound = int(server.servers[0].sockets[0].getsockname()[1])
                ready(f"http://{url_host}:{bound}/sparql")

        server.startup = startup  # type: ignore[method-assign]
    server.run()
    if not server.started:
        from .errors import PactgraphError

        raise PactgraphError(f"the server on {host}:{port} did not start; rerun with --debug")
