"""Questions as people word them, answered by public functions, on the bundled agreement as
it stands (amended on 2026-04-27); expectations read from the texts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import DATA, real, run_cli
from pactgraph.answers import Answer
from pactgraph.ask import ask
from pactgraph.errors import QuestionError, UsageError
from pactgraph.load import Store, load
from pactgraph.lookup import (
    changes_on,
    describe,
    excluding,
    in_force,
    lifetime,
    prerequisites,
)
from pactgraph.parse import parse_date
from pactgraph.resolve import resolve

V1 = "https://w3id.org/pactgraph/id/microsoft-openai-2025/"
V2 = "https://w3id.org/pactgraph/id/microsoft-openai-2026/"


def _first(answer: Answer) -> tuple[str, str]:
    """The local name of an in-force answer's first row, and its yes / no / depends."""
    row = answer.rows[0]
    return row["provision"].rsplit("/", 1)[1], row["answer"]


def test_dates_as_people_write_them() -> None:
    assert parse_date("the end of 2030") == dt.date(2030, 12, 31)
    assert parse_date("the start of 2031") == dt.date(2031, 1, 1)
    assert parse_date("today") == dt.date.today()
    # a month misspelt, where it is close to one month alone
    assert parse_date("1 ocotber 1997") == dt.date(1997, 10, 1)
    assert parse_date("Feburary 3, 2020") == dt.date(2020, 2, 3)
    assert parse_date("10 oct 1994") == dt.date(1994, 10, 10)
    with pytest.raises(UsageError):
        parse_date("1 junly 2020")  # a short month misspelt is not guessed: June, July?


def test_a_number_beside_a_year_is_no_date() -> None:
    import re

    from pactgraph.parse import DATE_PATTERN

    assert re.search(DATE_PATTERN, "Cargill achieves Milestone 1 in 2011") is None
    assert re.search(DATE_PATTERN, "within 30 days from 2020") is None
    assert re.search(DATE_PATTERN, "notice on 1 Ocotber 1997")[0] == "1 Ocotber 1997"


def test_what_a_party_gets_when_an_event_comes_on_a_day(store: Store) -> None:
    # "until either the expert panel verifies AGI or through 2030, whichever is first": a
    # verification on 1 March 2027 ends Microsoft's research IP rights that day
    answer = ask(store, "What does Microsoft lose if AGI is verified on 1 March 2027?")
    assert answer.form == "party impact"
    assert answer.answer.on == dt.date(2027, 3, 1)
    assert [r["provision"] for r in answer.rows] == [f"{V1}research-ip-rights"]
    # what it holds in that scenario is what it holds today
    assert ask(store, "What does Microsoft hold if AGI is verified on 1 March 2027?").form == (
        "holds"
    )


def test_when_does_the_research_ip_right_end(store: Store) -> None:
    # "until either the expert panel verifies AGI or through 2030, whichever is first"
    answer = lifetime(store, f"{V1}research-ip-rights")
    assert answer.end == dt.date(2030, 12, 31)
    assert answer.conditional  # a verification could end it sooner
    assert "2030-12-31" in answer.ends


def test_is_it_in_force(store: Store) -> None:
    exclusivity = f"{V1}azure-api-exclusivity"
    # before the amendment: in force, unless AGI is verified first
    assert in_force(store, exclusivity, dt.date(2026, 3, 1)).answer == "depends"
    # replaced on 2026-04-27 by the primary cloud partnership
    assert in_force(store, exclusivity, dt.date(2031, 1, 1)).answer == "no"
    assert in_force(store, f"{V2}primary-cloud-partner", dt.date(2031, 1, 1)).answer == "yes"


def test_what_changes_on_a_day(store: Store) -> None:
    def local(iri: str) -> str:
        return iri.rsplit("/", 1)[-1]

    new_year = {
        (local(c.provision), c.change.value) for c in changes_on(store, dt.date(2031, 1, 1)).changes
    }
    assert new_year == {
        ("research-ip-rights", "ends"),
        ("research-ip-definition", "ends"),
        ("research-ip-includes", "ends"),
        ("research-ip-excludes", "ends"),
        ("revenue-share-through-2030", "ends"),
    }
    amendment = {
        (local(c.provision), c.change.value)
        for c in changes_on(store, dt.date(2026, 4, 27)).changes
    }
    assert amendment == {
        ("azure-api-exclusivity", "ends"),
        ("exclusive-ip-rights", "ends"),
        ("ip-models-products", "ends"),
        ("revenue-share", "ends"),
        ("non-api-any-cloud", "ends"),
        ("stake-post-recap", "ends"),
        ("joint-api-azure-exclusive", "ends"),  # all products on any cloud
        ("primary-cloud-partner", "begins"),
        ("all-products-any-cloud", "begins"),
        ("non-exclusive-ip-licence", "begins"),
        ("revenue-share-through-2030", "begins"),
        ("no-revenue-share-to-openai", "begins"),
        ("major-shareholder", "begins"),
    }


def test_what_the_research_ip_right_rests_on(store: Store) -> None:
    # "until either the expert panel verifies AGI or through 2030, whichever is first", and
    # "once AGI is declared by OpenAI, that declaration will now be verified by an
    # independent expert panel": the verification rests on the declaration
    answer = prerequisites(store, f"{V1}research-ip-rights")
    depth = {p.node.rsplit("/", 1)[-1]: len(p.path) - 1 for p in answer.prerequisites}
    assert depth == {
        "agi-verified-or-end-of-2030": 1,
        "agi-verified": 2,
        "end-of-2030": 2,
        "agi-declared": 3,
    }
    declared = next(p for p in answer.prerequisites if p.node.endswith("/agi-declared"))
    assert "AGI verified requires AGI declared" in declared.via
    assert "declared by OpenAI" in declared.quote


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("What does OpenAI owe Microsoft?", "stance"),
        ("what does openai owe", "stance"),
        ("What can't OpenAI do?", "stance"),
        ("what may Microsoft do on 1 July 2031", "stance"),
        ("What must OpenAI do?", "stance"),
        ("what is Microsoft owed", "stance"),
        ("What is OpenAI not allowed to do on 2027-01-01?", "stance"),
        ("Which provisions cover research IP?", "covers"),
        ("what covers model weights", "covers"),
        ("Who holds rights to model weights?", "covers"),
        ("Which provisions exclude model weights?", "excludes"),
        ("what excludes consumer hardware", "excludes"),
        ("Where is consumer hardware carved out?", "excludes"),
        ("which rights leave out inference code", "excludes"),
        ("What changed about compute?", "changes"),
        ("what did the agreement change regarding research IP", "changes"),
        ("What is new for revenue share?", "changes"),
        ("Who is Microsoft?", "describe"),
        ("what's research IP", "describe"),
        ("Tell me about the independent expert panel", "describe"),
        ("describe AGI declared", "describe"),
        ("What does the Azure API exclusivity rest on?", "rests on"),
        ("what does azure api exclusivity depend on", "rests on"),
        ("What are the prerequisites of the Azure API exclusivity?", "rests on"),
        ("What must happen before the Azure API exclusivity ends?", "rests on"),
        ("what must happen for the azure api exclusivity to end", "rests on"),
        ("When does Microsoft's IP rights to research end?", "lifetime"),
        ("Is the Azure API exclusivity still in force after 2030?", "in force"),
        ("Is the Azure API exclusivity in force today?", "in force"),
        ("What changes on 1 January 2031?", "on day"),
        ("What is in force today?", "state"),
        ("What is in force?", "state"),
        ("what's in force now", "state"),
        ("What is in force at the end of 2030?", "state"),
        ("What survives termination?", "survives"),
        ("which provisions survive, and for how long?", "survives"),
        ("what remains in force after termination", "survives"),
        ("Tell me a joke", None),
    ],
)
def test_ask_reads_the_new_forms(question: str, form: str | None) -> None:
    result = run_cli("ask", question, "--format", "json")
    if form is None:
        assert result.returncode == 2  # not a form: the error lists the forms
        assert "what changes / starts / ends on DATE" in result.stderr
        return
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["form"] == form


