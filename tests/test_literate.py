"""The literate authoring format: Markdown with a YAML block per node, quotes as words.

Every fixture agreement written in Turtle is written in the format and built back to an
isomorphic graph; what a user writes by hand builds to the triples it says; bad input is
one line naming the file, the line and the key, with what to write instead.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from conftest import DATA, ROOT, assert_one_line_error, run_cli
from pactgraph import literate
from pactgraph.errors import ParseError

PG = rdflib.Namespace("https://w3id.org/pactgraph/ns#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
AGREEMENTS = ROOT / "graph" / "pactgraph" / "agreements"
TURTLE = sorted([*DATA.rglob("*.ttl"), *AGREEMENTS.glob("*.ttl")])


def _differences(a: rdflib.Graph, b: rdflib.Graph) -> str:
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return f"only in the Turtle: {sorted(only_a)[:3]}; only built: {sorted(only_b)[:3]}"


@pytest.mark.parametrize("path", TURTLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_turtle_fixture_round_trips(path: Path) -> None:
    """Turtle -> the format -> Turtle gives the same graph, for every fixture agreement,
    the bundled ones and the invalid ones alike."""
    graph = rdflib.Graph().parse(path)
    text = literate.write(graph, path.parent)
    built = literate.build(path.with_name(f"_{path.stem}.md"), text).graph
    assert isomorphic(graph, built), _differences(graph, built)


def test_a_source_whose_quotes_are_written_as_blocks_keeps_its_digest(tmp_path: Path) -> None:
    """Quotes without the words around them are written as blocks of their own, so build
    does not read the source for them: the source's digest is written out, not left for
    build to work out."""
    import re

    shutil.copytree(DATA / "zero-offset", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "agreement.ttl"
    text = path.read_text(encoding="utf-8")
    bare = re.sub(r' oa:(?:prefix|suffix) "(?:[^"\\]|\\.)*" ;', "", text)
    assert "oa:prefix" not in bare
    assert "oa:suffix" not in bare
    path.write_text(bare, encoding="utf-8")
    graph = rdflib.Graph().parse(path)
    built = literate.build(tmp_path / "_agreement.md", literate.write(graph, tmp_path)).graph
    assert isomorphic(graph, built), _differences(graph, built)


def test_quotes_are_written_as_words_below_their_sentences() -> None:
    path = DATA / "cure-period" / "agreement.ttl"
    text = literate.write(rdflib.Graph().parse(path), path.parent)
    assert "oa:start" not in text
    assert "exact:" not in text
    # the withholding right quotes the sentence right above its block: only the quote's
    # name is written, since the fixture names it q3
    sentence = "From the notice of breach until the breach is cured, Customer may withhold"
    after = text[text.index(sentence) :]
    block = after[after.index("```pactgraph") : after.index("```\n", after.index("right:"))]
    assert "right: withholding" in block
    assert "quote: {id: q3}" in block


def _write(folder: Path, body: str, source: str = "The Tenant shall pay rent.\n") -> Path:
    (folder / "source.txt").write_text(source, encoding="utf-8")
    head = (
        "---\npactgraph: 1\nbase: https://example.org/t/\n---\n\n"
        "```pactgraph\nsource document: source\nfile name: source.txt\n```\n\n"
    )
    path = folder / "agreement.md"
    path.write_text(head + body, encoding="utf-8")
    return path


def _block(*lines: str) -> str:
    return "```pactgraph\n" + "\n".join(lines) + "\n```\n"


T = rdflib.Namespace("https://example.org/t/")


def test_a_block_quotes_the_paragraph_above_it(tmp_path: Path) -> None:
    source = "Lease.\n\nThe Tenant shall pay\nrent monthly.\nThe Tenant shall pay rent monthly.\n"
    body = "The Tenant shall pay rent monthly.\n\n" + _block(
        "obligation: rent", "label: rent", "holder: landlord", "counterparty: tenant"
    )
    built = literate.build(_write(tmp_path, body, source)).graph
    (quote,) = built.objects(T.rent, PG.evidence)
    # the words are found across a line break, the first time they stand in the text
    assert str(built.value(quote, OA.exact)) == "The Tenant shall pay\nrent monthly."
    assert (int(built.value(quote, OA.start)), int(built.value(quote, OA.end))) == (8, 42)
    assert str(built.value(quote, OA.prefix)) == "Lease.\n\n"
    assert str(built.value(quote, OA.suffix)) == "\nThe Tenant shall pay rent monthly.\n"[:32]
    assert quote == T["quote-8-42"]
    # an agreement written without provision: holds the file's provisions
    assert (None, PG.provision, T.rent) not in built  # no agreement in this file


def test_paragraphs_are_found_in_their_order(tmp_path: Path) -> None:
    """A sentence the text holds twice is, below the second paragraph, the second one."""
    source = "AGREEMENT\n\nA pays B.\n\nAGREEMENT\n\nB pays A.\n"
    body = (
        "AGREEMENT\n\n"
        + _block("event: one", "label: first")
        + "\nA pays B.\n\nAGREEMENT\n\n"
        + _block("event: two", "label: second")
    )
    built = literate.build(_write(tmp_path, body, source)).graph
    (first,) = built.objects(T.one, PG.evidence)
    (second,) = built.objects(T.two, PG.evidence)
    assert int(built.value(first, OA.start)) == 0
    assert int(built.value(second, OA.start)) == source.rindex("AGREEMENT")


def test_what_a_user_writes_becomes_these_triples(tmp_path: Path) -> None:
    body = (
        "The Tenant shall pay rent.\n\n"
        + _block(
            "agreement: lease",
            "label: Lease",
            "date: 2025-01-01",
            "quote: []",
        )
        + "\n"
        + _block(
            "obligation: rent",
            "label: rent",
            "holder: landlord",
            "counterparty: tenant",
            "ends with:",
            "  id: rent-end",
            "  a: earliest of",
            "  label: the earlier of two ends",
            "  member:",
            "    - {id: notice-end, a: relative trigger, label: 30 days after notice,"
            " after: notice, offset: 30 days}",
            "    - {a: date trigger, label: end of 2030, on: 2030-12-31, day boundary: end of day}",
            "survival period: 1 year and 6 months",
            "mutual: yes",
            "amount: 12.50",
            "ex:colour: {value: blue, lang: en}",
        )
    )
    path = _write(tmp_path, body)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "base: https://example.org/t/\n",
            "base: https://example.org/t/\nprefixes:\n  ex: https://ex.org/\n",
        ),
        encoding="utf-8",
    )
    g = literate.build(path).graph
    xsd = rdflib.XSD
    assert (T.lease, PG.provision, T.rent) in g
    assert (T.lease, PG.evidence, None) not in g
    assert (T.rent, rdflib.RDF.type, PG.Obligation) in g
    assert (T.rent, rdflib.RDFS.label, rdflib.Literal("rent", lang="en")) in g
    assert (T["rent-end"], rdflib.RDF.type, PG.EarliestOf) in g
    assert (T["notice-end"], PG.offset, rdflib.Literal("P30D", datatype=xsd.duration)) in g
    assert (T["notice-end"], PG.after, T.notice) in g
    (dated,) = [m for m in g.objects(T["rent-end"], PG.member) if m != T["notice-end"]]
    assert isinstance(dated, rdflib.BNode)
    assert (dated, PG.dayBoundary, PG.EndOfDay) in g
    assert (dated, rdflib.TIME.inXSDDate, rdflib.Literal("2030-12-31", datatype=xsd.date)) in g
    assert (T.rent, PG.survivalPeriod, rdflib.Literal("P1Y6M", datatype=xsd.duration)) in g
    assert (T.rent, PG.mutual, rdflib.Literal("true", datatype=xsd.boolean)) in g
    assert (T.rent, PG.amount, rdflib.Literal("12.50", datatype=xsd.decimal)) in g
    assert (T.rent, rdflib.URIRef("https://ex.org/colour"), rdflib.Literal("blue", lang="en")) in g
    # the source gets its text's digest; the quote its words
    assert g.value(T.source, PG.sha256) is not None
    (quote,) = g.objects(T.rent, PG.evidence)
    assert str(g.value(quote, OA.exact)) == "The Tenant shall pay rent."


def test_business_days_and_a_calendar_of_holidays_are_written_in_blocks(tmp_path: Path) -> None:
    body = "The Tenant shall pay rent.\n\n" + _block(
        "obligation: rent",
        "label: rent",
        "holder: landlord",
        "counterparty: tenant",
        "ends with:",
        "  id: rent-end",
        "  a: relative trigger",
        "  label: ten business days after notice",
        "  after: notice",
        "  business days: 10",
        "  calendar:",
        "    id: banking-days",
        "    a: business calendar",
        "    holiday: [2025-12-25, 2025-12-26]",
    )
    g = literate.build(_write(tmp_path, body)).graph
    xsd = rdflib.XSD
    assert (T["rent-end"], PG.businessDays, rdflib.Literal(10)) in g
    assert (T["rent-end"], PG.calendar, T["banking-days"]) in g
    assert (T["banking-days"], rdflib.RDF.type, PG.BusinessCalendar) in g
    holidays = set(g.objects(T["banking-days"], PG.holiday))
    assert holidays == {rdflib.Literal(d, datatype=xsd.date) for d in ("2025-12-25", "2025-12-26")}


@pytest.mark.parametrize(
    ("body", "line", "needles"),
    [
        (
            _block("obligation: rent", "ends with: 31 December 2030"),
            13,
            ["ends with: takes a date (YYYY-MM-DD), the name of an event", "'31 December 2030'"],
        ),
        (_block("obligation: rent", "ends with: 2030-02-30"), 13, ["not a day of the calendar"]),
        (
            _block("date trigger: d", "on: 31/12/2030"),
            13,
            ["on: takes a date written YYYY-MM-DD", "31/12/2030"],
        ),
        (
            _block("relative trigger: r", "offset: a month or so"),
            13,
            ["offset: takes a duration", "30 days"],
        ),
        (
            _block("obligation: rent", "holdr: tenant"),
            13,
            ["holdr: is not a key", "did you mean holder:"],
        ),
        (_block("party: p", "role: boss"), 13, ["role: takes one of", "signatory"]),
        (_block("holder: tenant"), 12, ["not a kind of node", "obligation: rent"]),
        (
            _block("obligation: rent", "holder: the tenant"),
            13,
            ["holder: takes a name", "'the tenant'"],
        ),
        (
            _block("obligation: rent", "quote: The Tenant shal pay rent."),
            13,
            ["is not in source.txt", "closest passage"],
        ),
        (_block("obligation: rent", "label: a", "label: b"), 14, ["written twice"]),
        (_block("obligation: rent", "holder: [tenant"), 13, ["not YAML"]),
        (
            "The Landlord is glad.\n\n" + _block("event: e"),
            11,
            ["this paragraph", "is not in source.txt", "'> '"],
        ),
        (_block("obligation: rent", "mutual: perhaps"), 13, ["mutual: takes true or false"]),
    ],
)
def test_bad_input_names_the_file_line_and_key(
    tmp_path: Path, body: str, line: int, needles: list[str]
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ParseError) as caught:
        literate.build(path)
    err = caught.value
    assert err.path == str(path)
    assert err.line == line, (err.line, str(err))
    for needle in needles:
        assert needle in err.message, (needle, err.message)
    result = run_cli("validate", str(path))
    assert_one_line_error(result, 1, f"{path}:{line}:")


def test_front_matter_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(ParseError, match="no front matter"):
        literate.build(path)
    path.write_text("---\npactgraph: 1\n---\n", encoding="utf-8")
    with pytest.raises(ParseError, match="needs base:"):
        literate.build(path)
    path.write_text("---\npactgraph: 2\nbase: https://x.org/\n---\n", encoding="utf-8")
    with pytest.raises(ParseError, match="write pactgraph: 1") as err:
        literate.build(path)
    assert err.value.line == 2
    path.write_text("---\npactgraph: 1\nbase: https://x.org/\ncolour: red\n---\n", "utf-8")
    with pytest.raises(ParseError, match="no key 'colour'") as err:
        literate.build(path)
    assert err.value.line == 4


def test_a_sentence_twice_in_the_text_asks_which(tmp_path: Path) -> None:
    source = "A pays B.\nB pays A.\nA pays B.\n"
    body = _block("event: e", "quote: A pays B.")
    with pytest.raises(ParseError, match=r"stands 2 times in source\.txt; say which with prefix"):
        literate.build(_write(tmp_path, body, source))
    body = _block("event: e", "quote: {text: A pays B., prefix: B pays A.}")
    g = literate.build(_write(tmp_path, body, source)).graph
    (quote,) = g.objects(T.e, PG.evidence)
    assert int(g.value(quote, OA.start)) == source.rindex("A pays B.")


def test_not_operative_marks_the_sentence_above(tmp_path: Path) -> None:
    body = "The Tenant shall pay rent.\n\n" + _block("not operative: a sample sentence")
    g = literate.build(_write(tmp_path, body)).graph
    (quote,) = g.subjects(PG.nonOperative, rdflib.Literal("a sample sentence"))
    assert str(g.value(quote, OA.exact)) == "The Tenant shall pay rent."
    assert (None, PG.evidence, quote) not in g


# ------------------------------------------------------------------ the command line


def test_export_then_build_gives_the_same_graph(tmp_path: Path) -> None:
    folder = tmp_path / "lease"
    shutil.copytree(DATA / "lease", folder)
    md, ttl = folder / "agreement.md", folder / "built.ttl"
    result = run_cli("export", "--data", str(folder / "agreement.ttl"), "-o", str(md))
    assert result.returncode == 0, result.stderr
    assert md.read_text(encoding="utf-8").startswith("---\npactgraph: 1\n")
    result = run_cli("build", str(md), "-o", str(ttl))
    assert result.returncode == 0, result.stderr
    assert ttl.read_text(encoding="utf-8").startswith("# Built by pactgraph from agreement.md")
    original = rdflib.Graph().parse(folder / "agreement.ttl")
    assert isomorphic(original, rdflib.Graph().parse(ttl))
    # building again writes over what build wrote; export never writes over a file
    assert run_cli("build", str(md), "-o", str(ttl)).returncode == 0
    again = run_cli("export", "--data", str(folder / "agreement.ttl"), "-o", str(md))
    assert_one_line_error(again, 2, "exists; move it away")
    # nor build over a file a person wrote
    assert_one_line_error(
        run_cli("build", str(md), "-o", str(folder / "agreement.ttl")), 2, "not built by pactgraph"
    )
    # every command reads the Markdown directly
    answer = run_cli("state", "--data", str(md), "--on", "2026-01-01", "--format", "json")
    expected = run_cli(
        "state", "--data", str(folder / "agreement.ttl"), "--on", "2026-01-01", "--format", "json"
    )
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["provisions"] == json.loads(expected.stdout)["provisions"]


def test_a_directory_reads_only_agreement_files_among_its_markdown(tmp_path: Path) -> None:
    shutil.copytree(DATA / "literate-lease", tmp_path / "lease")
    (tmp_path / "lease" / "README.md").write_text("# Notes\n\nnot an agreement\n", "utf-8")
    result = run_cli("info", "--data", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [a["label"] for a in json.loads(result.stdout)["agreements"]] == [
        "Lease of Unit 4, Harbour Road"
    ]


def test_new_writes_a_skeleton_to_fill_in(tmp_path: Path) -> None:
    source = tmp_path / "licence.txt"
    source.write_text(
        "Software Licence\n\nAcme Inc. grants Beta a licence to use the Software. "
        "The licence ends on 31 December 2030.\nBeta pays U.S. $100 a year.\n",
        encoding="utf-8",
    )
    md = tmp_path / "licence.md"
    result = run_cli("new", str(source), "-o", str(md))
    assert result.returncode == 0, result.stderr
    text = md.read_text(encoding="utf-8")
    for sentence in [
        "Acme Inc. grants Beta a licence to use the Software.",
        "The licence ends on 31 December 2030.",
        "Beta pays U.S. $100 a year.",
    ]:
        assert f"\n{sentence}\n\n```pactgraph\n# what does this sentence do?" in text, sentence
    # as written, it says what to fill in, where
    result = run_cli("validate", str(md))
    line = text.splitlines().index("date: YYYY-MM-DD  # the day it was made") + 1
    assert_one_line_error(result, 1, f"{md}:{line}:", "date: takes a date written YYYY-MM-DD")
    # never over an existing file
    assert_one_line_error(run_cli("new", str(source), "-o", str(md)), 2, "exists")


# ------------------------------------------------------------------ the schema


def test_the_reference_tables_are_current() -> None:
    guide = (ROOT / "docs" / "literate.md").read_text(encoding="utf-8")
    kept = guide.split("<!-- reference: generated -->\n", 1)[1].split("<!-- /reference -->")[0]
    assert kept == literate.reference()


def test_the_json_schema_file_is_current() -> None:
    kept = json.loads((ROOT / "ontology" / "literate.schema.json").read_text(encoding="utf-8"))
    assert kept == literate.json_schema()


@pytest.mark.parametrize(
    "path",
    [
        *sorted(AGREEMENTS.glob("*.md")),
        DATA / "literate-lease" / "agreement.md",
        DATA / "tutorial-gas-transportation" / "agreement.md",
    ],
    ids=lambda p: p.name,
)
def test_every_block_of_the_agreements_meets_the_json_schema(path: Path) -> None:
    """What an editor checks with the schema is what build reads: every block of every
    agreement written in the format is valid against it (YAML read as an editor's language
    server reads it, every scalar a string)."""
    import jsonschema
    import yaml

    validator = jsonschema.Draft202012Validator(literate.json_schema())
    blocks = re.findall(r"^```pactgraph\n(.*?)^```$", path.read_text(encoding="utf-8"), re.S | re.M)
    assert blocks
    for block in blocks:
        for doc in yaml.load_all(block, Loader=yaml.BaseLoader):
            if doc is not None:
                errors = [e.message for e in validator.iter_errors(doc)]
                assert not errors, (block, errors)
    # and it refuses what build refuses
    assert list(validator.iter_errors({"obligation": "rent", "holdr": "tenant"}))


def test_the_schema_has_a_key_for_every_shaped_property_and_a_kind_for_every_shaped_class() -> None:
    """Held to the SHACL shapes: whatever a shape constrains can be written in the format,
    with a value of the form the shape wants."""
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    vocab = literate.vocabulary()
    paths = {p for p in shapes.objects(None, sh.path) if isinstance(p, rdflib.URIRef)}
    paths.discard(rdflib.RDF.type)
    for alternative in shapes.objects(None, sh.alternativePath):
        paths.update(p for p in rdflib.collection.Collection(shapes, alternative))
    missing = {str(p) for p in paths} - set(vocab.by_predicate)
    assert not missing
    classes = {str(c) for c in shapes.objects(None, sh.targetClass)}
    assert not classes - set(vocab.kinds.values())
    schema = literate.json_schema()["$defs"]["node"]["properties"]
    for shape in shapes.subjects(sh.path, None):
        path = shapes.value(shape, sh.path)
        key = vocab.by_predicate.get(str(path))
        if key is None:
            continue
        datatype = shapes.value(shape, sh.datatype)
        if datatype is not None and key.takes in {"date", "duration", "boolean", "integer"}:
            assert str(datatype).endswith(key.takes) or (
                key.takes == "integer" and str(datatype).endswith("Integer")
            ), (key.name, datatype)
        if (
            shapes.value(shape, sh["class"]) is not None
            or shapes.value(shape, sh.nodeKind) == sh.IRI
        ):
            assert key.takes in {"name", "choice"}, key.name
        assert key.name in schema


# ------------------------------------------------------------------ the bundled agreements


@pytest.mark.parametrize("name", ["microsoft-openai-2025", "microsoft-openai-2026"])
def test_the_bundled_turtle_is_built_from_its_markdown(name: str) -> None:
    """The bundled agreements are written in the format; the Turtle in the package is what
    ``pactgraph build`` (``make agreements``) makes of it."""
    from pactgraph.load import BUILT_MARK, turtle_text

    md, ttl = AGREEMENTS / f"{name}.md", AGREEMENTS / f"{name}.ttl"
    built = literate.build(md).graph
    packaged = rdflib.Graph().parse(ttl)
    assert isomorphic(built, packaged), _differences(packaged, built)
    expected = BUILT_MARK.format(name=md.name) + "\n" + turtle_text(built)
    assert ttl.read_text(encoding="utf-8") == expected, "run make agreements"


# ------------------------------------------------------------------ coverage


def test_validate_reports_each_sentence_nothing_quotes(tmp_path: Path) -> None:
    source = "Lease.\n\nThe Tenant shall pay rent. The Tenant shall keep a dog.\nNo cats.\n"
    body = (
        "Lease.\n\n"
        + _block("agreement: lease", "label: Lease", "date: 2025-01-01", "source document: source")
        + "\nThe Tenant shall pay rent.\n\n"
        + _block("obligation: rent", "label: rent", "holder: landlord", "counterparty: tenant")
        + _block("party: landlord", "label: Landlord", "role: signatory")
        + _block("party: tenant", "label: Tenant", "role: signatory")
    )
    path = _write(tmp_path, body, source)
    warned = run_cli("validate", str(path))
    assert warned.returncode == 0, warned.stdout
    report = json.loads(run_cli("validate", str(path), "--format", "json").stdout)
    assert report["conforms"]
    assert report["sentences"] == 4  # the title, and three sentences in one paragraph
    uncovered = [(f["file"], f["line"], f["message"][:40]) for f in report["uncovered"]]
    assert uncovered == [
        (str(tmp_path / "source.txt"), 3, '"The Tenant shall keep a dog." is neithe'),
        (str(tmp_path / "source.txt"), 4, '"No cats." is neither quoted nor marked '),
    ]
    failed = run_cli("validate", str(path), "--coverage", "error")
    assert failed.returncode == 1
    assert f"{tmp_path / 'source.txt'}:4: " in failed.stdout


def test_coverage_is_a_warning_unless_asked_to_be_an_error() -> None:
    folder = DATA / "real-egain-hosting"
    warned = run_cli("validate", str(folder / "agreement.ttl"))
    assert warned.returncode == 0, warned.stdout
    lines = warned.stdout.splitlines()
    assert lines[-1].startswith("ok: 1 file(s) conform")
    covered, total = re.search(r"; (\d+) of (\d+) sentences quoted", lines[-1]).groups()  # type: ignore[union-attr]
    assert int(total) - int(covered) == len(lines) - 1  # a warning for each sentence left
    assert all(line.startswith("warning: ") for line in lines[:-1])
    assert f"warning: {folder / 'source.txt'}:" in lines[0]
    failed = run_cli("validate", str(folder / "agreement.ttl"), "--coverage", "error")
    assert failed.returncode == 1
    assert "is neither quoted nor marked not operative" in failed.stdout
    # the bundled agreements mark every sentence they do not model
    bundled = run_cli("validate", "--coverage", "error")
    assert bundled.returncode == 0, bundled.stdout


@pytest.mark.slow
@pytest.mark.parametrize("path", TURTLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_export_then_build_round_trips_every_fixture(path: Path, tmp_path: Path) -> None:
    """The command line's way: load the file, export it in the format beside its source
    texts, build that, and get the file's graph."""
    folder = tmp_path / "copy"
    shutil.copytree(path.parent, folder)
    md, ttl = folder / "_exported.md", folder / "_built.ttl"
    result = run_cli(
        "export", "--data", str(folder / path.name), "-f", "pactgraph-md", "-o", str(md)
    )
    assert result.returncode == 0, result.stderr
    result = run_cli("build", str(md), "-o", str(ttl))
    assert result.returncode == 0, result.stderr
    original, built = rdflib.Graph().parse(path), rdflib.Graph().parse(ttl)
    assert isomorphic(original, built), _differences(original, built)


