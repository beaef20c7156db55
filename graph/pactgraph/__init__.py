"""pactgraph: agreements as RDF knowledge graphs, and answers to dependency questions.

The public API reads like the pipeline: :func:`load` → :func:`validate` → :func:`query` (and
:func:`select`) → :func:`summarize` → :func:`state`, :func:`impact`, :func:`ask` (with
:func:`resolve` for names) → :func:`visualize` / :func:`export`; :func:`serve` offers the graph
as a SPARQL endpoint. :func:`parties`, :func:`dates`, :func:`holdings`, :func:`positions`,
:func:`dependents`, :func:`prerequisites`, :func:`describe`, :func:`covering`,
:func:`excluding`, :func:`changes`, :func:`claims`, :func:`lifetime`, :func:`lifetimes`,
:func:`in_force`, :func:`changes_on`, :func:`changes_in`, :func:`search`, :func:`never` and
:func:`survivors` answer the questions that :func:`ask` routes to, and :func:`diff` what one
version of an agreement changed from another.

Each verb lives in the module of its name (``pactgraph.state.state``; the lookups in
``pactgraph.lookup``, ``select`` beside ``query``) and is imported on first use, so
``import pactgraph`` (and ``pactgraph --help``) stays fast. Importing a verb's module does
not hide the verb: ``pactgraph.state`` stays the function. The answers the verbs return are
in :mod:`pactgraph.answers`.

>>> import pactgraph
>>> store = pactgraph.load()
>>> pactgraph.validate(store).conforms
True
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "ask",
    "changes",
    "changes_in",
    "changes_on",
    "claims",
    "covering",
    "dates",
    "dependents",
    "describe",
    "diff",
    "excluding",
    "export",
    "holdings",
    "impact",
    "in_force",
    "lifetime",
    "lifetimes",
    "load",
    "never",
    "parties",
    "positions",
    "prerequisites",
    "query",
    "resolve",
    "search",
    "select",
    "serve",
    "state",
    "summarize",
    "survivors",
    "validate",
    "visualize",
]

_VERBS = {
    "load": "pactgraph.load",
    "validate": "pactgraph.validate",
    "query": "pactgraph.query",
    "select": "pactgraph.query",
    "summarize": "pactgraph.summarize",
    "state": "pactgraph.state",
    "impact": "pactgraph.impact",
    "ask": "pactgraph.ask",
    "holdings": "pactgraph.lookup",
    "parties": "pactgraph.lookup",
    "dates": "pactgraph.lookup",
    "dependents": "pactgraph.lookup",
    "prerequisites": "pactgraph.lookup",
    "positions": "pactgraph.lookup",
    "describe": "pactgraph.lookup",
    "excluding": "pactgraph.lookup",
    "diff": "pactgraph.diff",
    "covering": "pactgraph.lookup",
    "changes": "pactgraph.lookup",
    "changes_in": "pactgraph.lookup",
    "changes_on": "pactgraph.lookup",
    "in_force": "pactgraph.lookup",
    "lifetime": "pactgraph.lookup",
    "lifetimes": "pactgraph.lookup",
    "claims": "pactgraph.lookup",
    "survivors": "pactgraph.lookup",
    "search": "pactgraph.lookup",
    "never": "pactgraph.lookup",
    "resolve": "pactgraph.resolve",
    "export": "pactgraph.export",
    "visualize": "pactgraph.visualize",
    "serve": "pactgraph.serve",
}

if TYPE_CHECKING:
    from .ask import ask
    from .diff import diff
    from .export import export
    from .impact import impact
    from .load import load
    from .lookup import (
        changes,
        changes_in,
        changes_on,
        claims,
        covering,
        dates,
        dependents,
        holdings,
        in_force,
        lifetime,
        lifetimes,
        never,
        parties,
        search,
        survivors,
    )
    from .query import query, select
    from .resolve import resolve
    from .serve import serve
    from .state import state
    from .summarize import summarize
    from .validate import validate
    from .visualize import visualize


def __getattr__(name: str) -> Any:
    if name in _VERBS:
        return getattr(import_module(_VERBS[name]), name)
    raise AttributeError(f"module 'pactgraph' has no attribute {name!r}")


class _Package(types.ModuleType):
    """The package, whose verb names stay the verbs: the import system sets a submodule
    as an attribute of its package when it is first imported, which would put the module
    ``pactgraph.state`` where the function ``pactgraph.state`` is looked up."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _VERBS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
