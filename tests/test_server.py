"""``pactgraph serve`` as a real process on a free loopback port, queried as clients do.

The query-side cases of the W3C SPARQL 1.1 Protocol tests (positive: GET, POST form, POST
direct, dataset parameters, content negotiation; negative: malformed query, two queries,
wrong media type, update through the query operation) are checked with SPARQLWrapper and
with plain ``urllib``; so are the refusals (updates, Graph Store writes, SERVICE, files
through FROM) and the limits (timeout, row cap). One server serves the whole module.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.query import Result as RdflibResult

from conftest import V2025

pytestmark = pytest.mark.slow

PG = "https://w3id.org/pactgraph/ns#"
AGREEMENT = "https://w3id.org/pactgraph/id/microsoft-openai-2025"
PARTIES = "SELECT ?party WHERE { ?party a pg:Party }"
#: A query that runs until something stops it: a four-way cartesian product.
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ALLOWED_ORIGIN = "https://allowed.example"


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]


def _start(*args: str) -> Server:
    # port 0: the system picks a free port, and the first line says which
    process = subprocess.Popen(
        [sys.executable, "-m", "pactgraph", "serve", "--port", "0", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    line = process.stderr.readline()  # the "listening" line comes once workers are ready
    match = re.search(r"SPARQL endpoint at (http://127\.0\.0\.1:\d+/sparql) ", line)
    assert match, line + process.stderr.read()
    assert not match[1].endswith(":0/sparql")
    return Server(match[1], process)


def _stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
    server.process.wait(timeout=20)
    assert server.process.stderr is not None
    server.process.stderr.close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    # the first version alone: the amendment repeats its parties in its own graph, and the
    # union of graphs would list each such triple once per graph
    started = _start(
        "--data", V2025, "--timeout", "2", "--row-cap", "100", "--workers", "1",
        "--cors", ALLOWED_ORIGIN,
    )  # fmt: skip
    yield started
    _stop(started)


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def media(self) -> str:
        return self.headers.get("content-type", "").split(";")[0]


def http(
    url: str,
    *,
    method: str = "GET",
    params: list[tuple[str, str]] | None = None,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    if params:
        url += "?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Reply(
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as err:
        return Reply(err.code, {k.lower(): v for k, v in err.headers.items()}, err.read())


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}


# ------------------------------------------------------------------ SPARQLWrapper


def test_sparqlwrapper_select_json_get_and_post(server: Server) -> None:
    from SPARQLWrapper import GET, JSON, POST, POSTDIRECTLY, SPARQLWrapper

    for method, request_method in ((GET, None), (POST, None), (POST, POSTDIRECTLY)):
        client = SPARQLWrapper(server.url)
        client.setQuery(f"PREFIX pg: <{PG}> {PARTIES}")
        client.setReturnFormat(JSON)
        client.setMethod(method)
        if request_method:
            client.setRequestMethod(request_method)
        data = client.query().convert()
        assert isinstance(data, dict)
        parties = {b["party"]["value"] for b in data["results"]["bindings"]}
        assert f"{AGREEMENT}/microsoft" in parties
        assert len(parties) == 7


def test_sparqlwrapper_ask_xml_csv_tsv(server: Server) -> None:
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    client = SPARQLWrapper(server.url)
    client.setQuery(f"ASK {{ <{AGREEMENT}/revenue-share> <{PG}endsWith> ?t }}")
    client.setReturnFormat(JSON)
    assert client.query().convert() == {"head": {}, "boolean": True}
    client.setQuery(f"SELECT ?change WHERE {{ <{AGREEMENT}/compute-rofr> <{PG}change> ?change }}")
    client.setReturnFormat(XML)
    document = client.query().convert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]  # type: ignore[union-attr]
    assert uris == [f"{PG}Removed"]
    client.setReturnFormat(CSV)
    assert client.query().convert() == f"change\r\n{PG}Removed\r\n".encode()
    client.setReturnFormat(TSV)
    assert client.query().convert() == f"?change\n<{PG}Removed>\n".encode()


def test_sparqlwrapper_construct_as_turtle_and_jsonld(server: Server) -> None:
    from SPARQLWrapper import JSONLD, TURTLE, SPARQLWrapper

    query = f"CONSTRUCT {{ ?p <{PG}holder> ?h }} WHERE {{ ?p <{PG}holder> ?h }}"
    graphs = []
    for fmt, rdf_format in ((TURTLE, ox.RdfFormat.TURTLE), (JSONLD, ox.RdfFormat.JSON_LD)):
        client = SPARQLWrapper(server.url)
        client.setQuery(query)
        client.setReturnFormat(fmt)
        # read the body ourselves: convert() builds a class rdflib 7 deprecates
        body = client.query().response.read()
        graphs.append({q.triple for q in ox.parse(body, format=rdf_format)})
    assert len(graphs[0]) == 29
    assert graphs[0] == graphs[1]


_BY_MEDIA = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


@pytest.mark.parametrize("method", ["GET", "POST form", "POST direct"])
@pytest.mark.parametrize("fmt", ["N3", "RDFXML", "TURTLE", "JSONLD", "XML"])
def test_sparqlwrapper_construct_in_every_format_and_method(
    server: Server, fmt: str, method: str
) -> None:
    """Every graph format SPARQLWrapper asks for, by every way it sends a query (the format
    rides in ``format=`` as well as ``Accept``; in a POST form ``rdf+xml`` arrives as
    ``rdf xml``)."""
    import SPARQLWrapper as sw

    client = sw.SPARQLWrapper(server.url)
    client.setQuery(f"CONSTRUCT {{ ?p <{PG}holder> ?h }} WHERE {{ ?p <{PG}holder> ?h }}")
    client.setReturnFormat(getattr(sw, fmt))
    client.setMethod(sw.GET if method == "GET" else sw.POST)
    if method == "POST direct":
        client.setRequestMethod(sw.POSTDIRECTLY)
    response = client.query().response
    media = response.headers["Content-Type"].split(";")[0]
    triples = {q.triple for q in ox.parse(response.read(), format=_BY_MEDIA[media])}
    assert len(triples) == 29


# ------------------------------------------------------------------ plain HTTP, protocol


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", "json"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "xml"),
        ("text/csv", "text/csv", "csv"),
        ("text/tab-separated-values", "text/tab-separated-values", "tsv"),
        (
            "text/csv;q=0.2, application/sparql-results+xml;q=0.9",
            "application/sparql-results+xml",
            "xml",
        ),
        ("*/*", "application/sparql-results+json", "json"),
    ],
)
def test_select_content_negotiation_read_back(
    server: Server, accept: str, media: str, fmt: str
) -> None:
    reply = http(server.url, params=[("query", PARTIES)], headers={"Accept": accept})
    assert reply.status == 200
    assert reply.media == media
    parsed = RdflibResult.parse(io.BytesIO(reply.body), format=fmt)
    assert {str(row[0]) for row in parsed} >= {f"{AGREEMENT}/openai", f"{AGREEMENT}/microsoft"}
    assert len(parsed) == 7


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/trig", ox.RdfFormat.TRIG),
    ],
)
def test_construct_content_negotiation_read_back(
    server: Server, accept: str, fmt: ox.RdfFormat
) -> None:
    query = f"CONSTRUCT {{ ?p <{PG}change> ?c }} WHERE {{ ?p <{PG}change> ?c }}"
    reply = http(server.url, params=[("query", query)], headers={"Accept": accept})
    assert reply.status == 200
    assert reply.media == accept
    triples = list(ox.parse(reply.body, format=fmt))
    assert len(triples) == 25  # 26 provisions, less the 32.5 percent stake: a past fact


def test_format_parameter_overrides_accept(server: Server) -> None:
    query = [("query", PARTIES), ("format", "TSV")]
    reply = http(server.url, params=query, headers={"Accept": "application/sparql-results+json"})
    assert reply.status == 200
    assert reply.media == "text/tab-separated-values"
    assert reply.body.startswith(b"?party\n")
    table = http(server.url, params=[("query", PARTIES), ("format", "table")])
    assert table.media == "text/plain"
    assert b"(7 rows)" in table.body
    wrong = http(server.url, params=[("query", PARTIES), ("format", "turtle")])
    assert wrong.status == 400
    assert b"format=turtle does not fit this result" in wrong.body
    by_media = http(server.url, params=[("query", PARTIES), ("format", "text/csv")])
    assert by_media.media == "text/csv"


def test_post_form_and_post_direct(server: Server) -> None:
    by_form = http(server.url, method="POST", data=form(query=PARTIES), headers=FORM)
    direct = http(server.url, method="POST", data=PARTIES.encode(), headers=DIRECT)
    assert by_form.status == direct.status == 200
    assert json.loads(by_form.body) == json.loads(direct.body)


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
    ],
)
def test_ask_content_negotiation(server: Server, accept: str, media: str) -> None:
    query = f"ASK {{ <{AGREEMENT}/compute-rofr> <{PG}change> <{PG}Removed> }}"
    reply = http(server.url, params=[("query", query)], headers={"Accept": accept})
    assert reply.status == 200
    assert reply.media == media
    fmt = "json" if "json" in media else "xml"
    assert RdflibResult.parse(io.BytesIO(reply.body), format=fmt).askAnswer is True


def test_describe_content_negotiation(server: Server) -> None:
    query = f"DESCRIBE <{AGREEMENT}/revenue-share>"
    reply = http(server.url, params=[("query", query)], headers={"Accept": "application/n-triples"})
    assert reply.status == 200
    assert reply.media == "application/n-triples"
    triples = {q.triple for q in ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES)}
    assert (
        ox.Triple(
            ox.NamedNode(f"{AGREEMENT}/revenue-share"),
            ox.NamedNode(f"{PG}endsWith"),
            ox.NamedNode(f"{AGREEMENT}/agi-verified"),
        )
        in triples
    )


def test_form_with_charset_and_named_graph_parameters(server: Server) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    reply = http(
        server.url,
        method="POST",
        data=form(query=query, **{"named-graph-uri": AGREEMENT}),
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )
    assert reply.status == 200
    graphs = {b["g"]["value"] for b in json.loads(reply.body)["results"]["bindings"]}
    assert graphs == {AGREEMENT}


def test_dataset_parameters_pick_loaded_graphs(server: Server) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    only_ontology = http(
        server.url,
        params=[("query", query), ("default-graph-uri", "https://w3id.org/pactgraph/ns")],
    )
    union = http(server.url, params=[("query", query)])
    nowhere = http(
        server.url, params=[("query", query), ("default-graph-uri", "https://example.org/none")]
    )

    def count(reply: Reply) -> int:
        return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])

    assert 0 == count(nowhere) < count(only_ontology) < count(union)


def test_service_description_at_the_endpoint(server: Server) -> None:
    reply = http(server.url, headers={"Accept": "text/turtle"})
    assert reply.status == 200
    assert reply.media == "text/turtle"
    graph = rdflib.Graph().parse(data=reply.body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (rdflib.URIRef(server.url), rdflib.RDF.type, sd.Service) in graph
    assert rdflib.URIRef(AGREEMENT) in set(graph.objects(None, sd.name))


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("application/n-quads", ox.RdfFormat.N_QUADS), ("application/trig", ox.RdfFormat.TRIG)],
)
def test_graph_store_get_in_a_quad_format_gives_the_dataset(
    server: Server, accept: str, fmt: ox.RdfFormat
) -> None:
    reply = http(server.url, headers={"Accept": accept})
    assert reply.status == 200
    assert reply.media == accept
    quads = list(ox.parse(reply.body, format=fmt))
    assert len(quads) == 100  # the row cap of this module
    assert {q.graph_name.value for q in quads} == {AGREEMENT}  # the agreement's own graph
    assert reply.headers.get("pactgraph-row-cap-reached") == "100"
    # a graph format, or none, still gets the service description
    description = http(server.url, headers={"Accept": "application/n-quads;q=0.5, text/turtle"})
    assert b"sparql-service-description" in description.body


def test_graph_store_reads_one_graph_or_the_union(server: Server) -> None:
    agreement = http(
        server.url, params=[("graph", AGREEMENT)], headers={"Accept": "application/n-triples"}
    )
    assert agreement.status == 200
    triples = list(ox.parse(agreement.body, format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == 100  # the row cap (100 in this module) holds here too
    assert all(q.subject.value.startswith(AGREEMENT) for q in triples)  # not the ontology
    assert agreement.headers.get("pactgraph-row-cap-reached") == "100"
    missing = http(server.url, params=[("graph", "https://example.org/none")])
    assert missing.status == 404
    both = http(server.url, params=[("graph", AGREEMENT), ("default", "")])
    assert both.status == 400


def test_start_page_links_the_endpoint(server: Server) -> None:
    reply = http(server.url.removesuffix("sparql"))
    assert reply.status == 200
    assert reply.media == "text/html"
    assert b'href="/sparql"' in reply.body
    assert b'href="/explorer"' in reply.body


def test_explorer_page_is_served_offline(server: Server) -> None:
    reply = http(server.url.removesuffix("sparql") + "explorer")
    assert reply.status == 200
    assert reply.media == "text/html"
    page = reply.body.decode("utf-8")
    assert "vis-network" in page or "vis.Network" in page
    assert "<script src" not in page
    assert "Azure API exclusivity" in page


@pytest.mark.parametrize(
    ("method", "params", "data", "headers", "status", "needle"),
    [
        ("GET", [("query", "SELECT * WHERE { ?s ?p }")], None, {}, 400, b"query:1:"),
        ("POST", [], b"SELEKT ?s WHERE {}", DIRECT, 400, b"query:1:1"),
        ("GET", [("query", PARTIES), ("query", PARTIES)], None, {}, 400, b"more than one"),
        ("GET", [("default-graph-uri", AGREEMENT)], None, {}, 400, b"no query"),
        ("POST", [], PARTIES.encode(), {"Content-Type": "text/plain"}, 415, b"text/plain"),
        ("POST", [("query", PARTIES)], form(query=PARTIES), FORM, 400, b"not both"),
        ("GET", [("query", PARTIES)], None, {"Accept": "image/png"}, 406, b"Accept one of"),
        ("GET", [("query", "INSERT DATA { <a:a> <a:b> <a:c> }")], None, {}, 400, b"query:1:"),
        ("POST", [], b"SELECT \xff", DIRECT, 400, b"not UTF-8"),
        ("POST", [], b"#" * 1_000_001, DIRECT, 413, b"larger than"),
    ],
    ids=[
        "malformed-get",
        "malformed-post",
        "two-queries",
        "no-query",
        "wrong-media-type",
        "query-in-url-and-body",
        "not-acceptable",
        "update-as-query",
        "not-utf8",
        "too-large",
    ],
)
def test_protocol_errors(  # noqa: PLR0917
    server: Server,
    method: str,
    params: list[tuple[str, str]],
    data: bytes | None,
    headers: dict[str, str],
    status: int,
    needle: bytes,
) -> None:
    reply = http(server.url, method=method, params=params, data=data, headers=headers)
    assert reply.status == status, reply.body
    assert needle in reply.body
    assert reply.body.startswith(b"error: ")


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    ("method", "params", "data", "headers"),
    [
        ("GET", [("update", "INSERT DATA { <a:a> <a:b> <a:c> }")], None, {}),
        ("POST", [], form(update="DROP ALL"), FORM),
        ("POST", [], b"CLEAR ALL", {"Content-Type": "application/sparql-update"}),
        ("POST", [], b"LOAD <file:///etc/passwd>", {"Content-Type": "application/sparql-update"}),
        ("PUT", [("default", "")], b"<a:a> <a:b> <a:c> .", {"Content-Type": "text/turtle"}),
        (
            "POST",
            [("graph", "https://example.org/g")],
            b"<a:a> <a:b> <a:c> .",
            {"Content-Type": "text/turtle"},
        ),
        ("DELETE", [("graph", AGREEMENT)], None, {}),
    ],
    ids=["update-get", "update-form", "update-direct", "load", "gsp-put", "gsp-post", "gsp-delete"],
)
def test_writes_are_forbidden_and_change_nothing(
    server: Server,
    method: str,
    params: list[tuple[str, str]],
    data: bytes | None,
    headers: dict[str, str],
) -> None:
    before = http(server.url, params=[("query", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")]).body
    reply = http(server.url, method=method, params=params, data=data, headers=headers)
    assert reply.status == 403
    assert b"read-only" in reply.body
    after = http(server.url, params=[("query", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")]).body
    assert before == after


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o # no\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p 1SERVICESILENT<{url}>{{ ?s ?p ?o }} }}",
        "PREFIX : <{url}/> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_without_connecting(server: Server, template: str) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        reply = http(server.url, params=[("query", template.format(url=url))])
        assert reply.status == 403
        assert b"SERVICE is refused" in reply.body
        with pytest.raises(TimeoutError):
            listener.accept()


def test_from_an_unknown_graph_gives_nothing(server: Server) -> None:
    unknown = "SELECT * FROM <https://example.org/unknown> WHERE { ?s ?p ?o }"
    reply = http(server.url, params=[("query", unknown)])
    assert reply.status == 200
    assert json.loads(reply.body)["results"]["bindings"] == []
    known = http(
        server.url, params=[("query", unknown.replace("https://example.org/unknown", AGREEMENT))]
    )
    assert len(json.loads(known.body)["results"]["bindings"]) == 100  # the row cap


def test_names_holding_the_word_service_are_answered(server: Server) -> None:
    """The agreement's own names (``:azure-services``, which query tables print) and
    variables called ``?service`` are not the keyword."""
    query = (
        f"PREFIX : <{AGREEMENT}/> PREFIX pg: <{PG}> "
        "SELECT ?service WHERE { ?service pg:covers :azure-services }"
    )
    reply = http(server.url, params=[("query", query)])
    assert reply.status == 200, reply.body
    rows = json.loads(reply.body)["results"]["bindings"]
    assert rows
    assert all(r["service"]["value"].startswith(AGREEMENT) for r in rows)


def test_from_a_file_reads_nothing(server: Server, tmp_path: Path) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text("<https://example.org/s> <https://example.org/p> 'secret' .\n")
    for clause in (f"FROM <{secret.as_uri()}>", f"FROM NAMED <{secret.as_uri()}>"):
        query = f"SELECT * {clause} WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
        reply = http(server.url, params=[("query", query)])
        assert reply.status == 200
        subjects = {b["s"]["value"] for b in json.loads(reply.body)["results"]["bindings"]}
        assert "https://example.org/s" not in subjects
        assert b"secret" not in reply.body


def test_row_cap_cuts_a_large_result(server: Server) -> None:
    reply = http(server.url, params=[("query", "SELECT * { ?s ?p ?o }")])
    assert reply.status == 200
    assert len(json.loads(reply.body)["results"]["bindings"]) == 100
    assert reply.headers.get("pactgraph-row-cap-reached") == "100"


def test_row_cap_cuts_a_large_graph(server: Server) -> None:
    reply = http(
        server.url,
        params=[("query", "CONSTRUCT WHERE { ?s ?p ?o }")],
        headers={"Accept": "application/n-triples"},
    )
    assert reply.status == 200
    assert len(list(ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES))) == 100
    assert reply.headers.get("pactgraph-row-cap-reached") == "100"


def test_timeout_stops_a_runaway_query_and_the_server_goes_on(server: Server) -> None:
    started = time.monotonic()
    reply = http(server.url, params=[("query", RUNAWAY)])
    took = time.monotonic() - started
    assert reply.status == 503
    assert b"longer than 2 s" in reply.body
    assert took < 15
    after = http(server.url, params=[("query", PARTIES)])
    assert after.status == 200


def test_a_client_that_gives_up_does_not_cost_a_worker() -> None:
    """One worker and a 120 s timeout: if a client that gave up kept the worker, the next
    query would wait two minutes; its worker is replaced at once instead."""
    patient = _start("--data", V2025, "--workers", "1", "--timeout", "120")
    try:
        url = patient.url + "?" + urllib.parse.urlencode({"query": RUNAWAY})
        for _ in range(3):
            with pytest.raises((TimeoutError, urllib.error.URLError)):
                urllib.request.urlopen(url, timeout=0.5)
        started = time.monotonic()
        assert http(patient.url, params=[("query", PARTIES)]).status == 200
        assert time.monotonic() - started < 60  # far less than the 120 s a kept worker costs
    finally:
        _stop(patient)


def _in_background(url: str, query: str) -> tuple[threading.Thread, list[Reply]]:
    """Send ``query`` from a thread; its reply, if the server gives one, lands in the list."""
    replies: list[Reply] = []

    def ask() -> None:
        with contextlib.suppress(OSError):  # the server may go away under it
            replies.append(http(url, params=[("query", query)]))

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread, replies


def test_a_query_that_finds_no_free_worker_is_answered_busy_at_once() -> None:
    """One worker busy with a query that runs to its 20 s timeout: a cheap query waits
    --queue-wait (0.5 s) and is answered 503 busy with Retry-After, not after 20 s."""
    busy = _start(
        "--data", V2025, "--workers", "1", "--timeout", "20", "--queue-wait", "0.5",
        "--busy-timeout", "20",
    )  # fmt: skip
    try:
        _in_background(busy.url, RUNAWAY)
        time.sleep(1.0)  # the runaway holds the one worker
        started = time.monotonic()
        reply = http(busy.url, params=[("query", PARTIES)])
        took = time.monotonic() - started
        assert reply.status == 503
        assert b"busy" in reply.body
        assert reply.headers.get("retry-after") == "1"
        assert took < 5
    finally:
        _stop(busy)


def test_a_long_query_makes_room_for_waiting_ones() -> None:
    """One worker busy with a query that would run 20 s: a cheap query that comes to wait
    for it gets the worker once the long one has run --busy-timeout (0.5 s), and the long
    one is answered 503 busy with the reason."""
    shared = _start(
        "--data", V2025, "--workers", "1", "--timeout", "20", "--queue-wait", "5",
        "--busy-timeout", "0.5",
    )  # fmt: skip
    try:
        heavy, replies = _in_background(shared.url, RUNAWAY)
        time.sleep(1.0)  # alone, the runaway runs past the busy timeout untouched
        started = time.monotonic()
        cheap = http(shared.url, params=[("query", PARTIES)])
        assert cheap.status == 200
        assert time.monotonic() - started < 4
        heavy.join(10)
        assert [r.status for r in replies] == [503]
        assert b"while other queries waited" in replies[0].body
    finally:
        _stop(shared)


def test_a_query_posted_by_a_page_of_another_origin_is_refused(server: Server) -> None:
    """A page elsewhere can post a form here without a preflight; only the server's own
    origin and the --cors origin may."""
    body = form(query=PARTIES)
    own = server.url.rsplit("/sparql", 1)[0]
    for origin, status in (("https://evil.example", 403), ("null", 403), (own, 200),
                           (ALLOWED_ORIGIN, 200)):  # fmt: skip
        reply = http(server.url, method="POST", data=body, headers={**FORM, "Origin": origin})
        assert reply.status == status, origin
    assert http(server.url, method="POST", data=body, headers=FORM).status == 200  # no Origin
    refused = http(
        server.url, method="POST", data=body, headers={**FORM, "Origin": "https://evil.example"}
    )
    assert b"--cors" in refused.body


def test_head_answers_as_get_does_without_a_body(server: Server) -> None:
    for params in ([], [("query", PARTIES)]):
        got = http(server.url, params=params)
        head = http(server.url, method="HEAD", params=params)
        assert head.status == got.status == 200
        assert head.media == got.media
        assert head.body == b""


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _busy_server() -> tuple[Server, list[int]]:
    """A one-worker server whose worker is busy with a query that would run 60 s."""
    busy = _start("--data", V2025, "--workers", "1", "--timeout", "60")
    _in_background(busy.url, RUNAWAY)
    time.sleep(1.5)
    workers = _children(busy.process.pid)
    assert workers
    return busy, workers


def test_ctrl_c_stops_the_server_without_waiting_for_a_running_query() -> None:
    busy, workers = _busy_server()
    started = time.monotonic()
    busy.process.send_signal(signal.SIGINT)
    assert busy.process.wait(timeout=30) == 0
    assert time.monotonic() - started < 10  # not the 60 s the query could run
    time.sleep(0.5)
    assert [w for w in workers if _running(w)] == []
    _stop(busy)


def test_kill_9_of_the_server_leaves_no_worker_running() -> None:
    busy, workers = _busy_server()
    busy.process.kill()
    busy.process.wait(timeout=10)
    deadline = time.monotonic() + 10
    while [w for w in workers if _running(w)] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [w for w in workers if _running(w)] == []
    _stop(busy)


def test_cors_only_for_the_given_origin(server: Server) -> None:
    allowed = http(server.url, params=[("query", PARTIES)], headers={"Origin": ALLOWED_ORIGIN})
    other = http(
        server.url, params=[("query", PARTIES)], headers={"Origin": "https://evil.example"}
    )
    assert allowed.headers.get("access-control-allow-origin") == ALLOWED_ORIGIN
    assert "access-control-allow-origin" not in other.headers


def test_no_cors_by_default_and_bad_data_fails_before_listening(tmp_path: Path) -> None:
    plain = _start("--workers", "1")
    try:
        reply = http(plain.url, params=[("query", PARTIES)], headers={"Origin": ALLOWED_ORIGIN})
        assert reply.status == 200
        assert "access-control-allow-origin" not in reply.headers
        # Ctrl-C stops it cleanly
        plain.process.send_signal(signal.SIGINT)
        assert plain.process.wait(timeout=20) == 0
        assert plain.process.stderr is not None
        assert plain.process.stderr.read().strip() == "pactgraph: stopped"
    finally:
        _stop(plain)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    from conftest import assert_one_line_error, run_cli

    assert_one_line_error(run_cli("serve", "--data", str(bad), "--port", "0"), 1, "bad.ttl:1")


def test_a_foreign_host_name_is_refused(server: Server) -> None:
    """DNS rebinding: a page that points its own name at 127.0.0.1 must not read the data."""
    parties = [("query", PARTIES)]
    refused = http(server.url, params=parties, headers={"Host": "evil.example"})
    assert refused.status == 400
    assert b"openai" not in refused.body
    port = server.url.rsplit(":", 1)[1].split("/")[0]
    for name in ("localhost", "127.0.0.1", "[::1]", "LOCALHOST"):
        ok = http(server.url, params=parties, headers={"Host": f"{name}:{port}"})
        assert ok.status == 200, name
    for name in ("evil.example:" + port, "[::2]:" + port, "127.0.0.1.evil.example"):
        assert http(server.url, params=parties, headers={"Host": name}).status == 400, name


def test_a_query_past_the_memory_bound_gets_503_and_the_server_lives_on() -> None:
    """An ORDER BY over a cartesian product grows without bound: its worker is capped, the
    query answered 503 with the reason, and the next query answered by a fresh worker."""
    bounded = _start("--data", V2025, "--workers", "1", "--max-memory", "200", "--timeout", "60")
    try:
        greedy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"
        started = time.monotonic()
        reply = http(bounded.url, params=[("query", greedy)])
        assert reply.status == 503, reply.body
        assert b"--max-memory" in reply.body
        assert time.monotonic() - started < 60  # the bound, not the timeout, stopped it
        after = http(bounded.url, params=[("query", PARTIES)])
        assert after.status == 200
    finally:
        _stop(bounded)


def test_a_dataset_graph_that_is_not_an_iri_is_a_400(server: Server) -> None:
    reply = http(server.url, params=[("query", PARTIES), ("default-graph-uri", "not an iri")])
    assert reply.status == 400
    assert b"not an IRI" in reply.body


def test_serve_refuses_another_endpoint_rather_than_serving_something_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Given a remote store, serve would have served the bundled agreements instead."""
    from conftest import assert_one_line_error, run_cli

    url = "http://127.0.0.1:9/sparql"
    assert_one_line_error(run_cli("serve", "--endpoint", url, "--port", "0"), 2, "--endpoint")
    monkeypatch.setenv("PACTGRAPH_ENDPOINT", url)
    assert_one_line_error(run_cli("serve", "--port", "0"), 2, "unset PACTGRAPH_ENDPOINT")
