"""The command line as a user meets it: version, help, info, exit codes."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT, assert_one_line_error, run_cli, run_process
from pactgraph import __version__
from pactgraph.resources import bundled_agreement_files


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pactgraph {__version__}"


def test_help_lists_commands_and_exit_codes() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("info", "validate", "exit codes", "usage error"):
        assert word in result.stdout


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from pactgraph.cli import build_parser\n"
        "build_parser().format_help()\n"
        "heavy = {'rdflib', 'networkx', 'pyshacl', 'pyvis', 'pyoxigraph', 'pyparsing'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "argv",
    [
        ["query", "parties", "--bind", "agreement=<https://example.org/a>", "-f", "tsv"],
        ["--debug", "--data", "query", "state", "--on", "2030-01-01"],
        ["--data=x.ttl", "export", "-f", "graphml"],
        ["ask", "what changes when AGI is verified?", "--as-of", "2026-01-01"],
        ["impact", "agi-verified", "--on", "2030-01-01", "--event", "a=2029-01-01"],
    ],
)
def test_a_command_is_parsed_alike_by_its_own_parser_and_the_whole_one(argv: list[str]) -> None:
    """A run builds the arguments of its own command only: it must read them as the parser
    of every command does (a file named like a command after --data included)."""
    from pactgraph.cli import _command_in, build_parser

    alone = vars(build_parser(_command_in(argv)).parse_args(argv))
    whole = vars(build_parser().parse_args(argv))
    assert alone.pop("handler") == whole.pop("handler")
    assert alone == whole


def test_a_query_run_does_not_import_what_other_commands_need() -> None:
    code = (
        "import sys\n"
        "from pactgraph.cli import main\n"
        "main(['query', '-e', 'ASK {}', '-f', 'tsv'])\n"
        "print(sorted(m for m in ('pactgraph.ask', 'pactgraph.export') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_info_json_counts_come_from_the_graph() -> None:
    result = run_cli("info", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    by_iri = {a["agreement"]: a for a in data["agreements"]}
    first = by_iri["https://w3id.org/pactgraph/id/microsoft-openai-2025"]
    assert first["date"] == "2025-10-28"
    assert first["parties"] == 7
    assert sum(first["provisions"].values()) == 26
    # AGI verified, AGI declared, the recapitalization; through 2030 and through 2032; until
    # AGI or through 2030, and AGI verified or through 2032 (the exclusive IP rights)
    assert first["triggers"] == {"DateTrigger": 2, "EarliestOf": 2, "Event": 3}
    amended = by_iri["https://w3id.org/pactgraph/id/microsoft-openai-2026"]
    assert amended["date"] == "2026-04-27"
    assert amended["supersedes"] == []
    assert amended["amends"] == "https://w3id.org/pactgraph/id/microsoft-openai-2025"
    assert first["amends"] is None
    # the five bullets: primary cloud partner, any cloud (and with it the end of the jointly
    # developed API products' Azure exclusivity), the non-exclusive licence and the repeal
    # of the exclusive rights, no revenue share to OpenAI, the revenue share through 2030,
    # the major shareholder
    assert amended["provisions"] == {"Right": 3, "StatedFact": 2, "Obligation": 1, "Exclusivity": 2}
    assert data["totals"]["provisions"] == 34
    assert data["totals"]["triples"] == first["triples"] + amended["triples"]
    assert first["triples"] > 500


def test_unknown_format_is_a_usage_error() -> None:
    assert_one_line_error(run_cli("info", "--format", "xml"), 2, "--format")


def test_no_command_prints_help_and_exits_2() -> None:
    result = run_cli()
    assert result.returncode == 2
    assert "COMMAND" in result.stdout


def test_python_m_and_the_console_script_agree(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("pactgraph")
    assert script.is_file(), script
    by_module = run_process("info", "--format", "json", cwd=tmp_path)
    by_script = subprocess.run(
        [str(script), "info", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert by_module.returncode == by_script.returncode == 0, by_script.stderr
    assert json.loads(by_module.stdout) == json.loads(by_script.stdout)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (("validate",), 0, ""),
        (("validate", "missing.ttl"), 2, "missing.ttl: no such file"),
        (("state", "--on", "2031-13-01"), 2, "is not a date"),
        (("query", "-e", "SELECT ?x WHERE {"), 1, "query:1:"),
    ],
)
def test_a_real_process_exits_with_the_documented_code(
    tmp_path: Path, args: tuple[str, ...], code: int, needle: str
) -> None:
    result = run_process(*args, cwd=tmp_path)
    if code == 0:
        assert result.returncode == 0, result.stderr
    else:
        assert_one_line_error(result, code, needle)


def test_info_table_names_the_agreement() -> None:
    result = run_cli("info")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    blocks = result.stdout.split("\n\n")
    lines = blocks[0].splitlines()
    assert lines[0] == "Microsoft–OpenAI definitive agreement (October 2025)"
    fields = {ln.split()[0]: ln.split(None, 1)[1] for ln in lines[1:] if ln.startswith("  ")}
    assert fields["IRI"] == "https://w3id.org/pactgraph/id/microsoft-openai-2025"
    assert fields["date"] == "2025-10-28"
    assert fields["file"].split()[0] == str(bundled_agreement_files()[0])
    assert "source text: microsoft-openai-2025-10-28.txt" in fields["file"]
    assert fields["parties"] == "7"
    assert fields["provisions"].startswith("26: Right 10, Obligation 4")
    assert fields["triggers"] == "7: Event 3, DateTrigger 2, EarliestOf 2"
    assert blocks[1].splitlines()[0] == "The next phase of the Microsoft-OpenAI partnership"
    assert blocks[-1].startswith("2 agreement(s), 34 provisions, ")


def test_validate_bundled_agreement_conforms() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    assert result.stdout.startswith("ok: 2 file(s) conform")
    # 64 in the 2025 graph (the announcement, the 10-Q note, the joint statement), 9 in
    # the 2026 one (the five bullets, the press report)
    assert "73 quotes found verbatim" in result.stdout


def test_debug_before_the_command_shows_the_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.ttl").write_text("<a> <b> <c>\n", encoding="utf-8")
    for args in (["--debug", "validate", "bad.ttl"], ["validate", "--debug", "bad.ttl"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode != 0
        assert "Traceback" in result.stderr, args
    assert_one_line_error(run_cli("validate", "bad.ttl", cwd=tmp_path), 1, "bad.ttl:2:1")


def test_data_before_or_after_the_command() -> None:
    minimal = str(DATA / "minimal" / "example-pact.ttl")
    before = run_cli("--data", minimal, "info", "--format", "json")
    after = run_cli("info", "--format", "json", "--data", minimal)
    assert before.returncode == after.returncode == 0, before.stderr
    assert before.stdout == after.stdout
    (agreement,) = json.loads(before.stdout)["agreements"]
    assert agreement["agreement"] == "https://example.org/pact"


def test_readme_tour_commands_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = readme.split("## A short tour", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [shlex.split(line.split("  #", 1)[0]) for line in tour.splitlines() if line.strip()]
    assert len(commands) >= 5
    minimal = str(DATA / "minimal" / "example-pact.ttl")
    for words in commands:
        skip = 3 if words[:3] == ["python", "-m", "pactgraph"] else 1
        assert words[skip - 1] == "pactgraph", words
        args = [minimal if w == "my-agreement.ttl" else w for w in words[skip:]]
        result = run_cli(*args)
        assert result.returncode == 0, (words, result.stderr)


def test_every_verb_is_a_function_even_after_its_module_is_imported() -> None:
    """Regression: a verb named like its module is replaced by the module on import."""
    import importlib

    import pactgraph

    for name in pactgraph.__all__:
        if name == "__version__":
            continue
        verb = getattr(pactgraph, name)
        importlib.import_module(verb.__module__)
        assert callable(getattr(pactgraph, name)), name
        assert getattr(pactgraph, name) is verb, name


def test_readme_python_example_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("From Python:", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    assert "store" in namespace


def test_readme_version_commands_run(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Versions, sources and how sure they are", 1)[1]
    block = block.split("```sh", 1)[1].split("```", 1)[0]
    lines = [ln.split("  #", 1)[0] for ln in block.splitlines() if ln.strip()]
    assert len(lines) >= 5
    for line in lines:
        words = shlex.split(line)
        assert words[0] == "pactgraph", words
        result = run_cli(*words[1:], cwd=tmp_path)
        assert result.returncode == 0, (words, result.stderr)


def test_readme_see_it_commands_run(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("See it, query it, take it elsewhere", 1)[1].split("```sh", 1)[1]
    lines = [ln.split("  #", 1)[0] for ln in block.split("```", 1)[0].splitlines() if ln.strip()]
    commands = [shlex.split(line) for line in lines]
    assert len(commands) >= 6
    for words in commands:
        assert words[0] == "pactgraph", words
        if words[1] == "serve":  # runs until stopped: tests/test_server.py starts it
            continue
        result = run_cli(*words[1:], cwd=tmp_path)
        assert result.returncode == 0, (words, result.stderr)
    assert (tmp_path / "explorer.html").is_file()
    assert (tmp_path / "terms.svg").is_file()
    assert (tmp_path / "agreement.graphml").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["build", "agreement.md", "--endpoint", "http://127.0.0.1:9/sparql"],
        ["new", "source.txt", "--store", "store"],
        ["queries", "--data", "agreement.ttl"],
        ["--data", "agreement.ttl", "queries"],
    ],
)
def test_a_command_that_reads_no_agreements_refuses_where_to_read_them(args: list[str]) -> None:
    """Taken and dropped, the option would let a user think the command used it."""
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "--data" in result.stderr or "unrecognized arguments" in result.stderr
