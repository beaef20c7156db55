"""Large answers worked out in several processes: the same answers, in the same order, as in
one; what a process raised or how it stopped, told here; and a clear error for a bad
``PACTGRAPH_WORKERS``."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import random
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from bench_portfolio import BASE, write_portfolio

from conftest import DATA
from pactgraph.errors import PactgraphError, ParseError, UsageError
from pactgraph.impact import impact
from pactgraph.load import load
from pactgraph.model import model
from pactgraph.spread import ENV, processes, shares, spread, workers
from pactgraph.state import state

SHARED = f"{BASE}/agi-verified"
RECAP = dt.date(2026, 3, 1)  # a recapitalization later than the one recorded
# the modules, not the functions the package exports under the same names
evaluate = importlib.import_module("pactgraph.evaluate")
impact_module = importlib.import_module("pactgraph.impact")
spread_module = importlib.import_module("pactgraph.spread")


def test_shares_keep_the_order_and_weigh_about_the_same() -> None:
    rng = random.Random(7)
    for _ in range(500):
        items = [rng.randint(0, 9) for _ in range(rng.randint(1, 40))]
        parts = rng.randint(1, 6)
        cut = shares(items, parts, weight=lambda x: x)
        assert [x for share in cut for x in share] == items
        assert 1 <= len(cut) <= parts
        assert all(cut), "no share is empty"
        total = sum(items)
        for share in cut[:-1]:  # each closes once it holds its part, give or take one item
            assert sum(share) <= total / parts + max(items)


def _pids(share: Sequence[int]) -> list[tuple[int, int]]:
    return [(x, os.getpid()) for x in share]


def test_the_shares_run_side_by_side_and_come_back_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV, "3")
    found = spread(_pids, list(range(30)), least=5)
    assert [x for x, _ in found] == list(range(30))
    pids = [pid for _, pid in found]
    assert len(set(pids)) == 3
    # this process works out the first share itself, and each share is one process's
    assert [pid for pid in pids[:10]] == [os.getpid()] * 10
    assert len(set(pids[10:20])) == len(set(pids[20:])) == 1


def test_one_worker_or_a_small_answer_stays_in_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV, "1")
    assert {pid for _, pid in spread(_pids, list(range(30)), least=5)} == {os.getpid()}
    monkeypatch.setenv(ENV, "4")
    assert {pid for _, pid in spread(_pids, list(range(9)), least=5)} == {os.getpid()}


def _fails_late(share: Sequence[int]) -> list[int]:
    if 25 in share:
        raise UsageError("item 25 is wrong: give another")
    return list(share)


def _dies_late(share: Sequence[int]) -> list[int]:
    if 25 in share:
        os.kill(os.getpid(), signal.SIGKILL)
    return list(share)


class _Unpicklable(Exception):
    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("no")


def _fails_oddly(share: Sequence[int]) -> list[int]:
    if 25 in share:
        raise _Unpicklable("a lock went missing")
    return list(share)


def _fails_unreadably(share: Sequence[int]) -> list[int]:
    if 25 in share:  # pickles, but cannot be made again from its pickle
        raise ParseError("deals.ttl", "unexpected end of file", line=3)
    return list(share)


def _fails_here(share: Sequence[int]) -> list[int]:
    if 0 in share:  # this process's own share
        raise UsageError("the first share is wrong")
    return list(share)


def _children() -> set[int]:
    """The processes this one started that have not been waited for."""
    path = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children")
    return {int(pid) for pid in path.read_text().split()}


def test_what_another_process_raised_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "2")
    before = _children()
    with pytest.raises(UsageError, match="item 25 is wrong: give another"):
        spread(_fails_late, list(range(30)), least=5)
    with pytest.raises(PactgraphError, match="_Unpicklable: a lock went missing"):
        spread(_fails_oddly, list(range(30)), least=5)
    with pytest.raises(PactgraphError, match=f"stopped before it sent its results.*{ENV}=1"):
        spread(_dies_late, list(range(30)), least=5)
    with pytest.raises(PactgraphError, match=r"ParseError: deals\.ttl:3: unexpected end of file"):
        spread(_fails_unreadably, list(range(30)), least=5)
    with pytest.raises(UsageError, match="the first share is wrong"):
        spread(_fails_here, list(range(30)), least=5)
    assert _children() == before  # every process it started was waited for


def test_no_copy_is_made_beside_another_python_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "3")
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        assert {pid for _, pid in spread(_pids, list(range(30)), least=5)} == {os.getpid()}
    finally:
        done.set()
        other.join()


@pytest.mark.parametrize("given", ["0", "two", "-1", "1.5", "\u00b2"])
def test_a_bad_number_of_workers_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    monkeypatch.setenv(ENV, given)
    with pytest.raises(UsageError, match=f"{ENV}=.* is not a number of processes"):
        workers()


def test_by_default_the_idle_cores_the_quota_allows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: set(range(8)))
    monkeypatch.setattr(os, "getloadavg", lambda: (3.2, 1.0, 1.0))  # this and 2 others
    monkeypatch.setattr(spread_module, "_CPU_MAX", tmp_path / "none")
    assert workers() == 6
    quota = tmp_path / "cpu.max"
    quota.write_text("150000 100000\n")  # 1.5 cores: 2, less the 2 others busy
    monkeypatch.setattr(spread_module, "_CPU_MAX", quota)
    assert workers() == 1
    quota.write_text("max 100000\n")  # no quota
    assert workers() == 6
    monkeypatch.delattr(os, "getloadavg")  # a system that does not say
    assert workers() == 8


def test_the_command_line_says_so_in_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pactgraph", "state", "--on", "2026-01-01"],
        env={**os.environ, ENV: "none"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert f"{ENV}='none' is not a number of processes" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_portfolio_answers_the_same_in_one_process_or_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_portfolio(tmp_path, 12, shared_events=True, vary_dates=True)
    store = load([tmp_path])
    # a small portfolio, so that each process has a few agreements' provisions only
    monkeypatch.setattr(evaluate, "LEAST", 60)
    monkeypatch.setattr(impact_module, "LEAST", 60)
    monkeypatch.setenv(ENV, "2")
    assert processes(len(model(store).provisions), 60) == 2  # so it is spread
    answers = {}
    for count in ("1", "2"):
        monkeypatch.setenv(ENV, count)
        answers[count] = (
            state(store, dt.date(2031, 7, 1)),
            state(store, dt.date(2027, 1, 1), events={SHARED: dt.date(2026, 6, 1)}),
            impact(store, SHARED, on=dt.date(2029, 3, 1)),
            impact(store, SHARED),
        )
        answers[count] += (impact(store, f"{BASE}/recapitalization", on=RECAP),)
    assert answers["1"] == answers["2"]
    assert all(a.provisions for a in answers["1"][:2])
    assert all(a.changes for a in answers["1"][2:4])
    assert answers["1"][4].later  # what an event moves to later days comes back too


def test_provisions_that_bear_on_one_another_are_worked_out_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # each survives the other by a year: a run settles the one it is first asked about
    # first, so the two must be asked about in one process, in the order one process asks
    store = load(
        text="""
        <https://example.org/ag> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
            pg:provision <https://example.org/a>, <https://example.org/b>, <https://example.org/c> .
        <https://example.org/a> a pg:Obligation ; rdfs:label "a" ;
            pg:endsWith <https://example.org/da> ;
            pg:survives <https://example.org/b> ; pg:survivalPeriod "P1Y"^^xsd:duration .
        <https://example.org/b> a pg:Obligation ; rdfs:label "b" ;
            pg:survives <https://example.org/a> ; pg:survivalPeriod "P1Y"^^xsd:duration .
        <https://example.org/c> a pg:Obligation ; rdfs:label "c" .
        <https://example.org/da> a pg:DateTrigger ; rdfs:label "da" ;
            time:inXSDDate "2030-12-31"^^xsd:date .
        """
    )
    monkeypatch.setattr(evaluate, "LEAST", 1)
    answers = []
    for count in ("1", "3"):
        monkeypatch.setenv(ENV, count)
        answers.append(state(store, dt.date(2032, 6, 1)))
    assert answers[0] == answers[1]
    assert len(set(model(store).islands.values())) == 2  # a with b, and c


def test_the_portfolio_is_worked_out_in_two_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_portfolio(tmp_path, 4, shared_events=True, vary_dates=True)
    store = load([tmp_path])
    monkeypatch.setattr(evaluate, "LEAST", 20)
    monkeypatch.setenv(ENV, "2")
    seen: set[int] = set()
    statuses = evaluate._statuses

    def watched(*args: object, **kwargs: object) -> object:
        seen.add(os.getpid())
        if os.getpid() != parent:  # the other process says it was there through its answer
            rows = statuses(*args, **kwargs)  # type: ignore[arg-type]
            return [replace(row, reason=f"{row.reason}#") for row in rows]
        return statuses(*args, **kwargs)  # type: ignore[arg-type]

    parent = os.getpid()
    monkeypatch.setattr(evaluate, "_statuses", watched)
    rows = state(store, dt.date(2031, 7, 1)).provisions
    marked = [row for row in rows if row.reason.endswith("#")]
    assert 0 < len(marked) < len(rows)


@pytest.mark.parametrize(
    "name", ["exercise-cycles", "cycle-replaced", "real-neon-distributor", "end-route-tie"]
)
def test_islands_are_the_parts_of_the_whole_graph(name: str) -> None:
    m = model(load([DATA / name]))
    parts = [
        frozenset(node for node in part if node in m.provisions)
        for part in m.parts({*m.graph.nodes, *m.provisions})
    ]
    by_island: dict[int, set[str]] = {}
    for provision, number in m.islands.items():
        by_island.setdefault(number, set()).add(provision)
    assert {frozenset(p) for p in parts if p} == {frozenset(i) for i in by_island.values()}
    assert m.islands.keys() == m.provisions.keys()
