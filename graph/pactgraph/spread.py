"""A large answer's parts worked out in several processes at once.

The agreements of a portfolio are independent: one's terms never wait for another's. So
the provisions of a large answer can be split into shares, each worked out by a copy of
this process made with ``fork``. A copy starts with everything this process holds (the term
model, the runs so far) without copying any of it up front, and sends back only its
results. This process works out the first share itself meanwhile.

Forking is used only where it is safe and worth it: on Linux, from a process with a single
Python thread, when each share has at least ``least`` items. Elsewhere the shares are one,
worked out here; the answer is the same either way, item for item and in the same order.

``PACTGRAPH_WORKERS`` sets how many processes an answer may use (``1``: this one only); by
default, as many as the cores this process may run on that other work leaves idle.

Nothing here knows what is worked out.
"""

from __future__ import annotations

import math
import os
import pickle
import re
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from .errors import PactgraphError, UsageError

__all__ = ["ENV", "processes", "shares", "spread", "workers"]

T = TypeVar("T")
R = TypeVar("R")

#: The environment variable that sets how many processes an answer may use.
ENV = "PACTGRAPH_WORKERS"

#: Where Linux's control group states the CPU time this process may use (cgroup v2).
_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")


def workers() -> int:
    """How many processes an answer may use, this one included: ``PACTGRAPH_WORKERS`` if
    set; else the cores this process may run on (as many as its control group's CPU quota
    allows, in a container) that other work leaves idle, by the load average of the last
    minute (at least 1), so that on a machine already busy an answer does not contend with
    its own copies for the same core.

    Raises
    ------
    UsageError
        ``PACTGRAPH_WORKERS`` is not a whole number of at least 1.
    """
    given = os.environ.get(ENV, "").strip()
    if given:
        if not re.fullmatch(r"[0-9]+", given) or int(given) < 1:
            raise UsageError(
                f"{ENV}={given!r} is not a number of processes: give a whole number of at "
                "least 1 (1 works out every answer in this process alone)"
            )
        return int(given)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    cores = min(cores, _quota() or cores)
    try:
        others = max(0, round(os.getloadavg()[0]) - 1)  # the load, less this process's own
    except (AttributeError, OSError):  # the system does not say
        others = 0
    return max(1, cores - others)


def _quota() -> int | None:
    """The cores the control group's CPU quota amounts to (rounded up), if it sets one."""
    try:
        limit, period = _CPU_MAX.read_text(encoding="ascii").split()[:2]
        return max(1, math.ceil(int(limit) / int(period)))
    except (OSError, ValueError):  # no control group file, or "max": no quota
        return None


