"""The README's "where things live" table matches the package, and each verb lives in the
module of its name."""

from __future__ import annotations

import re

import pactgraph
from conftest import ROOT

PACKAGE = ROOT / "graph" / "pactgraph"


def test_the_module_table_lists_every_module() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Where things live", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`(\w+\.py)`", table))
    present = {p.name for p in PACKAGE.glob("*.py")} - {"__init__.py", "__main__.py"}
    assert listed == present


def test_each_verb_lives_in_the_module_of_its_name() -> None:
    lookups = {
        "holdings", "dependents", "covering", "changes", "claims", "lifetime", "lifetimes", "in_force",
        "changes_on", "changes_in", "prerequisites", "describe", "positions", "excluding",
        "survivors", "parties", "dates", "search", "never",
    }  # fmt: skip
    for name in pactgraph.__all__:
        if name == "__version__":
            continue
        module = getattr(pactgraph, name).__module__
        expected = "lookup" if name in lookups else "query" if name == "select" else name
        assert module == f"pactgraph.{expected}", (name, module)


def test_the_floors_file_pins_every_runtime_dependency_at_its_floor() -> None:
    """``make floors`` installs constraints/floors.txt: it must hold each dependency's lowest
    allowed version, so the run checks the floors pyproject.toml promises."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for requirement in project["dependencies"]:
        name, _, rest = requirement.partition(">=")
        floors[name.strip().lower()] = rest.split(",")[0].strip()
    pinned = {}
    for line in (ROOT / "constraints" / "floors.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pinned[name.lower()] = version
    for name, floor in floors.items():
        assert name in pinned, name
        assert tuple(map(int, pinned[name].split("."))) == _padded(floor, pinned[name]), name


def _padded(floor: str, pinned: str) -> tuple[int, ...]:
    parts = [int(p) for p in floor.split(".")]
    return tuple(parts + [0] * (len(pinned.split(".")) - len(parts)))
