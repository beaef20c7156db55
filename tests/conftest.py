"""Shared fixtures: the bundled store, paths to fixture data, and CLI runners."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from pactgraph.cli import main
from pactgraph.load import Store, load

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED_SOURCE = ROOT.parent / "shared" / "sources" / "microsoft-openai-2025-10-28.txt"
#: The first version of the bundled agreement alone (the bundle also holds its amendment).
V2025 = str(ROOT / "graph" / "pactgraph" / "agreements" / "microsoft-openai-2025.ttl")


@pytest.fixture(scope="session")
def store() -> Store:
    """The bundled agreement, every version, loaded once for the session (do not modify it)."""
    return load()


@pytest.fixture(scope="session")
def store_2025() -> Store:
    """The bundled agreement's first version alone, loaded once (do not modify it)."""
    return load([V2025])


def real(folder: str) -> Store:
    """The agreement of ``tests/data/<folder>``, every version of it (each ``.ttl``)."""
    return load(sorted((DATA / folder).glob("*.ttl")))


def run_cli(
    *args: str, cwd: Path | None = None, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``pactgraph ARGS`` in this process (``cli.main``), with its own standard streams
    and working directory; the result reads like a finished subprocess's."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = {
        "stdout": io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        "stderr": io.TextIOWrapper(err, encoding="utf-8", write_through=True),
        "stdin": io.TextIOWrapper(io.BytesIO((input_text or "").encode()), encoding="utf-8"),
    }
    saved = {name: getattr(sys, name) for name in streams}
    with contextlib.chdir(cwd or os.getcwd()):
        for name, stream in streams.items():
            setattr(sys, name, stream)
        try:
            code: int | str | None = main(list(args))
        except SystemExit as exit_:  # argparse: --help, --version, usage errors
            code = exit_.code
        except Exception:  # --debug lets errors through, as the interpreter would show them
            traceback.print_exc()
            code = 1
        finally:
            for name, stream in saved.items():
                setattr(sys, name, stream)
    return subprocess.CompletedProcess(
        ["pactgraph", *args],
        code if isinstance(code, int) else (0 if code is None else 1),
        _text(out.getvalue()),
        _text(err.getvalue()),
    )


def _text(data: bytes) -> str:
    """Output as a subprocess run in text mode reads it: UTF-8, universal newlines."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def run_process(
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