def test_validate_speaks_the_files_words(tmp_path: Path) -> None:
    """A finding about a Markdown agreement names its keys, kinds and names as the file
    writes them, at the line where the wrong value is written."""
    shutil.copytree(DATA / "literate-lease", tmp_path / "lease")
    path = tmp_path / "lease" / "agreement.md"
    text = path.read_text(encoding="utf-8")
    block = text.index("obligation: rent")
    text = text[:block] + text[block:].replace("holder: landlord", "holder: landlordd", 1)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("holder: landlordd")].count("\n") + 1
    result = run_cli("validate", str(path))
    assert_one_line_error(result, 1, str(path))
    assert result.stdout.startswith(
        f"{path}:{line}: holder: must be a party; landlordd is named nowhere else; "
        "did you mean landlord?"
    ), result.stdout


def test_a_store_reloads_a_markdown_agreement_whose_text_changed(tmp_path: Path) -> None:
    """The graph of a Markdown agreement depends on its source text too (where each quote
    stands): loading again after the text changed replaces it, though the Markdown did not."""
    folder = tmp_path / "lease"
    shutil.copytree(DATA / "literate-lease", folder)
    store = tmp_path / "store"
    assert run_cli("load", str(folder), "--store", str(store)).returncode == 0
    again = run_cli("load", str(folder), "--store", str(store))
    assert again.stdout.startswith("0 added, 0 replaced, 1 unchanged;"), again.stdout
    source = folder / "source.txt"
    source.write_text("Schedule 1\n\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    changed = run_cli("load", str(folder), "--store", str(store))
    assert changed.stdout.startswith("0 added, 1 replaced, 0 unchanged;"), changed.stdout
    quotes = run_cli("query", "quotes", "--store", str(store), "--format", "json")
    starts = {
        b["exact"]["value"]: int(b["start"]["value"])
        for b in json.loads(quotes.stdout)["results"]["bindings"]
    }
    assert starts["Lease of Unit 4, Harbour Road"] == len("Schedule 1\n\n")


# ------------------------------------------------------------------ found in review


def test_every_paragraph_of_the_body_keeps_the_place_in_the_text(tmp_path: Path) -> None:
    """A sentence the text holds twice, with a block only under its second showing: the
    quote is the second, though the paragraphs before it have no blocks."""
    source = "Tenant pays rent.\n\nLandlord repairs the roof.\n\nTenant pays rent.\n"
    body = "Tenant pays rent.\n\nLandlord repairs the roof.\n\nTenant pays rent.\n\n" + _block(
        "obligation: rent2", "label: rent again"
    )
    g = literate.build(_write(tmp_path, body, source)).graph
    (quote,) = g.objects(T.rent2, PG.evidence)
    assert (int(g.value(quote, OA.start)), int(g.value(quote, OA.end))) == (47, 64)


@pytest.mark.parametrize(
    "source",
    [
        "Tenant pays rent\r\nquarterly.\r\n\r\nLandlord repairs.\r\n",
        "\ufeffTenant pays rent quarterly.\n",
    ],
    ids=["crlf", "bom"],
)
def test_build_and_validate_count_a_text_alike(tmp_path: Path, source: str) -> None:
    """Line breaks count as the text has them; a byte order mark is not text."""
    (tmp_path / "source.txt").write_bytes(source.encode("utf-8"))
    body = (
        "Tenant pays rent quarterly.\n\n"
        + _block("agreement: lease", "label: Lease", "date: 2025-01-01", "source document: source")
        + _block("party: tenant", "label: Tenant", "role: signatory")
    )
    path = _write(tmp_path, body, source)
    (tmp_path / "source.txt").write_bytes(source.encode("utf-8"))
    g = literate.build(path).graph
    (quote,) = g.objects(T.lease, PG.evidence)
    text = source.removeprefix("\ufeff")
    start = int(g.value(quote, OA.start))
    assert start == 0
    assert text[start : int(g.value(quote, OA.end))] == str(g.value(quote, OA.exact))
    result = run_cli("validate", str(path), "--format", "json")
    report = json.loads(result.stdout)
    assert not [f for f in report["findings"] if f["gate"] == "quote"], report["findings"]


def test_names_written_as_iris_and_a_base_that_ends_a_name(tmp_path: Path) -> None:
    body = _block("obligation: rent", "see also: https://example.com/guide")
    g = literate.build(_write(tmp_path, body)).graph
    assert (T.rent, rdflib.RDFS.seeAlso, rdflib.URIRef("https://example.com/guide")) in g
    path = _write(tmp_path, _block("obligation: rent"))
    path.write_text(
        path.read_text("utf-8").replace("base: https://example.org/t/", "base: https://x.org/t"),
        "utf-8",
    )
    with pytest.raises(ParseError, match="base: takes an IRI ending in / or #") as err:
        literate.build(path)
    assert err.value.line == 3


@pytest.mark.parametrize(
    ("front", "needle"),
    [
        ("language: en_GB", "language: takes a language tag"),
        ("pactgraph: [1]", "pactgraph: takes one value"),
    ],
)
def test_front_matter_values_are_checked(tmp_path: Path, front: str, needle: str) -> None:
    path = _write(tmp_path, "")
    text = path.read_text("utf-8").replace(
        "pactgraph: 1\n",
        front + "\n" if front.startswith("pactgraph") else f"pactgraph: 1\n{front}\n",
    )
    path.write_text(text, "utf-8")
    result = run_cli("validate", str(path))
    assert_one_line_error(result, 1, f"{path}:", needle)


def test_a_language_tag_in_a_literal_is_checked(tmp_path: Path) -> None:
    path = _write(tmp_path, _block("obligation: rent", 'label: {value: x, lang: "bad lang"}'))
    assert_one_line_error(run_cli("validate", str(path)), 1, f"{path}:13:", "lang: takes")


def test_a_note_under_a_sentence_leaves_it_quoted_and_a_heading_does_not(tmp_path: Path) -> None:
    body = "The Tenant shall pay rent.\n> our note\n\n" + _block("obligation: rent")
    g = literate.build(_write(tmp_path, body)).graph
    assert g.value(T.rent, PG.evidence) is not None
    body = "The Tenant shall pay rent.\n## Rent\n\n" + _block("obligation: rent")
    g = literate.build(_write(tmp_path, body)).graph
    assert g.value(T.rent, PG.evidence) is None


def test_a_quote_is_whole_words_and_true_is_true(tmp_path: Path) -> None:
    source = "The current account is due. The rent rises yearly.\n"
    body = _block("obligation: rent", "quote: rent", "mutual: True")
    g = literate.build(_write(tmp_path, body, source)).graph
    (quote,) = g.objects(T.rent, PG.evidence)
    assert int(g.value(quote, OA.start)) == source.index("rent rises")
    assert (T.rent, PG.mutual, rdflib.Literal("true", datatype=rdflib.XSD.boolean)) in g


def test_messages_say_why_words_that_are_in_the_text_were_not_taken(tmp_path: Path) -> None:
    source = "Tenant pays rent.\n\nLandlord repairs the roof.\n"
    body = _block("obligation: rent", "quote: {text: Tenant pays rent., prefix: the roof}")
    with pytest.raises(
        ParseError, match=r"stands in source\.txt, but not after the words of prefix"
    ):
        literate.build(_write(tmp_path, body, source))
    body = (
        "Landlord repairs the roof.\n\n"
        + _block("obligation: roof")
        + "\nTenant pays rent.\n\n"
        + _block("obligation: rent")
    )
    with pytest.raises(ParseError, match="before the paragraph above it") as err:
        literate.build(_write(tmp_path, body, source))
    assert err.value.line == body.splitlines().index("Tenant pays rent.") + 11


def test_a_skeleton_left_as_it_is_covers_nothing(tmp_path: Path) -> None:
    shutil.copy(DATA / "tutorial-gas-transportation" / "source.txt", tmp_path / "source.txt")
    md = tmp_path / "a.md"
    assert run_cli("new", str(tmp_path / "source.txt"), "-o", str(md)).returncode == 0
    md.write_text(
        md.read_text("utf-8").replace("YYYY-MM-DD  # the day it was made", "1992-05-20"), "utf-8"
    )
    result = run_cli("validate", str(md), "--coverage", "error")
    assert result.returncode == 1
    assert "is neither quoted nor marked not operative" in result.stdout


def test_a_finding_on_a_node_written_in_place_points_at_its_block(tmp_path: Path) -> None:
    """A blank node has no name to show: the finding gives the line where its block is
    written, in the file's words."""
    folder = tmp_path / "copy"
    shutil.copytree(DATA / "literate-export", folder)
    md = folder / "exported.md"
    ttl = folder / "agreement.ttl"
    assert (
        run_cli("export", "--data", str(ttl), "-f", "pactgraph-md", "-o", str(md)).returncode == 0
    )
    ttl.unlink()
    text = md.read_text(encoding="utf-8")
    assert "\n      offset: P1Y\n" in text
    md.write_text(text.replace("\n      offset: P1Y\n", "\n"), encoding="utf-8")
    line = text.splitlines().index("    - a: relative trigger") + 1
    result = run_cli("validate", str(md))
    assert_one_line_error(result, 1, str(md))
    assert result.stdout.strip() == (
        f"{md}:{line}: A relative trigger needs one offset:, a duration such as P180D, or "
        "one business days:, a number of business days such as 10; not both."
    )


def test_new_and_export_say_when_the_text_is_not_beside_the_file(tmp_path: Path) -> None:
    """build finds quotes in the texts beside the agreement file: writing one elsewhere says
    which text to copy there, and writing it beside the text says nothing."""
    text = tmp_path / "texts" / "lease.txt"
    text.parent.mkdir()
    text.write_text("Tenant pays rent.\n", encoding="utf-8")
    away = tmp_path / "away.md"
    result = run_cli("new", str(text), "-o", str(away))
    assert result.returncode == 0, result.stderr
    assert "note: lease.txt must sit beside the agreement file" in result.stderr
    beside = run_cli("new", str(text), "-o", str(text.parent / "lease.md"))
    assert "note:" not in beside.stderr
    lease = DATA / "lease" / "agreement.ttl"
    exported = run_cli(
        "export", "--data", str(lease), "-f", "pactgraph-md", "-o", str(tmp_path / "x.md")
    )
    assert exported.returncode == 0, exported.stderr
    assert "note: source.txt must sit beside the agreement file" in exported.stderr


_DATED_END = """---
base: https://example.org/lit/
---
# Test

```pactgraph
agreement: ag
label: Lit agreement
date: 2024-01-01
```
{first}
{second}
```pactgraph
right: q
label: Q
starts with: p-end
```
"""
_RIGHT_P = "```pactgraph\nright: p\nlabel: P\nends with: 2025-06-30\n```\n"
_END_OF_P = "```pactgraph\nprovision end: p-end\nlabel: the end of P\nend of: p\n```\n"


@pytest.mark.parametrize("date_first", [True, False], ids=["date-first", "block-first"])
def test_a_block_may_not_take_the_name_a_date_trigger_was_given(
    tmp_path: Path, date_first: bool
) -> None:
    """'ends with: 2025-06-30' on p makes a date trigger named p-end; a block naming its own
    node p-end would be merged with it, two kinds in one node. Refused, either way round."""
    first, second = (_RIGHT_P, _END_OF_P) if date_first else (_END_OF_P, _RIGHT_P)
    md = tmp_path / "clash.md"
    md.write_text(_DATED_END.format(first=first, second=second), encoding="utf-8")
    lines = md.read_text(encoding="utf-8").splitlines()
    block = lines.index("provision end: p-end") + 1
    result = run_cli("build", str(md), "-o", str(tmp_path / "out.ttl"))
    assert_one_line_error(result, 1, f"{md}:{block}:", "p-end: is the name of the date trigger")
    assert not (tmp_path / "out.ttl").exists()
    renamed = md.read_text(encoding="utf-8").replace("p-end", "p-expiry")
    md.write_text(renamed, encoding="utf-8")
    assert run_cli("build", str(md), "-o", str(tmp_path / "out.ttl")).returncode == 0
