"""Hand-computed answers for the 2025 Microsoft–OpenAI agreement as it stood before its
2026 amendment (``as_of`` 2025-11-01), across dates and scenarios.

Each expectation was worked out from the announcement's text, not from the program's output:
"through 2030" is in force on 2030-12-31 and over on 2031-01-01; "until the expert panel
verifies AGI" ends on the verification day; a verification implies the declaration; the
exclusive IP rights cannot outlive the rights they are exclusivity over (through 2032); the
recapitalization happened on 2025-10-28 (the 10-Q), so the 27 percent stake holds from then
and the 32.5 percent one is a past fact. tests/test_versions.py has the answers as amended.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pactgraph.impact import impact
from pactgraph.load import Store
from pactgraph.state import state

D = dt.date


AS_2025 = D(2025, 11, 1)


def _status(store: Store, on: dt.date, events: dict[str, dt.date] | None = None) -> dict[str, Any]:
    answer = state(store, on, events=events or {}, as_of=AS_2025).as_dict()
    return {p["provision"].rsplit("/", 1)[-1]: p for p in answer["provisions"]}


RESEARCH = [
    "research-ip-rights",
    "research-ip-definition",
    "research-ip-includes",
    "research-ip-excludes",
]
UNTIL_AGI = [
    "azure-api-exclusivity",
    "revenue-share",
    "joint-api-azure-exclusive",
]
THROUGH_2032 = ["ip-models-products", "ip-post-agi-models", "non-research-ip-retained"]
#: until AGI is verified, or through 2032, as the rights it is exclusivity over
UNTIL_AGI_OR_2032 = ["exclusive-ip-rights"]
NO_END = [
    "pbc-support", "stake-post-recap", "frontier-model-partner", "agi-verification",
    "consumer-hardware-carve-out", "joint-development", "non-api-any-cloud",
    "microsoft-pursue-agi", "revenue-share-payments", "azure-purchase", "natsec-api-access",
    "open-weight-release",
]  # fmt: skip


@pytest.mark.parametrize(
    ("on", "events", "in_force", "ended"),
    [
        # no AGI: research IP runs through 2030, the IP rights through 2032
        (D(2030, 12, 31), {}, RESEARCH + UNTIL_AGI + UNTIL_AGI_OR_2032 + THROUGH_2032 + ["compute-thresholds"], []),
        (D(2031, 1, 1), {}, UNTIL_AGI + UNTIL_AGI_OR_2032 + THROUGH_2032 + ["compute-thresholds"], RESEARCH),
        (D(2032, 12, 31), {}, THROUGH_2032 + UNTIL_AGI_OR_2032, RESEARCH),
        (D(2033, 1, 1), {}, [*UNTIL_AGI, "compute-thresholds"], RESEARCH + THROUGH_2032 + UNTIL_AGI_OR_2032),
        # AGI verified before the 2030 deadline: research IP ends with the verification
        (D(2029, 3, 1), {"AGI verified": D(2029, 3, 1)}, THROUGH_2032, RESEARCH + UNTIL_AGI + UNTIL_AGI_OR_2032 + ["compute-thresholds"]),
        (D(2029, 2, 28), {"AGI verified": D(2029, 3, 1)}, RESEARCH + UNTIL_AGI + UNTIL_AGI_OR_2032 + ["compute-thresholds"], []),
        # verified after the deadline: research IP had already ended through 2030
        (D(2031, 6, 1), {"AGI verified": D(2031, 6, 1)}, THROUGH_2032, RESEARCH + UNTIL_AGI + UNTIL_AGI_OR_2032 + ["compute-thresholds"]),
        # a declaration without verification: only the pre-declaration compute thresholds end
        (D(2029, 6, 1), {"AGI declared": D(2029, 1, 1)}, RESEARCH + UNTIL_AGI + UNTIL_AGI_OR_2032 + THROUGH_2032, ["compute-thresholds"]),
    ],
)  # fmt: skip
def test_statuses_on_dates(
    store: Store, on: dt.date, events: dict[str, dt.date], in_force: list[str], ended: list[str]
) -> None:
    got = _status(store, on, events)
    for name in [*in_force, *NO_END]:
        assert got[name]["status"] == "in_force", (name, got[name]["reason"])
    for name in [*ended, "compute-rofr", "stake-pre-dilution"]:
        assert got[name]["status"] == "ended", (name, got[name]["reason"])


def test_the_removed_right_of_first_refusal_is_never_in_force(store: Store) -> None:
    got = _status(store, D(2025, 10, 28))["compute-rofr"]
    assert got["status"] == "ended"
    assert "removed" in got["reason"]


def test_the_recorded_recapitalization_starts_the_stake_and_ends_the_past_one(store: Store) -> None:
    got = _status(store, D(2025, 10, 28))
    assert got["stake-post-recap"]["status"] == "in_force"
    assert got["stake-post-recap"]["start"] == "2025-10-28"
    assert got["stake-pre-dilution"]["status"] == "ended"
    assert got["stake-pre-dilution"]["end"] == "2025-10-27"
    before = _status(store, D(2025, 10, 27))
    assert before["stake-pre-dilution"]["status"] == "in_force"


def test_stake_begins_with_the_recapitalization(store: Store) -> None:
    assert (
        _status(store, D(2026, 1, 1), {"recapitalization": D(2025, 12, 1)})["stake-post-recap"][
            "status"
        ]
        == "in_force"
    )
    assert (
        _status(store, D(2025, 11, 30), {"recapitalization": D(2025, 12, 1)})["stake-post-recap"][
            "status"
        ]
        == "not_started"
    )


def test_undated_agi_makes_exclusivities_conditional(store: Store) -> None:
    got = _status(store, D(2027, 1, 1))
    for name in [*UNTIL_AGI, *UNTIL_AGI_OR_2032, "research-ip-rights", "compute-thresholds"]:
        assert got[name]["conditional"], name
        assert got[name]["end_condition"], name
    assert "AGI verified" in got["azure-api-exclusivity"]["end_condition"]
    assert not got["ip-models-products"]["conditional"]
    assert got["ip-models-products"]["end"] == "2032-12-31"


def test_verification_implies_the_declaration(store: Store) -> None:
    answer = state(
        store, D(2030, 1, 1), events={"AGI verified": D(2029, 3, 1)}, as_of=AS_2025
    ).as_dict()
    implied = [e for e in answer["scenario"] if e["source"] == "implied"]
    assert [(e["label"], e["date"]) for e in implied] == [("AGI declared", "2029-03-01")]
    assert answer["notes"]
    assert "AGI declared" in answer["notes"][0]


def test_ripple_reports_the_path(store: Store) -> None:
    got = _status(store, D(2029, 6, 1), {"AGI verified": D(2029, 3, 1)})
    joint = got["joint-api-azure-exclusive"]
    assert [p.rsplit("/", 1)[-1] for p in joint["path"]] == [
        "azure-api-exclusivity",
        "joint-api-azure-exclusive",
    ]
    assert "Azure API exclusivity" in joint["reason"]
    natsec = got["natsec-api-access"]
    assert natsec["status"] == "in_force"
    assert [p.rsplit("/", 1)[-1] for p in natsec["modified_by"]] == ["azure-api-exclusivity"]


def _changes(answer: dict[str, Any]) -> set[tuple[str, str, str, str | None]]:
    return {
        (c["provision"].rsplit("/", 1)[-1], c["change"], c["cause"], c["condition"])
        for c in answer["changes"]
    }


def test_what_changes_when_agi_is_verified(store: Store) -> None:
    before_2031 = "if before 2031-01-01"
    before_2033 = "if before 2033-01-01"
    assert _changes(impact(store, "AGI is verified", as_of=AS_2025).as_dict()) == {
        ("exclusive-ip-rights", "ends", "direct", before_2033),
        ("azure-api-exclusivity", "ends", "direct", None),
        ("revenue-share", "ends", "direct", None),
        ("research-ip-rights", "ends", "direct", before_2031),
        ("compute-thresholds", "ends", "prerequisite", None),
        ("joint-api-azure-exclusive", "ends", "ripple", None),
        ("natsec-api-access", "modified", "ripple", None),
        ("consumer-hardware-carve-out", "modified", "ripple", before_2033),
        ("revenue-share-payments", "modified", "ripple", None),
        ("ip-models-products", "modified", "ripple", before_2033),
    }


def test_impact_on_a_date_after_the_research_deadline(store: Store) -> None:
    got = _changes(impact(store, "agi-verified", on=D(2031, 3, 1), as_of=AS_2025).as_dict())
    assert ("research-ip-rights", "ends", "direct", None) not in got
    assert ("azure-api-exclusivity", "ends", "direct", None) in got
    assert {c[0] for c in got}.isdisjoint(RESEARCH)


def test_impact_of_the_declaration_alone(store: Store) -> None:
    assert _changes(impact(store, "AGI declared", on=D(2028, 1, 1), as_of=AS_2025).as_dict()) == {
        ("compute-thresholds", "ends", "direct", None)
    }


def test_impact_paths_are_graph_edges(store: Store) -> None:
    answer = impact(store, "AGI verified", on=D(2028, 1, 1), as_of=AS_2025).as_dict()
    by_name = {c["provision"].rsplit("/", 1)[-1]: c for c in answer["changes"]}
    steps = by_name["compute-thresholds"]["steps"]
    assert [s["relation"] for s in steps] == ["requires", "endsWith"]
    assert [s["predicate"].rsplit("#", 1)[-1] for s in steps] == ["requires", "endsWith"]
    api = by_name["joint-api-azure-exclusive"]
    assert api["path_labels"][:2] == ["AGI verified", "Azure API exclusivity"]
    assert [s["relation"] for s in api["steps"]] == ["endsWith", "dependsOn"]
    # the definitions of research IP go with the rights they define: no rows of their own
    assert not {"research-ip-definition", "research-ip-includes"} & set(by_name)


def test_an_undated_impact_says_from_when_the_event_is_tried(store: Store) -> None:
    # the earliest agreement is dated 2025-10-28: the event is tried from the day after, and
    # on a day before the agreements nothing is in force for it to change, so a condition
    # such as "if before 2031-01-01" speaks of the days from 2025-10-29 only
    undated = impact(store, "AGI verified")
    assert any("tried on every day from 2025-10-29" in note for note in undated.notes)
    assert any(c.condition for c in undated.changes)
    assert not impact(store, "AGI verified", on=D(2025, 10, 1)).changes
    dated = impact(store, "AGI verified", on=D(2029, 3, 1))
    assert not any("tried on every day" in note for note in dated.notes)
