"""Names resolve by IRI, prefixed name, local name or label words; unknown and ambiguous fail."""

from __future__ import annotations

import pytest

from pactgraph.errors import UnknownNameError
from pactgraph.load import Store
from pactgraph.resolve import resolve

BASE = "https://w3id.org/pactgraph/id/microsoft-openai-2025/"


@pytest.mark.parametrize(
    "name",
    ["AGI verified", "agi-verified", "AGI Verified", "AGI is verified", "verification of AGI",
     "AGI verification", "agi verifies", f"<{BASE}agi-verified>", f"{BASE}agi-verified"],
)  # fmt: skip
def test_event_names(store: Store, name: str) -> None:
    assert resolve(store, name, kinds=["event"]) == BASE + "agi-verified"


def test_party_and_concept_names(store: Store) -> None:
    assert resolve(store, "microsoft", kinds=["party"]) == BASE + "microsoft"
    assert resolve(store, "OpenAI", kinds=["party"]) == BASE + "openai"
    assert resolve(store, "model weights", kinds=["concept"]) == BASE + "model-weights"


def test_unknown_name_lists_close_candidates(store: Store) -> None:
    with pytest.raises(UnknownNameError) as err:
        resolve(store, "AGI anounced", kinds=["event"])
    assert err.value.candidates
    assert all("AGI" in c for c in err.value.candidates)


def test_ambiguous_name_lists_the_candidates(store: Store) -> None:
    with pytest.raises(UnknownNameError, match="could be any of") as err:
        resolve(store, "AGI", kinds=["event"])
    assert len(err.value.candidates) == 2


def test_kind_restricts_the_search(store: Store) -> None:
    with pytest.raises(UnknownNameError):
        resolve(store, "Microsoft", kinds=["event"])


def test_an_event_named_with_a_party_is_found_by_its_other_names() -> None:
    # NETGEAR's model words its events by role ("Distributor receives ...", an altLabel of
    # Ingram Micro) or as "a party"; people name the party
    from conftest import DATA
    from pactgraph.load import load

    store = load([DATA / "real-netgear-distributor" / "agreement.ttl"])
    base = "https://w3id.org/pactgraph/id/netgear-ingram-1996/"

    def event(name: str) -> str:
        return resolve(store, name, kinds=["event"]).removeprefix(base)

    # the direction of the notice is kept: who receives whose notice
    assert event("Ingram Micro receives NETGEAR's written notice of a material breach") == (
        "distributor-breach-notice"
    )
    assert event("NETGEAR receives Ingram Micro's written notice of a material breach") == (
        "netgear-breach-notice"
    )
    assert event("NETGEAR becomes insolvent") == "insolvency"  # "a party becomes insolvent"
    with pytest.raises(UnknownNameError, match="no event named"):
        event("Ingram Micro wins the lottery")


def test_word_families() -> None:
    from pactgraph.resolve import words

    assert words("termination") == words("terminate") == words("terminating")
    assert words("cancellation") == words("cancelling") == words("cancel")
    assert words("licence") == words("license")
    assert words("non-exclusive") == words("nonexclusive") != words("exclusive")
