"""Files and queries from strangers: what pactgraph refuses before it reads or runs them.

- an RDF/XML file whose entities refer to other entities (which could expand without
  bound), read other files, or extend the DTD; namespace abbreviations still load;
- a SPARQL query nested deeper than the limit (a parser could crash on it);
- ``SERVICE`` (a call to another endpoint) unless the user allows it;
- a ``pg:fileName`` that names anything but a file beside the agreement file.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DATA, assert_one_line_error, run_cli
from pactgraph.errors import ParseError, QueryError
from pactgraph.load import load
from pactgraph.query import MAX_NESTING, query
from pactgraph.validate import validate

RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"'


def _rdfxml(tmp_path: Path, dtd: str, value: str) -> Path:
    path = tmp_path / "input.rdf"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{dtd}\n]>\n<rdf:RDF {RDF}>\n'
        f'<rdf:Description rdf:about="http://example.org/x"><ex:p>{value}</ex:p>'
        "</rdf:Description>\n</rdf:RDF>\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("dtd", "words"),
    [
        ('<!ENTITY a "aaaa">\n<!ENTITY b "&a;&a;&a;&a;">', "refers to other entities"),
        ('<!ENTITY a SYSTEM "file:///etc/passwd">', "reads another file"),
        ('<!ENTITY % p "x">', "extends the DTD"),
        ("\n".join(f'<!ENTITY e{i} "x">' for i in range(101)), "the most is 100"),
    ],
    ids=["nested", "external", "parameter", "too-many"],
)
def test_an_expanding_or_reading_dtd_is_refused_before_parsing(
    tmp_path: Path, dtd: str, words: str
) -> None:
    path = _rdfxml(tmp_path, dtd, "&a;" if "ENTITY a" in dtd else "x")
    with pytest.raises(ParseError, match=words):
        load([path])
    assert_one_line_error(run_cli("--data", str(path), "info"), 1, f"{path}:2:", words)


def test_entities_as_namespace_abbreviations_still_load(tmp_path: Path) -> None:
    path = _rdfxml(tmp_path, '<!ENTITY ex "http://example.org/">', "&ex;y")
    store = load([path])
    assert len(store) == 1


def test_a_query_nested_too_deep_is_refused(store: object) -> None:
    deep = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000
    with pytest.raises(QueryError, match=f"nest 3000 deep; the most is {MAX_NESTING}"):
        query(store, deep)  # type: ignore[arg-type]
    assert_one_line_error(run_cli("query", "-e", deep), 1, "nest 3000 deep")
    fine = "SELECT * WHERE " + "{ " * 20 + "?s ?p ?o " + "} " * 20 + "LIMIT 1"
    assert query(store, fine).form == "select"  # type: ignore[arg-type]


def test_service_is_refused_unless_allowed() -> None:
    remote = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert_one_line_error(run_cli("query", "-e", remote), 1, "SERVICE", "refused")
    # allowed, it is tried: nothing listens on the discard port, so it fails as a query error
    allowed = run_cli("query", "-e", remote, "--allow-service")
    assert allowed.returncode == 1
    assert "refused unless allowed" not in allowed.stderr


@pytest.mark.parametrize(
    "file_name",
    ["/etc/hostname", "../minimal/example-pact.txt", "sub/example-pact.txt", ".."],
)
def test_validate_reads_source_texts_only_beside_the_agreement(
    tmp_path: Path, file_name: str
) -> None:
    folder = tmp_path / "agreement"
    shutil.copytree(DATA / "minimal", folder)
    turtle = folder / "example-pact.ttl"
    text = turtle.read_text(encoding="utf-8")
    turtle.write_text(
        text.replace('pg:fileName "example-pact.txt"', f'pg:fileName "{file_name}"'),
        encoding="utf-8",
    )
    report = validate(load([turtle]))
    messages = [f.message for f in report.findings]
    assert any("is not a file beside the agreement file" in m for m in messages), messages
    assert report.quotes_checked == 0 or all("SHA-256" not in m for m in messages)


def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "agreement"
    shutil.copytree(DATA / "minimal", folder)
    (folder / "example-pact.txt").unlink()
    (folder / "example-pact.txt").symlink_to(DATA / "minimal" / "example-pact.txt")
    report = validate(load([folder / "example-pact.ttl"]))
    assert any("is not a file beside" in f.message for f in report.findings)


def test_output_to_a_device_writes_into_it_and_a_link_keeps_its_target(tmp_path: Path) -> None:
    import os
    import stat

    from pactgraph.output import write

    null_before = os.stat("/dev/null")
    write(b"hello", "/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert os.stat("/dev/null").st_ino == null_before.st_ino  # the same device, not replaced
    target = tmp_path / "real.ttl"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    write(b"new", link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new"


_DATES = """@prefix pg: <https://w3id.org/pactgraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix time: <http://www.w3.org/2006/time#> .
<https://e.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    pg:provision <https://e.org/zoned>, <https://e.org/forever> .
<https://e.org/zoned> a pg:Right ; rdfs:label "zoned" ; pg:endsWith <https://e.org/d1> .
<https://e.org/d1> a pg:DateTrigger ; time:inXSDDate "2030-12-31Z"^^xsd:date ;
    pg:dayBoundary pg:EndOfDay .
