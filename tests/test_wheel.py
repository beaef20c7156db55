"""The package as a user installs it: build the wheel, install it into a fresh venv outside
the checkout, and run the command from elsewhere; and the editable install of the checkout
finds the same files where they sit in the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

AGREEMENTS = ROOT / "graph" / "pactgraph" / "agreements"


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = run(sys.executable, "-m", "build", "--wheel", "--outdir", out, ROOT, cwd=out)
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("pactgraph-*.whl")
    return built


@pytest.mark.slow
def test_wheel_holds_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "pactgraph/_data/ontology/pactgraph.ttl",
        "pactgraph/_data/ontology/shapes.ttl",
        "pactgraph/agreements/microsoft-openai-2025.ttl",
        "pactgraph/agreements/microsoft-openai-2025-10-28.txt",
        "pactgraph/agreements/microsoft-openai-2025-10-28.meta.json",
        "pactgraph/static/vis-network/vis-network.min.js",
        "pactgraph/static/vis-network/LICENSE-MIT",
        "pactgraph/static/vis-network/LICENSE-APACHE-2.0",
    }
    expected |= {
        "pactgraph/_data/queries/" + p.relative_to(ROOT / "queries").as_posix()
        for p in (ROOT / "queries").rglob("*.rq")
    }
    assert len([n for n in expected if n.endswith(".rq")]) >= 9
    assert expected <= names, sorted(expected - names)
    assert not [n for n in names if n.startswith(("tests/", "graph/"))]
    with zipfile.ZipFile(wheel) as archive:
        packaged = archive.read("pactgraph/agreements/microsoft-openai-2025-10-28.txt")
        assert packaged == (AGREEMENTS / "microsoft-openai-2025-10-28.txt").read_bytes()
        entry_points = archive.read("pactgraph-0.1.0.dist-info/entry_points.txt").decode()
    assert "pactgraph = pactgraph.cli:main" in entry_points


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    # the dev venv's pip installs into the new venv; the dependencies come from the
    # wheel's metadata (pip's cache makes the second run fast)
    installed = run(
        sys.executable, "-m", "pip", "--python", python, "install", "--quiet", wheel, cwd=tmp_path
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    where = run(
        python,
        "-c",
        "import pactgraph.resources as r; print(r.ontology_file()); print(r.queries_dir()); "
        "print(r.bundled_agreement_files()[0])",
        cwd=elsewhere,
    )
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():
        assert Path(line).exists(), line
        assert Path(line).is_relative_to(venv), line
        assert not Path(line).is_relative_to(ROOT), line

    info = run(venv / "bin" / "pactgraph", "info", cwd=elsewhere)
    assert info.returncode == 0, info.stderr
    assert info.stdout.startswith("Microsoft–OpenAI definitive agreement (October 2025)")
    assert str(venv) in info.stdout  # the bundled file is read from the installed package

    validate = run(venv / "bin" / "pactgraph", "validate", cwd=elsewhere)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "ok: 2 file(s) conform" in validate.stdout  # the agreement and its amendment
    assert "73 quotes found verbatim" in validate.stdout

    # The explorer inlines the vis-network shipped in the package, with no pyvis installed.
    page = run(venv / "bin" / "pactgraph", "viz", "-o", "-", cwd=elsewhere)
    assert page.returncode == 0, page.stderr
    assert "@version 10.1.5" in page.stdout
    no_pyvis = run(python, "-c", "import pyvis", cwd=elsewhere)
    assert no_pyvis.returncode != 0

    module = run(python, "-m", "pactgraph", "--version", cwd=elsewhere)
    assert module.returncode == 0
    assert module.stdout.startswith("pactgraph ")
    assert list(elsewhere.iterdir()) == []


def test_editable_install_reads_the_checkout() -> None:
    import json
    from importlib.metadata import distribution

    import pactgraph
    from pactgraph import resources

    direct_url = json.loads(distribution("pactgraph").read_text("direct_url.json") or "{}")
    assert direct_url.get("dir_info", {}).get("editable") is True, direct_url
    assert Path(pactgraph.__file__).resolve().is_relative_to(ROOT)
    assert not (ROOT / "graph" / "pactgraph" / "_data").exists()
    assert resources.ontology_dir() == ROOT / "ontology"
    assert resources.ontology_file() == ROOT / "ontology" / "pactgraph.ttl"
    assert resources.shapes_file() == ROOT / "ontology" / "shapes.ttl"
    assert resources.queries_dir() == ROOT / "queries"
    assert resources.agreements_dir() == AGREEMENTS
    assert all(p.is_file() for p in resources.bundled_agreement_files())
