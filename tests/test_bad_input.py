"""Bad input through the command line: one ``error:`` line, the documented exit code, no
traceback, and the user's files exactly as they were (nothing written beside them)."""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA, assert_one_line_error, run_cli
from pactgraph.load import load

MINIMAL = DATA / "minimal"


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file below ``folder`` with its modification time and content."""
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def png_bytes() -> bytes:
    """A real, one-pixel PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


MALFORMED = """\
@prefix pg: <https://w3id.org/pactgraph/ns#> .
@prefix : <https://example.org/bad/> .

:a a pg:Agreement ;
    pg:provision :b
:c a pg:Right .
"""


def write_malformed(folder: Path) -> str:
    (folder / "malformed.ttl").write_text(MALFORMED, encoding="utf-8")
    return "malformed.ttl"


def write_png(folder: Path) -> str:
    (folder / "diagram.png").write_bytes(png_bytes())
    return "diagram.png"


def write_png_named_ttl(folder: Path) -> str:
    (folder / "diagram.ttl").write_bytes(png_bytes())
    return "diagram.ttl"


def write_prose_named_ttl(folder: Path) -> str:
    (folder / "notes.ttl").write_text("Meeting notes. Nothing to see here.\n", encoding="utf-8")
    return "notes.ttl"


def write_empty_ttl(folder: Path) -> str:
    (folder / "empty.ttl").write_text("# nothing yet\n", encoding="utf-8")
    return "empty.ttl"


def write_json_not_rdf(folder: Path) -> str:
    (folder / "settings.json").write_text('{"theme": "dark"}\n', encoding="utf-8")
    return "settings.json"


def write_dir_without_rdf(folder: Path) -> str:
    (folder / "texts").mkdir()
    (folder / "texts" / "readme.txt").write_text("no RDF here\n", encoding="utf-8")
    return "texts"


#: name -> (writes the input into a folder and returns its name, exit code, words in the error)
BAD: dict[str, tuple[Callable[[Path], str], int, tuple[str, ...]]] = {
    "malformed-turtle": (write_malformed, 1, ("malformed.ttl:6:1: ", "dot is expected")),
    "png": (write_png, 1, ("diagram.png:1:1: ", "UTF-8", "name RDF files")),
    "png-named-ttl": (write_png_named_ttl, 1, ("diagram.ttl:1:1: ", "UTF-8")),
    "prose-named-ttl": (write_prose_named_ttl, 1, ("notes.ttl:1:1: ", "not a valid subject")),
    "empty-ttl": (write_empty_ttl, 1, ("empty.ttl: ", "no RDF statements")),
    "json-not-rdf": (write_json_not_rdf, 1, ("settings.json: ", "no RDF statements")),
    "dir-without-rdf": (write_dir_without_rdf, 2, ("texts: ", "no RDF files")),
    "unknown-file": (lambda folder: "no-such-file.ttl", 2, ("no-such-file.ttl: ", "no such file")),
}

#: how each command is given the input
COMMANDS = {
    "validate": lambda name: ["validate", name],
    "info --data": lambda name: ["info", "--data", name],
    "validate --data": lambda name: ["validate", "--data", name],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input(tmp_path: Path, case: str, command: str) -> None:
    write, code, needles = BAD[case]
    name = write(tmp_path)
    before = snapshot(tmp_path)
    result = run_cli(*COMMANDS[command](name), cwd=tmp_path)
    assert_one_line_error(result, code, *needles)
    assert result.stdout == ""
    assert snapshot(tmp_path) == before


def test_malformed_turtle_names_position_once(tmp_path: Path) -> None:
    name = write_malformed(tmp_path)
    result = run_cli("validate", name, cwd=tmp_path)
    assert_one_line_error(result, 1)
    # the position is given once, as FILE:LINE:COL, not repeated in the parser's own words
    assert result.stderr.startswith("error: malformed.ttl:6:1: A dot is expected"), result.stderr
    assert "Parser error" not in result.stderr
    assert "line 6" not in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    name = write_malformed(tmp_path)
    result = run_cli("validate", "--debug", name, cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" in result.stderr
    assert "ParseError" in result.stderr


def test_good_data_on_info_reads_that_file_only(tmp_path: Path) -> None:
    for p in MINIMAL.iterdir():
        shutil.copy(p, tmp_path / p.name)
    before = snapshot(tmp_path)
    result = run_cli("info", "--data", "example-pact.ttl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Example pact between Acme and Beta" in result.stdout
    assert "Microsoft" not in result.stdout
    assert "1 agreement(s), 2 provisions" in result.stdout
    assert snapshot(tmp_path) == before


def test_bad_file_among_good_ones_fails_whole_run(tmp_path: Path) -> None:
    for p in MINIMAL.iterdir():
        shutil.copy(p, tmp_path / p.name)
    write_malformed(tmp_path)
    before = snapshot(tmp_path)
    result = run_cli("validate", "example-pact.ttl", "malformed.ttl", cwd=tmp_path)
    assert_one_line_error(result, 1, "malformed.ttl:6:1")
    assert result.stdout == ""
    assert snapshot(tmp_path) == before


def test_directory_with_a_bad_file_names_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "agreements"
    folder.mkdir()
    shutil.copy(MINIMAL / "example-pact.ttl", folder)
    shutil.copy(MINIMAL / "example-pact.txt", folder)
    write_malformed(folder)
    result = run_cli("info", "--data", "agreements", cwd=tmp_path)
    assert_one_line_error(result, 1, str(Path("agreements") / "malformed.ttl") + ":6:1")


def test_a_directory_skips_json_and_xml_that_are_not_rdf(tmp_path: Path) -> None:
    """Regression: a stray package.json in a folder of agreements stopped the load."""
    import shutil

    from pactgraph.load import load

    source = DATA / "minimal"
    for item in source.iterdir():
        shutil.copy(item, tmp_path)
    (tmp_path / "package.json").write_text('{"name": "not rdf"}', encoding="utf-8")
    (tmp_path / "notes.xml").write_text("<notes/>", encoding="utf-8")
    store = load([tmp_path])
    assert len(store.origins) == 1


def test_a_reopened_store_lists_what_it_holds(tmp_path: Path) -> None:
    """What a store holds comes from the store: reopening an on-disk store and loading a
    second agreement into it lists both, everywhere."""
    import gc

    from pactgraph.summarize import summarize
    from pactgraph.validate import validate

    first = load([DATA / "lease" / "agreement.ttl"], store_dir=tmp_path / "store")
    lease = first.agreement_graphs
    del first
    gc.collect()  # close the on-disk store before opening it again
    second = load([DATA / "earliest-of" / "agreement.ttl"], store_dir=tmp_path / "store")
    assert len(second.agreement_graphs) == 2
    assert set(lease) < set(second.agreement_graphs)
    summary = summarize(second)
    assert len(summary.agreements) == 2
    files = {a.agreement: a.file for a in summary.agreements}
    assert files[lease[0]] is None  # loaded by another run: the store does not say from where
    report = validate(second)
    assert report.quotes_unchecked_in == lease
    assert report.conforms, report.findings
    assert any(lease[0] in f for f in report.files)
