"""Agreements in a SPARQL 1.1 store someone already runs: an Oxigraph server (PyPI
``oxigraph``) that the tests start on a free loopback port and stop.

Agreements are pushed through the Graph Store Protocol (``pactgraph load --endpoint``),
every command answers from the server as it does from the files, the named queries give the
same rows on the server, which keeps named graphs apart (no union default graph), as in
pactgraph's own store, and credentials reach a store that asks for them.
"""

from __future__ import annotations

import base64
import http.server
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import networkx as nx
import pyoxigraph as ox
import pytest

from conftest import DATA, assert_one_line_error, run_cli
from pactgraph.load import load
from pactgraph.namespaces import PREFIXES
from pactgraph.query import library, query
from pactgraph.remote import RECORDS, Remote, open_remote, push, record_graph
from pactgraph.resources import agreements_dir

BUNDLED = sorted(str(p) for p in agreements_dir().glob("*.ttl"))
V1 = "https://w3id.org/pactgraph/id/microsoft-openai-2025/"
SERVER = Path(sys.executable).parent / "oxigraph"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[str]:
    """A fresh Oxigraph server's query endpoint, the server stopped afterwards."""
    port = _free_port()
    log = tmp_path / "oxigraph.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(SERVER), "serve", "--location", str(tmp_path / "oxigraph"), "--bind",
             f"127.0.0.1:{port}"],
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1):
                    break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None:
                    raise RuntimeError(log.read_text(encoding="utf-8", errors="replace")) from None
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def _sorted(results: Any) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True) for row in results["results"]["bindings"])


def _agreements(endpoint: str) -> set[str]:
    results = _json("query", "agreements", "--endpoint", endpoint)
    return {row["agreement"]["value"] for row in results["results"]["bindings"]}


