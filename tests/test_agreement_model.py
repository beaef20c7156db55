"""The bundled agreement models what the announcement says: written from reading the source
text by hand, each test names the words it checks and finds them in the text first."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest

from pactgraph.load import Store
from pactgraph.query import select
from pactgraph.resources import agreements_dir

TEXT = (agreements_dir() / "microsoft-openai-2025-10-28.txt").read_text(encoding="utf-8")
AGREEMENT = "https://w3id.org/pactgraph/id/microsoft-openai-2025"
PG = "https://w3id.org/pactgraph/ns#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def rows(store: Store, query: str, **bindings: str) -> list[dict[str, Any]]:
    import pyoxigraph as ox

    terms = {name: ox.NamedNode(value) for name, value in bindings.items()}
    return select(store, query, terms)


def provisions_quoting(store: Store, words: str) -> list[dict[str, Any]]:
    """The provisions of the agreement whose quote contains ``words`` (which the text must hold)."""
    assert words in TEXT, words
    return [
        r
        for r in rows(
            store,
            """
            SELECT ?agreement ?provision ?kind ?exact WHERE {
              ?agreement pg:provision ?provision .
              ?provision a ?kind ; pg:evidence/oa:exact ?exact .
              GRAPH <https://w3id.org/pactgraph/ns> { ?kind rdfs:subClassOf pg:Provision }
            }""",
            agreement=AGREEMENT,
        )
        if words in r["exact"]
    ]


def one(store: Store, words: str, kind: str, *, ending: bool | None = None) -> str:
    """The one provision of ``kind`` whose quote contains ``words`` (and that has an end, or
    has none, if ``ending`` says so)."""
    found = {r["provision"] for r in provisions_quoting(store, words) if r["kind"] == PG + kind}
    if ending is not None:
        found = {p for p in found if bool(values(store, p, PG + "endsWith")) == ending}
    assert len(found) == 1, (words, kind, found)
    return found.pop()


def party(store: Store, label: str) -> str:
    import pyoxigraph as ox

    (row,) = select(
        store,
        "SELECT ?p ?name WHERE { ?p a pg:Party ; rdfs:label|skos:altLabel ?l . "
        "FILTER(STR(?l) = ?name) }",
        {"name": ox.Literal(label)},
    )
    return str(row["p"])


def values(store: Store, subject: str, prop: str) -> set[Any]:
    return {r["o"] for r in rows(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", s=subject, p=prop)}


def concept(store: Store, label: str) -> str:
    import pyoxigraph as ox

    (row,) = select(
        store,
        "SELECT ?c ?name WHERE { ?c a skos:Concept ; skos:prefLabel ?l . FILTER(STR(?l) = ?name) }",
        {"name": ox.Literal(label)},
    )
    return str(row["c"])


def labels(store: Store, nodes: set[str]) -> set[str]:
    out = set()
    for node in nodes:
        out |= {
            str(v) for v in values(store, node, "http://www.w3.org/2004/02/skos/core#prefLabel")
        }
    return out


# ------------------------------------------------------------------ the eleven bullets

BULLETS = [line.strip(" •") for line in TEXT.splitlines() if line.lstrip().startswith("•")]

#: How many provisions each "What has evolved" bullet holds, read by hand:
MINIMUM = [
    1,  # a declaration of AGI is verified by the panel
    2,  # IP rights extended through 2032; they now include models post-AGI
    5,  # research IP: the right, its definition, its inclusion, its exclusions, the retained right
    1,  # consumer hardware is carved out
    3,  # joint development; joint API products on Azure; non-API products on any cloud
    1,  # Microsoft may pursue AGI
    1,  # compute thresholds before AGI is declared
    2,  # the revenue share until verification; payments over a longer period
    2,  # the $250B Azure purchase; the right of first refusal removed
    1,  # API access for US national security customers
    1,  # open weight models
]


def test_there_are_eleven_bullets() -> None:
    assert len(BULLETS) == 11
    assert "What has evolved:" in TEXT


@pytest.mark.parametrize("number", range(1, 12))
def test_each_bullet_maps_to_provisions(store_2025: Store, number: int) -> None:
    bullet = BULLETS[number - 1]
    found = {
        r["provision"]
        for sentence in re.split(r"(?<=[.!?]) +", bullet)
        for r in provisions_quoting(store_2025, sentence)
    }
    assert len(found) >= MINIMUM[number - 1], (number, bullet, found)


def test_preserved_elements_are_kept(store_2025: Store) -> None:
    words = "OpenAI remains Microsoft’s frontier model partner"
    found = provisions_quoting(store_2025, words)
    assert {r["kind"].removeprefix(PG) for r in found} >= {"StatedFact", "Exclusivity"}
    assert len({r["provision"] for r in found}) == 3  # partner, exclusive IP, Azure API
    for r in found:
        assert values(store_2025, r["provision"], PG + "change") == {PG + "Kept"}


def test_ip_rights_now_include_models_post_agi(store_2025: Store) -> None:
    post_agi = one(store_2025, "now includes models post-AGI", "Right", ending=False)
    assert values(store_2025, post_agi, PG + "covers") == {concept(store_2025, "models post-AGI")}
    (condition,) = values(store_2025, post_agi, PG + "condition")
    assert "appropriate safety guardrails" in condition
    assert values(store_2025, post_agi, PG + "change") == {PG + "New"}


def test_consumer_hardware_is_carved_out_of_the_ip_rights(store_2025: Store) -> None:
    carve_out = one(store_2025, "now exclude OpenAI’s consumer hardware", "Restriction")
    assert values(store_2025, carve_out, PG + "covers") == {
        concept(store_2025, "consumer hardware")
    }
    assert one(store_2025, "extended through 2032", "Right", ending=True) in values(
        store_2025, carve_out, PG + "carveOutOf"
    )
    assert values(store_2025, carve_out, PG + "change") == {PG + "Narrowed"}


# ------------------------------------------------------------------ the research-IP bullet


def test_research_ip_right(store_2025: Store) -> None:
    right = one(store_2025, "Microsoft’s IP rights to research", "Right")
    research = concept(store_2025, "research IP")
    assert values(store_2025, right, PG + "holder") == {party(store_2025, "Microsoft")}
    assert values(store_2025, right, PG + "covers") == {research}
    (end,) = values(store_2025, right, PG + "endsWith")
    assert values(store_2025, end, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == {
        PG + "EarliestOf"
    }
    members = values(store_2025, end, PG + "member")
    assert len(members) == 2
    dates = {
        d for m in members for d in values(store_2025, m, "http://www.w3.org/2006/time#inXSDDate")
    }
    assert dates == {dt.date(2030, 12, 31)}
    (event,) = [m for m in members if PG + "Event" in values(store_2025, m, RDF_TYPE)]
    assert values(store_2025, event, PG + "actor") == {
        party(store_2025, "independent expert panel")
    }


def test_research_ip_definition(store_2025: Store) -> None:
    definition = one(store_2025, "defined as the confidential methods", "Definition")
    research = concept(store_2025, "research IP")
    assert values(store_2025, definition, PG + "covers") == {research}
    (meaning,) = values(store_2025, research, "http://www.w3.org/2004/02/skos/core#definition")
    assert "confidential methods used in the development of models and systems" in meaning.lower()


def test_research_ip_inclusion(store_2025: Store) -> None:
    inclusion = one(store_2025, "Research IP includes, for example", "Definition")
    research = concept(store_2025, "research IP")
    included = values(store_2025, research, PG + "includes")
    assert labels(store_2025, included) == {"models for internal deployment or research only"}
    assert values(store_2025, inclusion, PG + "covers") == included


EXCLUDED = {
    "model architecture",
    "model weights",
    "inference code",
    "finetuning code",
    "data center hardware and software IP",
}


def test_research_ip_exclusions(store_2025: Store) -> None:
    exclusions = one(store_2025, "research IP does not include", "Definition")
    research = concept(store_2025, "research IP")
    excluded = values(store_2025, research, PG + "excludes")
    assert labels(store_2025, excluded) == EXCLUDED
    assert values(store_2025, exclusions, PG + "covers") == excluded
    # an excluded category is not also included
    assert not excluded & values(store_2025, research, PG + "includes")


def test_non_research_ip_retained(store_2025: Store) -> None:
    retained = one(store_2025, "Microsoft retains these non-Research IP rights", "Right")
    assert values(store_2025, retained, PG + "holder") == {party(store_2025, "Microsoft")}
    assert labels(store_2025, values(store_2025, retained, PG + "covers")) == EXCLUDED


# ------------------------------------------------------------------ the stake


def test_stake_after_recapitalization(store_2025: Store) -> None:
    stake = one(store_2025, "valued at approximately $135 billion", "StatedFact")
    assert "roughly 27 percent" in TEXT
    assert values(store_2025, stake, PG + "amount") == {Decimal(135_000_000_000)}
    assert values(store_2025, stake, PG + "currency") == {"USD"}
    assert values(store_2025, stake, PG + "percentage") == {Decimal(27)}
    assert values(store_2025, stake, PG + "approximate") == {True}
    assert values(store_2025, stake, PG + "holder") == {party(store_2025, "Microsoft")}
    (basis,) = values(store_2025, stake, PG + "basis")
    assert "as-converted diluted basis" in basis
    assert basis in TEXT
    (start,) = values(store_2025, stake, PG + "startsWith")
    assert "recapitalization" in {str(v) for v in values(store_2025, start, RDFS_LABEL)}


def test_stake_before_recent_funding_rounds(store_2025: Store) -> None:
    stake = one(store_2025, "Microsoft held a 32.5 percent stake", "StatedFact")
    assert values(store_2025, stake, PG + "percentage") == {Decimal("32.5")}
    assert values(store_2025, stake, PG + "approximate") == {False}
    assert values(store_2025, stake, PG + "amount") == set()
    (basis,) = values(store_2025, stake, PG + "basis")
    assert "as-converted basis in the OpenAI for-profit" in basis


def test_azure_purchase_amount(store_2025: Store) -> None:
    purchase = one(store_2025, "purchase an incremental $250B of Azure services", "Obligation")
    assert values(store_2025, purchase, PG + "amount") == {Decimal(250_000_000_000)}
    assert values(store_2025, purchase, PG + "currency") == {"USD"}
    assert values(store_2025, purchase, PG + "counterparty") == {party(store_2025, "OpenAI")}


# ------------------------------------------------------------------ triggers


@pytest.mark.parametrize("year", sorted(set(re.findall(r"through (\d{4})", TEXT))))
def test_through_a_year_ends_at_the_end_of_its_last_day(store_2025: Store, year: str) -> None:
    import pyoxigraph as ox

    found = select(
        store_2025,
        """
        SELECT ?last ?trigger ?boundary ?exact WHERE {
          ?trigger a pg:DateTrigger ; time:inXSDDate ?last ; pg:evidence/oa:exact ?exact .
          OPTIONAL { ?trigger pg:dayBoundary ?boundary }
        }""",
        {"last": ox.Literal(f"{year}-12-31", datatype=ox.NamedNode(XSD_DATE))},
    )
    assert len(found) == 1, (year, found)
    assert found[0]["boundary"] == PG + "EndOfDay"
    assert f"through {year}" in found[0]["exact"]


def test_ip_rights_for_models_and_products_end_through_2032(store: Store) -> None:
    right = one(store, "extended through 2032", "Right", ending=True)
    (end,) = values(store, right, PG + "endsWith")
    assert values(store, end, "http://www.w3.org/2006/time#inXSDDate") == {dt.date(2032, 12, 31)}
    assert values(store, right, PG + "change") == {PG + "Extended"}


def events(store: Store) -> dict[str, str]:
    return {
        str(r["label"]): str(r["e"])
        for r in rows(store, "SELECT ?e ?label WHERE { ?e a pg:Event ; rdfs:label ?label }")
    }


def test_agi_verified_requires_agi_declared(store_2025: Store) -> None:
    known = events(store_2025)
    assert values(store_2025, known["AGI verified"], PG + "requires") == {known["AGI declared"]}
    assert values(store_2025, known["AGI declared"], PG + "requires") == set()
    assert values(store_2025, known["AGI declared"], PG + "actor") == {party(store_2025, "OpenAI")}
    assert values(store_2025, known["AGI verified"], PG + "actor") == {
        party(store_2025, "independent expert panel")
    }


def test_revenue_share_ends_when_agi_is_verified(store_2025: Store) -> None:
    share = one(store_2025, "The revenue share agreement remains until", "Obligation", ending=True)
    assert values(store_2025, share, PG + "endsWith") == {events(store_2025)["AGI verified"]}
    payments = [
        r for r in provisions_quoting(store_2025, "payments will be made over a longer period")
    ]
    assert any(r["provision"] != share for r in payments)


def test_compute_thresholds_end_when_agi_is_declared(store_2025: Store) -> None:
    thresholds = one(store_2025, "subject to compute thresholds", "Restriction")
    assert values(store_2025, thresholds, PG + "endsWith") == {events(store_2025)["AGI declared"]}


# ------------------------------------------------------------------ every provision


def test_every_provision_has_one_kind_a_holder_a_quote_and_a_change(store_2025: Store) -> None:
    found = rows(
        store_2025,
        """
        SELECT ?agreement ?provision (COUNT(DISTINCT ?kind) AS ?kinds)
               (COUNT(DISTINCT ?holder) AS ?holders) (COUNT(DISTINCT ?quote) AS ?quotes)
               (COUNT(DISTINCT ?change) AS ?changes)
        WHERE {
          ?agreement pg:provision ?provision .
          OPTIONAL {
            ?provision a ?kind .
            GRAPH <https://w3id.org/pactgraph/ns> { ?kind rdfs:subClassOf pg:Provision }
          }
          OPTIONAL { ?provision pg:holder ?holder . ?holder a pg:Party }
          OPTIONAL { ?provision pg:evidence ?quote . ?quote oa:exact ?exact }
          OPTIONAL { ?provision pg:change ?change }
        }
        GROUP BY ?agreement ?provision""",
        agreement=AGREEMENT,
    )
    assert len(found) == 26
    for row in found:
        assert row["kinds"] == 1, row
        assert row["holders"] >= 1, row
        assert row["quotes"] >= 1, row
        # the 32.5 percent stake is a past fact (it ended with the recapitalization), not a
        # term the agreement keeps or changes
        past = row["provision"] == f"{AGREEMENT}/stake-pre-dilution"
        assert row["changes"] == (0 if past else 1), row


def test_every_party_is_quoted(store_2025: Store) -> None:
    found = rows(
        store_2025,
        """SELECT ?agreement ?party ?exact WHERE {
             ?agreement pg:party|pg:signatory ?party . ?party pg:evidence/oa:exact ?exact }""",
        agreement=AGREEMENT,
    )
    assert len({r["party"] for r in found}) == 7
    for row in found:
        assert row["exact"] in TEXT


# ------------------------------------------------------------------ interpretations


def interpretations(store: Store) -> list[dict[str, Any]]:
    return rows(
        store,
        """
        SELECT ?i ?wording ?reading (COUNT(DISTINCT ?alt) AS ?alternatives)
               (GROUP_CONCAT(DISTINCT STR(?p); separator=" ") AS ?provisions)
        WHERE {
          ?i a pg:Interpretation ; pg:wording ?wording ; pg:reading ?reading .
          OPTIONAL { ?i pg:alternative ?alt }
          OPTIONAL { ?p pg:interpretation ?i }
        }
        GROUP BY ?i ?wording ?reading""",
    )


def test_interpretation_wording_is_verbatim(store_2025: Store) -> None:
    found = interpretations(store_2025)
    assert found
    for row in found:
        assert row["wording"] in TEXT, row["wording"]
        assert row["alternatives"] >= 1
        assert row["reading"] not in TEXT  # a reading is our words, not a copy of the text


def test_until_agi_readings_are_recorded(store_2025: Store) -> None:
    until = [
        r
        for r in interpretations(store_2025)
        if "until Artificial General Intelligence" in r["wording"]
    ]
    assert until
    attached = {p for r in until for p in r["provisions"].split()}
    # every provision of the "preserved" sentence that ends with AGI rests on a reading of it
    preserved = provisions_quoting(store_2025, "until Artificial General Intelligence (AGI)")
    ending = {
        r["provision"] for r in preserved if values(store_2025, r["provision"], PG + "endsWith")
    }
    assert len(ending) == 2
    assert ending <= attached
    # and the reading says which AGI: the verified one, as the provisions then model it (the
    # exclusive IP rights end with it or with the last right they are exclusivity over)
    verified = events(store_2025)["AGI verified"]
    for provision in ending:
        (end,) = values(store_2025, provision, PG + "endsWith")
        assert end == verified or verified in values(store_2025, end, PG + "member"), provision
    # whether "until AGI" also bounds the frontier-model partnership is recorded too
    partner = one(store_2025, "frontier model partner", "StatedFact")
    assert values(store_2025, partner, PG + "interpretation")
    assert values(store_2025, partner, PG + "endsWith") == set()
