"""Agreements in Virtuoso (Debian's ``virtuoso-opensource``, installed by ``make``), a
server the test starts on free loopback ports with a database of its own, and stops.

Agreements are pushed through SPARQL Update (``--update-endpoint``), and every command
answers as it does from the files. Virtuoso's answers to some SPARQL differ from the
standard's (``pactgraph.remote.QUIRKS``); pactgraph answers from a copy of its agreement
graphs there, and these tests hold it to that.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from pactgraph.remote import QUIRKS, Remote, RemoteStore, open_remote
from pactgraph.resources import agreements_dir

pytestmark = pytest.mark.slow

BUNDLED = sorted(str(p) for p in agreements_dir().glob("*.ttl"))
CONFIG = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh Virtuoso's SPARQL endpoint, open to updates, stopped afterwards."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or isql is None or not CONFIG.is_file():
        pytest.fail("Virtuoso is missing: make installs Debian's virtuoso-opensource")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = _free_port(), _free_port()
    config = CONFIG.read_text(encoding="utf-8")
    config = config.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    config = re.sub(r"(?m)^ServerPort(\s*)= 1111$", rf"ServerPort\g<1>= {sql}", config)
    config = re.sub(r"(?m)^ServerPort(\s*)= 8890$", rf"ServerPort\g<1>= {http}", config)
    config = re.sub(r"(?m)^Load\d+\s*=.*$", "", config)  # no sample data
    (folder / "virtuoso.ini").write_text(config, encoding="utf-8")
    log = (folder / "out.log").open("wb")
    process = subprocess.Popen(
        [server, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{http}/sparql"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None:
                    pytest.fail((folder / "out.log").read_text(errors="replace"))
                time.sleep(0.25)
        # Virtuoso's anonymous SPARQL user may read only: let it write too
        grant = 'GRANT SPARQL_UPDATE TO "SPARQL";'
        subprocess.run(
            [isql, str(sql), "dba", "dba", f"exec={grant}"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


def _json(*args: str) -> Any:
    result = run_cli(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_command_answers_from_virtuoso_as_from_the_files(virtuoso: str) -> None:
    pushed = run_cli("load", *BUNDLED, "--endpoint", virtuoso, "--update-endpoint", virtuoso)
    assert pushed.returncode == 0, pushed.stderr
    assert pushed.stdout.startswith("2 added, 0 replaced, 0 unchanged")
    again = run_cli("load", *BUNDLED, "--endpoint", virtuoso, "--update-endpoint", virtuoso)
    assert again.stdout.startswith("0 added, 0 replaced, 2 unchanged"), again.stderr
    store = open_remote(Remote(virtuoso))
    assert set(store.origins.values()) == {Path(f) for f in BUNDLED}
    assert isinstance(store, RemoteStore)
    assert store.remote.server.startswith(tuple(QUIRKS))
    assert not store.pushdown  # answered from a copy
    remote = ("--endpoint", virtuoso)
    for command in (
        ("info",),
        ("state", "--on", "2031-07-01", "--event", "AGI verified=2029-03-01"),
        ("impact", "AGI verified"),
        ("ask", "what changes when the expert panel verifies AGI?"),
        ("ask", "who holds rights to model weights?"),
    ):
        assert _json(*command, *remote) == _json(*command), command
    there = run_cli("export", "--format", "nquads", *remote)
    assert there.returncode == 0, there.stderr
    here = run_cli("export", "--format", "nquads")
    assert sorted(there.stdout.splitlines()) == sorted(here.stdout.splitlines())
    rows = _json("query", "provisions", *remote)["results"]["bindings"]
    assert sorted(map(str, rows)) == sorted(
        map(str, _json("query", "provisions")["results"]["bindings"])
    )
    agreement = "https://w3id.org/pactgraph/id/microsoft-openai-2026"
    dropped = run_cli("unload", agreement, *remote, "--update-endpoint", virtuoso)
    assert dropped.returncode == 0, dropped.stderr
    assert agreement not in open_remote(Remote(virtuoso)).agreement_graphs
    assert agreement not in Remote(virtuoso).records()