def _json(*args: str) -> Any:
    result = run_cli(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_command_answers_from_the_server_as_from_the_files(endpoint: str) -> None:
    pushed = run_cli("load", *BUNDLED, "--endpoint", endpoint)
    assert pushed.returncode == 0, pushed.stderr
    assert pushed.stdout.startswith("2 added, 0 replaced, 0 unchanged")
    remote = ("--endpoint", endpoint)
    for command in (
        ("state", "--on", "2031-07-01"),
        ("impact", "AGI verified"),
        ("ask", "what does Microsoft hold on 1 July 2031?"),
        ("info",),
    ):
        assert _json(*command, *remote) == _json(*command), command
    # SPARQL results: the same rows (a query without ORDER BY has no order)
    there, here = _json("query", "provisions", *remote), _json("query", "provisions")
    assert there["head"] == here["head"]
    assert _sorted(there) == _sorted(here)
    local = run_cli("export", "--format", "nquads")
    there = run_cli("export", "--format", "nquads", *remote)
    assert there.returncode == 0, there.stderr
    assert sorted(there.stdout.splitlines()) == sorted(local.stdout.splitlines())
    graphs = [
        nx.read_graphml(
            io.BytesIO(run_cli("export", "--format", "graphml", *where).stdout.encode())
        )
        for where in ((), remote)
    ]
    assert dict(graphs[0].nodes(data=True)) == dict(graphs[1].nodes(data=True))
    assert sorted(graphs[0].edges(data=True), key=str) == sorted(
        graphs[1].edges(data=True), key=str
    )
    validated = run_cli("validate", *remote)
    assert validated.returncode == 0, validated.stderr
    page = run_cli("viz", *remote, "-o", "-")
    assert page.returncode == 0, page.stderr
    assert "azure-api-exclusivity" in page.stdout


def test_pushing_again_replaces_only_what_changed(endpoint: str, tmp_path: Path) -> None:
    lease = tmp_path / "lease.ttl"
    shutil.copy(DATA / "lease" / "agreement.ttl", lease)
    first = run_cli("load", str(lease), *BUNDLED, "--endpoint", endpoint)
    assert first.stdout.startswith("3 added, 0 replaced, 0 unchanged"), first.stderr
    lease.write_text(lease.read_text(encoding="utf-8") + "\n# amended\n", encoding="utf-8")
    second = run_cli("load", str(lease), *BUNDLED, "--endpoint", endpoint)
    assert second.stdout.startswith("0 added, 1 replaced, 2 unchanged"), second.stderr
    agreements = _agreements(endpoint)
    assert len(agreements) == 3
    [gone] = [a for a in agreements if "lease" in a]
    dropped = run_cli("unload", gone, "--endpoint", endpoint)
    assert dropped.returncode == 0, dropped.stderr
    left = _agreements(endpoint)
    assert left == agreements - {gone}
    missing = run_cli("unload", gone, "--endpoint", endpoint)
    assert missing.returncode == 2
    assert "holds no agreement" in missing.stderr


def test_people_pushing_at_once_keep_each_others_records(endpoint: str, tmp_path: Path) -> None:
    # two people push different agreements to one store at the same time, one file a push:
    # each push writes only the records of what it pushed, so none is lost
    from bench_portfolio import BASE, write_portfolio

    write_portfolio(tmp_path, 12)
    files = sorted(tmp_path.glob("agreement-*.ttl"))
    remote = Remote(endpoint)
    failures: list[BaseException] = []

    def pusher(mine: list[Path]) -> None:
        try:
            for path in mine:
                push([path], remote)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=pusher, args=(files[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    wanted = {f"{BASE}-copy-{i:05d}" for i in range(12)}
    assert set(remote.records()) == wanted
    assert {g: str(r.file) for g, r in remote.recorded().items()} == {
        f"{BASE}-copy-{i:05d}": str(files[i]) for i in range(12)
    }
    again = push(files, remote)
    assert len(again.unchanged) == 12


def test_records_kept_in_one_graph_are_read_and_moved_apart(endpoint: str, tmp_path: Path) -> None:
    # a store pushed to when every record was kept in one graph: its agreements are known
    # as pushed, unchanged files are left, and the records move to a graph each
    lease = tmp_path / "lease.ttl"
    shutil.copy(DATA / "lease" / "agreement.ttl", lease)
    remote = Remote(endpoint)
    push([lease], remote)
    [agreement] = remote.records()
    digest = remote.records()[agreement]
    remote.remove(record_graph(agreement))
    sha, file = f"{RECORDS}#sha256", f"{RECORDS}#file"
    remote.put(RECORDS, [
        ox.Triple(ox.NamedNode(agreement), ox.NamedNode(sha), ox.Literal(digest)),
        ox.Triple(ox.NamedNode(agreement), ox.NamedNode(file), ox.Literal(str(lease))),
    ])  # fmt: skip
    assert remote.records() == {agreement: digest}
    assert open_remote(remote).origins == {agreement: lease}
    again = push([lease], remote)
    assert again.unchanged == (agreement,)
    graphs = {r["g"] for r in remote.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert RECORDS not in graphs
    assert record_graph(agreement) in graphs
    assert remote.records() == {agreement: digest}


def _bound(name: str) -> str:
    """A named query's text with values for its required variables."""
    values = {
        "dependents": ("provision", f"{V1}azure-api-exclusivity"),
        "provision-source": ("provision", f"{V1}azure-api-exclusivity"),
        "provisions-covering": ("category", f"{V1}model-weights"),
        "provisions-held-by": ("party", f"{V1}microsoft"),
    }
    text = library()[name].text
    if name in values:
        variable, iri = values[name]
        text += f"\nVALUES ?{variable} {{ <{iri}> }}"
    return text


def _rows(store: Any, text: str) -> list[str]:
    result = query(store, text)
    if result.form == "graph":
        return sorted(f"{t} ." for t in result.triples)
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in result.records())


@pytest.mark.parametrize("name", sorted(library()))
def test_named_queries_give_the_same_rows_on_a_store_without_a_union_graph(
    endpoint: str, name: str
) -> None:
    # the Oxigraph server, as started, keeps its named graphs out of its default graph;
    # pactgraph names the dataset in each request
    assert run_cli("load", *BUNDLED, "--endpoint", endpoint).returncode == 0
    text = _bound(name)
    local = _rows(load(), text)
    assert local, "compare rows, not two empty answers"
    assert _rows(open_remote(Remote(endpoint)), text) == local
    bare = _bare_rows(endpoint, text)
    assert bare != local or name in BARE_MATCHES  # without the dataset, most would differ


#: The named queries that name every graph they read, so that they answer the same on a
#: store without a union default graph even when sent without a dataset.
BARE_MATCHES = frozenset({"inventory"})


def _bare_rows(endpoint: str, text: str) -> list[str]:
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    request = urllib.request.Request(
        endpoint,
        data=(prologue + text).encode(),
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        },
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
    if not body.lstrip().startswith(b"{"):
        return sorted(line for line in body.decode().splitlines() if line.strip())
    rows = json.loads(body)["results"]["bindings"]
    return sorted(json.dumps({k: v["value"] for k, v in r.items()}, sort_keys=True) for r in rows)


USER, PASSWORD = "analyst", "s3cret pass"


class _Guard(http.server.BaseHTTPRequestHandler):
    """A store that asks for credentials: a reverse proxy in front of the Oxigraph server
    that answers 401 to a request without the right ones."""

    upstream = ""
    expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    def _forward(self) -> None:
        if self.headers.get("Authorization") != self.expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() in {"content-type", "accept"}}
        request = urllib.request.Request(
            self.upstream + self.path, data=body, method=self.command, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, data, kind = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, data, kind = error.code, error.read(), error.headers
        self.send_response(status)
        if kind.get("Content-Type"):
            self.send_header("Content-Type", kind["Content-Type"])
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _forward

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def guarded(endpoint: str) -> Iterator[str]:
    """The Oxigraph server's query endpoint behind a proxy that asks for credentials."""
    handler = type("Guard", (_Guard,), {"upstream": endpoint.rsplit("/", 1)[0]})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/query"
    finally:
        server.shutdown()
        server.server_close()


def test_credentials_come_from_the_environment_or_netrc(
    guarded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    for name in ("PACTGRAPH_ENDPOINT_USER", "PACTGRAPH_ENDPOINT_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    refused = run_cli("load", *BUNDLED, "--endpoint", guarded)
    assert refused.returncode == 4
    assert refused.stderr.count("\n") == 1
    assert "PACTGRAPH_ENDPOINT_USER and PACTGRAPH_ENDPOINT_PASSWORD" in refused.stderr
    monkeypatch.setenv("PACTGRAPH_ENDPOINT_USER", USER)
    monkeypatch.setenv("PACTGRAPH_ENDPOINT_PASSWORD", PASSWORD)
    pushed = run_cli("load", *BUNDLED, "--endpoint", guarded)
    assert pushed.returncode == 0, pushed.stderr
    for name in ("PACTGRAPH_ENDPOINT_USER", "PACTGRAPH_ENDPOINT_PASSWORD"):
        monkeypatch.delenv(name)
    netrc = tmp_path / "netrc"
    netrc.write_text(f'machine 127.0.0.1 login {USER} password "{PASSWORD}"\n', encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("PACTGRAPH_ENDPOINT", guarded)  # the endpoint from the environment too
    answered = run_cli("ask", "what changes when AGI is verified?", "--format", "json")
    assert answered.returncode == 0, answered.stderr
    assert json.loads(answered.stdout)["rows"]


def test_a_store_that_cannot_be_reached() -> None:
    url = f"http://127.0.0.1:{_free_port()}/query"
    result = run_cli("state", "--on", "2030-01-01", "--endpoint", url)
    assert result.returncode == 4
    assert result.stderr.startswith(f"error: {url}: cannot reach the store (")
    assert result.stderr.count("\n") == 1
    bad = run_cli("info", "--endpoint", "ftp://example.org/sparql")
    assert bad.returncode == 2
    assert "http:// or https:// URL" in bad.stderr
    both = run_cli("info", "--endpoint", url, "--data", str(DATA / "lease" / "agreement.ttl"))
    assert both.returncode == 2


def test_a_store_named_badly_or_with_credentials_in_its_url() -> None:
    for url, said in (
        ("http://analyst:s3cret@127.0.0.1:9/query", "keep credentials out of the URL"),
        ("http://127.0.0.1:abc/query", "is not a URL"),
        ("http://[::1/query", "is not a URL"),
    ):
        result = run_cli("info", "--endpoint", url)
        assert result.returncode == 2, (url, result.stderr)
        assert said in result.stderr
        assert "s3cret" not in result.stderr
        assert result.stderr.count("\n") == 1


def test_a_query_the_store_refuses_is_a_query_error(endpoint: str) -> None:
    assert run_cli("load", *BUNDLED, "--endpoint", endpoint).returncode == 0
    result = run_cli("query", "-e", "SELEC ?x WHERE {", "--endpoint", endpoint)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "the store refused the query" in result.stderr
    assert " 1:" in result.stderr  # its line, without the prefixes pactgraph puts first


def test_a_value_bound_where_the_query_cannot_see_it_is_refused_as_locally(
    endpoint: str,
) -> None:
    """``?k`` lives only inside a subquery: bound from outside it would bind nothing, and
    every row would come back as if unbound. The store's answer is refused as the local
    engine refuses it."""
    assert run_cli("load", *BUNDLED, "--endpoint", endpoint).returncode == 0
    text = "SELECT ?l WHERE { { SELECT ?p WHERE { ?p a ?k } } ?p rdfs:label ?l }"
    for where in ((), ("--endpoint", endpoint)):
        result = run_cli("query", "-e", text, "--bind", "k=pg:Right", "-f", "tsv", *where)
        assert_one_line_error(result, 2, "--bind k")
    seen = run_cli("query", "-e", "SELECT ?p ?k WHERE { ?p a ?k }", "--bind", "k=pg:Right",
                   "-f", "tsv", "--endpoint", endpoint)  # fmt: skip
    assert seen.returncode == 0, seen.stderr
    assert seen.stdout.count("\n") > 1


def test_default_and_named_graphs_stay_apart(endpoint: str) -> None:
    assert run_cli("load", *BUNDLED, "--endpoint", endpoint).returncode == 0
    local, remote = load(), open_remote(Remote(endpoint))
    v1, v2 = sorted(local.agreement_graphs)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    for text, default, names in (
        (count, [], [v1]),
        (count, [v2], [v1]),
        (named, [v1], []),
        (named, [v1], [v2]),
    ):
        here = query(local, text, default_graphs=default, named_graphs=names).records()
        there = query(remote, text, default_graphs=default, named_graphs=names).records()
        assert here == there, (text, default, names)


class _Elsewhere(http.server.BaseHTTPRequestHandler):
    """A server a redirect points at: it notes whether credentials came with the request."""

    seen: ClassVar[list[str | None]] = []

    def do_GET(self) -> None:
        self.seen.append(self.headers.get("Authorization"))
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_credentials_are_not_sent_on_through_a_redirect(monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Elsewhere)
    target = f"http://127.0.0.1:{elsewhere.server_address[1]}/query"

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(302)  # urllib follows it, as a GET
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    first = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    servers = [elsewhere, first]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("PACTGRAPH_ENDPOINT_USER", USER)
        monkeypatch.setenv("PACTGRAPH_ENDPOINT_PASSWORD", PASSWORD)
        _Elsewhere.seen.clear()
        result = run_cli("info", "--endpoint", f"http://127.0.0.1:{first.server_address[1]}/query")
        assert result.returncode == 4  # the store it was sent to answers 404
        assert _Elsewhere.seen  # the redirect was followed
        assert _Elsewhere.seen == [None] * len(_Elsewhere.seen)  # without the credentials
        assert PASSWORD not in result.stderr
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