<https://e.org/forever> a pg:Right ; rdfs:label "forever" ; pg:endsWith <https://e.org/d2> .
<https://e.org/d2> a pg:DateTrigger ; time:inXSDDate "{last}"^^xsd:date ;
    pg:dayBoundary pg:EndOfDay .
"""


def test_dates_with_a_time_zone_and_at_the_end_of_the_calendar_are_read(tmp_path: Path) -> None:
    import datetime as dt

    from pactgraph.state import state

    path = tmp_path / "dates.ttl"
    path.write_text(_DATES.replace("{last}", "9999-12-31"), encoding="utf-8")
    store = load([path])
    got = {p.label: p for p in state(store, dt.date(2031, 1, 1)).provisions}
    assert got["zoned"].status == "ended"
    assert got["zoned"].end == dt.date(2030, 12, 31)
    assert got["forever"].status == "in_force"
    late = {p.label: p for p in state(store, dt.date(9998, 6, 1)).provisions}
    assert late["forever"].status == "in_force"
    assert run_cli("--data", str(path), "state", "--on", "9999-12-31").returncode == 0


def test_an_ill_formed_date_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "dates.ttl"
    path.write_text(_DATES.replace("{last}", "2030-13-45"), encoding="utf-8")
    assert_one_line_error(
        run_cli("--data", str(path), "state", "--on", "2031-01-01"),
        1,
        f"{path}:12:",  # the line where <https://e.org/d2> is written
        "'2030-13-45'",
        "is not a date",
    )


def test_a_byte_order_mark_before_turtle_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + _DATES.replace("{last}", "2031-01-01").encode("utf-8"))
    assert len(load([path])) == 16  # 4 + 3 + 3 + 3 + 3 statements, counted in _DATES


def test_a_pipe_is_named_for_what_it_is(tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "agreement.ttl"
    os.mkfifo(pipe)
    assert_one_line_error(run_cli("--data", str(pipe), "info"), 2, "not a regular file")


_LABELS = """@prefix pg: <https://w3id.org/pactgraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://e.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    pg:provision <https://e.org/r> .
<https://e.org/r> a pg:Right ; rdfs:label "bell\\u0007 <b>bold</b> \\u001b]0;owned\\u0007" .
"""


def test_labels_cannot_drive_the_terminal_inject_markup_or_break_svg(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    path = tmp_path / "labels.ttl"
    path.write_text(_LABELS, encoding="utf-8")
    table = run_cli("--data", str(path), "state", "--on", "2025-01-01")
    assert table.returncode == 0, table.stderr
    assert "\x1b" not in table.stdout
    assert "\x07" not in table.stdout
    assert "\\x1b]0;owned\\x07" in table.stdout
    md = run_cli("--data", str(path), "state", "--on", "2025-01-01", "--format", "md")
    assert "<b>" not in md.stdout
    assert "&lt;b&gt;bold&lt;/b&gt;" in md.stdout
    svg = tmp_path / "t.svg"
    result = run_cli("--data", str(path), "timeline", "--on", "2025-01-01", "-o", str(svg))
    assert result.returncode == 0, result.stderr
    ET.parse(svg)  # well-formed: XML cannot hold the control characters


def test_a_directory_export_that_fails_part_way_leaves_the_old_files(tmp_path: Path) -> None:
    import pactgraph.output
    from pactgraph.errors import OutputError
    from pactgraph.output import write

    folder = tmp_path / "neo4j"
    write({"a.csv": b"old a", "b.csv": b"old b"}, folder)
    calls = {"n": 0}
    original = pactgraph.output._atomic_write

    def fail_on_second(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        original(path, data)

    pactgraph.output._atomic_write = fail_on_second  # type: ignore[assignment]
    try:
        with pytest.raises(OutputError, match="No space left"):
            write({"a.csv": b"new a", "b.csv": b"new b"}, folder)
    finally:
        pactgraph.output._atomic_write = original  # type: ignore[assignment]
    assert (folder / "a.csv").read_bytes() == b"old a"
    assert (folder / "b.csv").read_bytes() == b"old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neo4j"]  # no staging left


@pytest.mark.slow
def test_sigterm_during_a_command_leaves_no_temporary_file(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    code = (
        "import os, signal, sys\n"
        "from pactgraph import cli\n"
        "import pactgraph.output as out\n"
        "real = out._atomic_write.__globals__['os'].fsync\n"
        "def slow_fsync(fd):\n"
        "    sys.stderr.write('writing\\n'); sys.stderr.flush()\n"
        "    signal.pause()\n"
        "out.os.fsync = slow_fsync\n"
        "sys.exit(cli.main(['export', '--format', 'nt', '-o', sys.argv[1]]))\n"
    )
    target = tmp_path / "out.nt"
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(target)], stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    assert process.stderr.readline().strip() == "writing"
    time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) != 0
    process.stderr.close()
    assert list(tmp_path.iterdir()) == []  # neither the output nor its temporary file


def test_xml_outputs_stay_well_formed_with_control_characters(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    path = tmp_path / "labels.ttl"
    path.write_text(_LABELS, encoding="utf-8")
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"out.{fmt}"
        result = run_cli("--data", str(path), "export", "--format", fmt, "-o", str(out))
        assert result.returncode == 0, result.stderr
        ET.parse(out)
    query = "SELECT ?l WHERE { ?r rdfs:label ?l }"
    xml = run_cli("--data", str(path), "query", "-e", query, "--format", "xml")
    assert xml.returncode == 0, xml.stderr
    ET.fromstring(xml.stdout)
    assert_one_line_error(
        run_cli("--data", str(path), "export", "--format", "xml"), 2, "XML cannot carry"
    )


# ------------------------------------------------------------------ huge input


def _bounded(*args: str, cpu: int = 60, memory_gib: int = 4) -> subprocess.CompletedProcess[str]:
    """``python -m pactgraph ARGS`` with its CPU time and address space capped, so a case
    that regressed to quadratic time or unbounded memory fails instead of taking the machine."""
    import resource
    import sys

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_AS, (memory_gib << 30, memory_gib << 30))

    return subprocess.run(
        [sys.executable, "-m", "pactgraph", *args],
        capture_output=True,
        text=True,
        timeout=cpu * 3,
        check=False,
        preexec_fn=limits,
    )


def _huge_label(tmp_path: Path, size: int) -> Path:
    label = "x" * size
    path = tmp_path / "label.ttl"
    path.write_text(
        "@prefix pg: <https://w3id.org/pactgraph/ns#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'<https://example.org/a> a pg:Agreement ; rdfs:label "{label}" ;\n'
        "    pg:provision <https://example.org/r> .\n"
        f'<https://example.org/r> a pg:Right ; rdfs:label "{label}" .\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
def test_a_4_mb_label_takes_linear_time_in_validate_and_state(tmp_path: Path) -> None:
    """A 4 MB label took minutes in validate (rdflib's N-Triples reader is quadratic in a
    line's length) and in the state table (textwrap cuts a long word one line at a time)."""
    path = _huge_label(tmp_path, 4_000_000)
    checked = _bounded("validate", "--data", str(path), cpu=30)
    assert checked.returncode == 1, checked.stderr  # it lacks quotes: findings, not a crash
    assert "pg:evidence" in checked.stdout
    table = _bounded("state", "--on", "2030-01-01", "--data", str(path), cpu=30)
    assert table.returncode == 0, table.stderr[-300:]
    assert max(len(line) for line in table.stdout.splitlines()) < 200  # wrapped, not one line


def test_a_literal_past_the_parsers_limit_is_a_named_error(tmp_path: Path) -> None:
    path = tmp_path / "literal.ttl"
    path.write_text(
        "<https://example.org/a> a <https://w3id.org/pactgraph/ns#Agreement> ;\n"
        f'  <http://www.w3.org/2000/01/rdf-schema#comment> "{"y" * (17 * 2**20)}" .\n',
        encoding="utf-8",
    )
    result = run_cli("info", "--data", str(path))
    assert_one_line_error(result, 1, f"{path}: one literal, IRI or line is longer than 16 MiB")


def test_deeply_nested_rdfxml_is_refused_before_parsing(tmp_path: Path) -> None:
    """100,000 nested elements took minutes in the RDF/XML parser (its time grows with the
    square of the depth); a linear scan refuses them first."""
    from pactgraph.load import MAX_XML_DEPTH

    head = (
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:ex="http://example.org/">\n<rdf:Description rdf:about="https://example.org/a">\n'
    )
    depth = 100_000
    path = tmp_path / "nested.rdf"
    path.write_text(
        head
        + "<ex:p><rdf:Description>" * depth
        + "</rdf:Description></ex:p>" * depth
        + "</rdf:Description></rdf:RDF>\n",
        encoding="utf-8",
    )
    result = run_cli("info", "--data", str(path))
    assert_one_line_error(result, 1, f"{path}:4: elements nest more than {MAX_XML_DEPTH} deep")
    shallow = tmp_path / "shallow.rdf"  # nesting as real files do still loads
    shallow.write_text(
        head + "<ex:p><rdf:Description><ex:q>1</ex:q></rdf:Description></ex:p>"
        '<!-- a <comment> --><ex:r rdf:resource="https://example.org/b"/>'
        "</rdf:Description></rdf:RDF>\n",
        encoding="utf-8",
    )
    assert len(load([shallow])) == 3


def test_input_past_max_input_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from pactgraph.load import MAX_INPUT

    assert 64 <= MAX_INPUT <= 1024
    path = _huge_label(tmp_path, 1_200_000)
    refused = run_cli("info", "--max-input", "1", "--data", str(path))
    assert_one_line_error(refused, 1, "past the limit of 1 MiB; raise it with --max-input MIB")
    assert run_cli("info", "--max-input", "3", "--data", str(path)).returncode == 0
    assert run_cli("info", "--max-input", "0", "--data", str(path)).returncode == 0  # no limit
    piped = run_cli("info", "--max-input", "1", "--data", "-", input_text=path.read_text())
    assert_one_line_error(piped, 1, "<stdin>: more than the limit of 1 MiB")


@pytest.mark.slow
def test_ctrl_c_stops_a_long_query_at_once() -> None:
    """The engine evaluates in native code, which does not look at signals until it is done;
    the query runs in a thread the command waits on, so Ctrl-C ends the command at once."""
    import signal
    import sys
    import time

    runaway = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    process = subprocess.Popen(
        [sys.executable, "-m", "pactgraph", "query", "-e", runaway],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)  # loaded, and evaluating
    assert process.poll() is None
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert time.monotonic() - started < 5
    assert err.strip() == "error: interrupted"


def test_rdfxml_and_jsonld_errors_name_their_line(tmp_path: Path) -> None:
    """The RDF/XML and JSON-LD parsers give no position; the error still names a line."""
    rdf = tmp_path / "bad.rdf"
    rdf.write_text(
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="https://example.org/a">\n<x:p>1</x:p>\n'
        "</rdf:Description></rdf:RDF>\n",
        encoding="utf-8",
    )
    assert_one_line_error(run_cli("info", "--data", str(rdf)), 1, f"{rdf}:4:1: Unknown prefix x:")
    jsonld = tmp_path / "bad.jsonld"
    jsonld.write_text(
        '{\n  "@context": {"ex": "http://example.org/"},\n  "@id": "ex:a",\n'
        '  "ex:p": {"@value": 1, "@language": 5}\n}\n',
        encoding="utf-8",
    )
    # the message is the parser's (it names @language or @value, by version); the line is ours
    assert_one_line_error(run_cli("info", "--data", str(jsonld)), 1, f"{jsonld}:4: @")


def test_a_remote_jsonld_context_says_to_inline_it(tmp_path: Path) -> None:
    doc = '{\n  "@context": "https://schema.org/",\n  "@id": "https://example.org/a"\n}\n'
    path = tmp_path / "remote.jsonld"
    path.write_text(doc, encoding="utf-8")
    expected = 'the JSON-LD context "https://schema.org/" is remote, and pactgraph fetches nothing'
    assert_one_line_error(run_cli("info", "--data", str(path)), 1, f"{path}:2: {expected}")
    piped = run_cli("info", "--data", "-", input_text=doc)
    assert_one_line_error(piped, 1, f"<stdin>:2: {expected}")


def test_spreadsheet_csv_does_not_run_formulas_and_csv_keeps_values(tmp_path: Path) -> None:
    """SPARQL CSV carries values as they are (W3C SPARQL 1.1 CSV); ``spreadsheet`` is the
    CSV to open in a spreadsheet: a cell it would run as a formula starts with ``'``."""
    import csv
    import io

    path = tmp_path / "formula.ttl"
    path.write_text(
        "@prefix pg: <https://w3id.org/pactgraph/ns#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://example.org/a> a pg:Agreement ; rdfs:label "=HYPERLINK(\\"http://x\\")" ;\n'
        "  pg:provision <https://example.org/r> .\n"
        '<https://example.org/r> a pg:Right ; rdfs:label "-2+3" .\n',
        encoding="utf-8",
    )
    query = (
        "SELECT ?label WHERE { ?x a ?kind ; rdfs:label ?label "
        "FILTER (?kind IN (pg:Agreement, pg:Right)) } ORDER BY ?label"
    )
    plain = run_cli("query", "--data", str(path), "-e", query, "-f", "csv")
    safe = run_cli("query", "--data", str(path), "-e", query, "-f", "spreadsheet")
    assert plain.returncode == safe.returncode == 0
    assert [r[0] for r in csv.reader(io.StringIO(plain.stdout))] == [
        "label", "-2+3", '=HYPERLINK("http://x")',
    ]  # fmt: skip
    assert safe.stdout.startswith("\ufeff")
    cells = [r[0] for r in csv.reader(io.StringIO(safe.stdout.lstrip("\ufeff")))]
    assert cells == ["label", "'-2+3", '\'=HYPERLINK("http://x")']


def test_serve_refuses_input_past_max_input_before_listening(tmp_path: Path) -> None:
    path = _huge_label(tmp_path, 1_200_000)
    refused = run_cli("serve", "--max-input", "1", "--data", str(path), "--port", "0")
    assert_one_line_error(refused, 1, "past the limit of 1 MiB; raise it with --max-input MIB")