def test_ask_what_a_provision_rests_on() -> None:
    result = run_cli(
        "ask",
        "What does the Azure API exclusivity rest on?",
        "--as-of",
        "2025-12-31",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    # "Azure API exclusivity until AGI"; the panel verifies what OpenAI declares
    assert [r["label"] for r in rows] == ["AGI verified", "AGI declared"]
    assert all(r["quote"] for r in rows)


def test_what_a_trigger_rests_on_when_it_rests_on_nothing() -> None:
    result = run_cli("ask", "what does the end of 2030 rest on")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("end of 2030 rests on nothing the graph states.\n")


def test_who_is_the_expert_panel(store: Store) -> None:
    # "that declaration will now be verified by an independent expert panel"
    answer = describe(store, "expert panel")
    assert answer.kinds == ("party",)
    statements = {(s.subject, s.relation, s.object) for s in answer.statements}
    assert ("AGI verified", "actor", "independent expert panel") in statements
    assert ("independent expert panel", "role", "verifier") in statements
    assert any("verified by an independent expert panel" in q for q in answer.quotes)


def test_what_is_something_the_text_only_names(tmp_path: Path) -> None:
    data = tmp_path / "supply.ttl"
    data.write_text("""
        @prefix pg: <https://w3id.org/pactgraph/ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://example.org/a> a pg:Agreement ; rdfs:label "Supply" .
        <https://example.org/g> a pg:Event ; rdfs:label "gadget delivered" .
    """)
    result = run_cli("ask", "what is the gadget", "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert "state nothing about gadget delivered beyond its name" in result.stdout


def test_what_is_a_name_nothing_has() -> None:
    result = run_cli("ask", "what is the meaning of life")
    assert result.returncode == 2
    assert "no thing named 'meaning of life'" in result.stderr
    assert "what changes / starts / ends when EVENT" in result.stderr  # what could be asked instead


def test_what_openai_owes_microsoft_in_2031() -> None:
    # "OpenAI has contracted to purchase an incremental $250B of Azure services" (no end
    # stated); the revenue share runs "through 2030", so it is over by 1 July 2031
    result = run_cli("ask", "What does OpenAI owe Microsoft on 1 July 2031?", "--format", "json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["answer"]["stance"] == "owes"
    labels = [row["label"] for row in answer["rows"]]
    assert any("$250B" in label for label in labels)
    assert not any("through 2030" in label for label in labels)
    assert all(row["status"] == "in_force" for row in answer["rows"])


@pytest.mark.parametrize(("year", "ends"), [("2030", True), ("2031", False)])
def test_what_changes_when_agi_is_verified_in_a_year(year: str, ends: bool) -> None:
    # "Microsoft's IP rights to research ... will remain until either the expert panel
    # verifies AGI or through 2030, whichever is first": a verification in 2030 ends them,
    # whatever the day; one in 2031 comes after they have ended
    result = run_cli("ask", f"What changes when AGI is verified in {year}?", "--format", "json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["form"] == "impact"
    research = [
        c for c in answer["answer"]["changes"] if c["provision"] == f"{V1}research-ip-rights"
    ]
    assert bool(research) == ends
    if ends:
        assert research[0]["change"] == "ends"
        assert research[0]["condition"] is None  # on every day of 2030
    assert any(f"{year}-01-01 to {year}-12-31" in note for note in answer["answer"]["notes"])


def test_which_provisions_exclude_model_weights(store: Store) -> None:
    # "research IP does not include model architecture, model weights, ...": the rights to
    # research and the definition of research IP leave model weights out
    answer = excluding(store, "model weights")
    assert {e.provision for e in answer.provisions} == {
        f"{V1}research-ip-rights",
        f"{V1}research-ip-definition",
    }
    assert all(e.how == ("research IP excludes model weights",) for e in answer.provisions)


def test_exclusions_in_a_publishing_agreement() -> None:
    # "Electronic editions include enhanced ebooks but do not include audio editions";
    # "Paperback editions are no longer part of Meridian's exclusivity"
    store = load([DATA / "lakeside-meridian" / "lakeside-meridian-2024.ttl"])

    def local(category: str) -> set[str]:
        return {e.provision.rsplit("/", 1)[-1] for e in excluding(store, category).provisions}

    assert local("audio editions") == {"electronic-licence", "electronic-scope"}
    assert local("paperback") == {"exclusive-distribution"}
    assert local("hardcover") == set()
    result = run_cli(
        "ask",
        "which provisions exclude hardcover editions",
        "--data",
        str(DATA / "lakeside-meridian" / "lakeside-meridian-2024.ttl"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("No provision leaves hardcover editions out.\n")


def test_which_rights_cover_model_weights_with_their_terms() -> None:
    # "Microsoft retains these non-Research IP rights" (model weights among them), and
    # "Microsoft's IP rights for both models and products are extended through 2032"
    result = run_cli(
        "ask", "Who holds rights to model weights?", "--as-of", "2025-12-31", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    rows = {r["provision"].rsplit("/", 1)[-1]: r for r in json.loads(result.stdout)["rows"]}
    assert "research-ip-rights" not in rows  # research IP does not include model weights
    assert {r["kind"] for r in rows.values()} <= {"Right", "Exclusivity"}
    assert "2032-12-31" in rows["ip-models-products"]["term"]


def test_which_provisions_cover_shows_every_kind() -> None:
    result = run_cli("ask", "Which provisions cover research IP?", "--format", "json")
    assert result.returncode == 0, result.stderr
    kinds = {r["kind"] for r in json.loads(result.stdout)["rows"]}
    assert {"Right", "Definition"} <= kinds  # the rights to research and the definition


def test_dependencies_as_of_a_day_leave_later_versions_out() -> None:
    # the amendment of 27 April 2026 gives Microsoft a non-exclusive licence through 2032;
    # as of the end of 2025 it was not known, so nothing of it rests on the end of 2032
    licence = f"{V2}non-exclusive-ip-licence"

    def dependents(*options: str) -> set[str]:
        result = run_cli("ask", "what depends on the end of 2032", *options, "--format", "json")
        assert result.returncode == 0, result.stderr
        return {row["provision"] for row in json.loads(result.stdout)["rows"]}

    assert licence in dependents()
    before = dependents("--as-of", "2025-12-31")
    assert licence not in before
    assert f"{V1}ip-models-products" in before
    result = run_cli("ask", f"what does <{licence}> rest on", "--as-of", "2025-12-31")
    assert result.returncode == 2
    assert "not among the provisions published by 2025-12-31" in result.stderr


@pytest.mark.parametrize("question", ["What is in force?", "what is in force now"])
def test_the_day_assumed_is_said(question: str) -> None:
    result = run_cli("ask", question)
    assert result.returncode == 0, result.stderr
    today = dt.date.today().isoformat()
    assert result.stdout.startswith(f"In force on {today}")
    assert f"today, {today}, is used" in result.stdout


def test_what_changed_about_compute() -> None:
    # "Microsoft will no longer have a right of first refusal to be OpenAI's compute
    # provider": a removal, about compute
    result = run_cli("ask", "What changed about compute?", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    refusal = [r for r in rows if "right of first refusal" in r["label"]]
    assert [r["change"] for r in refusal] == ["Removed"]
    assert all("compute" in (r["label"] + r["quote"]).lower() for r in rows)
    assert not any(r["provision"].endswith("/research-ip-rights") for r in rows)


def test_impact_in_a_year_on_the_command_line() -> None:
    # the same reading as the question: a verification in 2030 ends the rights to research
    result = run_cli("impact", "AGI verified", "--in", "2030", "--format", "json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    assert any(c["provision"] == f"{V1}research-ip-rights" for c in changes)
    for bad in (["--in", "20x0"], ["--in", "2030", "--on", "2030-05-01"]):
        result = run_cli("impact", "AGI verified", *bad)
        assert result.returncode == 2
        assert result.stderr.startswith("error: --in takes a year")


def _rows(question: str) -> list[dict[str, object]]:
    result = run_cli("ask", question, "--format", "json")
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)["rows"]
    return rows


def test_what_the_amendment_changed_is_the_amending_versions_changes() -> None:
    # The April 2026 amendment: "Microsoft will no longer pay a revenue share to OpenAI" is
    # one of its terms; the 2025 agreement's own changes (its "New" terms) are not its.
    amended = "https://w3id.org/pactgraph/id/microsoft-openai-2026"
    for question in ("what did the amendment change?", "what did the April 2026 amendment change?"):
        rows = _rows(question)
        assert rows
        assert {r["agreement"] for r in rows} == {amended}
        assert any("no longer pays a revenue share" in str(r["label"]) for r in rows)
    first = _rows("what did the 2025 agreement change?")
    assert {r["agreement"] for r in first} == {
        "https://w3id.org/pactgraph/id/microsoft-openai-2025"
    }
    missing = run_cli("ask", "what did the 2019 agreement change?")
    assert missing.returncode == 2
    assert "no version here is dated 2019" in missing.stderr


def test_what_an_amendment_changed_says_what_each_change_replaces_and_from_when() -> None:
    """BellRing's Amendment No. 1 replaces Section 2(c) from 11 June 2018: the narrowed
    duty replaces the original annual one, the restated six-month duty the original one;
    what is new replaces nothing."""
    data = DATA / "real-bellring-manufacturing"
    result = run_cli("ask", "what did the amendment change?", "--data", str(data), "-f", "json")
    assert result.returncode == 0, result.stderr
    rows = {r["change"]: r for r in json.loads(result.stdout)["rows"]}
    assert rows["Narrowed"]["replaces"].startswith("Premier purchases the Minimum Annual Order")
    assert rows["Narrowed"]["replaces"].endswith("(from 2018-06-11)")
    assert rows["Kept"]["replaces"].endswith("(from 2018-06-11)")
    assert rows["New"]["replaces"] == ""
    assert rows["Narrowed"]["from_day"] == "2018-06-11"


def test_a_topic_matches_its_word_family() -> None:
    # "exclusivity" finds what says "exclusive" (and "non-exclusive"), and the same rows
    exclusivity = _rows("what changed about exclusivity?")
    assert exclusivity
    assert exclusivity == _rows("what changed about exclusive?")
    # each says so, or bears on one that does: an exception to the API exclusivity, the
    # primary cloud partnership that replaces it
    from pactgraph.load import load
    from pactgraph.model import model

    m = model(load())
    modifies = m.ripple("Modifies")

    def says(iri: str) -> bool:
        return "exclusiv" in (m.label(iri) + m.provisions[iri].quote).lower()

    for r in exclusivity:
        iri = str(r["provision"])
        bears_on = [*(modifies.predecessors(iri) if iri in modifies else ()),
                    *(old for old, rev in m.revised.items() if rev.by == iri)]  # fmt: skip
        assert says(iri) or any(says(q) for q in bears_on), iri
    assert {str(r["provision"]).rsplit("/", 1)[-1] for r in exclusivity} >= {
        "natsec-api-access", "primary-cloud-partner", "exclusive-ip-rights-removed",
    }  # fmt: skip


@pytest.mark.parametrize(
    "question",
    ["what survives termination?", "what survives the advisory services, and for how long?"],
)
def test_what_survives_and_for_how_long(question: str) -> None:
    """The survival fixture: confidentiality survives the services for three years, the
    non-compete for twelve months, the licence to use the reports without limit."""
    result = run_cli("ask", question, "--data", str(DATA / "survival"), "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {(r["label"], r["survives"], r["for"]) for r in json.loads(result.stdout)["rows"]}
    assert rows == {
        ("confidentiality", "advisory services", "3 years"),
        ("no work for a competitor", "advisory services", "1 year"),
        ("use of the reports", "advisory services", "without limit"),
    }


def test_what_survives_a_provision_nothing_survives() -> None:
    result = run_cli("ask", "what survives confidentiality?", "--data", str(DATA / "survival"),
                     "--format", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == []


BIOAMBER = "https://w3id.org/pactgraph/id/bioamber-development-2010"


@pytest.mark.parametrize(
    ("question", "version", "count"),
    [
        # the First Amendment (made 18 July, effective 5 July 2011) adds the extra staff and
        # their fees; the October 2011 amendments add three provisions
        ("what did the First Amendment change?", "first-amendment", 2),
        ("what did the July 2011 amendment change?", "first-amendment", 2),
        ("what did the October 2011 amendment change?", "second-amendments", 3),
        ("what did the second amendment change?", "second-amendments", 3),
        ("what did the amendment change?", "second-amendments", 3),  # the latest
    ],
)
def test_an_amendment_named_by_its_month_or_its_place(
    question: str, version: str, count: int
) -> None:
    data = DATA / "real-bioamber-development"
    result = run_cli("ask", question, "--data", str(data), "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert {r["agreement"] for r in rows} == {f"{BIOAMBER}/{version}"}
    assert len(rows) == count
    assert all(r["change"] == "New" for r in rows)


def test_an_amendment_past_the_last_is_refused() -> None:
    data = DATA / "real-bioamber-development"
    result = run_cli("ask", "what did the third amendment change?", "--data", str(data))
    assert result.returncode == 2
    assert "only 2 version(s) here amend another" in result.stderr


_WIND_DOWN = """
    <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
        pg:provision <https://example.org/tenancy>, <https://example.org/wind-down> .
    <https://example.org/tenancy> a pg:Right ; rdfs:label "tenancy" ;
        pg:endsWith <https://example.org/notice> .
    <https://example.org/notice> a pg:Event ; rdfs:label "notice given" .
    <https://example.org/wind-down> a pg:Obligation ; rdfs:label "wind-down" ;
        pg:startsWith <https://example.org/tenancy-ends> .
    <https://example.org/tenancy-ends> a pg:ProvisionEnd ; rdfs:label "end of the tenancy" ;
        pg:endOf <https://example.org/tenancy> .
"""


@pytest.mark.parametrize(
    ("question", "listed", "only"),
    [
        ("what changes when notice is given on 1 June 2024?", {"tenancy", "wind-down"}, None),
        ("what starts when notice is given on 1 June 2024?", {"wind-down"}, "begins"),
        ("What comes into force once notice is given?", {"wind-down"}, "begins"),
        ("what ends if notice is given on 1 June 2024", {"tenancy"}, "ends"),
        ("what would stop if notice is given?", {"tenancy"}, "ends"),
    ],
)
def test_what_starts_or_ends_when_an_event_happens(
    question: str, listed: set[str], only: str | None
) -> None:
    # a notice ends the tenancy and starts the wind-down; "starts" and "ends" list one each
    from pactgraph.ask import ask
    from pactgraph.render import answer_text

    answer = ask(load(text=_WIND_DOWN), question)
    assert answer.form == "impact"
    assert {row["label"] for row in answer.rows} == listed
    assert {c.label for c in answer.answer.changes} == listed  # type: ignore[union-attr]
    assert answer.answer.only == only  # type: ignore[union-attr]
    heading = answer_text(answer, "table").splitlines()[0]
    assert heading.startswith(f"What {only or 'changes'} when notice given happens")


def test_nothing_of_the_kind_asked_is_said_so() -> None:
    from pactgraph.ask import ask
    from pactgraph.render import answer_text

    text = _WIND_DOWN.replace("pg:startsWith <https://example.org/tenancy-ends>", "")
    answer = ask(load(text=text), "what starts when notice is given?")
    assert answer.rows == ()
    assert "Nothing begins." in answer_text(answer, "table")
    assert any("only what begins is listed" in said for said in answer.assumptions)


def test_the_parties_of_every_agreement_or_of_one() -> None:
    # the two distributor agreements name their parties in their first lines: Peregrine/
    # Bridge Transfer Corporation and NEON Systems, Inc.; Ingram Micro and NETGEAR, Inc.
    from pactgraph.ask import ask
    from pactgraph.lookup import parties
    from pactgraph.render import answer_text

    store = load([DATA / "real-neon-distributor", DATA / "real-netgear-distributor"])
    every = ask(store, "Who are the parties?")
    assert every.form == "parties"
    labels = [row["label"] for row in every.rows]
    assert len(labels) == 4
    assert any(label.startswith("NEON Systems") for label in labels)
    assert any(label.startswith("Ingram Micro") for label in labels)
    assert "agreements" in every.columns  # several agreements: which names each

    one = parties(store, "netgear-ingram-1996")
    assert {p.label.split(" (")[0].split(",")[0] for p in one.parties} == {
        "Ingram Micro",
        "NETGEAR",
    }
    # the agreement with its amendments, each naming the same two
    assert len(one.agreements) == 3
    assert all(p.signatory and p.roles == ("signatory",) for p in one.parties)

    signed = ask(store, "who signed netgear-ingram-1996?")
    assert {row["party"] for row in signed.rows} == {p.party for p in one.parties}
    text = answer_text(signed, "table")
    assert "quote" not in text.splitlines()[0]  # a party has no quote
    assert "only the signatories are listed" in text


def test_who_signed_lists_the_signatories_only(store: Store) -> None:
    # the October 2025 agreement is signed by Microsoft and OpenAI; it also names the
    # OpenAI Foundation, the independent expert panel and others who do not sign it
    from pactgraph.ask import ask

    signed = {row["label"] for row in ask(store, "who signed the agreement?").rows}
    assert signed == {"Microsoft", "OpenAI Group PBC"}
    named = {row["label"] for row in ask(store, "who are the parties to the agreement").rows}
    assert signed < named
    assert "OpenAI Foundation" in named


def test_the_parties_as_of_a_day_before_the_amendment(store: Store) -> None:
    # only the October 2025 agreement was published by the end of 2025
    from pactgraph.ask import ask

    answer = ask(store, "who are the parties as of 2025-12-31?")
    assert answer.form == "parties"
    assert answer.rows
    assert all(row["agreements"].endswith("(October 2025)") for row in answer.rows)
    assert "agreements" not in answer.columns  # one agreement: no column to say which


def test_when_the_agreement_was_signed(store: Store) -> None:
    # Microsoft's 10-Q note 17: "On October 28, 2025, we signed a new definitive agreement
    # with OpenAI"; the amending terms are dated 27 April 2026
    from pactgraph.ask import ask

    answer = ask(store, "when was the agreement signed?")
    assert answer.form == "dated"
    assert [(row["date"], row["amends"] != "") for row in answer.rows] == [
        ("2025-10-28", False),
        ("2026-04-27", True),
    ]
    assert "we signed a new definitive agreement" in answer.rows[0]["quote"]
    amendment = ask(store, "when was the amendment signed?")
    assert [row["date"] for row in amendment.rows] == ["2026-04-27"]
    assert ask(store, "when was it amended").rows == amendment.rows


def test_a_backdated_amendment_is_dated_and_known_apart() -> None:
    # NETGEAR's Amendment #1 "is entered into effective October 1,1996"; NETGEAR signed it
    # on 4/30/97 (its record time, pg:publishedOn); Amendment #2 is dated 15 July 1998
    from pactgraph import dates
    from pactgraph.ask import ask

    store = load([DATA / "real-netgear-distributor"])
    every = dates(store)
    assert [(d.date, d.published) for d in every.dates] == [
        (dt.date(1996, 3, 1), None),
        (dt.date(1996, 10, 1), dt.date(1997, 4, 30)),
        (dt.date(1998, 7, 15), dt.date(1998, 7, 15)),
    ]
    first = ask(store, "when was the first amendment signed?")
    assert [(row["date"], row["known from"]) for row in first.rows] == [
        ("1996-10-01", "1997-04-30")
    ]
    # at the end of 1996 the first amendment was not yet signed by both
    before = dates(store, "netgear-ingram-1996", as_of=dt.date(1996, 12, 31))
    assert [d.date for d in before.dates] == [dt.date(1996, 3, 1)]
    assert len(before.agreements) == 3  # the agreement asked about, with its versions


def test_an_agreement_without_a_date_shows_the_one_assumed() -> None:
    # "This agreement is made this ___ day of ___": pg:assumedDate 2025-04-01
    from pactgraph.ask import ask
    from pactgraph.render import answer_text

    answer = ask(load([DATA / "assumed-date"]), "what is the date of the agreement?")
    assert [row["date"] for row in answer.rows] == ["2025-04-01 (assumed)"]
    assert "assumed to have" in answer_text(answer, "table")


def test_is_there_an_exclusivity(store: Store) -> None:
    # the October 2025 agreement's three exclusivities, each replaced or repealed as
    # 27 April 2026 begins; the licence "non-exclusive" and the repeals are not exclusivities
    from pactgraph.ask import ask

    answer = ask(store, "is there an exclusivity?")
    assert answer.form == "search"
    assert {row["provision"].rsplit(":", 1)[-1].rsplit("/", 1)[-1] for row in answer.rows} == {
        "azure-api-exclusivity",
        "exclusive-ip-rights",
        "joint-api-azure-exclusive",
    }
    assert all("2026-04-27" in row["term"] for row in answer.rows)
    assert all(row["by_kind"] for row in answer.rows)


def test_a_topic_no_kind_names_is_found_by_its_words(store: Store) -> None:
    from pactgraph.ask import ask
    from pactgraph.render import answer_text

    shares = ask(store, "does the agreement have a revenue share?")
    labels = {row["label"] for row in shares.rows}
    assert "Microsoft no longer pays a revenue share to OpenAI" in labels
    assert any(label.startswith("OpenAI's revenue share payments") for label in labels)
    assert not any(row["by_kind"] for row in shares.rows)
    assert "no provision is of a kind named" in answer_text(shares, "table")
    restrictions = ask(store, "are there any restrictions?")
    assert {row["kind"] for row in restrictions.rows} == {"restriction"}
    assert len(restrictions.rows) == 2
    none = ask(store, "is there a non-compete clause?")
    assert not none.rows
    assert answer_text(none, "table").startswith("No provision is of a kind named 'non-compete'")


def test_what_if_agi_is_never_verified(store: Store) -> None:
    # "Microsoft's IP rights to research ... will remain until either the expert panel
    # verifies AGI or through 2030, whichever is first": without a verification, through
    # 2030. What AGI could have ended sooner and the April 2026 terms replace ends then
    # either way, no longer "or sooner".
    from pactgraph.ask import ask
    from pactgraph.lookup import never

    answer = ask(store, "what if AGI is never verified?")
    assert answer.form == "never"
    found = {c.provision.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: c for c in answer.answer.provisions}
    assert set(found) == {
        "research-ip-rights",
        "revenue-share",
        "azure-api-exclusivity",
        "exclusive-ip-rights",
        # what research IP is, which ends with Microsoft's rights to it
        "research-ip-definition",
        "research-ip-includes",
        "research-ip-excludes",
        # the exclusivity of API products made with third parties, which depends on the
        # Azure API exclusivity: it too could end sooner through a verification, and not
        # without one
        "joint-api-azure-exclusive",
    }
    joint = found["joint-api-azure-exclusive"]
    assert joint.stated.conditional
    assert not joint.never.conditional
    assert joint.stated.end == joint.never.end
    research = found["research-ip-rights"]
    assert research.stated.conditional
    assert not research.never.conditional
    assert research.never.end == dt.date(2030, 12, 31)
    for name in ("revenue-share", "azure-api-exclusivity", "exclusive-ip-rights"):
        assert found[name].stated.end == found[name].never.end == dt.date(2026, 4, 26)
        assert found[name].stated.conditional
        assert not found[name].never.conditional
    # the same, asked the other way round and through the verb
    assert ask(store, "what if the expert panel never verifies AGI").rows == answer.rows
    assert never(store, ["AGI verified"]) == answer.answer


def test_never_in_a_later_clause_still_asks_an_impact(store: Store) -> None:
    from pactgraph.ask import ask
    from pactgraph.errors import UsageError

    with pytest.raises(UsageError, match="requires AGI declared, which never happens"):
        ask(store, "what happens if AGI is verified but OpenAI never declares AGI")


def test_an_agreement_without_a_term_of_its_own_says_so(store: Store) -> None:
    # the Microsoft-OpenAI terms give each provision its own end; the most any provision
    # has resting on it is three of twenty-six (Microsoft's IP rights to research)
    from pactgraph.ask import ask
    from pactgraph.errors import UnknownNameError

    with pytest.raises(UnknownNameError, match="no one term that a third or more"):
        ask(store, "when does the agreement end?")


def test_the_term_of_a_real_agreement_and_its_replacement() -> None:
    # NEON's 1996 term ("two years from 1 January 1996, renewing yearly") is what twelve of
    # its provisions rest on; Amendment #1 replaces it from 1999-01-01
    from pactgraph.lookup import agreement_term

    neon = load([DATA / "real-neon-distributor"])
    old, _ = agreement_term(neon, as_of=dt.date(1998, 12, 31))
    new, how = agreement_term(neon)
    assert old == "https://w3id.org/pactgraph/id/neon-distributor-1996/term"
    assert new == "https://w3id.org/pactgraph/id/neon-distributor-1996/term-1999"
    assert "the provision 12 of the agreement's others rest on" in how
    assert "replaces it" in how
    assert agreement_term(neon, "neon-distributor-1996")[0] == new


def test_how_a_real_distributor_agreement_can_be_terminated() -> None:
    # NETGEAR 15.B: "This Agreement may be canceled at any time without cause, by either party
    # upon ninety (90) days written notice"; "Either party may terminate ... immediately if (i)
    # the other party becomes insolvent ... or (ii) the other party fails to cure a material
    # breach ... within thirty (30) days"; the term otherwise renews for one year at a time
    from pactgraph.ask import ask
    from pactgraph.render import answer_text

    store = load([DATA / "real-netgear-distributor" / "agreement.ttl"])
    every = ask(store, "how can the agreement be terminated?")
    assert every.form == "terminations"
    assert len(every.rows) == 5  # cancellation, two breaches, insolvency, the renewals
    convenience = ask(store, "can NETGEAR terminate for convenience?")
    assert len(convenience.rows) == 1
    assert "without cause" in convenience.rows[0]["quote"]
    assert "NETGEAR" in convenience.rows[0]["by"]
    insolvency = ask(store, "can Ingram terminate for insolvency?")
    assert [r["how"].split(",")[0] for r in insolvency.rows] == [
        "when a party gives notice terminating the Agreement for the other's insolvency"
    ]
    breach = ask(store, "can NETGEAR terminate the agreement for breach?")
    assert len(breach.rows) == 1
    assert breach.rows[0]["by"] == "NETGEAR"
    assert len(ask(store, "when can Ingram terminate?").rows) == 3
    none = ask(store, "can NETGEAR terminate for a change of control?")
    assert not none.rows
    assert answer_text(none, "table").startswith("No way of ending")


def test_which_rights_or_obligations_end_in_a_year(store: Store) -> None:
    # "Microsoft's IP rights to research ... will remain until either the expert panel
    # verifies AGI or through 2030": the one right with its last day in 2030; "Revenue share
    # payments from OpenAI to Microsoft continue through 2030": the one obligation
    from pactgraph.ask import ask

    def ending(question: str) -> set[str]:
        return {r["provision"].rsplit("/", 1)[-1] for r in ask(store, question).rows}

    assert ending("which rights expire in 2030?") == {"research-ip-rights"}
    assert ending("which obligations end in 2030") == {"revenue-share-through-2030"}
    every = ending("which provisions end in 2030")
    assert {"research-ip-rights", "revenue-share-through-2030"} < every
    assert "research-ip-definition" in every  # a definition: not a right, not an obligation


def test_what_if_a_term_is_never_extended() -> None:
    # WPT-Zynga, Basic 3: three years from 1 February 2018, extended by two years "provided
    # WPT receives payments greater than ... $12,000,000 within the Initial Term". Never
    # reached: the Term's last day is 2021-01-31, and the Renewal Term never comes
    from pactgraph.ask import ask

    store = load([DATA / "real-wpt-zynga-licence" / "agreement.ttl"])
    answer = ask(store, "what if WPT never receives payments greater than $12,000,000?")
    found = {c.provision.rsplit("/", 1)[-1]: c for c in answer.answer.provisions}
    assert found["term"].never.end == dt.date(2021, 1, 31)
    assert found["renewal-term"].never.start is None
    assert found["renewal-term"].stated.conditional


def test_the_grounds_for_termination_as_people_word_them() -> None:
    # NETGEAR 15.B: cancellation "without cause" on ninety days' notice by either party;
    # termination for the other's insolvency or bankruptcy by either party; for the other's
    # uncured material breach
    from pactgraph.ask import ask

    store = load([DATA / "real-netgear-distributor" / "agreement.ttl"])

    def ways(question: str) -> list[str]:
        return [r["how"].split(",")[0] for r in ask(store, question).rows]

    assert ways("can NETGEAR terminate without cause?") == [
        "90 days after notice of cancellation without cause"
    ]
    assert ways("Can Ingram Micro terminate the agreement if NETGEAR goes bankrupt?") == [
        "when a party gives notice terminating the Agreement for the other's insolvency"
    ]
    for_cause = ways("can NETGEAR terminate for cause?")
    assert len(for_cause) == 2  # its breach route and the insolvency route
    assert not any("without cause" in way for way in for_cause)


def test_an_agreement_may_say_which_provision_is_its_term() -> None:
    # pg:term names it, though no other provision rests on it
    from pactgraph.ask import ask

    store = load(
        text="""
        <https://example.org/a> a pg:Agreement ; rdfs:label "supply" ;
            dcterms:date "2024-01-01"^^xsd:date ; pg:term <https://example.org/term> ;
            pg:provision <https://example.org/term>, <https://example.org/supply> .
        <https://example.org/term> a pg:Definition ; rdfs:label "term of supply" ;
            pg:endsWith <https://example.org/end> .
        <https://example.org/supply> a pg:Obligation ; rdfs:label "supply" .
        <https://example.org/end> a pg:DateTrigger ; rdfs:label "end of 2026" ;
            time:inXSDDate "2026-12-31"^^xsd:date ; pg:dayBoundary pg:EndOfDay .
        """
    )
    answer = ask(store, "when does the agreement end?")
    assert answer.rows[0]["label"] == "term of supply"
    assert answer.rows[0]["end"] == "2026-12-31"
    assert any("the agreement's term (pg:term)" in a for a in answer.assumptions)


def test_what_happens_when_the_agreement_ends_leaves_out_what_a_later_version_replaced() -> None:
    # NEON's 1999 amendment deletes the merger termination right and replaces the fee share,
    # the master copy licence and the wind-down: they rest on the term no longer; their
    # replacements, and what the amendment kept, do
    from pactgraph.ask import ask

    store = real("real-neon-distributor")
    answer = ask(store, "what happens when the agreement ends?")
    found = {str(r["provision"]).rsplit("/", 1)[-1] for r in answer.rows}
    assert not found & {"merger-termination-right", "fee-share", "master-copy-licence", "wind-down"}
    assert {
        "royalty-share",
        "master-copy-licence-1999",
        "wind-down-1999",
        "confidentiality",
    } <= found
    assert any("later version replaced or repealed" in a for a in answer.assumptions)


def test_the_initial_term_is_the_term_before_any_renewal() -> None:
    from pactgraph.ask import ask

    # tests/data/renewal: "from 1 January 2025 for an initial term of one year", renewing
    # yearly unless a notice comes 60 days before a term's end
    store = load([DATA / "renewal" / "agreement.ttl"])
    answer = ask(store, "when does the initial term end?")
    assert answer.form == "lifetime"
    row = answer.rows[0]
    # 2025-01-01 + one year = 2026-01-01, so the initial term's last day is 2025-12-31; the
    # cleaning itself never ends without a notice
    assert (row["start"], row["end"]) == ("2025-01-01", "2025-12-31")
    assert "before any renewal" in row["ends"]
    assert any("before any renewal" in a for a in answer.assumptions)
    # a notice too late for the initial term (2025-11-02 + 60 days = 2026-01-01) renews the
    # cleaning once, to 2026-12-31; the initial term still ends on 2025-12-31
    late = ask(store, "when does the original term end if notice of non-renewal on 2 Nov 2025?")
    assert late.rows[0]["end"] == "2025-12-31"
    whole = ask(store, "when does the term end if notice of non-renewal on 2 Nov 2025?")
    assert whole.rows[0]["end"] == "2026-12-31"
    # the renewal's words give the first term's day and the day the renewed term ends
    assert "end of the initial term of one year (on 2026-01-01)" in whole.rows[0]["ends"]
    assert "(its end comes on 2027-01-01)" in whole.rows[0]["ends"]


def test_an_initial_term_the_model_names_or_a_term_that_never_renews() -> None:
    from pactgraph.ask import ask

    def term(folder: str, question: str) -> tuple[str, str, str]:
        row = ask(load(sorted((DATA / folder).glob("*.ttl"))), question).rows[0]
        return row["provision"].rsplit("/", 1)[1], row["start"], row["end"]

    # WPT's model has a provision for the Initial Term ("three (3) years from the
    # Effective Date", February 1, 2018): it is that one
    assert term("real-wpt-zynga-licence", "when does the initial term end?") == (
        "initial-term", "2018-02-01", "2021-01-31"
    )  # fmt: skip
    # Gentech's term ("effective as of 1 August 2019 … for a period of Three (3) years")
    # renews only by the Distributor's option, which the model keeps apart: no renewal ends
    # it, so its initial term is its term
    assert term("real-gentech-distributor", "when does the initial term end?") == (
        "term", "2019-08-01", "2022-07-31"
    )  # fmt: skip


def test_what_a_party_gets_or_loses_from_an_undated_event_moving_its_terms() -> None:
    from pactgraph.ask import ask
    from pactgraph.impact import impact

    # Medalist's consulting agreement (tests/data/real-medalist-consulting): 8(d) "CONSULTANT
    # may terminate this Agreement by giving ninety (90) days' written notice"; without a day
    # for the notice, what it moves ends ninety days after whatever day it comes
    store = real("real-medalist-consulting")
    moved = {s.provision.rsplit("/", 1)[1]: s for s in
             impact(store, "the Consultant gives notice of termination").later}  # fmt: skip
    # the initial term (last day 2021-02-28) ends sooner, on a day that depends on the
    # notice's (not always on 2020-05-31), for a notice before 2020-11-30: one on 2020-11-30
    # keeps it in force ninety days on, through 2021-02-28 (1 day to 1 December, 32 to
    # 1 January, 63 to 1 February, 90 to 28 February), its last day anyway
    initial = moved["initial-term"]
    assert initial.day_dependent
    assert initial.last_after is None
    assert initial.sooner_end
    assert initial.condition == "if before 2020-11-30"
    # "lose": what the REIT holds and the notice ends sooner; not what Gunston holds (its fee,
    # its own right to terminate), nor what begins (the return of materials)
    lose = ask(store, "what does the REIT lose if the Consultant gives notice of termination?")
    lost = {r["provision"].rsplit("/", 1)[1] for r in lose.rows}
    assert {"consulting-services", "termination-for-cause"} <= lost
    assert not lost & {"consulting-fee", "termination-by-consultant", "return-of-materials"}
    # "get": the return of the Company's materials "on termination" comes sooner
    get = ask(store, "what does the REIT get if the Consultant gives notice of termination?")
    assert [r["provision"].rsplit("/", 1)[1] for r in get.rows] == ["return-of-materials"]


def test_a_right_during_the_term_starts_and_ends_with_the_term() -> None:
    from pactgraph.ask import ask

    # "during the Term": the Term runs from 1 April 2018 to the later of 28 February 2023
    # and the end of an undated season; the right, dated with the agreement in 2017, starts
    # with the Term and ends with it, however it ends
    store = load(
        text="""
        <https://example.org/a> a pg:Agreement ; dcterms:date "2017-11-27"^^xsd:date ;
            pg:provision <https://example.org/term>, <https://example.org/right> .
        <https://example.org/term> a pg:Definition ; rdfs:label "the Term" ;
            pg:startsWith <https://example.org/effective> ; pg:endsWith <https://example.org/later> .
        <https://example.org/effective> a pg:DateTrigger ; rdfs:label "the Effective Date" ;
            time:inXSDDate "2018-04-01"^^xsd:date .
        <https://example.org/later> a pg:LatestOf ; rdfs:label "the later of two" ;
            pg:member <https://example.org/feb>, <https://example.org/season> .
        <https://example.org/feb> a pg:DateTrigger ; rdfs:label "the last day in February 2023" ;
            time:inXSDDate "2023-03-01"^^xsd:date .
        <https://example.org/season> a pg:Event ; rdfs:label "the season concludes" .
        <https://example.org/right> a pg:Right ; rdfs:label "use of the designation" ;
            pg:dependsOn <https://example.org/term> .
        """
    )
    row = ask(store, "when does the use of the designation end?").rows[0]
    assert row["start"] == "2018-04-01"
    assert row["starts"] == "with the Term (on 2018-04-01)"
    assert row["ends"].startswith("with the Term, which ends ")
    assert "2023-03-01" in row["ends"]
    assert "the season concludes" in row["ends"]


def test_a_provision_named_in_words_is_the_version_in_effect_that_day() -> None:
    # NETGEAR's Territory (Section 2), restated by the amendments of October 1996 and of
    # July 1998 "for the current term and any renewal term": on 1 August 1998 the territory
    # restriction is in force, as restated; named by its local name, the first version is not
    store = real("real-netgear-distributor")
    on = dt.date(1998, 8, 1)
    verdict = in_force(store, "the territory restriction", on)
    assert verdict.provision.endswith("/territory-1998")
    assert verdict.answer == "yes"
    assert "this version replaced" in verdict.reason
    assert in_force(store, "territory", on).answer == "no"
    # before the first amendment took effect, the first version is the one in force
    assert in_force(store, "the territory restriction", dt.date(1996, 9, 30)).provision.endswith(
        "/territory"
    )


def test_an_event_that_never_comes_bars_those_that_require_it() -> None:
    from pactgraph.lookup import never

    # "until either the expert panel verifies AGI or through 2030": verification requires a
    # declaration, so if AGI is never declared, the right runs through 2030, verification or
    # not; what only the declaration ends is listed too
    store = load(
        text="""
        <https://example.org/a> a pg:Agreement ; dcterms:date "2025-10-28"^^xsd:date ;
            pg:provision <https://example.org/research>, <https://example.org/thresholds> .
        <https://example.org/declared> a pg:Event ; rdfs:label "AGI declared" .
        <https://example.org/verified> a pg:Event ; rdfs:label "AGI verified" ;
            pg:requires <https://example.org/declared> .
        <https://example.org/research> a pg:Right ; rdfs:label "research IP rights" ;
            pg:endsWith <https://example.org/first> .
        <https://example.org/first> a pg:EarliestOf ; rdfs:label "verified or end of 2030" ;
            pg:member <https://example.org/verified>, <https://example.org/end-2030> .
        <https://example.org/end-2030> a pg:DateTrigger ; rdfs:label "end of 2030" ;
            time:inXSDDate "2030-12-31"^^xsd:date ; pg:dayBoundary pg:EndOfDay .
        <https://example.org/thresholds> a pg:Restriction ; rdfs:label "compute thresholds" ;
            pg:endsWith <https://example.org/declared> .
        """
    )
    rows = {r.provision: r for r in never(store, ["AGI declared"]).provisions}
    assert set(rows) == {"https://example.org/research", "https://example.org/thresholds"}
    research = rows["https://example.org/research"]
    assert research.stated.conditional
    assert not research.never.conditional
    assert research.never.end == dt.date(2030, 12, 31)


def test_who_can_end_the_agreement_for_a_reason() -> None:
    # NETGEAR 15.B: "either party may cancel this Agreement at any time without cause upon
    # ninety (90) days written notice"; the other ways need a breach or an insolvency
    store = real("real-netgear-distributor")
    for question in (
        "Who can cancel the agreement without cause?",
        "who can terminate without cause",
    ):
        rows = ask(store, question).rows
        assert [r["trigger"].rsplit("/", 1)[1] for r in rows] == ["convenience-termination"]
    every = ask(store, "who can terminate the agreement").rows
    breach = ask(store, "when can NETGEAR terminate for breach").rows
    assert 0 < len(breach) < len(every)
    assert all("breach" in r["how"].lower() for r in breach)


def test_how_much_notice_a_step_needs() -> None:
    # eGain 10.1: renews "unless either party provides at least thirty (30) days prior
    # written notice"; NETGEAR 15.B: "without cause upon ninety (90) days written notice"
    egain = real("real-egain-hosting")
    for question in (
        "How much notice is needed to stop the agreement renewing?",
        "what notice is required for non-renewal",
        "how many days notice must a party give to prevent the agreement from renewing",
    ):
        answer = ask(egain, question)
        assert answer.form == "lifetime", question
        assert "30 days" in answer.rows[0]["ends"]
    netgear = real("real-netgear-distributor")
    answer = ask(netgear, "how much notice does a party need to give to cancel without cause")
    assert answer.form == "terminations"
    assert [r["trigger"].rsplit("/", 1)[1] for r in answer.rows] == ["convenience-termination"]
    assert "90 days" in answer.rows[0]["how"]


def test_a_version_named_by_place_or_title_number() -> None:
    # NETGEAR: "AMENDMENT #1 ... entered into effective October 1,1996", "AMENDMENT #2 ...
    # July 15, 1998"; Bioamber's First Amendment "will be effective as of July 5, 2011"
    netgear = real("real-netgear-distributor")

    def dated(store: Store, question: str) -> list[str]:
        answer = ask(store, question)
        assert answer.form == "dated", question
        return [r["date"] for r in answer.rows]

    assert dated(netgear, "when did the first amendment take effect") == ["1996-10-01"]
    assert dated(netgear, "when did amendment #2 take effect") == ["1998-07-15"]
    assert dated(netgear, "when was amendment #2 signed") == ["1998-07-15"]
    assert len(dated(netgear, "when was the agreement signed")) == 3  # with its versions
    changed = ask(netgear, "what did amendment #2 change")
    assert {r["agreement"].rsplit("/", 1)[1] for r in changed.rows} == {"amendment-2"}
    bioamber = real("real-bioamber-development")
    assert dated(bioamber, "When did the First Amendment take effect?") == ["2011-07-05"]
    # a term's start is still its lifetime
    assert ask(bioamber, "when does the term start").form == "lifetime"


def test_which_kind_of_provision_an_event_changes(store: Store) -> None:
    # a verification ends Microsoft's research IP rights ("until either the expert panel
    # verifies AGI or through 2030") and the compute thresholds, a restriction, end with the
    # declaration it requires: only rights are asked about
    answer = ask(store, "Which rights end when the expert panel verifies AGI in 2029?")
    assert answer.form == "impact"
    assert [r["provision"] for r in answer.rows] == [f"{V1}research-ip-rights"]
    assert any("only rights are listed" in a for a in answer.assumptions)
    every = ask(store, "which provisions change when AGI is verified")
    assert len(every.rows) > 1


def test_the_parties_to_a_version_and_the_term_of_an_agreement_by_its_title(
    store: Store,
) -> None:
    # the April 2026 terms are agreed between Microsoft and OpenAI, the two who sign
    signed = ask(store, "who signed the amendment")
    assert signed.form == "parties"
    assert {r["label"] for r in signed.rows} >= {"Microsoft"}
    assert all(r["signatory"] for r in signed.rows)
    # Bioamber 10.1: "The term of this Agreement shall be four (4) years from the Effective
    # Date" (15 April 2010)
    bioamber = real("real-bioamber-development")
    for question in (
        "how long is the term of the development agreement",
        "what is the term of the development agreement",
    ):
        answer = ask(bioamber, question)
        assert answer.form == "lifetime", question
        row = answer.rows[0]
        assert (row["start"], row["end"]) == ("2010-04-15", "2014-04-14")


def test_it_in_a_scenario_is_the_party_asked_about() -> None:
    # Smaaash 8.3: a Remedy Notice to the Franchisee (I-AM Capital), then thirty days to cure
    store = real("real-smaaash-franchise")
    answer = ask(
        store,
        "What does I-AM Capital still hold on 12 March 2020 if it receives a Remedy Notice of"
        " its breach on 10 February 2020",
    )
    assert answer.form == "holds"
    assert any("i-am capital receives a remedy notice" in a.lower() for a in answer.assumptions)


def test_a_reason_named_with_a_party_s_own_name() -> None:
    # Smaaash 8.2(a): the Franchisor may terminate on thirty days' notice if "the Franchisee
    # fails to make any payment"; XIMAGE 13(b) "failed to make timely payment", not 13(c)'s
    # "admitted inability to pay its debts"
    smaaash = real("real-smaaash-franchise")
    for question in (
        "Can Smaaash terminate if I-AM Capital stops paying?",
        "Can Smaaash terminate if I-AM Capital fails to pay?",
    ):
        rows = ask(smaaash, question).rows
        assert [r["rights"][0].rsplit("/", 1)[1] for r in rows] == ["franchisor-notice-right"]
    ximage = real("real-ximage-maintenance")
    rows = ask(ximage, "Can XIMAGE terminate if MORPHO pays an invoice late?").rows
    assert all("bankruptcy" not in r["how"] for r in rows)
    assert rows


def test_what_a_party_may_do_worded_as_a_clause() -> None:
    # Bioamber: Cargill "may apply additional FTEs" (First Amendment 2.2) among its rights
    store = real("real-bioamber-development")
    asked = ask(store, "what may Cargill do")
    for question in ("list what Cargill may do", "what Cargill may do"):
        answer = ask(store, question)
        assert answer.form == "stance"
        assert answer.rows == asked.rows
    assert ask(store, "what Cargill must do").rows == ask(store, "what must Cargill do").rows


def test_what_a_party_is_owed_in_a_scenario() -> None:
    # eGain 10.1: a year's term from the Effective Date, renewing unless either party gives
    # 30 days' notice; 10.3: the Customer pays "all unpaid accrued fees" within fifteen days
    # of termination: with the Effective Date on 1 April 1999 and the Customer's notice on
    # 1 March 2000, the term ends as 1 April 2000 begins and the final payment is owed
    store = real("real-egain-hosting")
    answer = ask(
        store,
        "What is eGain owed on 10 April 2000 if the Effective Date is on 1 April 1999 and"
        " Customer gives notice of non-renewal on 1 March 2000?",
    )
    assert answer.form == "stance"
    assert "final-payment" in {r["provision"].rsplit("/", 1)[1] for r in answer.rows}
    assert any("scenario" in a for a in answer.assumptions)


@pytest.mark.parametrize(
    ("folder", "question", "days", "provision"),
    [
        # Jaguars 3(b): unused Annual Trade Value may be used "within twelve (12) months
        # following expiration"; with the season over on 12 February 2023 the Term expires
        # after 28 February 2023, and the twelve months' last day is 29 February 2024
        (
            "real-jaguars-sponsorship",
            "Can the Club still use unused Annual Trade Value on {day} if the 2022/23 NFL season"
            " concludes on 12 February 2023",
            (("29 February 2024", "in_force"), ("1 March 2024", "ended")),
            "unused-trade-value",
        ),
        # Ashworth / Nantz: Nantz Communications may terminate "on or before sixty (60) days
        # after" notice of a merger: notice on 15 January 2000, last day 2000-03-15
        (
            "real-nantz-promotion",
            "Can Nantz Communications still terminate for the merger on {day} if it received"
            " notice of the merger on 15 January 2000",
            (("15 March 2000", "in_force"), ("16 March 2000", "ended")),
            "merger-termination-right",
        ),
    ],
)
def test_in_force_asked_by_what_a_provision_lets_a_party_do_on_a_day(
    folder: str, question: str, days: tuple[tuple[str, str], ...], provision: str
) -> None:
    store = real(folder)
    for day, status in days:
        answer = ask(store, question.format(day=day))
        assert answer.form == "in force"
        assert answer.rows[0]["provision"].endswith(f"/{provision}")
        assert answer.rows[0]["status"] == status, day


def test_in_force_asked_by_what_a_provision_makes_a_party_do() -> None:
    # XIMAGE 11: on a material breach of Section 7, XIMAGE may terminate MORPHO's rights to
    # use the Software by written notice, and MORPHO then returns all of it
    ximage = real("real-ximage-maintenance")
    answer = ask(
        ximage,
        "Is MORPHO obliged to return the Software on 20 May 1995 if MORPHO materially breaches"
        " Section 7 on 10 May 1995 and XIMAGE gives written notice terminating its rights to use"
        " the Software on 20 May 1995",
    )
    assert answer.rows[0]["provision"].endswith("/software-return")
    assert answer.rows[0]["status"] == "in_force"


def test_a_deadline_asked_as_when_must_a_party_act() -> None:
    # Corio 12.1: "Within sixty (60) days of the Effective Date" (29 October 1999) Commerce
    # One executes an escrow agreement: its last day is 1999-12-28
    corio = real("real-corio-commerceone-hosting")
    answer = ask(corio, "By when must Commerce One execute the escrow agreement?")
    assert answer.form == "lifetime"
    assert answer.rows[0]["provision"].endswith("/escrow-execution")
    assert answer.rows[0]["end"] == "1999-12-28"


def test_an_event_in_a_month(store: Store) -> None:
    # "until either the expert panel verifies AGI or through 2030": a verification in
    # March 2029 ends the research IP rights, on whichever day of the month it comes
    answer = ask(store, "what changes when AGI is verified in March 2029")
    assert answer.form == "impact"
    assert f"{V1}research-ip-rights" in {r["provision"] for r in answer.rows}
    assert any("every day from 2029-03-01 to 2029-03-31" in a for a in answer.assumptions)


def test_which_provisions_a_version_replaced(store: Store) -> None:
    # the April 2026 terms restate the cloud, IP and revenue-share terms in place of the
    # October 2025 ones, repeal two exclusivities and add that Microsoft no longer pays
    answer = ask(store, "Which provisions did the amendment replace?")
    assert answer.form == "changes"
    replacing = {r["provision"].rsplit("/", 1)[1] for r in answer.rows}
    assert {"primary-cloud-partner", "non-exclusive-ip-licence"} <= replacing
    assert "no-revenue-share-to-openai" not in replacing  # new, replacing nothing
    assert "exclusive-ip-rights-removed" not in replacing  # a repeal
    assert all(r["replaces"] for r in answer.rows)


def test_whether_one_provision_survives() -> None:
    # Arconic 4.4: "Sections 1.4, 3, 4.4, 5.1, 5.2, and 6.1 through 6.11 shall survive"; the
    # licence grant (1.1) is not among them
    store = real("real-arconic-trademark-licence")
    answer = ask(store, "does the indemnity survive termination")
    assert answer.form == "survives"
    assert [r["provision"].rsplit("/", 1)[1] for r in answer.rows] == ["indemnification"]
    grant = ask(store, "does the licence to use the ARMX Licensed Mark survive termination")
    assert not grant.rows
    assert any("it does not survive" in a for a in grant.assumptions)
    # Kathy Ireland 13: records kept "at least two (2) years after the termination of this
    # license"; 7(a): no challenge "during the term ... or thereafter"
    kathy = real("real-kathy-ireland-endorsement")
    answer = ask(kathy, "Which obligations continue after the license expires?")
    assert answer.form == "survives"
    assert {"records", "no-challenge"} <= {r["provision"].rsplit("/", 1)[1] for r in answer.rows}
    # Cool Tech VIII: the non-solicitation runs "six (6) months following expiration or
    # termination", whatever ends the agreement
    cooltech = real("real-cooltech-alliance")
    assert ask(cooltech, "What survives if the parties agree to terminate the agreement?").rows == (
        ask(cooltech, "what survives").rows
    )
    # eGain 10.2: "Sections 4, 5 …, 7, 8, 10.2 and 12 … shall survive"
    egain = real("real-egain-hosting")
    assert ask(egain, "which sections survive expiry").rows == ask(egain, "what survives").rows


def test_an_impact_s_event_and_its_scenario_settle_each_other() -> None:
    # Kathy Ireland 14(c): "upon twenty (20) days' notice" of a violation of a material
    # obligation, and 16: 120 days to dispose of products after the notice. "The violation
    # notice" could be the quality notice or the violation notice: the violation dated with
    # it settles which, in the event asked about and in the scenario alike
    store = real("real-kathy-ireland-endorsement")
    for question in (
        "What changes when KI, Inc. mails the violation notice on 12 May 1998 if Diplomat"
        " violates a material obligation on 1 May 1998?",
        "What does Diplomat get if Diplomat violates a material obligation on 1 May 1998 and"
        " KI, Inc. mails the violation notice on 12 May 1998?",
    ):
        rows = {r["provision"].rsplit("/", 1)[1]: r for r in ask(store, question).rows}
        assert rows["sell-off"]["first_after"] == "1998-06-02", question


def test_what_depends_on_an_event_that_others_require() -> None:
    # eGain 10.1: eGain may terminate "upon ... the other party's insolvency" by notice: what
    # the notice ends rests on the insolvency it requires
    store = real("real-egain-hosting")
    answer = ask(store, "What depends on the insolvency of Customer?")
    found = {r["provision"].rsplit("/", 1)[1]: r for r in answer.rows}
    assert {"hosting-services", "final-payment"} <= found.keys()
    assert " requires " in found["final-payment"]["via"]


def test_what_a_party_does_named_by_its_doer(store: Store) -> None:
    # April 2026: "Microsoft will no longer pay a revenue share to OpenAI"; "Revenue share
    # payments from OpenAI to Microsoft continue through 2030"
    stop = ask(store, "When does Microsoft stop paying a revenue share to OpenAI?")
    assert stop.form == "lifetime"
    assert stop.rows[0]["provision"] == f"{V2}no-revenue-share-to-openai"
    assert stop.rows[0]["start"] == "2026-04-27"
    keep = ask(store, "How long does OpenAI have to keep paying Microsoft a revenue share?")
    assert keep.rows[0]["provision"] == f"{V2}revenue-share-through-2030"
    assert keep.rows[0]["end"] == "2030-12-31"


def test_what_happens_on_expiry_of_an_agreement_that_never_expires() -> None:
    # Smaaash cl. 2: the agreement "shall continue until terminated"; every way it ends is a
    # termination, so nothing happens on expiry
    store = real("real-smaaash-franchise")
    answer = ask(store, "what happens on expiry?")
    assert answer.form == "agreement ends"
    assert not answer.rows
    assert any("states no expiry" in a for a in answer.assumptions)
    assert ask(store, "what happens on termination?").rows


def test_a_right_exercisable_on_a_day() -> None:
    store = real("real-nantz-promotion")
    assert ask(store, "Is the first option exercisable on 31 May 2004?").form == "in force"


def test_a_scenario_worded_tersely_and_how_long_a_survivor_lasts() -> None:
    # ATMOS 5.1: effective "as of the date of physical completion of and initial deliveries",
    # a primary term of ten years; 5.2: balancing "shall survive ... until such time as such
    # balancing has been accomplished"
    store = real("real-atmos-transportation")
    for question in (
        "Is the agreement in force on 31 July 2003 if initial deliveries take place on 1 August"
        " 1993?",
        "is the agreement in force on 31 july 2003 if initial deliveries 1 august 1993",
    ):
        answer = ask(store, question)
        assert answer.rows[0]["status"] == "in_force", question
    survives = ask(store, "how long does the balancing survive")
    assert survives.form == "survives"
    assert [r["provision"].rsplit("/", 1)[1] for r in survives.rows] == ["balancing"]


def test_a_scenario_saying_an_event_does_not_happen() -> None:
    # Gentech 6(g): confidentiality for three years from the end of the initial period
    # (2022-07-31), which 7(b) extends only if the Distributor gives notice of renewal
    store = real("real-gentech-distributor")
    for wording in ("does not renew", "doesnt renew", "never renews"):
        answer = ask(
            store,
            f"Is confidentiality still in force on 1 August 2025 if the distributor {wording}?",
        )
        assert answer.rows[0]["answer"] == "no", wording


def test_until_when_a_provision_binds_in_a_scenario() -> None:
    # Cool Tech II(y): "at any time upon sixty (60) days advance written notice"; VIII: the
    # non-solicitation for "six (6) months following expiration or termination". Notice on
    # 10 June 2020 terminates the agreement on 9 August 2020, the sixtieth day; six months
    # following it run through 2021-02-09
    store = real("real-cooltech-alliance")
    answer = ask(
        store,
        "Until when is the non-solicitation binding if sixty days' notice of termination is"
        " given on 10 June 2020?",
    )
    assert answer.form == "lifetime"
    assert answer.rows[0]["provision"].endswith("/non-solicitation")
    assert answer.rows[0]["end"] == "2021-02-09"


def test_what_a_party_is_owed_includes_what_another_promised_it_not_to_do() -> None:
    # Cool Tech VIII: "COOL TECH and VET TECH agree not to ... hire ... the other's employees"
    # (a mutual restriction); the services COOL TECH performs are owed to VET TECH too
    store = real("real-cooltech-alliance")
    answer = ask(store, "What is Vet Tech owed?")
    kinds = {r["provision"].rsplit("/", 1)[1]: r["kind"] for r in answer.rows}
    assert kinds["non-solicitation"] == "Restriction"
    assert kinds["cool-tech-services"] == "Obligation"
    assert list(kinds)[-1] == "non-solicitation"  # after the obligations


def test_in_force_asked_by_the_kind_of_provision_a_wording_names() -> None:
    # CCA 4.03: the Contractor "may retain monies" through the Withholding Period, and
    # "remits the retained monies" at its end: "can Emerson still retain monies" is the right
    cca = real("real-cca-outsourcing")
    answer = ask(
        cca,
        "Can Emerson still retain monies on 28 February 2018 if CCA gives six months' prior"
        " written notice of termination on 31 August 2015?",
    )
    assert answer.rows[0]["provision"].endswith("/withholding-right")
    # Medalist 7.3: the non-compete runs twelve months after the agreement ends
    medalist = real("real-medalist-consulting")
    answer = ask(
        medalist,
        "Is Gunston still bound by the non-compete on 9 September 2021 if it goes bankrupt on"
        " 9 September 2020?",
    )
    assert answer.form == "in force"
    assert answer.rows[0]["provision"].endswith("/non-compete")


def test_a_scenario_chained_with_after_and_a_duty_asked_as_have_to() -> None:
    # Bravatek 10(b): i3 ICS may terminate for cause once Bravatek ceases to do business;
    # the notice on 10 October 2017 ends the Term, its last day 2017-10-09
    bravatek = real("real-bravatek-reseller")
    answer = ask(
        bravatek,
        "what rights end when i3 ICS terminates for cause on 10 October 2017 after Bravatek"
        " ceases business on 3 October 2017",
    )
    assert answer.form == "impact"
    assert answer.answer.on == dt.date(2017, 10, 10)
    assert len(answer.answer.scenario) == 2
    assert answer.rows
    # Cool Tech markets and produces the Cool Tech Services during the term
    cooltech = real("real-cooltech-alliance")
    answer = ask(
        cooltech, "Does Cool Tech still have to market the Cool Tech services on 1 June 2018?"
    )
    assert answer.form == "in force"
    assert answer.rows[0]["provision"].endswith("/cool-tech-services")


def test_when_a_party_can_terminate_under_a_scenario() -> None:
    # CCA 8.03: "If a Force Majeure Event ... continues to prevent performance for more than
    # one (1) month, the other party may terminate": from 10 March 2015, a month on
    cca = real("real-cca-outsourcing")
    answer = ask(
        cca,
        "When can Emerson terminate if a Force Majeure Event starts to prevent CCA's"
        " performance on 10 March 2015?",
    )
    assert answer.form == "lifetime"
    assert [(r["provision"].rsplit("/", 1)[1], r["start"]) for r in answer.rows] == [
        ("force-majeure-termination-right", "2015-04-10")
    ]
    # 8.01(a)(i): thirty days to cure after receipt, 2 April to 1 May; the right from 2 May
    answer = ask(
        cca,
        "When can CCA terminate if Emerson receives written notice of its material breach on"
        " 1 April 2015 and never cures it?",
    )
    assert answer.answer.provision.endswith("/breach-termination-right")
    assert answer.answer.start == dt.date(2015, 5, 2)
    # the reason kept to the rights that speak of it: no right of CCA's is for a merger
    with pytest.raises(QuestionError, match="no right to end the agreement fits"):
        ask(cca, "When can CCA terminate for a merger if a Force Majeure Event starts on"
                 " 10 March 2015?")  # fmt: skip


def test_whether_a_party_can_terminate_on_a_day_under_a_scenario() -> None:
    # Ability 3.4: a party may terminate on the other's insolvency, once proceedings are not
    # dismissed within sixty days: from 1 March 2020, the right arises on 1 May 2020; it is
    # the right the scenario gives rise to that answers, though others are in force too
    ability = real("real-ability-services")
    answer = ask(
        ability,
        "Can Recipient terminate on 1 May 2020 if Provider becomes the subject of insolvency"
        " proceedings on 1 March 2020?",
    )
    assert answer.form == "in force"
    assert answer.rows[0]["provision"].endswith("/insolvency-termination-right")
    # 3.3: thirty days to cure after receipt; a notice e-mailed after hours on Friday 29 May
    # 2020 is received on Monday 1 June: on 1 July the cure period still runs
    answer = ask(
        ability,
        "can provider terminate for non payment on 1 July 2020 if the notice of failure is"
        " sent by email after business hours on Friday 29 May 2020",
    )
    assert [(r["provision"].rsplit("/", 1)[1], r["answer"]) for r in answer.rows] == [
        ("breach-termination-right", "no")
    ]


def test_a_party_s_act_named_in_other_words_than_the_label_s() -> None:
    # Medalist 7.3: "no ownership in or services for a Competitor", binding Gunston
    medalist = real("real-medalist-consulting")
    answer = ask(medalist, "Is Gunston barred from competing on 1 April 2021?")
    assert answer.rows[0]["provision"].endswith("/non-compete")
    assert any("is read as" in said for said in answer.assumptions)
    # Cool Tech VIII: "neither party attempts to hire ... the other's employees"
    cooltech = real("real-cooltech-alliance")
    answer = ask(cooltech, "Is Cool Tech barred from hiring Vet Tech's employees on 1 June 2018?")
    assert answer.rows[0]["provision"].endswith("/non-solicitation")
    # Ability 4.1: "in confidence" is "secret"
    ability = real("real-ability-services")
    answer = ask(
        ability,
        "Does the Provider still have to keep Recipient's Confidential Information secret on"
        " 1 January 2025?",
    )
    assert answer.rows[0]["provision"].endswith("/confidentiality")


def test_what_a_party_is_owed_includes_its_rights_to_be_paid() -> None:
    # Medalist 8.3: "CONSULTANT shall receive a termination fee equal to twelve (12) months
    # compensation" if its services end without cause within twelve months of a Change of
    # Control: the Company's notice on 1 March 2021 ends them on 30 May (ninety days)
    medalist = real("real-medalist-consulting")
    answer = ask(
        medalist,
        "what is Gunston owed on 1 June 2021 if a change of control occurs on 1 January 2021"
        " and the Company gives notice of termination for any or no reason on 1 March 2021",
    )
    fee = [r for r in answer.rows if r["provision"].endswith("/change-of-control-fee")]
    assert [(r["kind"], r["status"]) for r in fee] == [("Right", "in_force")]
    # what Gunston may do is not what it is owed: its right to terminate is no payment
    owed = {r["provision"] for r in ask(medalist, "what is Gunston owed?").rows}
    may = {r["provision"] for r in ask(medalist, "what may Gunston do?").rows}
    assert owed & may == {fee[0]["provision"]}


def test_the_notice_to_renew_is_the_option_s_window() -> None:
    # Gentech 7(b): "the option to renew ... by providing prior written notice to Company
    # within Ninety (90) days of the end of the initial period": 3 May to 31 July 2022
    gentech = real("real-gentech-distributor")
    for question in (
        "How much notice does the Distributor have to give to renew?",
        "whats the last day the distributer can excercise the renewal option",
    ):
        answer = ask(gentech, question)
        assert answer.form == "lifetime"
        assert answer.answer.provision.endswith("/renewal-option")
        assert (answer.answer.start, answer.answer.end) == (
            dt.date(2022, 5, 3),
            dt.date(2022, 7, 31),
        )
    # not renewing is the term's end, not the option
    answer = ask(gentech, "how much notice is needed to not renew?")
    assert not answer.answer.provision.endswith("/renewal-option")


def test_a_right_is_not_conditional_on_its_own_use() -> None:
    # Bravatek 10(c)(ii): Company may terminate for cause once Reseller leaves a breach
    # uncured fifteen business days after notice: notice on 20 June 2017, 4 July a holiday,
    # the fifteenth business day 12 July; on 13 July the right is there to be used
    store = real("real-bravatek-reseller")
    events = {"Reseller receives Company's written notice describing Reseller's breach": (
        dt.date(2017, 6, 20))}  # fmt: skip
    right = in_force(store, "company-cause-right", dt.date(2017, 7, 13), events=events)
    assert (right.answer, right.status.value) == ("yes", "in_force")
    # the agreement, which that use would end, still depends on it
    term = in_force(store, "term", dt.date(2017, 7, 13), events=events)
    assert term.answer == "depends"


def test_a_party_of_several_words_that_can_terminate_on_a_day() -> None:
    # Equidata / National Credit Report 7.2: the Marketing Affiliate may terminate only "with
    # cause upon thirty (30) days written notice"; no cause is dated, so it depends
    store = real("real-affiliate")
    for question in (
        "can the Marketing Affiliate terminate on 9 April 2010?",
        "can National Credit Report terminate on 9 April 2010?",
    ):
        answer = ask(store, question)
        assert [(r["provision"].rsplit("/", 1)[1], r["answer"]) for r in answer.rows] == [
            ("cause-termination-right", "depends")
        ], question


def test_an_event_named_twice_in_a_scenario_happens_on_both_days() -> None:
    # ATMOS 5.1: 180 days' notice; IX: a mailed notice is delivered on the third business day.
    # The Shipper's notice mailed 27 January 2009 is delivered on 30 January: the agreement
    # ends after 31 July 2009, whichever party's notice is named first
    store = real("real-atmos-transportation")
    for first, second in (("Shipper", "Transporter"), ("Transporter", "Shipper")):
        days = ("27 January 2009", "28 January 2009")[:: 1 if first == "Shipper" else -1]
        answer = ask(
            store,
            f"is the agreement in force on 1 August 2009 if initial deliveries are on 1 August"
            f" 1993, the {first} mails notice of termination on {days[0]} and the {second}"
            f" mails notice of termination on {days[1]}",
        )
        assert answer.rows[0]["answer"] == "no", first


def test_can_a_party_do_what_a_bar_forbids() -> None:
    # Arconic 6.10: "This Agreement may not be assigned by Licensee without the consent of
    # Licensor": while that is in force the Licensee cannot
    store = real("real-arconic-trademark-licence")
    answer = ask(
        store, "Can Arconic Inc assign the agreement without the Licensor's consent on 1 June 2021?"
    )
    assert _first(answer) == (
        "assignment-restriction",
        "no",
    )


def test_a_scenario_s_notice_is_the_one_resting_on_the_event_named_with_it() -> None:
    # XIMAGE 13(a): "either party may terminate ... upon sixty (60) days written notice" for
    # a failure to perform; named with the failure, "XIMAGE gives notice of termination" is
    # that notice (not s. 11's notice ending MORPHO's licence): 14 February 1996 + 60 days,
    # a leap year, is 14 April, the last day
    store = real("real-ximage-maintenance")
    answer = ask(
        store,
        "Is the agreement in force on 15 April 1996 if MORPHO fails to perform a material"
        " obligation on 1 February 1996 and XIMAGE gives notice of termination on"
        " 14 February 1996?",
    )
    assert (answer.rows[0]["answer"], answer.rows[0]["status"]) == ("no", "ended")
    assert "1996-04-14" in answer.rows[0]["reason"]


def test_the_use_of_a_right_nothing_gives_rise_to_takes_a_ground() -> None:
    # Corio 11.2: after an uncured material breach "the nonbreaching party may terminate this
    # Agreement on written notice": the Agreement ends, and Commerce One's trademark licence
    # (6.1, "During the term") with it; with no breach dated, the notice alone would count
    # for nothing, so the answer takes a ground on the agreement's date and says so
    store = real("real-corio-commerceone-hosting")
    answer = ask(store, "What does Commerce One lose if Corio terminates for breach?")
    assert any(r["provision"].endswith("/trademark-licence") for r in answer.rows)
    assert any("is taken to happen on 1999-10-29" in said for said in answer.assumptions)
    # a ground the question dates is kept, and nothing is taken
    answer = ask(
        store,
        "What changes when Corio terminates for breach on 1 June 2001 if Corio gives notice"
        " of a material breach on 1 March 2001?",
    )
    assert not any("is taken to happen" in said for said in answer.assumptions)


def test_on_termination_leaves_out_what_only_expiry_brings() -> None:
    # Jaguars 3(b): unused Annual Trade Value may be used "within twelve (12) months
    # following expiration of this Agreement", not after a sooner termination
    store = real("real-jaguars-sponsorship")
    termination = {r["provision"] for r in ask(store, "What happens on termination?").rows}
    expiry = {r["provision"] for r in ask(store, "What happens on expiry?").rows}
    window = "https://w3id.org/pactgraph/id/jaguars-arc-sponsorship-2017/unused-trade-value"
    assert window in expiry
    assert window not in termination


def test_what_is_owed_to_a_party_and_no_one_ever_acting() -> None:
    # China Recycling / Chengli: "what is owed to Party B" is "what is Party B owed"
    store = real("real-collaboration")
    assert ask(store, "what is owed to party b").rows == ask(store, "What is Party B owed?").rows
    # Data Call / plan_b 7.1: "no one ever gives" is "a party never gives"
    licence = real("real-softlicence")
    answer = ask(licence, "What if no one ever gives written notification of termination?")
    assert answer.form == "never"
    assert answer.rows


def test_more_wordings_of_lifetime_survival_dates_and_terminations() -> None:
    # Smaaash 10.2: Franchisor may audit "after providing a written notice of 5 (five) days":
    # notice on 30 December 2019, the right from 4 January 2020
    smaaash = real("real-smaaash-franchise")
    answer = ask(
        smaaash,
        "When may Smaaash audit I-AM Capital if Franchisee receives Franchisor's written notice"
        " of an audit on 30 December 2019?",
    )
    assert (answer.form, answer.answer.start) == ("lifetime", dt.date(2020, 1, 4))
    # Jaguars 3(b): twelve months following expiration; the season concludes 12 February 2023
    jaguars = real("real-jaguars-sponsorship")
    answer = ask(
        jaguars,
        "How long does the Club have to use unused trade value if the 2022/23 NFL season"
        " concludes on 12 February 2023?",
    )
    assert answer.answer.end == dt.date(2024, 2, 29)
    answer = ask(jaguars, "When does the right to use unused trade value close?")
    assert answer.form == "lifetime"
    # Data Call / plan_b 6.3: confidentiality survives "for 2 years"
    licence = real("real-softlicence")
    answer = ask(licence, "does confidentiality survive cancellation, and for how long")
    assert answer.form == "survives"
    assert answer.rows
    # ATMOS: the agreement is dated 20 May 1992; deliveries that take place happen
    atmos = real("real-atmos-transportation")
    answer = ask(atmos, "what date does the transportation agreement bear")
    assert answer.form == "dated"
    assert ask(atmos, "What changes when initial deliveries take place on 1 August 1993?").rows
    # Nantz: "Can Nantz Communications terminate after a merger?"
    nantz = real("real-nantz-promotion")
    assert ask(nantz, "Can Nantz Communications terminate after a merger?").rows


def test_lists_asked_for_and_scenarios_after_more_wordings() -> None:
    # eGain 10.2: sections 4, 5, 7, 8, 10.2 and 12 survive
    egain = real("real-egain-hosting")
    listed = ask(egain, "List the provisions that survive expiry of the hosting agreement")
    asked = ask(egain, "which provisions survive expiry of the hosting agreement")
    assert listed.form == "survives"
    assert listed.rows == asked.rows
    medalist = real("real-medalist-consulting")
    assert ask(medalist, "list everything gunston owes medalist").form == "stance"
    # Medalist 9.7(d): the Consultant's indemnity lasts "three (3) years from the date of
    # termination": bankruptcy on 10 October 2020, to 10 October 2023
    answer = ask(
        medalist,
        "How long does the indemnity by Consultant last if Gunston goes bankrupt on"
        " 10 October 2020?",
    )
    assert answer.answer.end == dt.date(2023, 10, 10)
    # CCA 8.01(a)(i): thirty days to cure after receipt on 10 March 2015; from 10 April
    cca = real("real-cca-outsourcing")
    answer = ask(
        cca,
        "what is the first day CCA can terminate for the uncured breach if Emerson receives"
        " written notice of its material breach on 10 March 2015",
    )
    assert answer.answer.start == dt.date(2015, 4, 10)
    # 7.03: insurance "a minimum of three years following termination": 19 July 2019
    answer = ask(
        cca,
        "until when must CCA keep the products liability insurance if CCA gives notice of"
        " intent not to renew on 19 January 2016",
    )
    assert answer.answer.end == dt.date(2019, 7, 19)


def test_what_a_party_loses_when_the_last_of_several_events_comes() -> None:
    # Gentech 7(c)(ii): ninety days after the demand of 1 March 2021 run out on 30 May; the
    # termination on 1 June ends the Agreement, and with it the Distributor's exclusivity
    store = real("real-gentech-distributor")
    answer = ask(
        store,
        "What does the Distributor lose if the Distributor receives Company's written demand"
        " on 1 March 2021 and Company terminates for the Distributor's uncorrected failure on"
        " 1 June 2021?",
    )
    assert answer.answer.event.date == dt.date(2021, 6, 1)
    ended = {r["provision"].rsplit("/", 1)[1] for r in answer.rows if r["change"] == "ends"}
    assert {"exclusive-appointment", "no-direct-sales"} <= ended


def test_a_scenario_first_a_term_of_years_expiring_and_a_bar_on_an_act() -> None:
    # Equidata: a late charge 31 days after the invoice; the scenario may come first
    affiliate = real("real-affiliate")
    first = ask(affiliate, "if Equidata issues an invoice on 15 May 2011, when does the late"
                           " charge begin?")  # fmt: skip
    assert first.answer.start == dt.date(2011, 6, 15)
    assert ask(affiliate, "who can terminate with cause?").rows
    # China Recycling: "The term of the agreement is 20 years" from the signing: it expires,
    # and Party B's right to dispose of the equipment follows
    collaboration = real("real-collaboration")
    expiry = {r["provision"] for r in ask(collaboration, "What happens when the agreement"
                                                         " expires?").rows}  # fmt: skip
    assert any(p.endswith("/party-b-disposition") for p in expiry)
    # Data Call / plan_b 8.2: "Neither Party shall assign or transfer ... without the prior
    # written consent": while that is in force plan_b cannot
    licence = real("real-softlicence")
    answer = ask(licence, "can plan_b assign the agreement on 1 May 2007")
    assert answer.rows[0]["provision"].endswith("/assignment-restriction")
    assert answer.rows[0]["answer"] == "no"


def test_a_promise_not_to_in_the_label_and_the_bar_whose_words_come_in_order() -> None:
    # Quaker / Gulf 1(c): "Gulf Oil and Gulf India each agree ... not to acquire ... control"
    # (the first quote of the provision is the recital naming Gulf India): owed by Gulf India
    store = real("real-noncompete")
    owed = {r["provision"].rsplit("/", 1)[1] for r in ask(store, "what does Gulf India owe").rows}
    assert "schedule-1-acquisitions" in owed
    # 1(d): "each Seller shall not induce, solicit or recruit employees", not the no-hire of
    # employees reached by a general solicitation: three years after a closing on 1 August
    # 2019, still in force on 1 August 2022
    answer = ask(
        store,
        "Is Gulf Houghton barred from soliciting Quaker employees on 1 August 2022 if the"
        " closing occurs on 1 August 2019?",
    )
    assert _first(answer) == (
        "non-solicit",
        "yes",
    )


def test_an_agreement_by_its_title_e_mail_and_an_option_exercised() -> None:
    # Jaguars: "the sponsorship agreement" is the agreement its title names, not the
    # provision on the Sponsor's agreement with the Concessionaire
    jaguars = real("real-jaguars-sponsorship")
    answer = ask(jaguars, "how much notice is needed to terminate the sponsorship agreement")
    assert answer.rows == ask(jaguars, "how much notice is needed to terminate the agreement").rows
    # 3(c): an invoice delivered "personally or by electronic mail" is one "by e-mail"
    found = resolve(jaguars, "Club delivers the invoice by e-mail", ["event"])
    assert found.endswith("/invoice-delivered")
    # Nantz 15(B): the options end with the Term; "exercise the first option" names it
    nantz = real("real-nantz-promotion")
    answer = ask(
        nantz,
        "can Nantz still exercise the first option on 1 April 2000 if the Company and Nantz"
        " consent to terminate the agreement on 1 March 2000",
    )
    assert _first(answer) == (
        "option-1",
        "no",
    )
    assert ask(nantz, "what if no notice of a failure to comply is ever given").form == "never"


def test_can_with_no_day_a_promise_to_buy_exclusively_and_more_than() -> None:
    # Quaker / Gulf 5: "Buyer shall ... be entitled to seek injunctive relief", no end: today
    noncompete = real("real-noncompete")
    answer = ask(noncompete, "Can Quaker seek an injunction?")
    assert answer.answer.on == dt.date.today()
    assert answer.rows[0]["answer"] == "yes"
    # Cremer / Ultragenyx 1.3: "Ultragenyx shall purchase the Product exclusively from
    # Cremer", a promise owed to Cremer
    supply = real("real-supplyterm")
    owed = {r["provision"].rsplit("/", 1)[1] for r in ask(supply, "What does Ultragenyx owe"
                                                                   " Cremer?").rows}  # fmt: skip
    assert "exclusive-purchase" in owed
    # ATMOS IV: Shipper does not nominate "a total quantity ... that exceeds the MDQ"
    atmos = real("real-atmos-transportation")
    answer = ask(
        atmos,
        "Can the Shipper nominate more than the MDQ on 1 January 2000 if initial deliveries"
        " are on 1 August 1993?",
    )
    assert _first(answer) == (
        "nomination-limit",
        "no",
    )


def test_a_gerund_clause_takes_the_subject_before_it_and_notice_after_a_reason() -> None:
    # Bravatek 10(b)(ii): Reseller may terminate for cause once Company "ceases to do
    # business"; "after ceasing to do business" is Bravatek's, the one given the notice
    bravatek = real("real-bravatek-reseller")
    answer = ask(
        bravatek,
        "When does the agreement end if Bravatek is given i3's notice of termination for cause"
        " on 10 October 2017 after ceasing to do business on 3 October 2017?",
    )
    assert answer.answer.end == dt.date(2017, 10, 9)
    # Nantz: "terminate after a merger" is a reason, not a provision's name
    nantz = real("real-nantz-promotion")
    answer = ask(
        nantz, "How much notice does Nantz Communications need to give to terminate after a merger?"
    )
    assert [r["trigger"].rsplit("/", 1)[1] for r in answer.rows] == ["merger-termination-notice"]


def test_a_way_of_ending_that_comes_by_itself_is_no_party_s_to_take() -> None:
    # China Recycling / Chengli: "The term of the agreement is 20 years" from the signing;
    # Party A can end it only with Party B's written agreement, not by letting time pass
    store = real("real-collaboration")
    ways = {r["trigger"].rsplit("/", 1)[1] for r in ask(store, "Can Party A terminate?").rows}
    assert "twenty-years" not in ways
    assert "twenty-years" in {
        r["trigger"].rsplit("/", 1)[1] for r in ask(store, "how can the agreement end?").rows
    }


def test_what_starts_when_the_agreement_ends() -> None:
    # Smaaash 8.4: "Upon the termination of this Agreement, any indebtedness of Franchisee ...
    # shall become immediately due", the purchase option, the relicensing right; not the
    # franchise grant, which ends
    store = real("real-smaaash-franchise")
    starts = {r["provision"].rsplit("/", 1)[1] for r in ask(store, "what starts when the"
                                                                   " agreement ends?").rows}  # fmt: skip
    assert {"post-termination-duties", "purchase-option", "relicensing-right"} <= starts
    assert "franchise-grant" not in starts
    every = {r["provision"].rsplit("/", 1)[1] for r in ask(store, "what happens when the"
                                                                  " agreement ends?").rows}  # fmt: skip
    assert starts < every


def test_the_notice_an_act_other_than_ending_needs() -> None:
    # eGain 5: eGain may adjust the monthly fee "upon at least sixty (60) days prior written
    # notice" before the new term: the adjusted fee's start and its words
    store = real("real-egain-hosting")
    answer = ask(store, "How many days' notice does eGain need to give to adjust the monthly fee?")
    assert answer.form == "lifetime"
    assert answer.answer.provision.endswith("/adjusted-monthly-fee")
    assert "sixty (60) days" in answer.answer.quote


def test_what_changes_in_a_month() -> None:
    # Equidata 7.2: termination "with cause upon thirty (30) days written notice"; 12: notice
    # is effective the day after delivery: delivered 10 March 2010, effective 11 March, the
    # first day out 10 April and the last day in force, the day an ending row gives, 9 April
    store = real("real-affiliate")
    answer = ask(
        store,
        "what ends in April 2010 if written notice of termination with cause is delivered on"
        " 10 March 2010",
    )
    assert answer.form == "on day"
    assert (answer.answer.on, answer.answer.until) == (dt.date(2010, 4, 1), dt.date(2010, 4, 30))
    assert {r["day"] for r in answer.rows} == {"2010-04-09"}


def test_a_window_asked_as_open() -> None:
    # Equidata 2: a dispute "within 10 days of the due date"; the invoice of 15 May 2011 is
    # due in 30 days, 14 June, so the window closes after 24 June
    store = real("real-affiliate")
    answer = ask(
        store,
        "Is the dispute window still open on 25 June 2011 if Equidata issues an invoice on"
        " 15 May 2011?",
    )
    assert _first(answer) == ("dispute-demand-window", "no")


def test_the_last_day_a_notice_of_non_renewal_is_in_time() -> None:
    # Cremer / Ultragenyx 5.1: a three-year Initial Term from 19 November 2012, renewing for
    # two years, unless notice comes "at least three calendar months before the expiration":
    # terms end 18 November 2015, 2017, 2019; notices by 18 August of those years
    supply = real("real-supplyterm")
    answer = ask(supply, "When is the last day to give notice of non-renewal?")
    assert answer.form == "lifetime"
    assert answer.rows[0]["notice by"].split("; ") == [
        "2015-08-18 (the term then ends 2015-11-18)",
        "2017-08-18 (the term then ends 2017-11-18)",
        "2019-08-18 (the term then ends 2019-11-18)",
    ]
    # Data Call / plan_b 7.1: one six-month extension unless notice "at least 60 days prior
    # to end" (31 March 2008, a leap year): by 31 January; after the extension nothing renews
    licence = real("real-softlicence")
    answer = ask(
        licence,
        "By when must plan_b give written notification of termination to stop the extension?",
    )
    assert answer.rows[0]["notice by"] == "2008-01-31 (the term then ends 2008-03-31)"