def _can_fork() -> bool:
    """A copy of this process made now would hold no lock another Python thread holds.

    Threads that are not Python's (a RocksDB store's, say) may run: the copy calls nothing
    of theirs, and leaves without running their clean-up."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and threading.active_count() == 1
        and threading.current_thread() is threading.main_thread()
    )


def processes(total: int, least: int) -> int:
    """How many processes ``total`` items would be worked out in, each taking at least
    ``least`` of them: 1 where spreading is not safe or not worth it."""
    if not _can_fork():
        return 1
    return max(1, min(workers(), total // max(least, 1)))


def shares(
    items: Sequence[T], parts: int, weight: Callable[[T], int] = lambda _: 1
) -> list[Sequence[T]]:
    """``items`` cut into at most ``parts`` runs of about equal weight, in order, none empty.

    Examples
    --------
    >>> shares([1, 2, 3, 4, 5], 2)
    [[1, 2, 3], [4, 5]]
    >>> shares(["a", "bbbb", "c"], 2, weight=len)
    [['a', 'bbbb'], ['c']]
    """
    weights = [weight(item) for item in items]
    total = sum(weights)
    found: list[Sequence[T]] = []
    start, done = 0, 0
    for i, w in enumerate(weights):
        done += w
        # close a share once it holds its part of the total
        if done * parts >= total * (len(found) + 1) and len(found) < parts - 1:
            found.append(list(items[start : i + 1]))
            start = i + 1
    if start < len(items):
        found.append(list(items[start:]))
    return found


def spread(
    work: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    *,
    least: int,
    weight: Callable[[T], int] = lambda _: 1,
    pack: Callable[[list[R]], object] = lambda results: results,
    unpack: Callable[[object], list[R]] = lambda sent: sent,  # type: ignore[assignment,return-value]
) -> list[R]:
    """``work(items)``, worked out in shares side by side where that is safe and worth it.

    ``work`` takes a run of ``items`` and returns a list of results; the results of the
    shares are joined in the order of ``items``, so ``work`` must give for a run the results
    it would give for those items among all the others (items that bear on one another
    belong in one item). The items are cut into about :func:`processes` shares of equal
    weight (``weight``). Another process sends its results as ``pack`` makes them, and
    ``unpack`` makes them results again here: what this process already holds need not be
    sent. Should a process fail to start, its share is worked out here.

    Raises
    ------
    PactgraphError
        What ``work`` raised in another process (as itself, or in words if it cannot be
        sent), or that a process stopped before it sent its results (killed, say, for want
        of memory).
    """
    parts = processes(sum(weight(item) for item in items), least)
    if parts < 2:
        return work(items)
    cut = shares(items, parts, weight)
    pending: list[tuple[int, int]] = []  # the other processes: (id, the pipe to read)
    left: list[Sequence[T]] = []  # shares no process could be started for
    try:
        for share in cut[1:]:
            started = _start(lambda share: pack(work(share)), share, pending)
            if started is None:
                left.append(share)
            else:
                pending.append(started)
        results = work(cut[0])
        while pending:
            pid, reading = pending.pop(0)
            results.extend(unpack(_collect(pid, reading)))  # it waits, whatever happens
        for share in left:
            results.extend(work(share))
        return results
    finally:
        for pid, reading in pending:  # something went wrong here: stop the others
            _stop(pid, reading)


def _start(
    work: Callable[[Sequence[T]], object], share: Sequence[T], others: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """Fork a copy of this process that works out ``share`` and writes its results, pickled,
    to a pipe; the copy's id and the pipe's end to read (None if no copy could be made).
    ``others`` are the copies already started, whose pipes the new one closes."""
    reading, writing = os.pipe()
    stop = {signal.SIGINT, signal.SIGTERM}
    # no interrupt between the fork and the copy's own handling of it: the copy must never
    # run the caller's handlers
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, stop)
    try:
        with warnings.catch_warnings():  # Python 3.12+ warns of threads not its own
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:  # no memory or no process left for a copy
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(reading)
        os.close(writing)
        return None
    if pid:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(writing)
        return pid, reading
    # the copy: it must never return into the caller's code, nor run its exit handlers
    code = 0
    try:
        for signum in stop:  # an interrupt or a termination stops it at once
            signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(reading)
        for _, other in others:
            os.close(other)
        try:
            message = pickle.dumps((True, work(share)), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # sent to the parent, which raises it
            message = _failure(error)
        with os.fdopen(writing, "wb") as out:
            out.write(message)
    except BaseException:  # the pipe is gone: the parent says so
        code = 1
    finally:
        os._exit(code)


def _failure(error: BaseException) -> bytes:
    """``error`` as a message for the parent, which raises it again: in words, if it cannot
    be pickled and read back as it is."""
    try:
        message = pickle.dumps((False, error), protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(message)  # some errors pickle, but cannot be made again from it
    except Exception:  # send its words instead
        said = PactgraphError(f"{type(error).__name__}: {error}")
        message = pickle.dumps((False, said), protocol=pickle.HIGHEST_PROTOCOL)
    return message


def _collect(pid: int, reading: int) -> object:
    """The results the copy ``pid`` sent, once it has stopped (stopped by this process,
    should reading them fail or be interrupted)."""
    data = b""
    try:
        with os.fdopen(reading, "rb") as pipe:
            data = pipe.read()
    finally:
        if not data:
            os.kill(pid, signal.SIGKILL)  # it sent nothing, or this process stopped reading
        _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    try:
        done, value = pickle.loads(data)  # written by this module's own copy of this process
    except Exception:  # cut short: what was sent cannot be read
        done, value = None, None
    if done is None or code != 0:
        raise PactgraphError(
            "a process working out part of the answer stopped before it sent its results "
            f"(exit status {code}); try again with {ENV}=1 to work it out in one process"
        )
    if not done:
        raise value
    return value


def _stop(pid: int, reading: int) -> None:
    """Stop the copy ``pid`` (not yet waited for, so still there) and wait for it."""
    os.close(reading)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
