"""A store that persists: pactgraph load FILES --store DIR once, then every command reads it.

Answers from the store must be the answers from the files; loading again replaces only what
changed; a load killed half-way leaves the store as it was.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import assert_one_line_error, run_cli
from pactgraph.resources import agreements_dir

V2025 = "https://w3id.org/pactgraph/id/microsoft-openai-2025"
V2026 = "https://w3id.org/pactgraph/id/microsoft-openai-2026"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A copy of the bundled agreements and their source texts, free to change."""
    folder = tmp_path / "agreements"
    shutil.copytree(agreements_dir(), folder)
    return folder


def _json(*args: str) -> object:
    result = run_cli(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    if isinstance(answer, dict):
        for agreement in answer.get("agreements", []):
            agreement.pop("file", None)  # the store names the file it was loaded from
    return answer


def test_answers_from_the_store_are_the_answers_from_the_files(files: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    loaded = run_cli("load", str(files), "--store", str(store))
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith("2 added, 0 replaced, 0 unchanged;")
    for command in (
        ("info",),
        ("state", "--on", "2031-07-01", "--event", "AGI verified=2029-03-01"),
        ("impact", "AGI verified", "--on", "2029-03-01"),
        ("ask", "what does Microsoft hold on 1 July 2031?"),
    ):
        assert _json(*command, "--store", str(store)) == _json(*command, "--data", str(files))
    rows = run_cli("query", "provisions", "--store", str(store), "-f", "tsv").stdout
    direct = run_cli("query", "provisions", "--data", str(files), "-f", "tsv").stdout
    assert sorted(rows.splitlines()) == sorted(direct.splitlines())
    checked = run_cli("validate", "--store", str(store))
    assert checked.returncode == 0, checked.stdout  # quotes found beside the files loaded


def test_the_environment_names_the_store_and_data_cannot_join_it(
    files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    assert (
        run_cli("load", str(files / "microsoft-openai-2025.ttl"), "--store", str(store)).returncode
        == 0
    )
    monkeypatch.setenv("PACTGRAPH_STORE", str(store))
    info = run_cli("info", "--format", "json")
    assert [a["agreement"] for a in json.loads(info.stdout)["agreements"]] == [V2025]
    both = run_cli("info", "--data", str(files))
    assert_one_line_error(both, 2, "--data and a store")
    missing = run_cli("info", "--store", str(tmp_path / "none"))
    assert_one_line_error(missing, 2, "no pactgraph store here; make one with pactgraph load")


def test_loading_again_replaces_what_changed_and_unload_removes(
    files: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    assert run_cli("load", str(files), "--store", str(store)).returncode == 0
    again = run_cli("load", str(files), "--store", str(store))
    assert again.stdout.startswith("0 added, 0 replaced, 2 unchanged;")
    amended = files / "microsoft-openai-2026.md"
    amended.write_text(
        amended.read_text(encoding="utf-8").replace(
            "The next phase of the Microsoft-OpenAI partnership", "The amended partnership"
        ),
        encoding="utf-8",
    )
    changed = run_cli("load", str(files), "--store", str(store))
    assert changed.stdout.startswith("0 added, 1 replaced, 1 unchanged;")
    titles = {
        a["agreement"]: a["title"] for a in _json("info", "--store", str(store))["agreements"]
    }  # type: ignore[index]
    assert "The amended partnership" in str(titles)
    removed = run_cli("unload", V2026, "--store", str(store))
    assert removed.returncode == 0, removed.stderr
    assert [a["agreement"] for a in _json("info", "--store", str(store))["agreements"]] == [V2025]  # type: ignore[index]
    assert_one_line_error(run_cli("unload", V2026, "--store", str(store)), 2, "holds no agreement")
    assert [p.name for p in store.iterdir() if p.name.startswith("gen-")] == [
        (store / "current").resolve().name
    ]  # old generations are gone


def test_a_bad_file_changes_nothing_and_a_foreign_folder_is_refused(
    files: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    assert (
        run_cli("load", str(files / "microsoft-openai-2025.ttl"), "--store", str(store)).returncode
        == 0
    )
    before = _json("info", "--store", str(store))
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    result = run_cli(
        "load", str(files / "microsoft-openai-2026.ttl"), str(bad), "--store", str(store)
    )
    assert_one_line_error(result, 1, "bad.ttl:1")
    assert _json("info", "--store", str(store)) == before
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8")
    refused = run_cli("load", str(files), "--store", str(other))
    assert_one_line_error(refused, 2, "the folder holds other files")
    assert [p.name for p in other.iterdir()] == ["holiday.jpg"]


@pytest.mark.slow
def test_a_load_killed_half_way_leaves_the_store_as_it_was(files: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert (
        run_cli("load", str(files / "microsoft-openai-2025.md"), "--store", str(store)).returncode
        == 0
    )
    before = _json("info", "--store", str(store))
    code = (
        "import signal, sys\n"
        "import pactgraph.persist as persist\n"
        "real = persist._finish\n"
        "def stop_before_the_switch(*args):\n"
        "    sys.stderr.write('written\\n'); sys.stderr.flush()\n"
        "    signal.pause()\n"
        "persist._finish = stop_before_the_switch\n"
        "from pactgraph import cli\n"
        "sys.exit(cli.main(['load', sys.argv[1], '--store', sys.argv[2]]))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(files), str(store)], stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    assert process.stderr.readline().strip() == "written"  # the new generation is written
    time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stderr.close()
    assert _json("info", "--store", str(store)) == before  # as it was: one agreement
    done = run_cli("load", str(files), "--store", str(store))
    assert done.stdout.startswith("1 added, 0 replaced, 1 unchanged;")
    assert len([p for p in store.iterdir() if p.name.startswith("gen-")]) == 1


@pytest.mark.slow
def test_serve_answers_from_the_store(files: Path, tmp_path: Path) -> None:
    from test_server import PARTIES, _start, _stop, http

    store = tmp_path / "store"
    assert run_cli("load", str(files), "--store", str(store)).returncode == 0
    served = _start("--store", str(store), "--workers", "1")
    try:
        reply = http(served.url, params=[("query", PARTIES), ("format", "tsv")])
        assert reply.status == 200
        direct = run_cli("query", "-e", PARTIES, "--data", str(files), "-f", "tsv")
        assert sorted(reply.body.decode().splitlines()) == sorted(direct.stdout.splitlines())
    finally:
        _stop(served)
    both = run_cli("serve", "--store", str(store), "--data", str(files), "--port", "0")
    assert_one_line_error(both, 2, "--data and a store")


def test_the_term_model_is_kept_with_the_store(files: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_cli("load", str(files), "--store", str(store)).returncode == 0
    question = ("state", "--on", "2031-07-01", "--store", str(store))
    first = _json(*question)
    [kept] = (store / "views").glob("gen-*/*.pickle")
    assert kept.parent.name == (store / "current").resolve().name
    assert _json(*question) == first  # read from what the first run kept
    assert run_cli("load", str(files), "--store", str(store)).returncode == 0  # no change
    assert kept.is_file()  # so the store, and what it keeps, stay as they were
    kept.write_bytes(b"not a pickle")  # a view that cannot be read is worked out again
    assert _json(*question) == first
    # the data changes: the next generation's view, and the old one gone
    text = (files / "microsoft-openai-2026.md").read_text(encoding="utf-8")
    (files / "microsoft-openai-2026.md").write_text(text + "\n> again\n", encoding="utf-8")
    assert run_cli("load", str(files), "--store", str(store)).returncode == 0
    assert _json(*question) == first
    [now] = (store / "views").glob("gen-*/*.pickle")
    assert now.parent.name == (store / "current").resolve().name != kept.parent.name


def test_the_names_are_kept_with_the_store(files: Path, tmp_path: Path) -> None:
    """An event named by its words is found among every name of the store: read once, and
    kept beside the term model for later runs."""
    store = tmp_path / "store"
    assert run_cli("load", str(files), "--store", str(store)).returncode == 0
    question = ("impact", "AGI verified", "--on", "2029-03-01", "--store", str(store))
    first = _json(*question)
    assert first["event"]["label"] == "AGI verified"
    views = sorted((store / "views").glob("gen-*/*.pickle"))
    assert len(views) == 4  # the term model, the names, the words naming events' actors, and
    # the names parties go by
    assert _json(*question) == first  # read from what the first run kept
    assert sorted((store / "views").glob("gen-*/*.pickle")) == views


def test_a_view_kept_under_other_versions_of_its_packages_is_worked_out_again(
    files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pactgraph import persist

    store = tmp_path / "store"
    assert run_cli("load", str(files), "--store", str(store)).returncode == 0
    question = ("state", "--on", "2031-07-01", "--store", str(store))
    first = _json(*question)
    [kept] = (store / "views").glob("gen-*/*.pickle")
    installed = persist.metadata.version
    # networkx upgraded since the view was kept: its pickle is not read, a new one is kept
    # in its place
    monkeypatch.setattr(
        persist.metadata,
        "version",
        lambda name: "99.0" if name == "networkx" else installed(name),
    )
    persist._code_fingerprint.cache_clear()
    try:
        assert _json(*question) == first
        [now] = (store / "views").glob("gen-*/*.pickle")  # the one it could not read is gone
        assert now.name != kept.name
    finally:
        persist._code_fingerprint.cache_clear()


def test_a_store_that_cannot_keep_its_views_still_answers(files: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_cli("load", str(files), "--store", str(store)).returncode == 0
    (store / "views").write_text("a file where the folder of views would go", encoding="utf-8")
    result = run_cli("state", "--on", "2031-07-01", "--store", str(store), "--format", "json")
    assert result.returncode == 0, result.stderr


def test_loading_again_reads_only_the_files_that_changed(
    files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pactgraph import persist

    store = tmp_path / "store"
    persist.persist([files], store)
    read: list[str] = []
    parse = persist._parse
    monkeypatch.setattr(
        persist, "_parse", lambda path, *a: read.append(path.name) or parse(path, *a)
    )
    again = persist.persist([files], store)
    assert (read, again.added, again.replaced, len(again.unchanged)) == ([], (), (), 2)
    changed = files / "microsoft-openai-2026.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n> again\n", encoding="utf-8")
    third = persist.persist([files], store)
    assert read == ["microsoft-openai-2026.md"]
    assert third.replaced == (V2026,)
