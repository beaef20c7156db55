"""The command line as a user meets it: version, help, info, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import assert_one_line_error, run_cli
from pactgraph import __version__


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


def test_info_json_counts_come_from_the_graph() -> None:
    result = run_cli("info", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (agreement,) = data["agreements"]
    assert agreement["date"] == "2025-10-28"
    assert agreement["parties"] == 7
    assert sum(agreement["provisions"].values()) == 26
    assert agreement["triggers"] == {"DateTrigger": 2, "EarliestOf": 1, "Event": 3}
    assert data["totals"]["triples"] == agreement["triples"] > 500


def test_unknown_format_is_a_usage_error() -> None:
    assert_one_line_error(run_cli("info", "--format", "xml"), 2, "--format")


def test_no_command_prints_help_and_exits_2() -> None:
    result = run_cli()
    assert result.returncode == 2
    assert "COMMAND" in result.stdout
