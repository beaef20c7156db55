"""How ``ask`` reads a question people word their own way, and what it says it assumed:
events named as the texts name them, typos and lead-ins, years, refusals that suggest a
question, and the assumptions every answer carries. Expectations are read from the texts."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import DATA, real, run_cli
from pactgraph.ask import FORMS, ask
from pactgraph.errors import QuestionError, UnknownNameError
from pactgraph.load import Store, load

V1 = "https://w3id.org/pactgraph/id/microsoft-openai-2025/"
V2 = "https://w3id.org/pactgraph/id/microsoft-openai-2026/"
LAKESIDE = DATA / "lakeside-meridian" / "lakeside-meridian-2024.ttl"


@pytest.fixture(scope="module")
def lakeside() -> Store:
    return load([LAKESIDE])


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@pytest.mark.parametrize(
    ("question", "event"),
    [
        # "that declaration will now be verified by an independent expert panel"
        ("What changes when the expert panel verifies AGI?", "agi-verified"),
        ("what changes when AGI is verified by the independent expert panel", "agi-verified"),
        ("what changes when the panel verifies", "agi-verified"),
        # "once AGI is declared by OpenAI"
        ("What happens if OpenAI declares AGI?", "agi-declared"),
    ],
)
def test_events_named_as_the_text_names_them(store: Store, question: str, event: str) -> None:
    answer = ask(store, question)
    assert answer.form == "impact"
    assert answer.answer.event.event == f"{V1}{event}"


def test_an_event_named_by_its_actor_in_another_agreement(lakeside: Store) -> None:
    # "A termination for cause takes effect only after Lakeside has given written notice of
    # the breach": the notice is Lakeside's, and on its own it ends nothing
    answer = ask(lakeside, "What changes when Lakeside gives notice of the breach?")
    assert _local(answer.answer.event.event) == "termination-notice"
    assert answer.rows == ()


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("waht changes when AGI is verifed?", "impact"),
        ("wich rights cover model weights", "covers"),
        ("Can you tell me when the research IP rights end?", "lifetime"),
        ("please show me what Microsoft holds", "holds"),
        ("List what depends on AGI verified, please", "depends"),
        ("I'd like to know what is in force on 1st of July, 2031", "state"),
        ("Show me the provisions in force at the end of 2030", "state"),
        ("How much of OpenAI does Microsoft own?", "holds"),
        ("What are Microsoft's obligations?", "stance"),
        ("How long does the Azure API exclusivity last?", "lifetime"),
        ("What did the amendment change about compute?", "changes"),
    ],
)
def test_questions_worded_freely(store: Store, question: str, form: str) -> None:
    assert ask(store, question).form == form


def test_a_corrected_question_says_how_it_was_read(store: Store) -> None:
    answer = ask(store, "waht changes when AGI is verifed?")
    assert answer.assumptions[0] == "the question is read as 'what changes when agi is verified'"
    assert ask(store, "what changes when AGI is verified?").rows == answer.rows


def test_what_happens_in_a_year(store: Store, lakeside: Store) -> None:
    # "will remain until either the expert panel verifies AGI or through 2030" and "continue
    # through 2030": both end in 2030 (their last day 2030-12-31), with the definitions
    # that go with the rights to research; nothing starts in 2030
    answer = ask(store, "What happens in 2030?")
    assert answer.form == "on day"
    assert {(_local(r["provision"]), r["change"], r["day"]) for r in answer.rows} == {
        ("research-ip-rights", "ends", "2030-12-31"),
        ("research-ip-definition", "ends", "2030-12-31"),
        ("research-ip-includes", "ends", "2030-12-31"),
        ("research-ip-excludes", "ends", "2030-12-31"),
        ("revenue-share-through-2030", "ends", "2030-12-31"),
    }
    assert "the days from 2030-01-01 to 2030-12-31" in answer.assumptions
    # "an option on translation rights until ... the end of 2026, whichever comes first"
    option = ask(lakeside, "what happens in 2026")
    assert {(_local(r["provision"]), r["change"]) for r in option.rows} == {
        ("translation-option", "ends")
    }
    assert ask(lakeside, "what happens during 2025").rows == ()


def test_a_year_or_after_a_year_on_the_day_forms(store: Store) -> None:
    after = ask(store, "What is in force after 2030?")
    assert after.answer.on == dt.date(2031, 1, 1)
    assert "'after 2030' is read as 2031-01-01, the first day after it" in after.assumptions
    during = ask(store, "what does Microsoft hold in 2031")
    assert during.answer.on == dt.date(2031, 1, 1)
    assert any(a.startswith("'in 2031' is read as its first day") for a in during.assumptions)


def test_the_readme_hold_question_with_a_scenario(store: Store) -> None:
    # a verification in March 2029 ends the rights to research then (they would have ended
    # with 2030 anyway); the licence "through 2032" and the primary cloud partnership, which
    # states no end, are Microsoft's on 1 July 2031
    answer = ask(
        store,
        "What does Microsoft still hold on 1 July 2031 if AGI is verified on 1 March 2029?",
    )
    assert answer.form == "holds"
    held = {_local(r["provision"]) for r in answer.rows}
    assert {"non-exclusive-ip-licence", "primary-cloud-partner"} <= held
    assert "research-ip-rights" not in held
    assert "the scenario given: agi is verified on 2029-03-01" in answer.assumptions
    assert "the day asked about: 2031-07-01" in answer.assumptions


def test_a_refusal_suggests_a_question_it_can_answer(store: Store) -> None:
    with pytest.raises(QuestionError) as caught:
        ask(store, "what about AGI verification?")
    assert caught.value.suggestion == "what changes when AGI verified happens"
    with pytest.raises(UnknownNameError) as unknown:
        ask(store, "what does MSFT hold")
    assert unknown.value.suggestion == "what does Microsoft hold"
    with pytest.raises(QuestionError) as nonsense:
        ask(store, "Tell me a joke")
    assert nonsense.value.suggestion == "what is in force today"


@pytest.mark.parametrize(
    "question",
    [
        "what about AGI verification?",
        "microsoft rights on 2031-07-01",
        "exclusivity azure api??",
        "model weights excluded",
        "anything on 2030-12-31",
        "stuff in 2029",
        "Tell me a joke",
    ],
)
def test_every_suggestion_is_a_question_that_answers(store: Store, question: str) -> None:
    with pytest.raises((QuestionError, UnknownNameError)) as caught:
        ask(store, question)
    suggestion = caught.value.suggestion
    assert suggestion
    assert ask(store, suggestion).form  # it reads, and it answers
    assert f"did you mean: {suggestion}?" in str(caught.value)


def test_a_refusal_in_another_agreement_uses_its_names(lakeside: Store) -> None:
    with pytest.raises(QuestionError) as caught:
        ask(lakeside, "what about a change of control of Meridian")
    assert caught.value.suggestion == "what changes when change of control of Meridian happens"


def test_a_refusal_on_the_command_line_says_the_suggestion() -> None:
    result = run_cli("ask", "what about AGI verification?")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "did you mean: what changes when AGI verified happens?" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "md", "table"])
def test_the_assumptions_are_in_every_format(fmt: str) -> None:
    result = run_cli("ask", "What is in force?", "--format", fmt)
    assert result.returncode == 0, result.stderr
    today = dt.date.today().isoformat()
    said = f"no date was given: today, {today}, is used"
    if fmt == "json":
        assumptions = json.loads(result.stdout)["assumptions"]
        assert said in assumptions
        assert any(a.startswith("the versions answered from: ") for a in assumptions)
    else:
        assert ("**Assumptions**" if fmt == "md" else "Assumptions:") in result.stdout
        assert said in result.stdout


def test_every_form_says_its_versions(store: Store) -> None:
    questions = {
        "lifetime": "when does the azure api exclusivity end",
        "in force": "is the azure api exclusivity in force on 2026-01-01",
        "on day": "what changes on 2031-01-01",
        "impact": "what changes when AGI is verified",
        "state": "what is in force on 2027-01-01",
        "holds": "what does Microsoft hold",
        "stance": "what does OpenAI owe",
        "survives": "what survives termination",
        "depends": "what depends on AGI verified",
        "rests on": "what does the azure api exclusivity rest on",
        "changes": "what did the amendment change",
        "reported": "what is reported",
        "excludes": "which provisions exclude model weights",
        "covers": "which rights cover model weights",
        "describe": "who is Microsoft",
        "parties": "who are the parties",
        "dated": "when was the agreement signed",
        "search": "is there an exclusivity",
        "never": "what if AGI is never verified",
        "party impact": "what does Microsoft lose if AGI is verified",
    }
    # the bundled agreement has no term of its own: "agreement ends" and "terminations" are
    # asked of NEON's below
    assert set(questions) | {"agreement ends", "terminations"} == {f.name for f in FORMS}
    for form, question in questions.items():
        answer = ask(store, question, as_of=dt.date(2025, 12, 31))
        assert answer.form == form
        assert any(a.startswith("the versions answered from: ") for a in answer.assumptions)
        # only the October 2025 agreement was published by the end of 2025
        versions = next(a for a in answer.assumptions if a.startswith("the versions"))
        assert "2026-04-27" not in versions, form


def test_what_happens_when_the_agreement_ends_says_its_versions() -> None:
    # NEON's Amendment #1, dated and published 1999-01-01, replaces the term: before then,
    # the 1996 term is the agreement's, and only the 1996 version is answered from
    neon = load([DATA / "real-neon-distributor"])
    before = ask(neon, "what happens when the agreement ends?", as_of=dt.date(1998, 12, 31))
    assert before.form == "agreement ends"
    versions = next(a for a in before.assumptions if a.startswith("the versions"))
    assert "1999-01-01" not in versions
    assert any("(1996 text)" in a and "replaces it" not in a for a in before.assumptions)
    after = ask(neon, "what happens when the agreement ends?")
    assert any("as amended" in a and "replaces it" in a for a in after.assumptions)
    ways = ask(neon, "how can the agreement be terminated?", as_of=dt.date(1998, 12, 31))
    assert ways.form == "terminations"
    versions = next(a for a in ways.assumptions if a.startswith("the versions"))
    assert "1999-01-01" not in versions


def test_the_version_the_amendment_names_is_said(store: Store) -> None:
    answer = ask(store, "what did the amendment change?")
    assert any(
        a.startswith("the amendment is read as ") and V2.rstrip("/") in a
        for a in answer.assumptions
    )


def test_describe_as_of_a_day_leaves_later_versions_out(store: Store) -> None:
    # the primary cloud partnership is a term of the April 2026 amendment
    with pytest.raises(Exception, match="not among the provisions published by 2025-12-31"):
        ask(store, f"what is <{V2}primary-cloud-partner>", as_of=dt.date(2025, 12, 31))
    then = ask(store, "who is Microsoft", as_of=dt.date(2025, 12, 31))
    now = ask(store, "who is Microsoft")
    assert "primary cloud partner" in json.dumps(now.rows)
    assert "primary cloud partner" not in json.dumps(then.rows)


def test_the_readme_gives_one_answered_example_per_form(store: Store) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split('### `pactgraph ask "QUESTION"')[1].split("\n### ")[0]
    examples = re.findall(r"^\| [^|]+ \| `([^`]+)` \|", section, flags=re.M)
    egain = load([DATA / "real-egain-hosting"])  # an agreement with a term of its own

    def form_of(example: str) -> str:
        try:
            return ask(store, example).form
        except UnknownNameError:  # the bundled agreement has no term: asked of eGain's
            return ask(egain, example).form

    forms = [form_of(example) for example in examples]
    assert sorted(forms) == sorted(form.name for form in FORMS)


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("As of November 2025, what changes when AGI is verified?", dt.date(2025, 11, 30)),
        ("what changes when AGI is verified as of 2025-12-31", dt.date(2025, 12, 31)),
        # the amendment of 27 April 2026: the day before it
        ("what changes when AGI is verified, before the amendment", dt.date(2026, 4, 26)),
        ("what changes when AGI is verified under the original agreement", dt.date(2025, 10, 28)),
    ],
)
def test_a_question_can_name_its_versions(store: Store, question: str, day: dt.date) -> None:
    # before the amendment, "Microsoft ... continues to have ... Azure API exclusivity until
    # Artificial General Intelligence (AGI)": a verification ends it, whenever it comes;
    # with the amendment known, only one that comes before 27 April 2026 does
    exclusivity = f"{V1}azure-api-exclusivity"
    answer = ask(store, question)
    assert answer.rows == ask(store, "what changes when AGI is verified", as_of=day).rows
    then = next(r for r in answer.rows if r["provision"] == exclusivity)
    assert then["change"] == "ends"
    assert then["condition"] is None
    assert any(f"published by {day}" in a for a in answer.assumptions)
    now = ask(store, "what changes when AGI is verified")
    assert next(r for r in now.rows if r["provision"] == exclusivity)["condition"]


def test_no_amendment_to_be_before(lakeside: Store) -> None:
    with pytest.raises(UnknownNameError, match="no version here amends another"):
        ask(lakeside, "what is in force on 2025-01-01 before the amendment")


def test_members_the_text_does_not_name(store: Store) -> None:
    # "that declaration will now be verified by an independent expert panel": who sits on
    # it, the texts do not say
    result = run_cli("ask", "Who sits on the expert panel?")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "independent expert panel (party)\nThe agreements name no members of independent "
        "expert panel."
    )
    assert ask(store, "who are the members of the independent expert panel").rows == ()


def test_a_closing_as_of_on_a_day_form_is_the_day(store: Store) -> None:
    # replaced on 27 April 2026, and before that undone by a verification of AGI
    answer = ask(store, "is the Azure API exclusivity in force as of 2026-01-01")
    assert answer.answer.on == dt.date(2026, 1, 1)
    assert answer.rows[0]["answer"] == "depends"
    assert not any("published by" in a for a in answer.assumptions)
    later = ask(store, "is the Azure API exclusivity in force as of 1 July 2026")
    assert later.rows[0]["answer"] == "no"
    # a version named with no day: that day too
    before = ask(store, "what was in force before the amendment")
    assert before.answer.on == dt.date(2026, 4, 26)
    assert any("published by 2026-04-26" in a for a in before.assumptions)


def test_negations_written_without_an_apostrophe(store: Store) -> None:
    assert ask(store, "what mustnt OpenAI do").rows == ask(store, "what may OpenAI not do").rows
    assert ask(store, "what cant OpenAI do").answer.stance == "may not"
    assert ask(store, "what does OpenAI have to do").answer.stance == "owes"


def test_a_real_word_is_not_corrected_into_another(store: Store) -> None:
    # "declined" is a word, two letters from "declared": the question is refused, not
    # answered about the declaration
    with pytest.raises(UnknownNameError, match="no event named 'agi is declined'"):
        ask(store, "what changes when AGI is declined")


@pytest.mark.parametrize(
    "question",
    [
        "what happens in 0000",
        "what is in force after 9999",
        "what changes at the end of 0000",
        "as of 0000, what is in force",
        "what changes when AGI is verified in 0000",
    ],
)
def test_years_the_calendar_cannot_hold(question: str) -> None:
    result = run_cli("ask", question)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "name a year from 0001 to 9998" in result.stderr


def test_a_trigger_does_not_take_the_name_of_its_provision() -> None:
    # "initial term: six months commencing 1 April 1999" is a provision; "the end of the
    # six-month initial term" a trigger: a name without "end" means the provision
    centrack = load([DATA / "real-centrack-web-hosting" / "agreement.ttl"])
    assert _local(ask(centrack, "what depends on the six-month initial term").answer.node) == (
        "initial-term"
    )
    assert _local(ask(centrack, "what is the renewal period").answer.node) == "renewal-term"


def test_an_impact_in_a_year_says_only_that(store: Store) -> None:
    answer = ask(store, "what changes when AGI is verified in 2031")
    assert not any("given no day" in a or "first day" in a for a in answer.assumptions)
    assert any("from 2031-01-01 to 2031-12-31" in a for a in answer.assumptions)


def test_explain_and_dates_as_written(store: Store) -> None:
    assert ask(store, "explain the revenue share agreement").form == "describe"
    assert ask(store, "what changes on Dec 31 2030").answer.on == dt.date(2030, 12, 31)
    assert ask(store, "what is in force on 1 Sept 2031").answer.on == dt.date(2031, 9, 1)


def test_an_impact_under_a_scenario(store: Store) -> None:
    # "prior to AGI being declared, the models will be subject to compute thresholds": with
    # the declaration dated, it is part of the scenario, not of what the verification
    # changes; "Microsoft's IP rights to research ... until either the expert panel
    # verifies AGI or through 2030": a verification still ends those
    answer = ask(store, "what changes when AGI is verified if OpenAI declares AGI on 2027-01-01")
    assert answer.form == "impact"
    assert (f"{V1}agi-declared", dt.date(2027, 1, 1)) in {
        (e.event, e.date) for e in answer.answer.scenario
    }
    changed = {_local(r["provision"]) for r in answer.rows}
    assert "research-ip-rights" in changed
    assert "compute-thresholds" not in changed
    assert any("AGI declared on 2027-01-01" in a for a in answer.assumptions)


def test_an_undated_event_s_own_and_is_not_a_second_event() -> None:
    # Cool Tech's alliance: "the Agreement will continue ... until COOL TECH's Services on
    # such projects are completed and paid": "completed and paid on DATE" is one event, dated
    store = real("real-cooltech-alliance")
    answer = ask(
        store,
        "what changes when COOL TECH's services on the directly billed projects are completed"
        " and paid on 15 August 2022 if VET TECH bills a client directly on 1 September 2021",
    )
    assert answer.form == "impact"
    assert answer.answer.on == dt.date(2022, 8, 15)
    assert {_local(e.event) for e in answer.answer.scenario} == {
        "direct-project-completed-and-paid",
        "direct-billed-project",
    }
    # after a dated event, "and" still joins the scenario's next one
    dated = ask(
        store,
        "what changes when VET TECH bills a client directly on 1 September 2021 and COOL TECH"
        " gives notice against renewal on 1 March 2022",
    )
    assert dated.answer.on == dt.date(2021, 9, 1)
    assert len(dated.answer.scenario) == 2


@pytest.mark.parametrize(
    ("question", "suggestion"),
    [
        ("what changes on 31 February 2031", "what changes on 28 february 2031"),
        ("what is in force on 2031-13-01", "what is in force on 2031-12-01"),
    ],
)
def test_a_date_the_calendar_does_not_hold_suggests_the_nearest(
    store: Store, question: str, suggestion: str
) -> None:
    with pytest.raises(QuestionError) as caught:
        ask(store, question)
    assert caught.value.suggestion == suggestion
    assert ask(store, suggestion).form
    result = run_cli("ask", question)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
