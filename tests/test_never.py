"""Scenarios with events that never happen ("what changes when X but never Y?").

An event dated NEVER happens on no day: what waits only for it is not conditional, nothing
implies it, it is no day to try an impact on, and an event that requires it cannot happen.
The statuses are in the fixtures (earliest-of, latest-of, prerequisite-chain); these tests
hold the rest: the errors, the words, and the ways to say it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import DATA, assert_one_line_error, run_cli
from pactgraph.errors import UsageError
from pactgraph.impact import impact
from pactgraph.load import load
from pactgraph.parse import parse_events, parse_scenario
from pactgraph.scenario import NEVER
from pactgraph.state import state

CHAIN = DATA / "prerequisite-chain" / "agreement.ttl"


def test_an_impact_of_an_event_that_never_happens_or_needs_one_is_refused() -> None:
    store = load([CHAIN])
    with pytest.raises(UsageError, match="says review started never happens"):
        impact(store, "review started", events={"review started": NEVER})
    with pytest.raises(UsageError, match="approval granted requires review started, which never"):
        impact(store, "approval granted", events={"review started": NEVER})


def test_a_never_event_is_no_day_to_try_and_the_answer_says_what_was_assumed() -> None:
    answer = impact(load([CHAIN]), "filing made", events={"review started": NEVER})
    assert [(c.label, c.change.value, c.condition) for c in answer.changes] == [
        ("exclusive negotiation", "ends", None)
    ]
    assert "review started never happens in this scenario, as asked: nothing waits for it" in (
        answer.notes
    )
    assert "approval granted cannot happen either: it requires review started" in answer.notes
    assert answer.never == ("review started",)
    assert answer.as_dict()["never"] == ["review started"]


def test_the_reason_says_the_end_never_comes() -> None:
    answer = state(load([CHAIN]), dt.date(2025, 1, 1), events={"review started": NEVER})
    reasons = {p.label: p.reason for p in answer.provisions}
    assert reasons["standstill"].endswith(
        "ends when review started happens, which it never does in this scenario"
    )
    assert "which it cannot in this scenario: it requires review started" in reasons["break fee"]


def test_never_as_people_write_it() -> None:
    assert parse_scenario(["notice given=never"]) == {"notice given": NEVER}
    assert parse_events("notice is given on 2029-03-01 but the plant never closes") == {
        "notice is given": dt.date(2029, 3, 1),
        "the plant closes": NEVER,
    }
    assert parse_events("never approval granted") == {"approval granted": NEVER}
    assert parse_events("notice is never given") == {"notice is given": NEVER}
    assert parse_events("review started never happens") == {"review started": NEVER}


def test_a_comma_or_and_inside_a_name_or_a_date_does_not_cut_the_scenario() -> None:
    # each clause must date an event or say one never happens: "KI, Inc." is one name
    assert parse_events(
        "Diplomat breaches on 1 May 1998, and KI, Inc. mails the notice on 12 May 1998"
    ) == {
        "Diplomat breaches": dt.date(1998, 5, 1),
        "KI, Inc. mails the notice": dt.date(1998, 5, 12),
    }
    assert parse_events("the plant closes on March 1, 2029 and notice is given on 2030-01-01") == {
        "the plant closes": dt.date(2029, 3, 1),
        "notice is given": dt.date(2030, 1, 1),
    }
    assert parse_events("Diplomat never remedies the violation and satisfies KI") == {
        "Diplomat remedies the violation and satisfies KI": NEVER
    }
    assert parse_events("a on 2029-03-01, b on 2029-04-01, and c never happens") == {
        "a": dt.date(2029, 3, 1),
        "b": dt.date(2029, 4, 1),
        "c": NEVER,
    }


def test_the_cli_and_ask_take_never() -> None:
    data = ("--data", str(CHAIN))
    state_cli = run_cli("state", "--on", "2025-01-01", "--event", "review started=never", *data,
                        "--format", "json")  # fmt: skip
    assert state_cli.returncode == 0, state_cli.stderr
    asked = run_cli("ask", "what changes when filing made but never review started?", *data)
    assert asked.returncode == 0, asked.stderr
    assert "review started never happens" in asked.stdout
    assert "exclusive negotiation" in asked.stdout
    refused = run_cli("ask", "what changes when approval granted if review started never happens?",
                      *data)  # fmt: skip
    assert_one_line_error(refused, 2, "which never happens in this scenario")
    in_force = run_cli("ask", "what is in force on 2025-01-01 if review started never happens?",
                       *data)  # fmt: skip
    assert "which it never does in this scenario" in in_force.stdout
