"""pactgraph: agreements as RDF knowledge graphs, and answers to dependency questions.

The public API reads like the pipeline: :func:`load` → :func:`validate` → :func:`select`
→ :func:`summarize` → :func:`state`, :func:`impact`, :func:`ask` (with :func:`resolve` for
names) → :func:`visualize` / :func:`export`; :func:`query` runs any SPARQL query on either
engine and :func:`serve` offers the graph as a SPARQL endpoint. Each verb lives in a module
of its own and is imported on first use, so ``import pactgraph`` (and ``pactgraph --help``)
stays fast.

>>> import pactgraph
>>> store = pactgraph.load()
>>> pactgraph.validate(store).conforms
True
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "ask",
    "export",
    "impact",
    "load",
    "query",
    "resolve",
    "select",
    "serve",
    "state",
    "summarize",
    "validate",
    "visualize",
]

_VERBS = {
    "load": "pactgraph.store",
    "validate": "pactgraph.validation",
    "select": "pactgraph.queries",
    "summarize": "pactgraph.info",
    "state": "pactgraph.terms",
    "impact": "pactgraph.impacts",
    "ask": "pactgraph.questions",
    "resolve": "pactgraph.names",
    "export": "pactgraph.exports",
    "visualize": "pactgraph.viz",
    "query": "pactgraph.queries",
    "serve": "pactgraph.server",
}

if TYPE_CHECKING:
    from .exports import export
    from .impacts import impact
    from .info import summarize
    from .names import resolve
    from .queries import query, select
    from .questions import ask
    from .server import serve
    from .store import load
    from .terms import state
    from .validation import validate
    from .viz import visualize


def __getattr__(name: str) -> Any:
    if name in _VERBS:
        return getattr(import_module(_VERBS[name]), name)
    raise AttributeError(f"module 'pactgraph' has no attribute {name!r}")
