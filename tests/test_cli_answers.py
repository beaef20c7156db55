"""state, impact and ask as a user runs them: tables, Markdown, JSON, and bad input."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, assert_one_line_error, run_cli


def test_demo_question_prints_a_table_with_quotes() -> None:
    result = run_cli("ask", "what changes when AGI is verified?")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "What changes when AGI verified happens" in out
    assert "AGI declared is assumed to happen with AGI verified" in out
    assert "Azure API exclusivity" in out
    assert "if before 2031-01-01" in out
    assert "Quotes:" in out
    assert "“The revenue share agreement remains until the expert panel verifies AGI" in out


def test_impact_json_has_the_documented_shape() -> None:
    args = ("impact", "agi-verified", "--on", "2029-03-01", "--format", "json")
    # as the 2025 terms stood: the exclusivities end, their exceptions are modified
    result = run_cli(*args, "--as-of", "2025-11-01")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["event"]["label"] == "AGI verified"
    assert data["on"] == "2029-03-01"
    change = data["changes"][0]
    assert set(change) >= {"provision", "label", "change", "cause", "path", "quote", "condition"}
    assert set(change) >= {"how", "sources", "steps", "before", "after"}
    assert {c["change"] for c in data["changes"]} == {"ends", "modified"}
    assert {c["cause"] for c in data["changes"]} == {"direct", "prerequisite", "ripple"}
    # as amended on 2026-04-27: the exclusivities and the AGI-bound revenue share are gone by
    # 2029, so AGI ends only the research IP rights (through 2030 or AGI) and, through the
    # declaration it implies, the compute thresholds
    today = json.loads(run_cli(*args).stdout)
    assert {(c["label"], c["change"], c["cause"]) for c in today["changes"]} == {
        ("Microsoft's IP rights to research", "ends", "direct"),
        (
            "compute thresholds on AGI models Microsoft develops with OpenAI's IP before AGI is declared",
            "ends",
            "prerequisite",
        ),
    }
    assert any("takes effect on 2026-04-27" in note for note in today["notes"])


def test_state_json_has_the_documented_shape() -> None:
    result = run_cli(
        "state", "--on", "2031-07-01", "--event", "AGI verified=2029-03-01", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["on"] == "2031-07-01"
    # the recapitalization is recorded as having happened on 2025-10-28
    assert [(e["label"], e["source"]) for e in data["scenario"]] == [
        ("recapitalization", "recorded"),
        ("AGI declared", "implied"),
        ("AGI verified", "given"),
    ]
    statuses = {p["label"]: p["status"] for p in data["provisions"]}
    assert statuses["Azure API exclusivity"] == "ended"
    # replaced on 2026-04-27 by the non-exclusive licence, in force through 2032
    assert statuses["Microsoft's IP rights for models and products, through 2032"] == "ended"
    licence = "Microsoft's non-exclusive licence to OpenAI IP for models and products, through 2032"
    assert statuses[licence] == "in_force"
    for p in data["provisions"]:
        assert set(p) >= {"provision", "label", "status", "reason", "quote"}
        assert p["status"] in {"in_force", "ended", "not_started"}


def test_state_markdown_and_status_filter() -> None:
    result = run_cli("state", "--on", "2031-01-01", "--status", "ended", "--format", "md")
    assert result.returncode == 0, result.stderr
    assert "| status | label | reason | quote |" in result.stdout
    assert "in_force" not in result.stdout
    assert "Microsoft's IP rights to research" in result.stdout


def test_state_of_one_agreement_and_its_versions() -> None:
    data = ("--data", str(DATA / "probe-days"))
    result = run_cli("state", "--on", "2026-06-01", "--agreement", "supply of 2026", *data,
                     "--format", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["provisions"]
    assert sorted(r["label"] for r in rows) == ["base right", "later right"]
    # an agreement's later version comes with it: the bundled 2025 agreement and its 2026
    # amendment are the whole of the bundled state
    both = run_cli("state", "--on", "2031-07-01", "--agreement", "microsoft-openai-2025",
                   "--format", "json")  # fmt: skip
    assert json.loads(both.stdout) == json.loads(
        run_cli("state", "--on", "2031-07-01", "--format", "json").stdout
    )
    missing = run_cli("state", "--on", "2031-07-01", "--agreement", "no such deal")
    assert_one_line_error(missing, 2, "no agreement named")


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("What does Microsoft still hold on 1 July 2031?", "non-exclusive licence to OpenAI IP for models and products"),
        ("Which rights cover model weights?", "Microsoft retains the non-research IP rights"),
        ("What depends on Azure API exclusivity?", "API products developed with third parties"),
        ("What is in force on 2031-07-01 if AGI is verified on 2029-03-01?", "open weight models"),
        ("Who holds rights to consumer hardware?", "OpenAI may jointly develop"),
    ],
)  # fmt: skip
def test_ask_forms(question: str, needle: str) -> None:
    result = run_cli("ask", question, "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert any(needle in str(row.get("label")) for row in rows), rows
    table = run_cli("ask", question)
    assert table.returncode == 0, table.stderr
    assert "Quotes:" in table.stdout


def test_ask_holds_on_a_date_leaves_out_what_has_ended() -> None:
    result = run_cli("ask", "what does Microsoft hold on 2033-01-01", "--format", "json")
    labels = {p["label"] for p in json.loads(result.stdout)["answer"]["provisions"]}
    # the Azure API exclusivity became, on 2026-04-27, the primary cloud partnership, which
    # has no end; the licences run through 2032
    assert (
        "Microsoft is OpenAI's primary cloud partner: OpenAI products ship first on Azure" in labels
    )
    assert "Azure API exclusivity" not in labels
    assert not {label for label in labels if "through 2032" in label}
    as_2025 = run_cli(
        "ask", "what does Microsoft hold on 2033-01-01", "--as-of", "2025-11-01", "-f", "json"
    )
    labels = {p["label"] for p in json.loads(as_2025.stdout)["answer"]["provisions"]}
    assert "Azure API exclusivity" in labels  # until AGI, which no one has verified


def test_ask_on_another_agreement() -> None:
    lease = str(DATA / "lease" / "agreement.ttl")
    result = run_cli("ask", "what changes when keys are handed over", "--data", lease)
    assert result.returncode == 0, result.stderr
    assert "lease of Unit 4" in result.stdout
    assert "begins" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["state", "--on", "2031-13-01"], 2, "not a date"),
        (["state", "--on", "tomorrow"], 2, "YYYY-MM-DD"),
        (["state", "--on", "2031-01-01", "--event", "AGI verified"], 2, "NAME=DATE"),
        (["state", "--on", "2031-01-01", "--event", "AGI anounced=2030-01-01"], 2, "no event named"),
        (["impact", "AGI", "--on", "2030-01-01"], 2, "could be any of"),
        (["impact", "Microsoft"], 2, "no event named"),
        (["state", "--on", "2031-01-01", "--event", "AGI verified=2029-01-01", "--event", "AGI declared=2029-06-01"], 2, "after AGI verified"),
        (["ask", "what is the meaning of life"], 2, "what changes / starts / ends when EVENT"),
        (["state"], 2, "--on"),
    ],
)  # fmt: skip
def test_bad_input(args: list[str], code: int, needle: str) -> None:
    assert_one_line_error(run_cli(*args), code, needle)


def test_ask_what_the_agreement_changed() -> None:
    result = run_cli(
        "ask", "What did this agreement change from the terms before it?", "-f", "json"
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    by_change: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        version = row["agreement"].rsplit("-", 1)[-1]
        key = (version, row["change"])
        by_change.setdefault(key, set()).add(row["provision"].rsplit("/", 1)[-1])
    assert by_change["2025", "Removed"] == {"compute-rofr"}
    assert by_change["2025", "Extended"] == {"ip-models-products", "revenue-share-payments"}
    assert by_change["2025", "Narrowed"] == {"research-ip-rights", "consumer-hardware-carve-out"}
    assert "azure-api-exclusivity" in by_change["2025", "Kept"]
    # the amendment of 2026-04-27, bullet by bullet
    assert by_change["2026", "Removed"] == {
        "exclusive-ip-rights-removed",
        "joint-api-azure-exclusive-removed",
    }
    assert by_change["2026", "Narrowed"] == {
        "primary-cloud-partner",
        "non-exclusive-ip-licence",
        "revenue-share-through-2030",
    }
    assert by_change["2026", "Extended"] == {"all-products-any-cloud"}
    assert by_change["2026", "New"] == {"no-revenue-share-to-openai"}
    assert by_change["2026", "Kept"] == {"major-shareholder"}


def test_answers_say_which_reading_they_take() -> None:
    result = run_cli("state", "--on", "2027-01-01", "--format", "json")
    provisions = {p["label"]: p for p in json.loads(result.stdout)["provisions"]}
    (reading,) = provisions["Azure API exclusivity"]["interpretations"]
    assert "verified by the independent expert panel" in reading["reading"]
    assert any("declared by OpenAI" in a for a in reading["alternatives"])
    table = run_cli("ask", "what changes when AGI is verified")
    assert "Readings taken where the wording is ambiguous:" in table.stdout


def test_an_event_named_twice_happens_on_each_date() -> None:
    """A notice of termination given before the right to give it arose (2026-03-01), then
    again in time: the second counts (2026-03-05 + 60 days: last day 2026-05-04)."""
    result = run_cli(
        "state", "--data", str(DATA / "exercise-window"), "--on", "2026-06-01",
        "--event", "termination-notice=2026-02-27", "--event", "termination-notice=2026-03-05",
        "--format", "json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert [e["date"] for e in answer["scenario"]] == ["2026-02-27", "2026-03-05"]
    licence = next(p for p in answer["provisions"] if p["provision"].endswith("/licence"))
    assert licence["end"] == "2026-05-04"
    both = run_cli(
        "state", "--data", str(DATA / "exercise-window"), "--on", "2026-06-01",
        "--event", "termination-notice=2026-02-27", "--event", "termination-notice=never",
    )  # fmt: skip
    assert_one_line_error(both, 2, "both to happen and never to")
