"""A store that persists: agreements loaded once into a folder, answered from it ever after.

``pactgraph load FILES --store DIR`` reads agreement files into an on-disk Oxigraph store;
every command then takes ``--store DIR`` (or ``PACTGRAPH_STORE``) and answers without
parsing a file. :func:`persist` is that load, :func:`unload` removes an agreement, and
:func:`open_store` opens the folder for reading.

* **What the store holds comes from the store.** Each agreement is in the named graph of its
  IRI, the ontology in its own, and a record graph (:data:`RECORDS`) holds, for each
  agreement, the file it came from and the file's SHA-256. Loading again replaces an
  agreement whose file changed and leaves the rest.
* **Crash safety.** The folder holds generations (``gen-1``, ``gen-2``, ...) and a symbolic
  link ``current`` to the one in use. A load writes a new generation, started as a checkpoint
  of the current one (RocksDB hard links, so it costs little), and only when it is complete
  and flushed does it move ``current`` to it, with one atomic rename. A load killed half-way
  leaves ``current`` where it was; the next load removes the unfinished generation.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .errors import DataError, InputNotFoundError, UsageError
from .load import (
    MAX_INPUT,
    RECORDS_GRAPH,
    STDIN_PATH,
    Store,
    _check_size,
    _graph_name,
    _parse,
    content_digest,
    rdf_files,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["RECORDS", "Loaded", "open_store", "persist", "read_agreements", "unload"]

#: The named graph holding, for each agreement, the file it came from and the file's hash.
RECORDS = RECORDS_GRAPH
_CURRENT = "current"
_GENERATION = re.compile(r"^gen-(\d+)$")
# The record's own terms, not pg:'s, so no query over the agreements can mistake a record
# for a statement of the agreement.
_FILE = ox.NamedNode(RECORDS_GRAPH + "#file")
_SHA256 = ox.NamedNode(RECORDS_GRAPH + "#sha256")


@dataclass(frozen=True)
class Loaded:
    """What a load did: the agreements added, replaced and left as they were, and what the
    store holds after it."""

    added: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    agreements: int
    quads: int
    bytes_on_disk: int


def _generation(directory: Path) -> Path | None:
    link = directory / _CURRENT
    return link.resolve() if link.is_symlink() else None


def _records(oxi: ox.Store) -> dict[str, tuple[str, str]]:
    """Agreement IRI → (file, SHA-256), from the record graph."""
    found: dict[str, dict[str, str]] = {}
    for quad in oxi.quads_for_pattern(None, None, None, ox.NamedNode(RECORDS)):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
            found.setdefault(quad.subject.value, {})[quad.predicate.value] = quad.object.value
    return {
        agreement: (fields.get(_FILE.value, ""), fields.get(_SHA256.value, ""))
        for agreement, fields in found.items()
    }


#: The packages whose behaviour a kept view depends on: networkx builds and pickles the
#: dependency graph, and pyoxigraph answers the queries the term model is read with.
VIEW_DEPENDENCIES = ("networkx", "pyoxigraph")


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """What a kept view depends on besides the data: pactgraph's version, the code and
    queries that derive the views, and the versions of Python and of the packages in
    :data:`VIEW_DEPENDENCIES`, so that an upgrade of any of them works the views out again."""
    from . import __version__
    from .resources import queries_dir

    digest = hashlib.sha256(__version__.encode())
    digest.update(sys.version.encode())
    for package in VIEW_DEPENDENCIES:
        digest.update(f"{package}=={metadata.version(package)}".encode())
    here = Path(__file__).parent
    for path in sorted([*here.glob("*.py"), *queries_dir().glob("*.rq")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def open_store(directory: str | Path) -> Store:
    """The agreements in the store at ``directory``, opened for reading.

    Raises
    ------
    InputNotFoundError
        ``directory`` holds no pactgraph store.
    """
    folder = Path(directory)
    generation = _generation(folder)
    if generation is None or not generation.is_dir():
        raise InputNotFoundError(
            f"{folder}: no pactgraph store here; make one with pactgraph load FILES --store "
            f"{folder}"
        )
    store = StoreOnDisk(ox.Store.read_only(str(generation)))
    store.generation = generation
    return store


#: The folder, inside a store's, that keeps views derived from each generation (the term
#: model), one file per view, so that later runs read them instead of working them out.
VIEWS = "views"


class StoreOnDisk(Store):
    """A store opened from a folder: the files its agreements came from are read from its
    record graph when first asked for (:attr:`origins`), not each time it is opened, and
    views derived from its quads (the term model) are kept beside its generation
    (:data:`VIEWS`) for the next run. A view is kept as a Python pickle, as trusted as the
    store's own files; one kept by another version of pactgraph's code is not read."""

    _origins: dict[str, Path] | None = None
    generation: Path | None = None

    def _view_file(self, key: str) -> Path | None:
        """Where the view ``key`` is kept: named by the code that keeps it, then the key."""
        if self.generation is None:
            return None
        code = hashlib.sha256(_code_fingerprint().encode()).hexdigest()[:16]
        name = hashlib.sha256(key.encode()).hexdigest()[:16]
        return self.generation.parent / VIEWS / self.generation.name / f"{code}-{name}.pickle"

    def kept(self, key: str) -> Any:
        import pickle

        path = self._view_file(key)
        if path is None or not path.is_file():
            return None
        try:
            with path.open("rb") as kept:
                return pickle.load(kept)  # written by keep(), in the store folder
        except Exception:  # one that cannot be read is worked out again
            return None

    def keep(self, key: str, value: Any) -> None:
        import pickle

        path = self._view_file(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(out.name, path)
            # views kept by other versions of the code are never read again: removed, so
            # that each upgrade does not leave a copy of the model behind
            code = path.name.split("-", 1)[0]
            for other in path.parent.glob("*.pickle"):
                if not other.name.startswith(f"{code}-"):
                    other.unlink(missing_ok=True)
        except (OSError, pickle.PicklingError):
            return  # a folder this run cannot write to keeps nothing

    @property
    def origins(self) -> dict[str, Path]:
        if self._origins is None:
            self._origins = {
                agreement: Path(file)
                for agreement, (file, _) in _records(self.oxigraph).items()
                if file
            }
        return self._origins

    @origins.setter
    def origins(self, value: dict[str, Path]) -> None:
        self._origins = value or None


def persist(
    paths: Sequence[str | Path], directory: str | Path, *, max_input: int | None = MAX_INPUT
) -> Loaded:
    """Load the agreement files ``paths`` into the store at ``directory`` (made if missing).

    An agreement already there from a file with the same SHA-256 is left as it is; one whose
    file changed is replaced; the rest of the store is kept. Every file is parsed before the
    store is touched, so a bad file changes nothing.

    Raises
    ------
    ParseError, DataError
        A file does not parse, holds nothing, or holds an agreement another file holds too.
    UsageError
        ``directory`` exists and is not a pactgraph store, or standard input is given.
    """
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--store {folder}: not a folder")
    if folder.is_dir() and any(folder.iterdir()) and _generation(folder) is None:
        raise UsageError(
            f"--store {folder}: the folder holds other files; give an empty or new folder"
        )
    # a file loaded before, unchanged since (same path, same SHA-256), is not parsed again
    before = _generation(folder) if folder.is_dir() else None
    known: dict[tuple[str, str], str] = {}
    if before is not None and before.is_dir():
        held = ox.Store.read_only(str(before))
        known = {(file, digest): name for name, (file, digest) in _records(held).items()}
        del held
    same, parsed = read_agreements(paths, max_input, known)

    folder.mkdir(parents=True, exist_ok=True)
    current = _generation(folder)
    if not parsed and current is not None:  # nothing changed: the store, and its views, stay
        store = open_store(folder)
        if set(same) <= set(store.agreement_graphs):
            agreements, count = len(store.agreement_graphs), len(store)
            return Loaded((), (), tuple(sorted(same)), agreements, count, _size(current))
        del store
    oxi, target = _begin(folder, current)
    records = _records(oxi)
    added, replaced = [], []
    unchanged = sorted(name for name in same if oxi.contains_named_graph(ox.NamedNode(name)))
    for name in same.keys() - set(unchanged):  # its graph is gone: read its file again
        path = same[name]
        digest = content_digest(path)
        parsed[name] = (path.resolve(), digest, _parse(path, max_input))
    writes: list[ox.Quad] = []
    for name, (path, digest, quads) in sorted(parsed.items()):
        graph = ox.NamedNode(name)
        if records.get(name, ("", ""))[1] == digest and oxi.contains_named_graph(graph):
            unchanged.append(name)
            continue
        if oxi.contains_named_graph(graph):
            replaced.append(name)
            _drop(oxi, graph)
        else:
            added.append(name)
        writes += (ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads)
        writes += [
            ox.Quad(graph, _FILE, ox.Literal(str(path)), ox.NamedNode(RECORDS)),
            ox.Quad(graph, _SHA256, ox.Literal(digest), ox.NamedNode(RECORDS)),
        ]
    # The bulk loader writes without a transaction per statement: the generation becomes
    # current only once complete, so atomicity comes from the switch, not from here.
    oxi.bulk_extend(writes)
    if added or replaced:
        oxi.optimize()
    result = _finish(folder, oxi, target, current)
    return Loaded(tuple(added), tuple(replaced), tuple(unchanged), *result)


def read_agreements(
    paths: Sequence[str | Path],
    max_input: int | None = MAX_INPUT,
    known: Mapping[tuple[str, str], str] | None = None,
) -> tuple[dict[str, Path], dict[str, tuple[Path, str, list[ox.Quad]]]]:
    """The agreement files ``paths`` for a store, every one checked before any store is
    touched: by agreement, those ``known`` holds unchanged (``(file, SHA-256)`` → the
    agreement), and the others parsed, each with its file and SHA-256.

    Raises
    ------
    ParseError, DataError
        A file does not parse, holds nothing, or holds an agreement another file holds too.
    UsageError
        Standard input is given: a store keeps the file each agreement came from.
    """
    files = rdf_files(paths)
    if STDIN_PATH in files:
        raise UsageError("a store keeps the file each agreement came from; name files, not -")
    _check_size(files, max_input)
    same: dict[str, Path] = {}
    parsed: dict[str, tuple[Path, str, list[ox.Quad]]] = {}
    for path in files:
        digest = content_digest(path)
        name = (known or {}).get((str(path.resolve()), digest), "")
        if name and name not in parsed and name not in same:
            same[name] = path
            continue
        quads = _parse(path, max_input)
        if not quads:
            raise DataError(f"{path}: holds no RDF statements; name a file that describes one")
        name = _graph_name(path, quads)
        if name in parsed or name in same:
            other = parsed[name][0] if name in parsed else same[name]
            raise DataError(
                f"{path}: agreement {name} is also in {other}; give each version of "
                "an agreement its own IRI"
            )
        parsed[name] = (path.resolve(), digest, quads)
    return same, parsed


def unload(directory: str | Path, agreement: str) -> Loaded:
    """Remove the agreement ``agreement`` (its IRI) from the store at ``directory``.

    Raises
    ------
    InputNotFoundError
        No store there, or no such agreement in it.
    """
    folder = Path(directory)
    current = _generation(folder)
    store = open_store(folder)
    if agreement not in store.agreement_graphs:
        held = ", ".join(store.agreement_graphs[:5]) or "none"
        raise InputNotFoundError(f"{folder}: holds no agreement {agreement}; it holds {held}")
    del store
    oxi, target = _begin(folder, current)
    _drop(oxi, ox.NamedNode(agreement))
    result = _finish(folder, oxi, target, current)
    return Loaded((), (), (), *result)


def _begin(folder: Path, current: Path | None) -> tuple[ox.Store, Path]:
    """A new generation to write, after clearing what killed loads left: a checkpoint of the
    current one, or, for a new store, one holding the ontology."""
    _sweep(folder, keep=current)
    target = _next(folder)
    if current is None:
        from .load import _with_ontology

        return _with_ontology(target), target
    ox.Store.read_only(str(current)).backup(str(target))
    return ox.Store(str(target)), target


def _drop(oxi: ox.Store, graph: ox.NamedNode) -> None:
    """Remove an agreement's graph and its record."""
    oxi.remove_graph(graph)
    for old in list(oxi.quads_for_pattern(graph, None, None, ox.NamedNode(RECORDS))):
        oxi.remove(old)


