"""Find the files pactgraph ships: the ontology, the shapes, the queries, the agreements.

In a wheel, ``ontology/`` and ``queries/`` sit inside the package as ``pactgraph/_data/``;
in a checkout (an editable install, or running from the source tree) they sit at the top
level, two directories above this file. Both layouts resolve to the same names here, so no
caller needs to know which one it runs from. The bundled agreements are ordinary package
data under ``pactgraph/agreements/`` in both.

This module reads nothing and imports nothing heavy; it only builds paths.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BUNDLED_AGREEMENTS",
    "agreements_dir",
    "bundled_agreement_files",
    "ontology_dir",
    "ontology_file",
    "queries_dir",
    "shapes_file",
]

_PACKAGE = Path(__file__).resolve().parent

#: File names of the agreements bundled with the package, loaded when no ``--data`` is given.
BUNDLED_AGREEMENTS = ("microsoft-openai-2025.ttl", "microsoft-openai-2026.ttl")


def _data_dir(name: str) -> Path:
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"pactgraph's {name}/ directory is missing; reinstall pactgraph")


def ontology_dir() -> Path:
    """The directory holding ``pactgraph.ttl``, ``shapes.ttl`` and ``context.jsonld``."""
    return _data_dir("ontology")


def ontology_file() -> Path:
    """The ontology, in Turtle."""
    return ontology_dir() / "pactgraph.ttl"


def shapes_file() -> Path:
    """The SHACL shapes, in Turtle."""
    return ontology_dir() / "shapes.ttl"


def queries_dir() -> Path:
    """The directory of named SPARQL queries (``*.rq``) and ``checks/``."""
    return _data_dir("queries")


def agreements_dir() -> Path:
    """The directory of bundled agreements and their source texts."""
    return _PACKAGE / "agreements"


def bundled_agreement_files() -> list[Path]:
    """The agreement files loaded when the user names none."""
    return [agreements_dir() / name for name in BUNDLED_AGREEMENTS]
