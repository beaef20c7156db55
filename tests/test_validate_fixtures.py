"""``pactgraph validate`` on small fixture agreements: one valid, one per thing that can go wrong.

Each file under ``tests/data/invalid/`` is a copy of ``tests/data/minimal/example-pact.ttl``
with one change (its first line says which). Each must fail with exit 1, a finding line that
names the file and the line where the offending node is written, and no traceback.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, assert_one_line_error, run_cli

MINIMAL = DATA / "minimal" / "example-pact.ttl"
INVALID = DATA / "invalid"

#: file name -> (the node the finding is about, words the finding must contain)
CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "no-holder": (":licence", ("needs a holder",)),
    "no-kind": (":licence", ("exactly one kind",)),
    "no-quote": (":royalty", ("needs the quote it comes from",)),
    "one-member": (":acquired-or-end-of-2030", ("at least two members",)),
    "date-not-xsd-date": (":end-of-2030", ("time:inXSDDate", "xsd:date")),
    "date-ill-formed": (":end-of-2030", ("time:inXSDDate", "xsd:date")),
    "untyped-trigger": (":acquired-or-end-of-2030", ("A trigger must be exactly one of",)),
    "quote-not-in-source": (":q-royalty", ("not found verbatim", "6 percent")),
    "quote-wrong-offsets": (":q-royalty", ("set oa:start 156 and oa:end 194", "not at 158..196")),
    "changed-source": (":text", ("SHA-256", "example-pact-changed.txt", "update pg:sha256")),
    "missing-source": (":text", ("no-such-text.txt", "not found")),
    "undeclared-term": (":royalty", ("pactgraph/ns#counterpart>", "does not define")),
    "quote-offset-not-integer": (":q-royalty", ("oa:start", "an integer")),
    "quote-without-source": (":q-royalty", ("needs exactly one source", "dcterms:source")),
    "offset-with-hours": (":acquired-or-end-of-2030", ("pg:offset", "years, months, weeks")),
    "unless-without-unless": (":acquired-or-end-of-2030", ("needs one pg:unless",)),
    "offset-and-business-days": (
        ":acquired-or-end-of-2030",
        ("pg:offset", "pg:businessDays", "not both"),
    ),
    "exercise-without-provision": (":acquired-or-end-of-2030", ("needs one pg:exercises",)),
    "route-not-on-a-provision-end": (":acquired-or-end-of-2030", ("belong on a provision end",)),
    "business-days-negative": (":acquired-or-end-of-2030", ("pg:businessDays", "0 or more")),
    "misspelt-name": (":licence", ("must be a pg:Party", ":acmee", "did you mean :acme?")),
    "operative-and-not": (":q-royalty", ("is evidence of something", "marked not operative")),
    "survives-itself": (":royalty", ("survives itself", "break the cycle")),
}

#: Cases whose finding is about a value, pointed at where it is written, not its subject.
AT_USE = {"misspelt-name": ":acmee"}

#: how many findings a case gives, where it is not one
FINDINGS = {
    "no-quote": 2,  # the royalty has no quote, and its quote is evidence for nothing
    "changed-source": 2,  # the text changed, and with it the royalty's words (6 percent)
}


def line_of(path: Path, subject: str) -> int:
    """The number of the line where ``subject`` opens its description (its own reading)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    numbers = [n for n, text in enumerate(lines, 1) if re.match(re.escape(subject) + r"\s", text)]
    assert len(numbers) == 1, (path, subject, numbers)
    return numbers[0]


def line_of_use(path: Path, value: str) -> int:
    """The number of the only line where ``value`` is written as an object."""
    lines = path.read_text(encoding="utf-8").splitlines()
    token = re.escape(value) + r"(?![\w.:-]*[\w:-])"
    numbers = [n for n, text in enumerate(lines, 1) if re.search(r"\s" + token, text)]
    assert len(numbers) == 1, (path, value, numbers)
    return numbers[0]


