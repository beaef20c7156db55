"""The term evaluator and impact analysis on small fixture agreements, one idea each.

Each ``tests/data/<name>/`` holds an agreement, its source text, and ``expected.json``:
hand-computed statuses on dates under scenarios, impacts of events, and errors.

``expected.json`` holds an ``idea`` (what the fixture shows) and lists of cases:

- ``state``: ``on``, ``events`` (name → date, or a list of dates for an event that
  happens more than once), optionally ``implied`` (local names of the
  events the scenario implies) and ``agreements`` (the agreements asked about, by IRI or
  name; default all), and ``expect``: for every provision (by local name; with
  ``"partial": true``, only the provisions the case is about), the fields of its row that
  must hold (``path`` and ``modified_by`` as local names). Two
  optional keys check the row's ``reason``: ``reason_contains`` (substrings it must hold)
  and ``reason_excludes`` (substrings it must not); two check the answer's notes:
  ``notes_contain`` (substrings some note must hold) and ``notes_exclude`` (none may).
- ``impact``: ``event``, ``on`` (or null, and then optionally ``within``: the first and last
  day the event may happen on), ``events``, and ``expect``: every change as
  ``[provision, change, cause, condition]``. Optional keys: ``paths`` (provision → the local
  names of the nodes of its ``path``, from the event to the provision), ``how`` (provision →
  a substring its row must say about what changed: its ``how`` field if the row has one,
  else its ``reason``) and ``reason_excludes`` (substrings no change's ``reason`` may hold);
  with a day, ``later`` (provision → the fields of its row in ``later`` that must hold:
  ``first_before``, ``first_after``, ``last_before``, ``last_after``): every provision whose
  term the event moves beyond its day, no more.
- ``errors``: ``on``, ``events`` and the ``message`` the scenario's usage error matches.
- ``rests_on``: a ``name`` and ``expect``: everything it rests on (local name → the number
  of statements between them), no more.
- ``positions``: a ``party``, a ``stance`` (``owes``, ``is owed``, ``may``, ``may not``), an
  ``on`` date or null, and ``expect``: the local names of the provisions, no more.
- ``describe``: a ``name``, the ``label``, ``kinds`` and ``names`` it resolves to, every
  statement about it as ``[subject, relation, object]`` labels, and its ``quotes``.

Every ``.ttl`` file of the folder is loaded (one per version of an agreement), and a state or
impact case may give ``as_of``: answer from the versions published on or before that day.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from pactgraph.errors import UsageError
from pactgraph.impact import impact
from pactgraph.load import Store, load
from pactgraph.lookup import describe, positions, prerequisites
from pactgraph.scenario import NEVER
from pactgraph.state import state

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(p.parent.name for p in DATA.glob("*/expected.json"))


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name / "expected.json").read_text(encoding="utf-8"))
    return data


def _dates(events: dict[str, Any]) -> dict[str, Any]:
    """Event name → date, ``"never"`` for an event that never happens, or a list of dates
    for an event that happens more than once."""

    def day(v: str) -> dt.date:
        return NEVER if v == "never" else dt.date.fromisoformat(v)

    return {k: [day(d) for d in v] if isinstance(v, list) else day(v) for k, v in events.items()}


def _as_of(case: dict[str, Any]) -> dt.date | None:
    return dt.date.fromisoformat(case["as_of"]) if case.get("as_of") else None


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


_STORES: dict[str, Store] = {}


def _store(name: str) -> Store:
    if name not in _STORES:
        _STORES[name] = load([DATA / name])
    return _STORES[name]


def _cases(kind: str) -> list[Any]:
    return [
        pytest.param(name, i, case, id=f"{name}-{kind}-{i}")
        for name in FIXTURES
        for i, case in enumerate(_expected(name).get(kind, []))
    ]


def test_there_are_fixtures_for_each_idea() -> None:
    assert {
        "earliest-of",
        "latest-of",
        "prerequisite-chain",
        "ripple",
        "exception",
        "cycle",
        "lease",
        "shared-prerequisite",
        "later-conditional-end",
        "conditional-start",
        "ended-before-start",
        "latest-of-before-date",
        "impact-without-date",
        "explanation-path",
        "impact-rows",
    } <= set(FIXTURES)


@pytest.mark.parametrize(("name", "index", "case"), _cases("state"))
def test_state(name: str, index: int, case: dict[str, Any]) -> None:
    answer = state(
        _store(name),
        dt.date.fromisoformat(case["on"]),
        events=_dates(case["events"]),
        as_of=_as_of(case),
        agreements=case.get("agreements"),
    ).as_dict()
    got = {_local(p["provision"]): p for p in answer["provisions"]}
    if case.get("partial"):
        assert set(case["expect"]) <= set(got), "every provision expected is in the answer"
    else:
        assert set(case["expect"]) == set(got), "every provision of the fixture is expected"
    for provision, wanted in case["expect"].items():
        reason = got[provision]["reason"]
        for text in wanted.get("reason_contains", []):
            assert text in reason, (provision, "reason_contains", text, reason)
        for text in wanted.get("reason_excludes", []):
            assert text not in reason, (provision, "reason_excludes", text, reason)
        for key, value in wanted.items():
            if key in {"reason_contains", "reason_excludes"}:
                continue
            actual = got[provision][key]
            if key in {"path", "modified_by"}:
                actual = [_local(v) for v in actual]
            assert actual == value, (provision, key, got[provision]["reason"])
        assert got[provision]["reason"], "every status comes with a reason"
    for text in case.get("notes_contain", []):
        assert any(text in note for note in answer["notes"]), ("notes_contain", text)
    for text in case.get("notes_exclude", []):
        assert not any(text in note for note in answer["notes"]), ("notes_exclude", text)
    if "implied" in case:
        implied = sorted(_local(e["event"]) for e in answer["scenario"] if e["source"] == "implied")
        assert implied == sorted(case["implied"])
        assert len(answer["notes"]) == len(case["implied"])


@pytest.mark.parametrize("name", [*FIXTURES, "bundled"])
def test_the_state_of_one_agreement_is_its_rows_of_the_whole(name: str) -> None:
    # evaluating only an agreement's provisions (and what they rest on) gives each of them
    # the row the state of every agreement gives it, on each day its terms turn on
    store = load() if name == "bundled" else _store(name)
    full_model = state(store, dt.date(2026, 1, 1))
    days = {dt.date(2024, 6, 1), dt.date(2026, 1, 1), dt.date(2029, 3, 1), dt.date(2031, 7, 1)}
    for on in sorted(days):
        everything = {p.provision: p for p in state(store, on).provisions}
        for agreement in sorted({p.agreement for p in full_model.provisions}):
            some = state(store, on, agreements=[agreement]).provisions
            assert {p.provision for p in some} >= {
                p.provision for p in everything.values() if p.agreement == agreement
            }
            for row in some:
                assert row == everything[row.provision], (on, agreement, row.provision)


@pytest.mark.parametrize(("name", "index", "case"), _cases("impact"))
def test_impact(name: str, index: int, case: dict[str, Any]) -> None:
    on = dt.date.fromisoformat(case["on"]) if case["on"] else None
    span = case.get("within")
    within = (dt.date.fromisoformat(span[0]), dt.date.fromisoformat(span[1])) if span else None
    answer = impact(
        _store(name),
        case["event"],
        on=on,
        within=within,
        events=_dates(case["events"]),
        as_of=_as_of(case),
    ).as_dict()
    got = sorted(
        (_local(c["provision"]), c["change"], c["cause"], c["condition"]) for c in answer["changes"]
    )
    assert got == sorted(tuple(e) for e in case["expect"])
    rows = {_local(c["provision"]): c for c in answer["changes"]}
    for change in answer["changes"]:
        assert change["path"][0] == answer["event"]["event"]
        assert change["path"][-1] == change["provision"]
        assert len(change["steps"]) == len(change["path"]) - 1
        for step in change["steps"]:
            assert step["relation"] != "?", (_local(change["provision"]), "a step the graph lacks")
        assert change["quote"]
        for text in case.get("reason_excludes", []):
            assert text not in change["reason"], (_local(change["provision"]), change["reason"])
    for provision, path in case.get("paths", {}).items():
        assert [_local(node) for node in rows[provision]["path"]] == path, provision
    for provision, text in case.get("how", {}).items():
        said = rows[provision].get("how") or rows[provision]["reason"]
        assert text in said, (provision, "how", text, said)
    if "later" in case:
        later = {_local(s["provision"]): s for s in answer["later"]}
        assert set(later) == set(case["later"]), "every provision the event moves is expected"
        for provision, wanted in case["later"].items():
            for key, value in wanted.items():
                assert later[provision][key] == value, (provision, key, later[provision]["how"])


@pytest.mark.parametrize(("name", "index", "case"), _cases("errors"))
def test_scenario_errors(name: str, index: int, case: dict[str, Any]) -> None:
    with pytest.raises(UsageError, match=case["message"]):
        state(_store(name), dt.date.fromisoformat(case["on"]), events=_dates(case["events"]))


@pytest.mark.parametrize(("name", "index", "case"), _cases("rests_on"))
def test_rests_on(name: str, index: int, case: dict[str, Any]) -> None:
    answer = prerequisites(_store(name), case["name"])
    got = {_local(p.node): len(p.path) - 1 for p in answer.prerequisites}
    assert got == case["expect"]
    for row in answer.prerequisites:
        assert row.path[0] == answer.node
        assert row.path[-1] == row.node
        assert row.via.count(";") == len(row.path) - 2, "one statement per step"
        assert row.via.startswith(answer.label)


@pytest.mark.parametrize(("name", "index", "case"), _cases("describe"))
def test_describe(name: str, index: int, case: dict[str, Any]) -> None:
    answer = describe(_store(name), case["name"])
    assert answer.label == case["label"]
    assert list(answer.kinds) == case["kinds"]
    assert list(answer.names) == case["names"]
    got = sorted([s.subject, s.relation, s.object] for s in answer.statements)
    assert got == sorted(case["statements"])
    assert list(answer.quotes) == case["quotes"]


@pytest.mark.parametrize(("name", "index", "case"), _cases("positions"))
def test_positions(name: str, index: int, case: dict[str, Any]) -> None:
    on = dt.date.fromisoformat(case["on"]) if case["on"] else None
    answer = positions(_store(name), case["party"], case["stance"], on=on)
    assert sorted(_local(p.provision) for p in answer.provisions) == case["expect"]


def test_a_lifetime_names_the_survivor_it_ends_with() -> None:
    """The inspection right rests on the records duty, which survives the Term by a year:
    it ends with the records duty, not with the Term."""
    from pactgraph.lookup import lifetime
    from pactgraph.model import model

    store = load([DATA / "real-bizzingo-endorsement"])
    base = "https://w3id.org/pactgraph/id/bizzingo-endorsement-2012/"
    life = lifetime(store, base + "inspection-right")
    assert life.end == dt.date(2014, 2, 28)
    assert life.ends == f"with {model(store).label(base + 'records-retention')}"


def test_a_lifetime_is_conditional_where_what_it_rests_on_could_end_sooner() -> None:
    """The inspection right ends with the records duty, which survives the Term: a notice of
    termination nobody dated could end the Term, and so the right, sooner (10(a), 10(d))."""
    from pactgraph.lookup import lifetime

    store = load([DATA / "real-bizzingo-endorsement"])
    base = "https://w3id.org/pactgraph/id/bizzingo-endorsement-2012/"
    assert lifetime(store, base + "inspection-right").conditional
    # with the Term ended by a dated notice, nothing undated is left to end it sooner
    ended = lifetime(
        store,
        base + "inspection-right",
        events={"convenience-notice-received": dt.date(2012, 6, 1)},
    )
    assert ended.end == dt.date(2013, 7, 1)


def test_the_words_of_a_combination_inside_another_read_as_one_list() -> None:
    """The earliest of a date and of (the earliest of two events) is the earliest of the
    three; a latest-of inside it is a clause of its own, in brackets."""
    from pactgraph.evaluate import Run
    from pactgraph.model import model
    from pactgraph.scenario import build

    store = load(
        text="""
        <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
            pg:provision <https://example.org/r> .
        <https://example.org/r> a pg:Right ; rdfs:label "r" ; pg:endsWith <https://example.org/any> .
        <https://example.org/any> a pg:EarliestOf ;
            pg:member <https://example.org/d>, <https://example.org/either>, <https://example.org/both> .
        <https://example.org/either> a pg:EarliestOf ; pg:member <https://example.org/e1>, <https://example.org/e2> .
        <https://example.org/both> a pg:LatestOf ; pg:member <https://example.org/e3>, <https://example.org/e4> .
        <https://example.org/d> a pg:DateTrigger ; rdfs:label "the long stop" ; time:inXSDDate "2030-01-01"^^xsd:date .
    """
        + "".join(
            f'<https://example.org/e{i}> a pg:Event ; rdfs:label "event {i}" .' for i in range(1, 5)
        )
    )
    m = model(store)
    words = Run(m, build(m, {})).words("https://example.org/any")
    assert words == (  # the members in the order of their IRIs: both, d, either
        "(when event 3 happens and when event 4 happens, whichever is last) or on 2030-01-01 "
        "(the long stop) or when event 1 happens or when event 2 happens, whichever is first"
    )


def test_what_could_end_a_provision_sooner_is_said_once_with_its_events() -> None:
    """A provision that ends with the Term, which an undated notice could end sooner, says
    which events could (not "it ends if the Term ends" after "ends with the Term"); one with
    an undated end of its own says both."""
    text = """
    <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
        pg:provision <https://example.org/term>, <https://example.org/services>, <https://example.org/fee> .
    <https://example.org/term> a pg:Obligation ; rdfs:label "the Term" ;
        pg:endsWith [ a pg:EarliestOf ; pg:member <https://example.org/expiry>, <https://example.org/notice> ] .
    <https://example.org/expiry> a pg:DateTrigger ; rdfs:label "expiry" ; time:inXSDDate "2026-12-31"^^xsd:date .
    <https://example.org/notice> a pg:Event ; rdfs:label "a party gives notice of termination" .
    <https://example.org/withdrawal> a pg:Event ; rdfs:label "withdrawal of a service" .
    <https://example.org/services> a pg:Obligation ; rdfs:label "the services" ;
        pg:dependsOn <https://example.org/term> ; pg:endsWith <https://example.org/withdrawal> .
    <https://example.org/fee> a pg:Obligation ; rdfs:label "the fee" ; pg:dependsOn <https://example.org/services> .
    """
    rows = {
        r.provision.rsplit("/", 1)[-1]: r for r in state(load(text=text), D(2025, 1, 1)).provisions
    }
    services, fee = rows["services"].reason, rows["fee"].reason
    assert services.count("it depends on the Term") == 1, services
    assert "ends when withdrawal of a service happens" in services
    assert (
        "or it ends if the Term ends sooner, on an event this scenario does not date: "
        "a party gives notice of termination" in services
    )
    # through the services, which it rests on: their own end is the first that could come
    assert (
        "or earlier: it ends if the services ends sooner, on an event this scenario does not "
        "date: withdrawal of a service" in fee
    ), fee
    assert "or when a party gives notice of termination, whichever" in rows["term"].reason


def test_a_provision_is_shown_with_the_sentence_that_states_it() -> None:
    """Of a provision's quotes, answers show one of its own agreement's text that the fewest
    provisions rest on, then the first: not a survival clause several provisions cite, even
    one earlier in the text (nor the first in the alphabet, as before), nor another
    document's sentence."""
    text = """
    <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
        pg:sourceDocument <https://example.org/text> ;
        pg:provision <https://example.org/nda>, <https://example.org/audit>, <https://example.org/pay> .
    <https://example.org/survival> oa:exact "Sections 4, 5 and 9 survive termination." ;
        oa:start 10 ; dcterms:source <https://example.org/text> .
    <https://example.org/nda-text> oa:exact "Each party shall keep the other's information secret." ;
        oa:start 400 ; dcterms:source <https://example.org/text> .
    <https://example.org/report> oa:exact "A party must keep secrets, the report says." ;
        oa:start 0 ; dcterms:source <https://example.org/press> .
    <https://example.org/nda> a pg:Obligation ; rdfs:label "confidentiality" ;
        pg:evidence <https://example.org/survival>, <https://example.org/nda-text>, <https://example.org/report> .
    <https://example.org/audit> a pg:Right ; rdfs:label "audit" ; pg:evidence <https://example.org/survival> .
    <https://example.org/pay> a pg:Obligation ; rdfs:label "payment" ; pg:evidence <https://example.org/survival> .
    """
    from pactgraph.model import model

    m = model(load(text=text))
    assert m.provisions["https://example.org/nda"].quote.startswith("Each party shall keep")
    assert m.provisions["https://example.org/audit"].quote.startswith("Sections 4, 5 and 9")


@pytest.mark.parametrize("renamed", ["breach-termination", "expiry"])
def test_an_end_through_two_routes_at_once_does_not_depend_on_their_names(renamed: str) -> None:
    """The end-route fixture's tie (expiry and termination for breach on one day), with one
    of the two triggers renamed to sort last: the same answer."""
    text = (DATA / "end-route" / "agreement.ttl").read_text(encoding="utf-8")
    text = text.replace(f":{renamed} ", f":zz-{renamed} ").replace(
        f":{renamed},", f":zz-{renamed},"
    )
    text = text.replace(f":{renamed} .", f":zz-{renamed} .")
    assert f":zz-{renamed}" in text
    store = load(text=text)
    notice = "https://example.org/end-route/breach-notice"
    rows = {
        r.provision.rsplit("/", 1)[-1]: r
        for r in state(store, D(2028, 1, 2), events={notice: D(2027, 12, 2)}).provisions
    }
    assert rows["sell-off"].status.value == "not_started"
    assert rows["replacement-costs"].status.value == "in_force"
    assert rows["replacement-costs"].start == D(2028, 1, 1)


D = dt.date

_END_CYCLES = """
    <https://example.org/g> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
        pg:provision <https://example.org/{c}>, <https://example.org/{d}>,
            <https://example.org/{a}>, <https://example.org/b> .
    <https://example.org/{c}> a pg:Right ; rdfs:label "C" ; pg:endsWith <https://example.org/cx> .
    <https://example.org/cx> a pg:EarliestOf ;
        pg:member <https://example.org/e>, <https://example.org/d-end> .
    <https://example.org/{d}> a pg:Right ; rdfs:label "D" ; pg:dependsOn <https://example.org/{c}> .
    <https://example.org/d-end> a pg:ProvisionEnd ; pg:endOf <https://example.org/{d}> .
    <https://example.org/e> a pg:Event ; rdfs:label "E" .
    <https://example.org/{a}> a pg:Right ; rdfs:label "A" ;
        pg:startsWith <https://example.org/b-end> ; pg:endsWith <https://example.org/d26> .
    <https://example.org/b> a pg:Right ; rdfs:label "B" ; pg:endsWith <https://example.org/b-stop> .
    <https://example.org/b-end> a pg:ProvisionEnd ; pg:endOf <https://example.org/b> .
    <https://example.org/a-end> a pg:ProvisionEnd ; pg:endOf <https://example.org/{a}> .
    <https://example.org/b-stop> a pg:EarliestOf ;
        pg:member <https://example.org/d25>, <https://example.org/a-end> .
    <https://example.org/d25> a pg:DateTrigger ; time:inXSDDate "2025-01-01"^^xsd:date .
    <https://example.org/d26> a pg:DateTrigger ; time:inXSDDate "2026-01-01"^^xsd:date .
"""


@pytest.mark.parametrize(
    "names", [{"a": "a", "c": "c", "d": "d"}, {"a": "z", "c": "y", "d": "x"}], ids=["a", "z"]
)
def test_provision_ends_on_a_cycle_settle_whichever_is_asked_first(names: dict[str, str]) -> None:
    """C ends at the earlier of E and the end of D, which depends on C: with E on 2024-06-01
    both end that day (last day 2024-05-31). A starts at the end of B and ends 2026-01-01; B
    ends at the earlier of 2025-01-01 and the end of A: B's last day is 2024-12-31, and A is
    in force from 2025-01-01 through 2025-12-31. The same, however the provisions are named
    (the order they are worked out in)."""
    store = load(text=_END_CYCLES.format(**names))
    got = {p.label: p for p in state(store, D(2025, 6, 1), events={"E": D(2024, 6, 1)}).provisions}
    assert (got["C"].status, got["C"].end) == ("ended", D(2024, 5, 31))
    assert (got["D"].status, got["D"].end) == ("ended", D(2024, 5, 31))
    assert (got["B"].status, got["B"].end) == ("ended", D(2024, 12, 31))
    assert (got["A"].status, got["A"].start, got["A"].end) == (
        "in_force",
        D(2025, 1, 1),
        D(2025, 12, 31),
    )
    changes = {c.label: (c.change.value, c.cause.value) for c in
               impact(store, "E", on=D(2024, 6, 1)).changes}  # fmt: skip
    assert changes == {"C": ("ends", "direct"), "D": ("ends", "ripple")}


def test_a_start_at_another_end_is_explained_through_that_end() -> None:
    """U starts at the later of P's end and 1 September 2024; P ends when E happens. E on
    that day: U begins as P ends (the tie goes to the event), and U is conditional on E
    before it, with the words of how P could end."""
    store = load(
        text="""
        <https://example.org/g> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
            pg:provision <https://example.org/p>, <https://example.org/u>, <https://example.org/z> .
        <https://example.org/p> a pg:Right ; rdfs:label "P" ; pg:endsWith <https://example.org/e> .
        <https://example.org/e> a pg:Event ; rdfs:label "E" .
        <https://example.org/p-end> a pg:ProvisionEnd ; pg:endOf <https://example.org/p> .
        <https://example.org/u> a pg:Right ; rdfs:label "U" ; pg:startsWith <https://example.org/u-start> .
        <https://example.org/u-start> a pg:LatestOf ;
            pg:member <https://example.org/p-end>, <https://example.org/sept> .
        <https://example.org/sept> a pg:DateTrigger ; time:inXSDDate "2024-09-01"^^xsd:date .
        <https://example.org/z> a pg:Right ; rdfs:label "Z" ; pg:endsWith <https://example.org/p-end> .
    """
    )
    (u,) = [c for c in impact(store, "E", on=D(2024, 9, 1)).changes if c.label == "U"]
    assert (u.change.value, u.cause.value) == ("begins", "ripple")
    assert [p.rsplit("/", 1)[1] for p in u.path] == ["e", "p", "p-end", "u-start", "u"]
    assert u.how == "begins as P ends"
    (z,) = [p for p in state(store, D(2024, 6, 1)).provisions if p.label == "Z"]
    assert z.conditional
    assert z.end_condition is not None  # E could end P, and with it Z


def test_a_start_at_the_end_of_a_provision_never_in_force_never_comes() -> None:
    """U starts when P ends; P starts only when E happens, and has no end. U never starts,
    and says why; with E never happening, P says so once."""
    from pactgraph.scenario import NEVER

    store = load(
        text="""
        <https://example.org/g> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
            pg:provision <https://example.org/p>, <https://example.org/u> .
        <https://example.org/p> a pg:Right ; rdfs:label "P" ; pg:startsWith <https://example.org/e> .
        <https://example.org/e> a pg:Event ; rdfs:label "E" .
        <https://example.org/p-end> a pg:ProvisionEnd ; pg:endOf <https://example.org/p> .
        <https://example.org/u> a pg:Right ; rdfs:label "U" ; pg:startsWith <https://example.org/p-end> .
    """
    )
    got = {p.label: p for p in state(store, D(2025, 1, 1), events={"E": NEVER}).provisions}
    assert got["U"].reason == "never starts: P is never in force in this scenario"
    assert got["P"].reason == "starts when E happens, which it never does in this scenario"
