"""pactgraph: agreements as RDF knowledge graphs, and answers to dependency questions.

The public API reads like the pipeline: :func:`load` → :func:`validate` → :func:`select`
(or :func:`query`, any SPARQL query on either engine) → :func:`summarize` → :func:`serve`.
Each verb lives in a module of its own and is imported on first use, so ``import
pactgraph`` (and ``pactgraph --help``) stays fast.

>>> import pactgraph
>>> store = pactgraph.load()
>>> pactgraph.validate(store).conforms
True
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "load", "query", "select", "serve", "summarize", "validate"]

_VERBS = {
    "load": "pactgraph.store",
    "validate": "pactgraph.validation",
    "select": "pactgraph.queries",
    "summarize": "pactgraph.info",
    "query": "pactgraph.queries",
    "serve": "pactgraph.server",
}

if TYPE_CHECKING:
    from .info import summarize
    from .queries import query, select
    from .server import serve
    from .store import load
    from .validation import validate


def __getattr__(name: str) -> Any:
    if name in _VERBS:
        return getattr(import_module(_VERBS[name]), name)
    raise AttributeError(f"module 'pactgraph' has no attribute {name!r}")
