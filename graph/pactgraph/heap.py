"""Python's memory, as pactgraph uses it: holding back the cyclic garbage collector while
many objects that live on are built (a model, an answer, its text).

Nothing here knows what is built.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["no_cycle_sweeps"]


@contextmanager
def no_cycle_sweeps() -> Iterator[None]:
    """Hold back Python's cyclic garbage collector while a model or an answer is built.

    Building one allocates many objects that live on (terms, statuses, their words), and each
    time enough have piled up the collector walks them all, and at its full passes every
    object of the model too: a third of a portfolio's ``state`` went to those walks. What is
    dropped meanwhile is freed by reference counting or, if it holds a cycle, at the
    collector's next pass. The collector runs again afterwards, unless it was held back
    already.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
