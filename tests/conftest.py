"""Shared fixtures: the bundled store, paths to fixture data, and a CLI runner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pactgraph.store import Store, load

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED_SOURCE = ROOT.parent / "shared" / "sources" / "microsoft-openai-2025-10-28.txt"


@pytest.fixture(scope="session")
def store() -> Store:
    """The bundled agreement, loaded once for the session (do not modify it)."""
    return load()


def run_cli(
    *args: str, cwd: Path | None = None, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m pactgraph ARGS`` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "pactgraph", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=input_text,
        timeout=300,
        check=False,
    )


def assert_one_line_error(
    result: subprocess.CompletedProcess[str], code: int, *needles: str
) -> None:
    """The run failed with ``code``, one ``error:`` line on stderr, no traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
