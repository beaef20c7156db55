"""docs/tutorial.md, run: every command it shows, in a fresh folder with the real text, and
every line it shows each command printing."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from conftest import DATA, ROOT, run_cli

TUTORIAL = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
FIXTURE = DATA / "tutorial-gas-transportation"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _steps() -> list[tuple[str, list[str]]]:
    """Each ``$ pactgraph ...`` line of the console blocks, with the lines shown after it."""
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", TUTORIAL, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif line.strip():
                steps[-1][1].append(line)
    return steps


def test_the_tutorial_runs_as_written(tmp_path: Path) -> None:
    shutil.copy(FIXTURE / "source.txt", tmp_path / "source.txt")
    finished = (FIXTURE / "agreement.md").read_text(encoding="utf-8")
    steps = _steps()
    assert [shlex.split(c)[1] for c, _ in steps] == [
        "new", "validate", "validate", "state", "ask", "build",
    ]  # fmt: skip
    for command, shown in steps:
        args = shlex.split(command)
        assert args[0] == "pactgraph"
        if args[1] == "validate" and not (tmp_path / "broken.md").exists():
            # the reader fills in the blocks: the skeleton holds what the tutorial shows
            skeleton = (tmp_path / "agreement.md").read_text(encoding="utf-8")
            for sentence in re.findall(r"^(5\.1 Subject.*)$", TUTORIAL, re.M):
                assert f"\n{sentence}\n\n```pactgraph\n# what does" in skeleton
            (tmp_path / "agreement.md").write_text(finished, encoding="utf-8")
            broken = finished.replace("offset: 10 years", "offset: ten years")
            (tmp_path / "broken.md").write_text(broken, encoding="utf-8")
        result = run_cli(*args[1:], cwd=tmp_path)
        printed = [_flat(line) for line in (result.stdout + result.stderr).splitlines()]
        for line in shown:
            assert _flat(line) in printed, (command, line, result.stdout, result.stderr)
        assert result.returncode == (1 if "broken.md" in command else 0), result.stderr
    built = (tmp_path / "agreement.ttl").read_text(encoding="utf-8")
    assert built.startswith("# Built by pactgraph from agreement.md")


def test_the_blocks_the_tutorial_shows_are_in_the_finished_file() -> None:
    finished = (FIXTURE / "agreement.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```pactgraph\n(.*?)```$", TUTORIAL, re.S | re.M)
    filled = [b for b in blocks if not b.startswith("# what does")]
    assert len(filled) >= 6
    for block in filled:
        assert f"```pactgraph\n{block}```" in finished, block