def test_every_invalid_fixture_has_a_case() -> None:
    assert {p.stem for p in INVALID.glob("*.ttl")} == set(CASES)


def test_minimal_agreement_conforms() -> None:
    result = run_cli("validate", str(MINIMAL))
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    assert "ok: 1 file(s) conform" in result.stdout
    assert "4 quotes found verbatim" in result.stdout


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_fixture_is_a_small_edit_of_the_minimal_one(name: str) -> None:
    base = MINIMAL.read_text(encoding="utf-8").splitlines()[1:]
    edited = (INVALID / f"{name}.ttl").read_text(encoding="utf-8").splitlines()[1:]
    changed = [
        line
        for line in difflib.unified_diff(base, edited, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert 1 <= len(changed) <= 4, changed


def test_source_texts_beside_the_fixtures() -> None:
    original = (DATA / "minimal" / "example-pact.txt").read_bytes()
    assert (INVALID / "example-pact.txt").read_bytes() == original
    changed = (INVALID / "example-pact-changed.txt").read_bytes()
    assert changed != original
    assert len(changed) == len(original)


@pytest.mark.parametrize(
    ("written", "suggested"),
    [(":licenc", ":licence"), (":acmee", None), (":royalti", ":royalty")],
)
def test_a_misspelt_provision_is_matched_among_provisions_only(
    tmp_path: Path, written: str, suggested: str | None
) -> None:
    """pg:dependsOn wants a provision: the closest provision is suggested, and a party,
    however close its name, is not."""
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "pg:dependsOn :licence", f"pg:dependsOn {written}"
    )
    shutil.copy(MINIMAL.with_name("example-pact.txt"), tmp_path / "example-pact.txt")
    path = tmp_path / "example-pact.ttl"
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert f"{written} is named nowhere else" in result.stdout
    if suggested is None:
        assert "did you mean" not in result.stdout
    else:
        assert f"did you mean {suggested}?" in result.stdout


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_fixture_fails_with_file_and_line(name: str) -> None:
    path = INVALID / f"{name}.ttl"
    subject, needles = CASES[name]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in INVALID.iterdir()}
    result = run_cli("validate", str(path))
    assert_one_line_error(result, 1, str(path), "fix each line above")
    line = line_of_use(path, AT_USE[name]) if name in AT_USE else line_of(path, subject)
    where = f"{path}:{line}: "
    findings = [line for line in result.stdout.splitlines() if line.startswith(where)]
    assert findings, (where, result.stdout)
    assert len(result.stdout.splitlines()) == FINDINGS.get(name, 1), result.stdout
    assert any(all(n in line for n in needles) for line in findings), (needles, findings)
    for line in findings:
        focus = re.search(r" \[(\S+)\]$", line)
        if focus:  # the node named at the end of the line is the one the line points at
            assert focus.group(1) == "https://example.org/pact/" + subject[1:], line
    assert "Traceback" not in result.stdout
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in INVALID.iterdir()}
    assert after == before


def test_invalid_fixture_findings_as_json() -> None:
    path = INVALID / "quote-wrong-offsets.ttl"
    result = run_cli("validate", "--format", "json", str(path))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    (finding,) = report["findings"]
    assert finding["gate"] == "quote"
    assert finding["file"] == str(path)
    assert finding["line"] == line_of(path, ":q-royalty")
    assert finding["focus"] == "https://example.org/pact/q-royalty"


def test_several_files_report_each_file() -> None:
    no_holder, no_kind = INVALID / "no-holder.ttl", INVALID / "no-kind.ttl"
    result = run_cli("validate", str(no_holder), str(MINIMAL), str(no_kind))
    # the three files describe the same agreement IRI: refused before any check runs
    assert_one_line_error(result, 1, "https://example.org/pact", "its own IRI")


def test_file_with_no_agreement_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "people.ttl"
    path.write_text(
        '@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n<https://example.org/me> foaf:name "Me" .\n',
        encoding="utf-8",
    )
    result = run_cli("validate", str(path))
    assert_one_line_error(result, 1, str(path))
    assert result.stdout.startswith(f"{path}: ")
    assert "holds no pg:Agreement" in result.stdout


