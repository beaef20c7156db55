"""The bundled agreement as it stands: the 2025 terms, amended on 2026-04-27.

Each expectation is read from the texts: the amendment's five bullets (quoted verbatim by
secondary sources) replace the Azure API exclusivity with a primary cloud partnership, make
Microsoft's licence non-exclusive (repealing the exclusive IP rights), let OpenAI serve all
its products on any cloud, end Microsoft's revenue share to OpenAI, and run OpenAI's revenue
share through 2030 whatever happens to AGI; what they do not mention carries over.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from conftest import assert_one_line_error, run_cli
from pactgraph.diff import diff
from pactgraph.errors import UsageError
from pactgraph.load import Store
from pactgraph.lookup import claims
from pactgraph.query import select
from pactgraph.state import state

D = dt.date
V1 = "https://w3id.org/pactgraph/id/microsoft-openai-2025"
V2 = "https://w3id.org/pactgraph/id/microsoft-openai-2026"


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _status(store: Store, on: dt.date, **options: Any) -> dict[str, Any]:
    return {_local(p.provision): p for p in state(store, on, **options).provisions}


def test_before_the_amendment_takes_effect_the_2025_terms_apply(store: Store) -> None:
    got = _status(store, D(2026, 4, 26))
    assert got["azure-api-exclusivity"].status == "in_force"
    assert got["exclusive-ip-rights"].status == "in_force"
    assert got["primary-cloud-partner"].status == "not_started"
    assert got["primary-cloud-partner"].start == D(2026, 4, 27)


def test_from_2026_04_27_the_amended_terms_apply(store: Store) -> None:
    got = _status(store, D(2027, 1, 1))
    for replaced in (
        "azure-api-exclusivity",
        "ip-models-products",
        "revenue-share",
        "non-api-any-cloud",
    ):
        assert got[replaced].status == "ended", replaced
        assert got[replaced].end == D(2026, 4, 26), replaced
        assert "replaced by" in got[replaced].reason, got[replaced].reason
    assert got["exclusive-ip-rights"].status == "ended"
    assert "repealed" in got["exclusive-ip-rights"].reason
    assert got["exclusive-ip-rights-removed"].status == "ended"  # a repeal is never in force
    for new in ("primary-cloud-partner", "non-exclusive-ip-licence", "all-products-any-cloud",
                "revenue-share-through-2030", "no-revenue-share-to-openai", "major-shareholder"):  # fmt: skip
        assert got[new].status == "in_force", new
        assert got[new].start == D(2026, 4, 27), new
    assert got["revenue-share-through-2030"].end == D(2030, 12, 31)
    assert not got["revenue-share-through-2030"].conditional  # independent of AGI
    assert got["non-exclusive-ip-licence"].end == D(2032, 12, 31)


def test_unmentioned_terms_carry_over(store: Store) -> None:
    got = _status(store, D(2027, 1, 1))
    # research IP (through 2030 or AGI), the expert panel, compute thresholds, the purchase
    for kept in ("research-ip-rights", "agi-verification", "compute-thresholds", "azure-purchase"):
        assert got[kept].status == "in_force", kept
    assert got["research-ip-rights"].conditional  # AGI could still end it
    # "OpenAI can now serve all its products ... across any cloud provider": the Azure
    # exclusivity of jointly developed API products is repealed with it
    assert got["joint-api-azure-exclusive"].status == "ended"
    assert got["joint-api-azure-exclusive"].end == D(2026, 4, 26)
    # what rested on a replaced term rests on its replacement, and lasts as long
    assert got["ip-post-agi-models"].status == "in_force"
    assert got["ip-post-agi-models"].end == D(2032, 12, 31)
    # an exception to the replaced exclusivity is not left without a rule to except from
    assert got["natsec-api-access"].modified_by == ()
    # a carve-out of the repealed exclusive rights is: they are gone
    assert [_local(q) for q in got["consumer-hardware-carve-out"].modified_by] == [
        "exclusive-ip-rights"
    ]


def test_as_of_before_publication_gives_the_2025_answer(store: Store) -> None:
    got = _status(store, D(2027, 1, 1), as_of=D(2025, 11, 1))
    assert got["azure-api-exclusivity"].status == "in_force"
    assert got["azure-api-exclusivity"].conditional  # until AGI is verified
    assert "primary-cloud-partner" not in got
    on_the_day = _status(store, D(2027, 1, 1), as_of=D(2026, 4, 27))
    assert on_the_day["azure-api-exclusivity"].status == "ended"  # published that day


def test_the_exclusive_ip_rights_cannot_outlive_what_they_qualify(store: Store) -> None:
    as_2025 = D(2025, 11, 1)
    assert (
        _status(store, D(2032, 12, 31), as_of=as_2025)["exclusive-ip-rights"].status == "in_force"
    )
    assert _status(store, D(2033, 1, 1), as_of=as_2025)["exclusive-ip-rights"].status == "ended"


def test_diff_lists_each_change_of_version_2(store: Store) -> None:
    rows = {(r.change, r.old_provision and _local(r.old_provision), r.new_provision and _local(r.new_provision))
            for r in diff(store, V1, V2).rows}  # fmt: skip
    assert {r for r in rows if r[0] != "carried over"} == {
        ("substituted", "azure-api-exclusivity", "primary-cloud-partner"),
        ("substituted", "ip-models-products", "non-exclusive-ip-licence"),
        ("substituted", "revenue-share", "revenue-share-through-2030"),
        ("substituted", "non-api-any-cloud", "all-products-any-cloud"),
        ("repealed", "exclusive-ip-rights", "exclusive-ip-rights-removed"),
        ("repealed", "joint-api-azure-exclusive", "joint-api-azure-exclusive-removed"),
        ("inserted", None, "no-revenue-share-to-openai"),
        ("kept", "stake-post-recap", "major-shareholder"),
    }
    carried = {old for change, old, _ in rows if change == "carried over"}
    # every 2025 provision the amendment does not revise (7 of 26), less the 2025 text's own
    # repeal of the right of first refusal
    assert len(carried) == 26 - 7 - 1
    assert "compute-rofr" not in carried
    assert {"research-ip-rights", "agi-verification", "compute-thresholds"} <= carried


def test_diff_by_date_and_on_the_command_line(store: Store) -> None:
    by_date = diff(store, "2025-12-31", "2026-12-31")
    assert (by_date.old, by_date.new) == (V1, V2)
    result = run_cli("diff", V1, V2, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    repealed = {r["old_quote"] for r in data["rows"] if r["change"] == "repealed"}
    assert repealed == {r.old_quote for r in by_date.rows if r.change == "repealed"}
    assert len(repealed) == 2
    table = run_cli("diff", V1, V2)
    assert "substituted (narrowed)" in table.stdout
    assert "Quotes:" in table.stdout
    assert_one_line_error(run_cli("diff", "1999-01-01", V2), 2, "no version published")


def test_revisions_query_returns_each_revision(store: Store) -> None:
    rows = select(store, "revisions")
    assert {(_local(r["provision"]), _local(r["revises"])) for r in rows} == {
        ("primary-cloud-partner", "azure-api-exclusivity"),
        ("non-exclusive-ip-licence", "ip-models-products"),
        ("revenue-share-through-2030", "revenue-share"),
        ("all-products-any-cloud", "non-api-any-cloud"),
        ("exclusive-ip-rights-removed", "exclusive-ip-rights"),
        ("joint-api-azure-exclusive-removed", "joint-api-azure-exclusive"),
        ("major-shareholder", "stake-post-recap"),
    }
    assert {r["effectiveFrom"] for r in rows} == {D(2026, 4, 27)}
    assert {r["previous"] for r in rows} == {V1}


def test_a_reported_cap_is_a_claim_never_a_term(store: Store) -> None:
    (claim,) = claims(store).claims
    assert claim.confirmed is False
    assert claim.about is not None
    assert _local(claim.about) == "revenue-share-through-2030"
    assert claim.source is not None
    assert claim.source.kind == "PressReport"
    assert any("$38 billion" in quote for quote in claim.quotes)
    assert any("declined" in quote for quote in claim.quotes)
    assert claim.claim not in {p.provision for p in state(store, D(2027, 1, 1)).provisions}
    # asked about the 2025 revenue share, the claim about its 2026 replacement is found
    (about_v1,) = claims(store, f"{V1}/revenue-share").claims
    assert about_v1.claim == claim.claim
    assert claims(store, f"{V1}/azure-api-exclusivity").claims == ()
    result = run_cli("ask", "what is reported?", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["form"] == "reported"


def test_answers_list_their_sources_and_can_keep_to_primary_ones(store: Store) -> None:
    got = _status(store, D(2027, 1, 1))
    kinds = {s.kind for s in got["primary-cloud-partner"].sources}
    assert kinds == {"SecondaryQuotation"}
    assert {s.kind for s in got["stake-post-recap"].sources} >= {
        "PartyDocument",
        "RegulatoryFiling",
    }
    primary = _status(store, D(2027, 1, 1), min_evidence="party-document")
    assert "primary-cloud-partner" not in primary  # the amendment is known only at second hand
    assert primary["azure-api-exclusivity"].status == "in_force"
    # the answer says what it left out, as it says which versions it rests on
    (note,) = [n for n in state(store, D(2027, 1, 1), min_evidence="party-document").notes
               if "party-document" in n]  # fmt: skip
    assert "weaker sources is left out" in note
    assert not [n for n in state(store, D(2027, 1, 1)).notes if "sources or stronger" in n]
    with pytest.raises(UsageError, match="not a kind of evidence"):
        state(store, D(2027, 1, 1), min_evidence="rumour")
    assert_one_line_error(
        run_cli("state", "--on", "2027-01-01", "--min-evidence", "rumour"), 2, "rumour"
    )


def test_what_changes_when_agi_is_verified_as_the_agreement_stands(store: Store) -> None:
    """Until the amendment takes effect, verification would end the 2025 exclusivities and
    the AGI-bound revenue share; from 2026-04-27 those are replaced or repealed, and it ends
    only the research IP rights (until 2031, when they end through 2030 anyway) and, through
    the declaration it implies, the compute thresholds."""
    from pactgraph.impact import impact

    before = "if before 2026-04-27"
    got = {
        (_local(c.provision), c.change.value, c.cause.value, c.condition)
        for c in impact(store, "AGI is verified").changes
    }
    assert got == {
        ("azure-api-exclusivity", "ends", "direct", before),
        ("exclusive-ip-rights", "ends", "direct", before),
        ("revenue-share", "ends", "direct", before),
        ("research-ip-rights", "ends", "direct", "if before 2031-01-01"),
        ("compute-thresholds", "ends", "prerequisite", None),
        ("joint-api-azure-exclusive", "ends", "ripple", before),
        ("consumer-hardware-carve-out", "modified", "ripple", before),
        ("ip-models-products", "modified", "ripple", before),
        ("natsec-api-access", "modified", "ripple", before),
        ("revenue-share-payments", "modified", "ripple", before),
    }


def test_a_carve_out_carries_over_to_the_replacement_and_a_repeal_covers_nothing(
    store: Store,
) -> None:
    from pactgraph.lookup import covering

    # "Microsoft's IP rights now exclude OpenAI's consumer hardware": still so for the licence
    # that replaced them
    hardware = {_local(c.provision) for c in covering(store, f"{V1}/consumer-hardware").provisions}
    assert "non-exclusive-ip-licence" not in hardware
    assert "ip-models-products" not in hardware
    weights = {_local(c.provision) for c in covering(store, f"{V1}/model-weights").provisions}
    assert "non-exclusive-ip-licence" in weights
    assert not {"exclusive-ip-rights-removed", "joint-api-azure-exclusive-removed"} & weights


#: The 2026 version: published after 2025-12-31, and known only at second hand (press
#: quotations), so either option leaves it out.
WITHOUT_2026 = ({"as_of": D(2025, 12, 31)}, {"min_evidence": "party-document"})


@pytest.mark.parametrize("options", WITHOUT_2026, ids=["as-of", "min-evidence"])
def test_every_lookup_keeps_to_the_versions_and_sources_asked_for(
    store: Store, options: dict[str, Any]
) -> None:
    """Without the 2026 version, Microsoft's exclusive IP rights are not repealed (they run
    through 2032 unless AGI is verified first), nothing changes as 2026-04-27 begins, and no
    row stands on a 2026 provision."""
    from pactgraph.lookup import (
        changes,
        changes_in,
        changes_on,
        covering,
        excluding,
        in_force,
        lifetime,
        lifetimes,
    )
    from pactgraph.model import model

    v2 = {p for p, row in model(store).provisions.items() if row.agreement == V2}
    rights = f"{V1}/exclusive-ip-rights"
    verdict = in_force(store, rights, D(2026, 6, 1), **options)
    assert verdict.status == "in_force", verdict.reason
    assert "repealed" not in verdict.reason
    life = lifetime(store, rights, **options)
    assert life.end == D(2032, 12, 31)  # as the 2025 terms have it, through 2032
    assert "later version" not in life.ends, life.ends
    assert not v2 & set(lifetimes(store, **options))
    assert changes_on(store, D(2026, 4, 27), **options).changes == ()
    assert not v2 & {c.provision for c in changes_in(store, D(2026, 1, 1), D(2026, 12, 31),
                                                     **options).changes}  # fmt: skip
    assert not v2 & {
        e.provision for e in excluding(store, "consumer hardware", **options).provisions
    }
    assert not v2 & {c.provision for c in covering(store, "models", **options).provisions}
    assert not v2 & {c.provision for c in changes(store, **options).changes}
    assert claims(store, **options).claims == ()  # the one claim is about a 2026 provision
    for hidden in (f"{V2}/primary-cloud-partner",):
        with pytest.raises(UsageError, match="not among the provisions"):
            in_force(store, hidden, D(2026, 6, 1), **options)
        with pytest.raises(UsageError, match="not among the provisions"):
            lifetime(store, hidden, **options)


@pytest.mark.parametrize(
    "question",
    [
        "is Microsoft's exclusive IP rights in force on 2026-06-01",
        "when does Microsoft's exclusive IP rights end",
        "what changes on 2026-04-27",
        "what changes in 2026",
        "which provisions exclude consumer hardware",
        "which provisions cover models",
        "who holds rights to models",
        "what changed",
        "what is reported",
    ],
)
@pytest.mark.parametrize("flag", [["--as-of", "2025-12-31"], ["--min-evidence", "party-document"]])
def test_every_ask_form_keeps_to_the_versions_and_sources_asked_for(
    question: str, flag: list[str]
) -> None:
    result = run_cli("ask", question, *flag, "--format", "json")
    assert result.returncode == 0, result.stderr
    text = json.dumps(json.loads(result.stdout)["rows"])
    assert V2 not in text, text
    assert "2026-04-27" not in text
    assert "repealed" not in text


@pytest.mark.parametrize(
    "question",
    [
        "is Microsoft no longer pays a revenue share to OpenAI in force on 2026-06-01",
        "when does Microsoft no longer pays a revenue share to OpenAI end",
    ],
)
def test_asking_about_a_provision_the_options_leave_out_says_so(question: str) -> None:
    """A 2026 provision asked about as of 2025-12-31: a usage error naming it, no crash."""
    assert_one_line_error(
        run_cli("ask", question, "--as-of", "2025-12-31"), 2, "not among the provisions"
    )