def _finish(
    folder: Path, oxi: ox.Store, target: Path, previous: Path | None
) -> tuple[int, int, int]:
    """Flush the new generation, point ``current`` at it atomically, drop the old one."""
    store = Store(oxi)
    agreements, quads = len(store.agreement_graphs), len(store)
    oxi.flush()
    del store, oxi
    link = folder / f"{_CURRENT}.new"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(target.name)
    os.replace(link, folder / _CURRENT)  # the one step that makes the new generation current
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)
        shutil.rmtree(folder / VIEWS / previous.name, ignore_errors=True)
    return agreements, quads, _size(target)


def _next(folder: Path) -> Path:
    """The folder of the next generation."""
    numbers = [int(m[1]) for p in folder.iterdir() if (m := _GENERATION.match(p.name))]
    return folder / f"gen-{1 + max(numbers, default=0)}"


def _sweep(folder: Path, keep: Path | None) -> None:
    """Remove generations a killed load left unfinished (all but the current one)."""
    for path in folder.iterdir():
        if _GENERATION.match(path.name) and path.resolve() != keep:
            shutil.rmtree(path, ignore_errors=True)
    views = folder / VIEWS
    if views.is_dir():
        for path in views.iterdir():
            if keep is None or path.name != keep.name:
                shutil.rmtree(path, ignore_errors=True)