def test_repeated_words_point_at_the_nearest_place(tmp_path: Path) -> None:
    from pactgraph.resources import agreements_dir

    for p in agreements_dir().iterdir():
        (tmp_path / p.name).write_bytes(p.read_bytes())
    path = tmp_path / "microsoft-openai-2025.ttl"
    text = path.read_text(encoding="utf-8")
    # the headline stands twice in the source, at 0 and at 216; shift the second quote by one
    block = text[text.index(":q-title-repeat a pg:Quote") :].split("\n\n", 1)[0]
    assert "oa:start 216" in block
    shifted = block.replace("oa:end 268", "oa:end 269").replace("oa:start 216", "oa:start 217")
    path.write_text(text.replace(block, shifted), encoding="utf-8")
    result = run_cli("validate", str(path))
    assert_one_line_error(result, 1)
    (finding,) = result.stdout.splitlines()
    assert "set oa:start 216 and oa:end 268" in finding, finding


def test_a_file_named_twice_is_read_once() -> None:
    minimal = str(MINIMAL)
    result = run_cli(
        "validate", minimal, str(MINIMAL.parent / "." / MINIMAL.name), "--data", minimal
    )
    assert result.returncode == 0, result.stderr
    assert "ok: 1 file(s) conform" in result.stdout
    result = run_cli("info", "--data", str(MINIMAL.parent), "--data", minimal)
    assert result.returncode == 0, result.stderr
    assert "1 agreement(s)" in result.stdout


def test_a_name_is_found_whole_not_as_the_start_of_another(tmp_path: Path) -> None:
    from pactgraph.validate import _Locator

    path = tmp_path / "a.ttl"
    path.write_text(
        "@prefix : <https://example.org/x/> .\n"
        ":rental-income :of :rent-review .\n"
        "  :rent :is :due .\n",
        encoding="utf-8",
    )
    locate = _Locator()
    assert locate.line(path, "https://example.org/x/rent") == 3
    assert locate.use(path, "https://example.org/x/due", None, None) == 3
    assert locate.line(path, "https://example.org/x/rent-review") == 2


@pytest.mark.parametrize("name", ["reanchor", "reanchor-context"])
def test_a_changed_source_says_which_quotes_moved_changed_or_were_lost(name: str) -> None:
    folder = DATA / name
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    path = folder / "agreement.ttl"
    result = run_cli("validate", str(path))
    assert_one_line_error(result, 1, str(path), "fix each line above")
    lines = result.stdout.splitlines()
    for focus, needles in expected["findings"].items():
        where = f"{path}:{line_of(path, ':' + focus)}: "
        found = [line for line in lines if line.startswith(where)]
        assert any(all(n in line for n in needles) for line in found), (focus, found)
    for focus in expected["unreported"]:
        assert not any(line.endswith(f"/{focus}]") for line in lines), focus
    assert len(lines) == len(expected["findings"])


def test_a_version_may_rest_on_a_provision_of_the_version_it_amends(tmp_path: Path) -> None:
    """Each graph is checked on its own, with the kinds other graphs give what it names: an
    amendment's provision resting on one of the 2010 agreement conforms; resting on a party
    of it, it does not."""
    import shutil

    folder = DATA / "real-bioamber-development"
    assert run_cli("validate", "--data", str(folder)).returncode == 0
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    amendment = copy / "amendment-1.ttl"
    text = amendment.read_text(encoding="utf-8")
    assert "pg:dependsOn :fte-staffing ;" in text
    amendment.write_text(text.replace("pg:dependsOn :fte-staffing ;", "pg:dependsOn :cargill ;"))
    result = run_cli("validate", "--data", str(copy))
    assert result.returncode == 1
    assert "must point to a provision" in result.stdout
    assert f"{amendment}:" in result.stdout
